/**
 * The gallery of real-world surprises: bundled scenarios that each reproduce a behaviour teams
 * hit on AWS, with one line each for the picker (the scenario's description has the numbers).
 */
export const GALLERY: readonly { id: string; line: string }[] = [
  { id: 'gallery-fail-open-broken-health-checks', line: 'Broken health checks: 0 healthy hosts on the dashboard, fail-open serves every request' },
  { id: 'flash-sale-target-tracking', line: "Target tracking's slow scale-in: out after 3 datapoints, in only after 15" },
  { id: 'gallery-several-target-tracking-policies', line: 'Several target-tracking policies: out if any asks, in only if all agree' },
  { id: 'flash-sale-health-check-cascade', line: 'Health checks queued behind requests: the ELB replacement cascade' },
  { id: 'gallery-cross-zone-off-unequal-zones', line: "Cross-zone off, unequal zones: the smaller zone's targets carry twice the load" },
  { id: 'zone-outage-cross-zone-off', line: 'A zone with no healthy target: fail-open, then DNS, 504s for the TTL' },
  { id: 'instance-refresh-under-load', line: 'Instance refresh under load: one at a time, never below 90 % healthy, no errors' },
  { id: 'instance-refresh-rollback', line: 'A bad release: the refresh fails its health checks and rolls back' },
  { id: 'spot-interruptions-no-rebalancing', line: 'Spot interruptions: 502s and a capacity dip two minutes after each notice' },
  { id: 'spot-interruptions-capacity-rebalancing', line: 'Capacity Rebalancing: replaced before the interruption, no errors, a little more cost' },
  { id: 'zone-outage-composite-alarm', line: 'Would it have paged? A composite of 5xx AND latency goes to ALARM 3 minutes into a zone outage' },
];

/**
 * Scenarios with more than one target group or listener rules: the ones the topology view and
 * the chart scope are for, with one line each for the picker.
 */
export const TOPOLOGIES: readonly { id: string; line: string }[] = [
  { id: 'path-routing-api-and-web', line: 'Path routing: an API tier and a web tier scaling apart, /old/* redirected' },
  { id: 'canary-90-10', line: 'A 90/10 canary: the slower build shows in its own target group first' },
  { id: 'blue-green-cutover', line: 'Blue/green: forward weights moved at 20:00 and 30:00, no errors' },
  { id: 'hybrid-on-premises', line: 'Hybrid: 20 % to on-premises IP targets, 15 ms further away' },
  { id: 'hybrid-weighted-dns', line: 'Hybrid through Route 53: two load balancers at 80/20, split by clients' },
];
