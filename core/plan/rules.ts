/**
 * Listener rules of an Application Load Balancer (ALB-LST): conditions on a request's host,
 * path, headers, method, query string and source address, evaluated in ascending priority, the
 * first match winning and the default action applying when none does.
 *
 * AWS's matching rules, as documented for each condition type:
 * - `pathPattern`: case-sensitive, against the path only (not the query string);
 * - `hostHeader`: case-insensitive;
 * - `httpHeader`: the header name and its value both case-insensitive;
 * - `httpRequestMethod`: case-sensitive, no wildcards;
 * - `queryString`: key/value pairs, case-insensitive, the key optional (any key);
 * - `sourceIp`: CIDR blocks containing the client's address.
 * In the first four (and query strings), `*` matches any run of characters (including none and
 * `/`) and `?` exactly one. Values within one condition are alternatives (OR); the conditions of
 * a rule must all hold (AND).
 *
 * A scenario's requests come from a finite set of request classes and client groups, so a
 * listener's rules are compiled once into a table (client group × class → action); per request
 * routing is one lookup (`compileRuleTable`).
 */
import type { QueryMatch, RuleConditions } from '../scenario/types.ts';

export type { QueryMatch, RuleConditions };

/** One request class as the load balancer sees it. */
export interface RequestShape {
  method: string;
  host: string;
  path: string;
  /** Header names as written; matched case-insensitively. */
  headers: Readonly<Record<string, string>>;
  /** Query-string parameters, in order. */
  query: readonly (readonly [key: string, value: string])[];
}

/** A client group's addresses, as one CIDR block. */
export interface ClientRange {
  cidr: string;
}

/**
 * Whether `text` matches `pattern`, with `*` any run of characters and `?` exactly one.
 * Iterative with one backtrack point, so it is linear in practice and never recursive.
 */
export function wildcardMatch(pattern: string, text: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < t.length) {
    if (i < p.length && (p[i] === '?' || p[i] === t[j])) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      mark = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else return false;
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}

/** An IPv4 CIDR block as [network, mask] numbers; null if `cidr` is not one. */
export function parseCidr(cidr: string): [network: number, mask: number] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(cidr.trim());
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return null;
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (bits > 32) return null;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const address = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  return [(address & mask) >>> 0, mask];
}

/** How a client range relates to a condition's block: wholly inside, wholly outside, or straddling it. */
export function rangeWithin(range: string, block: string): 'inside' | 'outside' | 'straddles' {
  const r = parseCidr(range);
  const b = parseCidr(block);
  if (!r || !b) throw new Error(`not an IPv4 CIDR block: ${r ? block : range}`);
  const [rNet, rMask] = r;
  const [bNet, bMask] = b;
  // Inside when the range is at least as narrow and its network falls in the block.
  if ((rMask & bMask) >>> 0 === bMask && (rNet & bMask) >>> 0 === bNet) return 'inside';
  // Otherwise the two overlap only if the block lies in the range.
  return (bNet & rMask) >>> 0 === rNet ? 'straddles' : 'outside';
}

/** Whether a request of class `request` from client range `client` meets every condition of a rule. */
export function matches(conditions: RuleConditions, request: RequestShape, client: ClientRange): boolean {
  const c = conditions;
  if (c.pathPattern && !c.pathPattern.some((p) => wildcardMatch(p, request.path, false))) return false;
  if (c.hostHeader && !c.hostHeader.some((p) => wildcardMatch(p, request.host, true))) return false;
  if (c.httpRequestMethod && !c.httpRequestMethod.includes(request.method)) return false;
  for (const header of c.httpHeader) {
    const value = headerValue(request.headers, header.name);
    if (value === null || !header.values.some((p) => wildcardMatch(p, value, true))) return false;
  }
  for (const alternatives of c.queryString) {
    const hit = alternatives.some((q) => request.query.some(([key, value]) => (q.key === null || wildcardMatch(q.key, key, true)) && wildcardMatch(q.value, value, true)));
    if (!hit) return false;
  }
  if (c.sourceIp && !c.sourceIp.some((block) => rangeWithin(client.cidr, block) === 'inside')) return false;
  return true;
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return null;
}

/**
 * The action index for every (client group, request class): the first rule, in the order given
 * (ascending priority), whose conditions hold, else `defaultAction`. Row-major by client group.
 */
export function compileRuleTable(
  rules: readonly { conditions: RuleConditions; action: number }[],
  defaultAction: number,
  classes: readonly RequestShape[],
  clients: readonly ClientRange[],
): Int32Array {
  const table = new Int32Array(clients.length * classes.length);
  clients.forEach((client, g) => {
    classes.forEach((request, k) => {
      const rule = rules.find((r) => matches(r.conditions, request, client));
      table[g * classes.length + k] = rule ? rule.action : defaultAction;
    });
  });
  return table;
}
