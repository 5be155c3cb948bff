#!/usr/bin/env node
// The `elbsim` command. It runs the compiled JavaScript in dist-cli/ (built by `npm install` /
// `npm ci` through the `prepare` script, or `npm run build:cli`) when that build is there and
// current, and otherwise the TypeScript sources through tsx's loader: a build older than any of
// its source files (dist-cli/stamp.json lists them with their modification times) is never run,
// so an edited source takes effect at once, only slower to start. ELBSIM_CLI=ts always runs the
// TypeScript; ELBSIM_CLI=compiled always runs dist-cli/ without comparing. The choice is passed
// on in ELBSIM_CLI to the sweep's worker threads (bin/sweep-worker.js), so they run the same code.
// Setting exitCode (not calling process.exit) lets stdout and stderr drain before the process ends.
import './v8-tuning.js'; // first: V8's inlining budget, before any simulation code compiles
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** True when dist-cli/ was built from the source files as they are now. */
function compiledIsCurrent() {
  try {
    const { inputs } = JSON.parse(readFileSync(`${root}dist-cli/stamp.json`, 'utf8'));
    let count = 0;
    // Plain path strings, not URLs: this runs before every command, about 120 files (1 ms).
    for (const file in inputs) {
      if (statSync(root + file).mtimeMs !== inputs[file]) return false;
      count++;
    }
    return count > 0;
  } catch {
    return false; // no build, or a source file it names is gone
  }
}

const mode = process.env.ELBSIM_CLI;
if (mode !== undefined && mode !== 'ts' && mode !== 'compiled') {
  process.stderr.write(`elbsim: ELBSIM_CLI must be "ts" or "compiled" (or unset), not "${mode}"\n`);
  process.exit(1);
}
const compiled = mode === 'compiled' || (mode === undefined && compiledIsCurrent());
process.env.ELBSIM_CLI = compiled ? 'compiled' : 'ts';

let main;
if (compiled) {
  try {
    ({ main } = await import('../dist-cli/main.js'));
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist-cli')) throw error;
    process.stderr.write('elbsim: ELBSIM_CLI=compiled but there is no dist-cli/main.js; run `npm run build:cli`\n');
    process.exit(70);
  }
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
