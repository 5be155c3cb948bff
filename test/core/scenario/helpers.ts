/**
 * Shared fixtures for the scenario parser's tests: a minimal valid scenario to extend, and
 * shortcuts that return the formatted problems the way `elbsim validate` prints them.
 */
import { expect } from 'vitest';
import { formatIssue } from '../../../core/scenario/format.ts';
import { parseScenario, type ParseOptions } from '../../../core/scenario/parse.ts';
import type { ParseResult, Scenario } from '../../../core/scenario/types.ts';

/** The three required keys; everything else defaults. */
export const MINIMAL = 'name: t\nduration: 1h\nzones: [us-east-1a, us-east-1b]\n';

export function parse(yaml: string, options: ParseOptions & { file?: string } = {}): ParseResult {
  return parseScenario(yaml, options.file ?? 'scenarios/x.yaml', options);
}

/** The formatted errors of an invalid scenario (fails the test if it is valid). */
export function errorsOf(yaml: string, options: ParseOptions & { file?: string } = {}): string[] {
  const result = parse(yaml, options);
  if (result.ok) throw new Error(`expected errors, but the scenario is valid:\n${yaml}`);
  return result.errors.map(formatIssue);
}

/** The one formatted error of an invalid scenario. */
export function errorOf(yaml: string, options: ParseOptions & { file?: string } = {}): string {
  const errors = errorsOf(yaml, options);
  expect(errors, errors.join('\n')).toHaveLength(1);
  return errors[0]!;
}

/** The resolved scenario (fails the test with the formatted errors if invalid). */
export function scenarioOf(yaml: string, options: ParseOptions & { file?: string } = {}): Scenario {
  const result = parse(yaml, options);
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
  return result.scenario;
}

/** MINIMAL plus more keys. */
export function minimalWith(yaml: string): string {
  return MINIMAL + yaml;
}
