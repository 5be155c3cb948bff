#!/usr/bin/env node
// The `elbsim` command. The source is TypeScript, so register tsx's loader first, then hand the
// arguments to cli/main.ts. Setting exitCode (not calling process.exit) lets stdout and stderr
// drain before the process ends.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
