/**
 * Latency as a client sees it (timeseries.csv client_latency_*, summary.json clientLatencyMs):
 * every answered request from arrival to answer, failures included, beside the successful
 * responses' latency (latency_*, like AWS's TargetResponseTime).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssues, formatTimeseriesCsv, parseScenario, simulate, TIMESERIES_COLUMNS } from '../../../core/index.ts';

function run(name: string) {
  const file = join(import.meta.dirname, '../../../scenarios', `${name}.yaml`);
  const parsed = parseScenario(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(formatIssues(parsed.errors));
  return simulate(parsed.scenario);
}

describe('client latency', () => {
  it('a zone outage: the 504s that waited out the 10 s connect timeout count for clients, not in the successes', () => {
    const r = run('zone-outage-cross-zone-on');
    const s = r.summary;
    expect(s.elb5xx['504']).toBeGreaterThan(1000);
    expect(s.latencyMs.max).toBeLessThan(2000);
    // Requests already at a target of the failed zone wait out the 60 s idle timeout.
    expect(s.clientLatencyMs.max).toBe(60_000);
    expect(s.clientLatencyMs.mean).toBeGreaterThan(1.5 * s.latencyMs.mean);
    const ts = r.timeseries;
    const outage = ts.time_s.findIndex((t) => t > 600);
    // New requests sent into the failed zone wait for the 10 s connect timeout: the period's p99
    // (histogram, 1 % relative accuracy) sits there, while its successes' p99 stays under 1 s.
    expect(Math.abs(ts.client_latency_p99_ms[outage]! - 10_000)).toBeLessThan(100);
    expect(ts.latency_p99_ms[outage]!).toBeLessThan(1000);
  });

  it('a flash sale: the 502s of full queues are answered at once, and the client latency counts them', () => {
    const r = run('flash-sale-target-tracking');
    const ts = r.timeseries;
    let k = 0;
    for (let i = 0; i < ts.elb_5xx.length; i++) if (ts.elb_5xx[i]! > ts.elb_5xx[k]!) k = i;
    // More refused (0 ms) than served in that minute: the clients' median is an instant 502.
    expect(ts.elb_5xx[k]!).toBeGreaterThan(ts.responses_2xx[k]!);
    expect(ts.client_latency_p50_ms[k]!).toBe(0);
    expect(ts.latency_p50_ms[k]!).toBeGreaterThan(100);
    expect(ts.client_latency_mean_ms[k]!).toBeLessThan(ts.latency_mean_ms[k]!);
  });

  it('in a period with no errors the client columns equal the success columns exactly', () => {
    const r = run('steady-state');
    const ts = r.timeseries;
    expect(r.summary.elb5xx['502'] + r.summary.elb5xx['503'] + r.summary.elb5xx['504'] + r.summary.target5xx).toBe(0);
    expect(Array.from(ts.client_latency_mean_ms)).toEqual(Array.from(ts.latency_mean_ms));
    expect(Array.from(ts.client_latency_p50_ms)).toEqual(Array.from(ts.latency_p50_ms));
    expect(Array.from(ts.client_latency_p99_ms)).toEqual(Array.from(ts.latency_p99_ms));
    expect(r.summary.clientLatencyMs.p99).toBe(r.summary.latencyMs.p99);
    expect(r.summary.clientLatencyMs.max).toBe(r.summary.latencyMs.max);
  });

  it('the new columns come after the existing ones in timeseries.csv', () => {
    const header = formatTimeseriesCsv(run('steady-state').timeseries).split('\n')[0]!.split(',');
    expect(header.slice(0, 14)).toEqual(['time_s', 'requests', 'responses_2xx', 'elb_5xx', 'target_5xx', 'latency_mean_ms', 'latency_p50_ms', 'latency_p99_ms', 'healthy_hosts', 'unhealthy_hosts', 'in_service', 'pending', 'desired_capacity', 'cpu_avg_pct']);
    expect(header.slice(14)).toEqual(['client_latency_mean_ms', 'client_latency_p50_ms', 'client_latency_p99_ms', 'client_latency_max_ms']);
    expect(header).toEqual([...TIMESERIES_COLUMNS]);
  });
});
