/**
 * Generates docs/scenario-reference.md from the scenario schema (core/scenario/schema.ts,
 * group-schema.ts, scaling-schema.ts): every key with its type, unit, default, allowed range or
 * values, and its note (core/scenario/reference-notes.ts); the defaults that depend on the load
 * balancer type; and an example per section.
 *
 * Types and ranges are read from the schema by asking it: each key's schema is given probe values
 * (true, 5, 5.5, "30s", "zzz", a huge negative and a huge positive number) and what it accepts
 * and the messages it gives name its type and range, in the words a user sees in an error.
 *
 *   npm run docs:reference            writes the file
 *   npm run docs:reference -- --check exits 1 if the file is out of date
 */
import { z } from 'zod';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CROSS_ZONE_DEFAULT, DEFAULT_ALGORITHM, ALGORITHMS_BY_TYPE, HEALTH_CHECK_DEFAULTS, HEALTH_CHECK_TIMEOUT_MAX, LOAD_BALANCER_TYPES, SLOW_START_TYPES, ScenarioFileSchema } from '../core/scenario/schema.ts';
import { referenceNote } from '../core/scenario/reference-notes.ts';
import { formatLimitsTable } from '../core/scenario/limits.ts';

export const REFERENCE_FILE = join(import.meta.dirname, '..', 'docs', 'scenario-reference.md');

// zod's internals: each schema has `_zod.def` with a `type` and, for wrappers, an `innerType`.
type Def = { type: string; innerType?: Schema; shape?: Record<string, Schema>; element?: Schema; options?: Schema[]; in?: Schema; out?: Schema };
type Schema = { _zod: { def: Def }; safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: { message: string }[] } } };

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch']);

function unwrap(schema: Schema): Schema {
  let s = schema;
  for (;;) {
    const def = s._zod.def;
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in && ['object', 'array'].includes(unwrap(def.in)._zod.def.type)) s = def.in;
    // A list checks its length on the raw value first, then pipes it into the array.
    else if (def.type === 'pipe' && def.out && ['object', 'array'].includes(unwrap(def.out)._zod.def.type)) s = def.out;
    else return s;
  }
}

export interface KeyRow {
  path: string;
  type: string;
  defaultValue: string;
  allowed: string;
  required: boolean;
  /** A section (object) or a list of sections: gets its own heading at the top level. */
  nested: boolean;
}

function probe(schema: Schema, value: unknown): { ok: boolean; data?: unknown; message?: string } {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, data: r.data } : { ok: false, message: r.error.issues[0]?.message ?? '' };
}

/** "…; allowed 5s to 300s (AWS X)" → "5s to 300s (AWS X)". */
function allowedPart(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const m = /allowed:? (.*)$/.exec(message);
  return m ? m[1] : undefined;
}

function describeLeaf(schema: Schema): { type: string; allowed: string } {
  const kind = unwrap(schema)._zod.def.type;
  if (kind === 'object') return { type: 'section', allowed: '' };
  if (kind === 'array') return { type: 'list', allowed: '' };
  if (kind === 'record') return { type: 'map', allowed: '' };
  const asBool = probe(schema, true);
  const asDuration = probe(schema, '30s');
  const asInt = probe(schema, 5);
  const asFloat = probe(schema, 5.5);
  const asText = probe(schema, 'zzz');
  const low = probe(schema, -1e9);
  const high = probe(schema, 1e12);
  const ranges = [low, high].map((p) => (p.ok ? undefined : allowedPart(p.message) ?? (/cannot be negative/.test(p.message ?? '') ? '0 or more' : undefined)));
  const range = [...new Set(ranges.filter((r): r is string => r !== undefined))].join('; ');
  if (asDuration.ok && typeof asDuration.data === 'number') return { type: 'duration (s, or 250ms, 30s, 5m, 2h, 1d)', allowed: range || 'any' };
  if (asBool.ok && !asInt.ok) return { type: 'boolean', allowed: 'true, false' };
  if (asInt.ok && !asFloat.ok) return { type: 'integer', allowed: range || 'any' };
  if (asFloat.ok && typeof asFloat.data === 'number') return { type: 'number', allowed: range || 'any' };
  const listed = allowedPart(asText.message);
  if (!asText.ok && listed) return { type: 'one of', allowed: listed };
  if (asText.ok) return { type: 'text', allowed: 'any' };
  return { type: 'see note', allowed: '' };
}

function defaultOf(schema: Schema): string {
  if (!WRAPPERS.has(schema._zod.def.type)) return '';
  const r = probe(schema, undefined);
  if (!r.ok || r.data === undefined) return '';
  if (typeof r.data === 'object' && r.data !== null) return '';
  return r.data === '' ? '`""`' : `\`${String(r.data)}\``;
}

/** Every key of the schema, depth first, in schema order (list items as `[]`). */
export function schemaKeys(): KeyRow[] {
  const rows: KeyRow[] = [];
  const seen = new Set<string>();
  const walk = (schema: Schema, prefix: string): void => {
    const s = unwrap(schema);
    const def = s._zod.def;
    if (def.type === 'object' && def.shape) {
      for (const [key, child] of Object.entries(def.shape)) {
        const path = `${prefix}${key}`;
        if (!seen.has(path)) {
          seen.add(path);
          const { type, allowed } = describeLeaf(child);
          const inner = unwrap(child)._zod.def;
          const nested = inner.type === 'object' || (inner.type === 'array' && !!inner.element && ['object', 'union', 'pipe'].includes(unwrap(inner.element)._zod.def.type));
          const fallback = defaultOf(child);
          const defaultValue = fallback && type.startsWith('duration') ? fallback.replace(/`$/, 's`') : fallback;
          rows.push({ path, type, allowed, defaultValue, required: !WRAPPERS.has(child._zod.def.type), nested });
        }
        walk(child, `${path}.`);
      }
    } else if (def.type === 'array' && def.element) {
      walk(def.element, `${prefix.replace(/\.$/, '')}[].`);
    } else if (def.type === 'union' && def.options) {
      for (const option of def.options) walk(option, prefix);
    } else if (def.type === 'pipe' && def.in) {
      // A value checked by hand (a transform) names the forms it accepts in its metadata.
      const alternatives = (z.globalRegistry.get(s as never) as { alternatives?: Schema[] } | undefined)?.alternatives;
      if (alternatives) for (const option of alternatives) walk(option, prefix);
      else walk(def.in, prefix);
    }
  };
  walk(ScenarioFileSchema as unknown as Schema, '');
  return rows;
}

const EXAMPLES: Readonly<Record<string, string>> = {
  '': 'name: Steady state\nseed: 1\nduration: 40m\nperiod: 1m\nzones: [us-east-1a, us-east-1b, us-east-1c]',
  traffic: 'traffic:\n  rate: [[0s, 100], [30m, 100], [32m, 600], [57m, 600], [60m, 100]]\n  arrivals: poisson\n  clients: 1000',
  loadBalancer: 'loadBalancer:\n  type: application\n  crossZone: true\n  idleTimeout: 60s\n  targetGroup:\n    algorithm: least_outstanding_requests\n    deregistrationDelay: 30s\n    healthCheck: { interval: 10s, timeout: 5s, healthyThreshold: 3, unhealthyThreshold: 2 }',
  autoScaling:
    'autoScaling:\n  minSize: 3\n  maxSize: 20\n  desiredCapacity: 4\n  healthCheckType: ELB\n  policies:\n    - name: cpu-50\n      type: TargetTrackingScaling\n      metric: ASGAverageCPUUtilization\n      targetValue: 50',
  instance: 'instance:\n  type: c7g.large\n  pricePerHour: 0.085\n  bootTime: 90s\n  concurrency: 4\n  serviceTime: { distribution: exponential, mean: 50ms }',
  faults: 'faults:\n  - { at: 10m, action: fail-zone, zone: us-east-1b, for: 10m }\n  - { at: 30m, action: slow-target, count: 1, factor: 5, for: 5m }',
  cloudWatch:
    'cloudWatch:\n  publicationDelay: 60s\n  alarms:\n    - { name: elb-5xx-high, namespace: AWS/ApplicationELB, metric: HTTPCode_ELB_5XX_Count, statistic: Sum, period: 60s,\n        evaluationPeriods: 1, threshold: 100, comparisonOperator: GreaterThanThreshold, treatMissingData: notBreaching }\n    - { name: latency-high, namespace: AWS/ApplicationELB, metric: TargetResponseTime, statistic: p99, period: 60s,\n        evaluationPeriods: 1, threshold: 0.6, comparisonOperator: GreaterThanThreshold }\n  compositeAlarms:\n    - { name: page-oncall, alarmRule: \'ALARM("elb-5xx-high") AND ALARM("latency-high")\' }',
  expect: 'expect:\n  latencyMsP99: { max: 800 }\n  elb5xxRate: { max: 0.045 }   # a fraction: 4.5 %\n  healthyHostsMin: { min: 3 }',
};

const cell = (text: string) => text.replace(/\|/g, '\\|');

function typeDefaults(): string {
  const lines = ['| setting | ' + LOAD_BALANCER_TYPES.join(' | ') + ' |', '|---|' + LOAD_BALANCER_TYPES.map(() => '---').join('|') + '|'];
  const row = (name: string, f: (t: (typeof LOAD_BALANCER_TYPES)[number]) => string) => lines.push(`| ${name} | ${LOAD_BALANCER_TYPES.map((t) => cell(f(t))).join(' | ')} |`);
  row('`crossZone`', (t) => String(CROSS_ZONE_DEFAULT[t]));
  row('`targetGroup.algorithm`', (t) => DEFAULT_ALGORITHM[t]);
  row('allowed algorithms', (t) => ALGORITHMS_BY_TYPE[t].join(', '));
  row('`healthCheck.interval`', (t) => `${HEALTH_CHECK_DEFAULTS[t].intervalS}s`);
  row('`healthCheck.timeout`', (t) => `${HEALTH_CHECK_DEFAULTS[t].timeoutS}s (at most ${HEALTH_CHECK_TIMEOUT_MAX[t]}s)`);
  row('`healthCheck.healthyThreshold`', (t) => String(HEALTH_CHECK_DEFAULTS[t].healthyThreshold));
  row('`healthCheck.unhealthyThreshold`', (t) => String(HEALTH_CHECK_DEFAULTS[t].unhealthyThreshold));
  row('`healthCheck.servedByTarget`', (t) => String(HEALTH_CHECK_DEFAULTS[t].servedByTarget));
  row('`targetGroup.slowStart`', (t) => (SLOW_START_TYPES.includes(t) ? 'allowed' : 'not available'));
  return lines.join('\n');
}

export function renderReference(): string {
  const rows = schemaKeys();
  const out: string[] = [
    '# Scenario reference',
    '',
    '<!-- Generated by `npm run docs:reference` (scripts/scenario-reference.ts) from the schema in core/scenario/ and the notes in core/scenario/reference-notes.ts. Do not edit by hand: a test fails when this file and the schema disagree. -->',
    '',
    'Every key a scenario file (YAML or JSON) may hold. Types and allowed ranges are the ones the',
    'validator enforces, in the words of its error messages; "default" is the value used when the key',
    'is left out (blank: the key is optional with no fixed default, or its default depends on other',
    'keys, as the note says). Durations are seconds, or a number with a unit: `250ms`, `30s`, `5m`,',
    '`2h`, `1d`. Unknown keys are errors. `elbsim validate <file>` checks a file against all of this.',
    '',
    'A value written once can be reused anywhere with a YAML anchor and alias (`instance: &base { … }`,',
    'then `instance: *base`), and a mapping can take the keys of one or more others with a merge key',
    '(`<<: *base` or `<<: [*a, *b]`; its own keys win, and the first mapping listed wins over later',
    'ones). An alias must come after its anchor; aliases may expand to at most 1,000,000 nodes in all',
    '(`aliasNodes` below) and not nest deeper than the nesting limit.',
    '',
  ];
  const sections = ['', ...rows.filter((r) => !r.path.includes('.') && r.nested).map((r) => r.path)];
  for (const section of sections) {
    const inSection = rows.filter((r) => (section === '' ? !r.path.includes('.') && !sections.includes(r.path) : r.path === section || r.path.startsWith(`${section}.`) || r.path.startsWith(`${section}[]`)));
    out.push(`## ${section === '' ? 'Top level' : `\`${section}\``}`, '');
    if (section !== '') out.push(referenceNote(section) ?? '', '');
    out.push('| key | type | default | allowed | meaning |', '|---|---|---|---|---|');
    for (const r of inSection) {
      if (r.path === section) continue;
      out.push(`| \`${r.path}\`${r.required ? ' (required)' : ''} | ${cell(r.type)} | ${cell(r.defaultValue)} | ${cell(r.allowed)} | ${cell(referenceNote(r.path) ?? '')} |`);
    }
    out.push('');
    if (section === 'loadBalancer') out.push('Defaults by load balancer type:', '', typeDefaults(), '');
    const example = EXAMPLES[section];
    if (example) out.push('Example:', '', '```yaml', example, '```', '');
  }
  out.push(
    '## Limits',
    '',
    'Every input that sizes a run\'s memory or time has an upper limit, checked at validation: a value',
    'beyond one is an invalid scenario (exit 2) with a located message that names the limit and why.',
    'How the cross-key ones are computed: [limits.md](limits.md).',
    '',
    formatLimitsTable(),
  );
  return out.join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const text = renderReference();
  if (process.argv.includes('--check')) {
    const current = readFileSync(REFERENCE_FILE, 'utf8');
    if (current !== text) {
      console.error('docs/scenario-reference.md is out of date: run npm run docs:reference');
      process.exit(1);
    }
  } else {
    writeFileSync(REFERENCE_FILE, text);
    console.log(`wrote ${REFERENCE_FILE}`);
  }
}
