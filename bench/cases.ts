/**
 * The benchmark cases, written as scenario files are: YAML text a user could save and pass to
 * `elbsim run`, parsed by the same `parseScenario` (so every default is the parser's own).
 *
 * `scale` multiplies the simulated time and so the number of requests (`--quick` runs a tenth).
 * A case with `kernel` is compared with the bare kernel (kernel.js) run on the same fleet size,
 * rate and number of requests: single-slot targets, random dispatch, Poisson arrivals,
 * exponential 1 s service, which is exactly case (a)'s model and the practical limit of any
 * event-driven simulator of it.
 */

// Not toLocaleString: its first call loads the locale data (20-70 ms), in the timed case process
// and not in the kernel's.
import { formatCount } from '../core/scenario/limits.ts';

export interface KernelModel {
  targets: number;
  rate: number;
}

export interface BenchCase {
  name: string;
  /** Groups a case belongs to, for `npm run bench -- GROUP`. */
  groups: string[];
  description: string;
  /** Requests simulated at scale 1 (about: arrivals are random). */
  requests: number;
  /** The scenario file's text at this scale. */
  yaml(scale: number): string;
  kernel?: KernelModel;
  /** Run only when named (`npm run bench -- day10`), not with every case. */
  onlyByName?: boolean;
}

/** Case (a)'s per-target model at any fleet size: n targets × 1 slot at ρ = 0.9. */
function fleetYaml(name: string, targets: number, algorithm: string, requests: number, scale: number): string {
  const rate = 0.9 * targets;
  const network = algorithm === 'flow_hash';
  // whole milliseconds, as the scenario format asks (a tenth of 2 M requests at 9,000/s is 22.2̅ s)
  const durationS = Math.round((1000 * scale * requests) / rate) / 1000;
  return `
name: ${name}
duration: ${durationS}
${durationS < 120 ? 'period: 10s # a short (--quick) run still fits whole periods' : ''}
zones: [us-east-1a]
traffic:
  rate: ${rate}
  arrivals: poisson
  # flow_hash spreads clients, not requests: give every target about 100 of them
  clients: ${network ? 100 * targets : 1000}
loadBalancer:
  type: ${network ? 'network' : 'application'}
  idleTimeout: 4000
  targetGroup:
    algorithm: ${algorithm}
autoScaling: { minSize: ${targets}, maxSize: ${targets}, desiredCapacity: ${targets} }
instance:
  concurrency: 1
  # never reached at ρ 0.9 (one queue of 1,000 has probability about 0.9^1000); 10,000 targets
  # take 1,000 so that fleet × (1 + queueLimit) stays under the scenario's 20 M in-flight bound
  queueLimit: ${targets >= 10_000 ? 1000 : 1000000}
  serviceTime: { distribution: exponential, mean: 1 }
`;
}

/** The day case's scenario (1,000 req/s, target tracking on CPU, health checks, 3 zones) for `durationS`. */
function dayYaml(name: string, durationS: number): string {
  return `
name: ${name}
duration: ${durationS}
zones: [us-east-1a, us-east-1b, us-east-1c]
traffic: { rate: 1000, arrivals: poisson }
loadBalancer:
  type: application
  targetGroup: { algorithm: round_robin }
autoScaling:
  minSize: 3
  maxSize: 200
  desiredCapacity: 25
  defaultInstanceWarmup: 180s
  policies:
    - name: cpu-50
      type: TargetTrackingScaling
      metric: ASGAverageCPUUtilization
      targetValue: 50
instance:
  concurrency: 4
  queueLimit: 100
  serviceTime: { distribution: exponential, mean: 50ms }
`;
}

const A_REQUESTS = 2_000_000;
export const ALGORITHMS = ['random', 'round_robin', 'least_outstanding_requests', 'weighted_random', 'power_of_two_choices', 'flow_hash'] as const;
export const FLEETS = [10, 1_000, 10_000] as const;
const SHORT: Record<(typeof ALGORITHMS)[number], string> = {
  random: 'random',
  round_robin: 'rr',
  least_outstanding_requests: 'lor',
  weighted_random: 'wr',
  power_of_two_choices: 'p2c',
  flow_hash: 'flow',
};
const fleetLabel = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

/** The name of the case that runs `algorithm` on `n` targets (random on 10 is case (a)). */
export const fleetCaseName = (algorithm: (typeof ALGORITHMS)[number], n: number) => (algorithm === 'random' && n === 10 ? 'a' : `${SHORT[algorithm]}-${fleetLabel(n)}`);

const cases: BenchCase[] = [
  {
    name: 'a',
    groups: ['a', 'fleets', 'random', 'fleet-10', 'memory'],
    description: '(a) 10 targets × 1 slot, random, Poisson 9 req/s, exp. 1 s',
    requests: A_REQUESTS,
    yaml: (scale) => fleetYaml('bench-a', 10, 'random', A_REQUESTS, scale),
    kernel: { targets: 10, rate: 9 },
  },
  {
    name: 'a10',
    groups: ['a', 'memory'],
    description: '(a) with 10× the simulated time (memory flat?)',
    requests: 10 * A_REQUESTS,
    yaml: (scale) => fleetYaml('bench-a10', 10, 'random', 10 * A_REQUESTS, scale),
    kernel: { targets: 10, rate: 9 },
  },
];
for (const algorithm of ALGORITHMS) {
  for (const n of FLEETS) {
    if (algorithm === 'random' && n === 10) continue; // that is case (a)
    cases.push({
      name: fleetCaseName(algorithm, n),
      groups: [...new Set(['fleets', SHORT[algorithm], algorithm, `fleet-${fleetLabel(n)}`])],
      description: `${algorithm}${algorithm === 'flow_hash' ? ' (network LB)' : ''}, ${formatCount(n)} targets × 1 slot, ρ 0.9`,
      requests: A_REQUESTS,
      yaml: (scale) => fleetYaml(`bench-${SHORT[algorithm]}-${n}`, n, algorithm, A_REQUESTS, scale),
      kernel: { targets: n, rate: 0.9 * n },
    });
  }
}
cases.push(
  {
    name: 'b',
    groups: ['b'],
    description: '(b) 100 targets × 8 slots, round robin, health checks, 3 zones, ρ 0.9',
    requests: 10_000_000,
    yaml: (scale) => `
name: bench-b
duration: ${(scale * 10_000_000) / 720}
zones: [us-east-1a, us-east-1b, us-east-1c]
traffic: { rate: 720, arrivals: poisson }
loadBalancer: { targetGroup: { algorithm: round_robin } }
autoScaling: { minSize: 100, maxSize: 100, desiredCapacity: 100 }
instance:
  concurrency: 8
  queueLimit: 1000
  serviceTime: { distribution: exponential, mean: 1 }
`,
  },
  {
    name: 'day',
    groups: ['day'],
    description: 'a day at 1,000 req/s, target tracking (CPU 50 %), health checks, 3 zones',
    requests: 86_400_000,
    yaml: (scale) => dayYaml('bench-day', scale * 86_400),
  },
  // Memory flat in duration: the same scenario at 1 h and 10 h (the table prints the ratio of
  // their peak RSS), and the day at 10× its duration, which runs only when named.
  {
    name: 'day-1h',
    groups: ['memory', 'day-flat'],
    description: 'the day scenario for 1 h (memory flat in duration?)',
    requests: 3_600_000,
    yaml: (scale) => dayYaml('bench-day-1h', scale * 3_600),
  },
  {
    name: 'day-10h',
    groups: ['memory', 'day-flat'],
    description: 'the day scenario for 10 h (memory flat in duration?)',
    requests: 36_000_000,
    yaml: (scale) => dayYaml('bench-day-10h', scale * 36_000),
  },
  {
    name: 'day10',
    groups: [],
    description: 'the day at 10× its duration: 10 days, 864 M requests (only when named)',
    requests: 864_000_000,
    onlyByName: true,
    yaml: (scale) => dayYaml('bench-day10', scale * 864_000),
  },
);

export const CASES: Record<string, BenchCase> = Object.fromEntries(cases.map((c) => [c.name, c]));
