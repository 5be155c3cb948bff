/**
 * A JSON scenario to plain data: `JSON.parse`, then one linear pass over the text for what it
 * would hide from the located reading: a key given twice (JSON.parse keeps the last
 * silently), a mapping beyond the key limit, deep nesting, a `__proto__` key. Any of these,
 * or text JSON.parse refuses (the YAML library reads some of it, and places what it refuses),
 * and the reader steps aside.
 */
import { MAX_DEPTH, MAX_KEYS, stop } from './plain-base.ts';

/** The plain data of a JSON text; throws STOP (plain-base.ts) when it steps aside. */
export function readJson(text: string, keepNulls = false): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return stop(); // the library says where and what (and reads YAML-only spellings)
  }
  checkJsonKeys(text);
  if (value === null || typeof value !== 'object') return value;
  if (!keepNulls) dropNulls(value);
  return value;
}

/**
 * One pass over text JSON.parse accepted: every object's keys must be distinct and at most
 * MAX_KEYS, nesting below MAX_DEPTH. A key is compared as written unless it holds an escape,
 * when it is decoded (`"a"` and `"\u0061"` are the same key).
 */
function checkJsonKeys(text: string): void {
  const stack: (Set<string> | null)[] = [];
  let keys: Set<string> | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push(keys);
      if (stack.length > MAX_DEPTH) stop();
      keys = c === 0x7b ? new Set() : null;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      keys = stack.pop() ?? null;
    } else if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c /* \ */) {
          escaped = true;
          i++;
        }
      }
      if (keys === null) continue;
      let j = i + 1;
      while (j < text.length && isJsonSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 0x3a /* : */) continue; // a value, not a key
      const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
      if (keys.has(key) || keys.size >= MAX_KEYS || key === '__proto__') stop();
      keys.add(key);
    }
  }
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Deletes `key: null` entries of every object inside `root`, in place (root is fresh). */
export function dropNulls(root: object): void {
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (item === null) delete record[key];
      else if (typeof item === 'object') stack.push(item);
    }
  }
}

