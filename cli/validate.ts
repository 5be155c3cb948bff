/**
 * `elbsim validate <scenario>...`: check scenario files without simulating them.
 *
 * Every file is checked even after one fails, so a single pass lists every problem in a folder
 * of scenarios. A file that cannot be read is still a usage error (exit 1), reported after the
 * others have been checked; otherwise any invalid file makes the exit code 2.
 */
import type { Invocation } from './args.ts';
import { EXIT, formatUsageError, ScenarioError, UsageError, type ExitCode } from './errors.ts';
import type { Context } from './io.ts';
import { loadScenario, printIssues } from './scenario-file.ts';

export type ValidateInvocation = Extract<Invocation, { command: 'validate' }>;

export async function validateCommand(invocation: ValidateInvocation, context: Context): Promise<ExitCode> {
  const { io } = context;
  let invalid = 0;
  let unreadable = 0;
  for (const file of invocation.scenarios) {
    let parsed;
    try {
      parsed = await loadScenario(file, [], 'validate', io);
    } catch (error) {
      if (error instanceof ScenarioError) {
        invalid++; // already printed
        continue;
      }
      if (!(error instanceof UsageError)) throw error;
      io.err(formatUsageError(error));
      unreadable++;
      continue;
    }
    printIssues(io, parsed);
    if (parsed.ok) io.out(`ok ${file}\n`);
    else invalid++;
  }
  if (unreadable > 0) return EXIT.usage;
  return invalid > 0 ? EXIT.invalidScenario : EXIT.ok;
}
