/**
 * The few lines `elbsim run` prints when it is done: what the load balancer saw, how fast it
 * answered, what the fleet cost, and how long the simulation took.
 *
 * Pure text from a `Summary` (contract section 3) and the wall time, so it is easy to test. The
 * full figures are in summary.json; this is the glance a person takes before opening the CSVs.
 * Numbers use a fixed format (no locale), like the files.
 */
import type { Summary } from '../core/index.ts';

export interface RunFacts {
  summary: Summary;
  /** Wall-clock seconds the simulation took. */
  wallS: number;
  /** Folder the files were written to. */
  outDir: string;
  files: readonly string[];
}

/** Header printed before the run starts: the seed first, so any output can be replayed. */
export function formatRunHeader(file: string, scenarioName: string, seed: number): string {
  return `${'seed'.padEnd(10)}${seed}\n${'scenario'.padEnd(10)}${scenarioName} (${file})\n`;
}

export function formatRunSummary({ summary: s, wallS, outDir, files }: RunFacts): string {
  const elb5xx = s.elb5xx['502'] + s.elb5xx['503'] + s.elb5xx['504'];
  const rows: [string, string][] = [
    [
      'requests',
      [
        count(s.requests),
        `2xx ${count(s.responses2xx)}`,
        `502 ${count(s.elb5xx['502'])}`,
        `503 ${count(s.elb5xx['503'])}`,
        `504 ${count(s.elb5xx['504'])}`,
        `ELB 5xx rate ${percent(elb5xx, s.requests)}`,
        ...(s.target5xx > 0 ? [`target 5xx ${count(s.target5xx)}`] : []),
        ...(s.inFlightAtEnd > 0 ? [`in flight at end ${count(s.inFlightAtEnd)}`] : []),
      ].join(' · '),
    ],
    [
      'latency',
      s.responses2xx === 0
        ? 'no successful responses'
        : `mean ${ms(s.latencyMs.mean)} · p50 ${ms(s.latencyMs.p50)} · p99 ${ms(s.latencyMs.p99)}`,
    ],
    [
      'capacity',
      `${capacity(s.capacity)} · ${fixed(s.instanceHours, 2)} instance-hours · cost $${fixed(s.cost, 2)}` +
        (s.costSpot !== undefined ? ` (On-Demand $${fixed(s.costOnDemand ?? 0, 2)}, Spot $${fixed(s.costSpot, 2)}, ${count(s.spotInterruptions ?? 0)} Spot interruptions)` : ''),
    ],
    ['wall time', `${fixed(wallS, 2)} s · ${count(wallS > 0 ? Math.round(s.requests / wallS) : 0)} simulated requests/s`],
    ['output', `${outDir.replace(/\/+$/, '')}/ (${files.join(', ')})`],
  ];
  return rows.map(([label, text]) => `${label.padEnd(10)}${text}\n`).join('');
}

/** 1234567 → "1,234,567" without depending on the locale. */
export function count(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "2–10 instances", or "4 instances" for a fleet that never changed size. */
function capacity({ min, max }: Summary['capacity']): string {
  return `${min === max ? min : `${min}–${max}`} instance${max === 1 ? '' : 's'}`;
}

function fixed(n: number, decimals: number): string {
  return Number.isFinite(n) ? n.toFixed(decimals) : '–';
}

function ms(value: number): string {
  return `${fixed(value, 1)} ms`;
}

/** A share as a percentage with enough decimals to show small error rates. */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '–';
  return `${((100 * part) / whole).toFixed(3)}%`;
}
