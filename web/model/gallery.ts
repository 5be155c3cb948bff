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
];
