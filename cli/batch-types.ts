/**
 * The option values several commands share: `--set` overrides (run, sweep, the sweep workers),
 * `--vary` paths and `--shard K/N` (sweep, merge). In a module of their own so the argument
 * parser and the sweep modules can both use them without importing each other.
 */

/** `--set PATH=VALUE`: one scenario value replaced before validation (contract section 2). */
export interface Override {
  path: string;
  value: string;
}

/** `--vary PATH=V1,V2,...`: one scenario path and the values it takes, as YAML text. */
export interface Vary {
  path: string;
  values: string[];
}

/** `--shard K/N`, K from 1 to N. */
export interface Shard {
  k: number;
  n: number;
}
