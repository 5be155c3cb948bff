/**
 * No import cycles in core/ or cli/: a module's imports, followed transitively, never lead back
 * to it. Type-only imports count too: a cycle of types still ties the modules' shapes together,
 * so neither can change alone. The graph is read from the source text (static `import` and
 * `export … from`, `import type`, and dynamic `import('…')`), resolving relative specifiers only.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

const STATIC = /^\s*(?:import|export)\s(?:[^;'"`]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers a TypeScript source imports or re-exports from, comments ignored. */
function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(STATIC), ...code.matchAll(DYNAMIC)].map((m) => m[1]!);
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** File → the files it imports (relative imports that resolve to a .ts file). */
function importGraph(dirs: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of dirs.flatMap((d) => tsFiles(join(ROOT, d)))) {
    const targets = importsOf(readFileSync(file, 'utf8'))
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(dirname(file), s))
      .map((p) => [p, `${p}.ts`, join(p, 'index.ts')].find((c) => c.endsWith('.ts') && existsSync(c)))
      .filter((p): p is string => p !== undefined);
    graph.set(relative(ROOT, file), [...new Set(targets.map((t) => relative(ROOT, t)))]);
  }
  return graph;
}

/** Every strongly connected component with more than one module (or a module importing itself), each as a path round its cycle. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  // Tarjan's algorithm; then, for each component, one cycle through its first member.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((component) => {
    const inside = new Set(component);
    const start = component[0]!;
    // Breadth-first from start back to start, inside the component: the shortest cycle through it.
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.shift()!;
      for (const w of graph.get(v) ?? []) {
        if (!inside.has(w) || previous.has(w)) continue;
        previous.set(w, v);
        if (w === start) queue.length = 0;
        else queue.push(w);
      }
    }
    const back: string[] = [];
    for (let v = previous.get(start)!; v !== start; v = previous.get(v)!) back.push(v);
    const cycle = [start, ...back.reverse(), start];
    const others = component.filter((m) => !cycle.includes(m));
    return `${cycle.join(' → ')}${others.length > 0 ? ` (tied in with ${others.join(', ')})` : ''}`;
  }).sort();
}

describe('the import scanner', () => {
  it('reads static, type-only, re-export, side-effect, multi-line and dynamic imports, and skips comments', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from './b.ts';",
      'import {',
      '  c,',
      '  type D,',
      "} from './c.ts';",
      "export type * from './d.ts';",
      "export { e } from './e.ts';",
      "import './f.ts';",
      "const g = await import('./g.ts');",
      "// import { no } from './commented.ts';",
      "/* import { no } from './block.ts'; */",
      "export const text = 'from here';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a.ts', './b.ts', './c.ts', './d.ts', './e.ts', './f.ts', './g.ts']);
  });

  it('finds cycles, including a module importing itself, and nothing in a graph without one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
      ['f', ['d']],
    ]);
    expect(findCycles(graph)).toEqual(['a → b → c → a', 'e → e']);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });
});

describe('import cycles', () => {
  const graph = importGraph(['core', 'cli']);

  it('the graph is read: every module of core/ and cli/, with their imports', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get(join('cli', 'main.ts'))).toContain(join('cli', 'run.ts'));
    expect(graph.get(join('core', 'scenario', 'parse.ts'))).toContain(join('core', 'scenario', 'resolve.ts'));
  });

  it('there are none in core/ and cli/', () => {
    expect(findCycles(graph)).toEqual([]);
  });
});
