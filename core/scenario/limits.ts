/**
 * The limits on every input that sizes a run's memory or time, in one table: the schema
 * (schema.ts, values.ts, distribution.ts, rate-schedule.ts), the cross-key checks
 * (resolve-limits.ts), the parser (parse.ts) and the CLI's file reader all read their bounds
 * from here, and docs/limits.md lists the same rows. Each limit says why it exists; a value
 * beyond one is an invalid scenario (exit 2) with a message that names the limit and the reason.
 *
 * The values are set well above any real use (a month at 10,000 requests/s validates and runs).
 */

export interface Limit {
  /** The largest value allowed (inclusive). */
  readonly max: number;
  /** What is limited, for messages and the docs table ("run length", "clients"). */
  readonly what: string;
  /** The keys it applies to, as written in a scenario file (for the docs table). */
  readonly keys: string;
  /** The unit `max` is in, for messages (`s`, `requests`, ``). */
  readonly unit: string;
  /** Why the limit exists: what grows with the value. */
  readonly why: string;
}

const DAY = 86_400;

export const LIMITS = {
  fileBytes: {
    max: 8 * 1024 * 1024,
    what: 'scenario file size',
    keys: '(the file)',
    unit: 'bytes',
    why: 'a file in the plain YAML scenarios are written in (anchors, aliases and merge keys included), or JSON, is read with about 5 bytes of live memory per byte of it (7 to 25 of peak RSS); a real scenario is a few kilobytes, a schedule of 100,000 rate points (the ratePoints limit) about 2 MB of YAML or 4.5 MB of indented JSON',
  },
  fullReadBytes: {
    max: 2 * 1024 * 1024,
    what: 'size of a file that needs the full YAML reading',
    keys: '(the file)',
    unit: 'bytes',
    why: 'YAML beyond what elbsim reads itself (tags, tabs, a lone CR, escapes, text over several lines, a flow collection line indented less than the library wants, anchors in JSON), a file with a key given twice, a mapping over 1,000 keys or nesting over 60 levels, or a --set that takes away an anchor an alias names, sets a `<<` key, goes to a file whose aliases or merge keys have a problem, or has __proto__ or aliases in its value, is read keeping every node with its position, about 250 bytes of memory per byte of file at the peak',
  },
  aliasNodes: {
    max: 1_000_000,
    what: 'nodes produced by aliases (each alias counts every node of its anchor\'s value)',
    keys: '*alias, <<: *alias',
    unit: 'nodes',
    why: 'a value named by an alias is copied wherever it stands once the scenario is checked, 8 to 40 bytes a node (a million: at most about 40 MB, less than the largest file takes); ten anchors each aliasing the one before ten times (a "billion laughs") would be 10^10 nodes from a few hundred bytes of file. A real scenario aliases a few groups or policies of tens of nodes'
  },
  nestingDepth: {
    max: 64,
    what: 'nesting depth',
    keys: '(any mapping or list)',
    unit: 'levels',
    why: 'the deepest scenario key is 6 levels down; deeper nesting only costs stack',
  },
  mappingKeys: {
    max: 1_000,
    what: 'keys in one mapping',
    keys: '(any mapping)',
    unit: 'keys',
    why: 'the largest mapping a scenario has (expect, a zone table) holds a dozen keys; each key is checked and reported',
  },
  listItems: {
    max: 10_000,
    what: 'items in one list',
    keys: 'zones, policies, scheduledActions, actions (timed actions, instance refreshes), faults (set-weights among them), …',
    unit: 'items',
    why: 'every item is an object the simulator schedules or checks against the others',
  },
  loadBalancers: {
    max: 100,
    what: 'load balancers',
    keys: 'loadBalancers',
    unit: 'load balancers',
    why: 'AWS\'s default quota is 50 Application Load Balancers per Region; each is a node set, a DNS answer and its own listeners, rules and output columns',
  },
  listeners: {
    max: 50,
    what: 'listeners per load balancer',
    keys: 'loadBalancers[].listeners',
    unit: 'listeners',
    why: 'AWS allows 50 listeners per load balancer; each has a rule table compiled before the run (see ruleTableChecks)',
  },
  listenerRules: {
    max: 1_000,
    what: 'rules per listener',
    keys: 'listeners[].rules',
    unit: 'rules',
    why: 'AWS\'s default quota is 100 rules per Application Load Balancer; each rule is matched against every client group and request class before the run and is an output column',
  },
  matchEvaluations: {
    max: 5,
    what: 'match evaluations per rule (values over all its conditions)',
    keys: 'listeners[].rules[].conditions',
    unit: 'evaluations',
    why: 'AWS\'s limit: 5 per rule, at most 3 values per condition and 5 wildcards per rule',
  },
  targetGroups: {
    max: 100,
    what: 'target groups per load balancer',
    keys: 'loadBalancers[].targetGroups',
    unit: 'target groups',
    why: 'AWS allows 100 target groups per Application Load Balancer; each has its health checks, counters and 5 output columns',
  },
  ipTargets: {
    max: 1_000,
    what: 'IP targets per target group',
    keys: 'targetGroups[].targets',
    unit: 'targets',
    why: 'AWS\'s default quota is 1,000 targets per Application Load Balancer; each is a server with its own slots, queue and health checks',
  },
  autoScalingGroups: {
    max: 500,
    what: 'Auto Scaling groups',
    keys: 'autoScalingGroups',
    unit: 'groups',
    why: 'AWS\'s default quota is 500 groups per Region; each has its own scaling, CloudWatch publisher, operations and 3 output columns',
  },
  dnsRecords: {
    max: 100,
    what: 'DNS records',
    keys: 'dns.records',
    unit: 'records',
    why: 'Route 53 allows 100 weighted records with the same name and type; each client\'s answer is drawn over them',
  },
  requestClasses: {
    max: 1_000,
    what: 'request classes',
    keys: 'traffic.requests',
    unit: 'classes',
    why: 'each class is matched against every rule of every listener before the run (see ruleTableChecks) and drawn per request from an alias table',
  },
  clientGroups: {
    max: 1_000,
    what: 'client groups',
    keys: 'traffic.clientGroups',
    unit: 'groups',
    why: 'each group is matched against every rule of every listener before the run (see ruleTableChecks); their clients add up under the clients limit',
  },
  lifecycleHooks: {
    max: 50,
    what: 'lifecycle hooks per Auto Scaling group',
    keys: 'lifecycleHooks',
    unit: 'hooks',
    why: 'AWS allows 50 lifecycle hooks per group; every launch or termination waits for each hook of its transition',
  },
  ruleTableChecks: {
    max: 10_000_000,
    what: 'rule checks before the run (client groups × request classes × (rules + 1), over every listener)',
    keys: 'traffic.clientGroups, traffic.requests, listeners[].rules',
    unit: 'checks',
    why: 'each listener\'s rules are matched once against every client group and request class, about 0.2 µs a check (the limit: about 2 s before the run), and the table kept (4 bytes a cell); 10 client groups × 10 request classes against 100 rules is 10,100',
  },
  outputCells: {
    max: 50_000_000,
    what: 'per-name output cells (output periods × per-name columns)',
    keys: 'duration, period, targetGroups, autoScalingGroups, listeners[].rules',
    unit: 'cells',
    why: 'each per-target-group, per-group and per-rule column (timeseries.csv `<metric>__<name>`) keeps 8 bytes for every period, allocated at the start; a month of one-minute periods with 1,000 such columns is 43 million',
  },
  ratePoints: {
    max: 100_000,
    what: 'rate schedule points',
    keys: 'traffic.rate',
    unit: 'points',
    why: 'one point a minute for over two months; each point is kept and checked',
  },
  durationS: {
    max: 366 * DAY,
    what: 'run length',
    keys: 'duration',
    unit: 's',
    why: 'every event time is a double in seconds; a year keeps them exact to a microsecond and bounds the run',
  },
  anyDurationS: {
    max: 10 * 365 * DAY,
    what: 'a duration',
    keys: 'every other duration (times, boot and service times, distribution parameters)',
    unit: 's',
    why: 'a random draw is a multiple of it; ten years keeps every draw a finite event time',
  },
  periods: {
    max: 1_000_000,
    what: 'output periods (duration ÷ period)',
    keys: 'duration, period',
    unit: 'periods',
    why: 'each period is a timeseries row and about 112 bytes reserved up front; a year of one-minute periods is 525,600',
  },
  clients: {
    max: 10_000_000,
    what: 'clients',
    keys: 'traffic.clients',
    unit: 'clients',
    why: 'each client costs 12 bytes (its DNS answer and when it expires), allocated at the start',
  },
  peakRate: {
    max: 10_000_000,
    what: 'request rate',
    keys: 'traffic.rate',
    unit: 'requests/s',
    why: 'a rate beyond this could not be simulated in useful time (see expected requests)',
  },
  expectedRequests: {
    max: 100_000_000_000,
    what: 'expected requests (the rate schedule integrated over the run)',
    keys: 'traffic.rate, duration',
    unit: 'requests',
    why: 'simulation time grows with every request; a month at 10,000 requests/s is 2.6e10',
  },
  inFlight: {
    max: 20_000_000,
    what: 'requests in flight',
    keys: 'traffic.rate, loadBalancer.idleTimeout, instance.queueLimit, instance.concurrency, maxSize',
    unit: 'requests',
    why: 'each request in flight costs a 64-byte record in a pool that grows by doubling (at the limit 2^25 records, 2.1 GB, and 3.2 GB for the moment it grows), plus 36 bytes of event queue when in service; the bound is the smaller of peak rate × idle timeout and fleet × (concurrency + queueLimit)',
  },
  fleetSize: {
    max: 100_000,
    what: 'fleet size',
    keys: 'autoScaling.minSize, maxSize, desiredCapacity, scheduled sizes, warm pool sizes',
    unit: 'instances',
    why: 'every instance in the fleet is a target the load balancer routes over and a row in each period',
  },
  concurrency: {
    max: 100_000,
    what: 'worker slots per instance',
    keys: 'instance.concurrency',
    unit: 'slots',
    why: 'part of the in-flight bound; no instance serves more requests at once',
  },
  queueLimit: {
    max: 1_000_000_000,
    what: 'queued requests per instance',
    keys: 'instance.queueLimit',
    unit: 'requests',
    why: 'part of the in-flight bound (which is what actually limits memory)',
  },
  lognormalCv: {
    max: 100,
    what: 'lognormal coefficient of variation',
    keys: 'cv of a lognormal distribution',
    unit: '',
    why: 'beyond it the draws are almost all zero with rare astronomically long ones (σ > 3); at 1e154 and above σ is infinite and the draws are not numbers',
  },
  evaluationPeriods: {
    max: 10_080,
    what: 'alarm evaluation periods',
    keys: 'alarm.evaluationPeriods, datapointsToAlarm',
    unit: 'periods',
    why: 'the alarm keeps a datapoint for each; AWS allows at most 7 days of evaluation (EvaluationPeriods × Period), 10,080 one-minute periods',
  },
  pricePerHour: {
    max: 10_000,
    what: 'instance price',
    keys: 'instance.pricePerHour',
    unit: '$/h',
    why: 'the dearest EC2 instance costs about $220 an hour; the run\'s cost must stay a finite number',
  },
  seed: {
    max: Number.MAX_SAFE_INTEGER,
    what: 'seed',
    keys: 'seed, --seed (with --replications R: seed + R − 1)',
    unit: '',
    why: 'seeds are exact integers; beyond 2^53 − 1 two replications would get the same seed',
  },
} as const satisfies Readonly<Record<string, Limit>>;

export type LimitName = keyof typeof LIMITS;

/**
 * `1,000,000` for messages: what `Math.round(n).toLocaleString('en-US')` writes, grouped here by
 * hand because the first `toLocaleString` of a process loads the locale data (20–70 ms on this
 * project's machine), and a module of the parser formats a limit message as it loads, so every
 * `elbsim run` and `validate` paid that at start-up.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e16) return n.toExponential(2).replace('e+', 'e');
  const r = Math.round(n);
  const digits = String(Math.abs(r));
  let grouped = '';
  for (let k = 0; k < digits.length; k++) grouped += (k > 0 && (digits.length - k) % 3 === 0 ? ',' : '') + digits[k];
  return r < 0 || Object.is(r, -0) ? `-${grouped}` : grouped;
}

/** The common end of a limit message: `the limit is 1,000,000 clients: <why>`. */
export function limitText(name: LimitName): string {
  const limit: Limit = LIMITS[name];
  const unit = limit.unit === '' ? '' : limit.unit === 's' ? ' s' : ` ${limit.unit}`;
  return `the limit is ${formatCount(limit.max)}${unit} (${limit.why})`;
}

/** The limits as a Markdown table (docs/limits.md holds this very text; a test keeps them in step). */
export function formatLimitsTable(): string {
  const rows = Object.entries(LIMITS).map(([name, l]: [string, Limit]) => {
    const value = l.unit === 's' ? `${formatCount(l.max)} s` : `${formatCount(l.max)}${l.unit === '' ? '' : ` ${l.unit}`}`;
    return `| \`${name}\` | ${l.what} | ${l.keys} | ${value} | ${l.why} |`;
  });
  return ['| limit | what | keys | at most | why |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';
}
