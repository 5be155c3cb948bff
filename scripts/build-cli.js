#!/usr/bin/env node
// Compiles the CLI to plain JavaScript in dist-cli/ (gitignored), so `elbsim` starts without a
// TypeScript loader: `npm install` and `npm ci` run this as the package's `prepare` script, and
// `npm run build:cli` runs it by hand. stamp.json lists the project's own source files that went
// in, with their modification times: bin/elbsim.js compares them and runs the TypeScript instead
// when any has changed since (see README, "How it is built").
//
// Two esbuild passes. The first bundles each command's module (run.js, validate.js, sweep.js,
// merge.js, check.js) and the batch's worker thread (sweep-worker.js) with the chunks they
// share. The second bundles main.js alone, as one file, with those command modules left as
// imports by their fixed names: `elbsim help`, `--version` and a usage error load that one file
// (about 25 kB) and nothing else, since every extra module costs the loader about a millisecond.
// The small modules main.js and the commands both use (errors, arguments, io) are thus in the
// build twice; they hold no state, and the error classes are recognised by a registered symbol
// rather than by their identity (cli/errors.ts).
//
// The build goes into a fresh folder beside dist-cli/ that then replaces it, so dist-cli/ holds
// exactly one build's files, and a failed build leaves the previous one in place, working.
//
// esbuild is a devDependency. Without it (`npm ci --omit=dev`) this prints a note and exits 0, and
// elbsim runs its TypeScript through tsx, a dependency: slower to start, same results.
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = join(ROOT, 'dist-cli');
/** The modules cli/main.ts loads on demand, one a subcommand; each becomes an entry of its own name. */
const COMMANDS = ['run', 'validate', 'sweep', 'merge', 'check'];
const ENTRIES = { ...Object.fromEntries(COMMANDS.map((name) => [name, `cli/${name}.ts`])), 'sweep-worker': 'cli/sweep-worker.ts' };

// CommonJS dependencies (seedrandom, yaml, cli-progress) call require(); give each ES module one.
const BANNER = "import { createRequire as __elbsimRequire } from 'node:module'; const require = __elbsimRequire(import.meta.url);";
const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  metafile: true,
  logLevel: 'error',
  legalComments: 'none',
};

/** Leaves main.ts's `import('./run.ts')` (and the other commands) as imports of the first pass's entries. */
const commandsOutside = {
  name: 'elbsim-commands-outside',
  setup(build) {
    const filter = new RegExp(`^\\./(${COMMANDS.join('|')})\\.ts$`);
    build.onResolve({ filter }, (args) => ({ path: args.path.replace(/\.ts$/, '.js'), external: true }));
  },
};

/** Builds dist-cli/; returns false (after saying why) when esbuild is not installed. */
export async function buildCli({ quiet = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    if (!quiet) console.warn('elbsim: esbuild is not installed (npm ci --omit=dev?); the CLI will run its TypeScript through tsx');
    return false;
  }
  // Beside dist-cli/, not inside it: the sources find ../package.json and ../bin/sweep-worker.js
  // relative to their own file, which must stay one level below the root (so do the chunks).
  const fresh = `${OUT}.${process.pid}.new`;
  const commands = await esbuild.build({ ...COMMON, entryPoints: ENTRIES, splitting: true, outdir: fresh, chunkNames: '[name]-[hash]', banner: { js: BANNER } });
  const main = await esbuild.build({ ...COMMON, entryPoints: { main: 'cli/main.ts' }, outdir: fresh, plugins: [commandsOutside] });
  // main.js must not need require(): it has no banner, and a CommonJS dependency there would
  // also make `elbsim help` slower. Say so at build time, not at a user's first run.
  const mainDeps = Object.keys(main.metafile.inputs).filter((file) => file.includes('node_modules'));
  if (mainDeps.length > 0) throw new Error(`cli/main.ts reaches dependencies (${mainDeps.join(', ')}); load them in a command module instead`);

  const inputs = {};
  for (const file of [...new Set([...Object.keys(commands.metafile.inputs), ...Object.keys(main.metafile.inputs)])].sort()) {
    if (file.startsWith('node_modules/') || file.includes(`${sep}node_modules${sep}`)) continue;
    // The time after the build: a file saved during the build then reads as changed, never as built.
    inputs[file] = statSync(join(ROOT, file)).mtimeMs;
  }
  const old = `${OUT}.${process.pid}.old`;
  rmSync(fresh, { recursive: true, force: true });
  try {
    mkdirSync(fresh);
    for (const file of [...commands.outputFiles, ...main.outputFiles]) writeFileSync(file.path, file.contents);
    writeFileSync(join(fresh, 'stamp.json'), JSON.stringify({ inputs }, null, 1) + '\n');
    // Between these two renames there is no dist-cli/: a process starting then finds no stamp and
    // runs the TypeScript. A process already running from the old build that loads a command
    // module or starts a worker thread after the swap gets the new build's (itself whole).
    const hadOld = existsSync(OUT);
    if (hadOld) renameSync(OUT, old);
    try {
      renameSync(fresh, OUT);
    } catch (error) {
      if (hadOld) renameSync(old, OUT); // the previous build stays
      throw error;
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
  if (!quiet) console.log(`elbsim: compiled the CLI into ${relative(process.cwd(), OUT) || '.'} (${Object.keys(inputs).length} source files)`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildCli();
  } catch (error) {
    console.error(`elbsim: building the CLI failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
