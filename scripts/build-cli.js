#!/usr/bin/env node
// Compiles the CLI to plain JavaScript in dist-cli/ (gitignored), so `elbsim` starts without a
// TypeScript loader: `npm install` and `npm ci` run this as the package's `prepare` script, and
// `npm run build:cli` runs it by hand. Two entries, main.js (the command) and sweep-worker.js (a
// batch's worker thread), and the chunks they share, split so that `elbsim help` loads about
// 30 kB and each command loads its code only when it runs. Every file is written beside its
// final name and renamed into place, so a process starting during a rebuild reads a whole old
// file or a whole new one. stamp.json lists the project's own source files that went in, with their
// modification times: bin/elbsim.js compares them and runs the TypeScript instead when any has
// changed since (see README, "How it is built").
//
// esbuild is a devDependency. Without it (`npm ci --omit=dev`) this prints a note and exits 0, and
// elbsim runs its TypeScript through tsx, a dependency: slower to start, same results.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = join(ROOT, 'dist-cli');
const ENTRIES = { main: 'cli/main.ts', 'sweep-worker': 'cli/sweep-worker.ts' };

function readPrevious(stampFile) {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8')).chunks ?? [];
  } catch {
    return [];
  }
}

/** Builds dist-cli/; returns false (after saying why) when esbuild is not installed. */
export async function buildCli({ quiet = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    if (!quiet) console.warn('elbsim: esbuild is not installed (npm ci --omit=dev?); the CLI will run its TypeScript through tsx');
    return false;
  }
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: OUT,
    // Beside the entries, not in a sub-folder: the sources find ../package.json and
    // ../bin/sweep-worker.js relative to their own file, which must stay one level below the root.
    chunkNames: '[name]-[hash]',
    write: false,
    metafile: true,
    logLevel: 'error',
    legalComments: 'none',
    // CommonJS dependencies (seedrandom, yaml) call require(); give each ES module one.
    banner: { js: "import { createRequire as __elbsimRequire } from 'node:module'; const require = __elbsimRequire(import.meta.url);" },
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs).sort()) {
    if (file.startsWith('node_modules/') || file.includes(`${sep}node_modules${sep}`)) continue;
    // The time after the build: a file saved during the build then reads as changed, never as built.
    inputs[file] = statSync(join(ROOT, file)).mtimeMs;
  }
  const stampFile = join(OUT, 'stamp.json');
  const previous = readPrevious(stampFile);
  mkdirSync(OUT, { recursive: true });
  const renames = [];
  const chunks = [];
  const put = (path, contents) => {
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, contents);
    renames.push([partial, path]);
  };
  // Chunks are named by their content, so a new build adds files and never changes an old one;
  // the entries and the stamp are renamed over last.
  const entries = new Set(Object.keys(ENTRIES).map((name) => `${name}.js`));
  for (const file of result.outputFiles) {
    const name = relative(OUT, file.path);
    if (entries.has(name)) continue;
    chunks.push(name);
    if (!existsSync(file.path)) put(file.path, file.contents);
  }
  for (const [from, to] of renames.splice(0)) renameSync(from, to);
  for (const file of result.outputFiles) if (entries.has(relative(OUT, file.path))) put(file.path, file.contents);
  put(stampFile, JSON.stringify({ inputs, chunks }, null, 1) + '\n');
  for (const [from, to] of renames) renameSync(from, to);
  // Keep the previous build's chunks too: a process that started just before this build may
  // still load one of them lazily. Anything older goes.
  const keep = new Set([...entries, 'stamp.json', ...chunks, ...previous]);
  for (const name of readdirSync(OUT)) if (!keep.has(name) && !name.endsWith('.tmp')) rmSync(join(OUT, name), { recursive: true, force: true });
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
