/**
 * Latency of each period's successful responses, from arrival at the load balancer to the
 * response (contract: latency_*_ms): p50 and p99 solid, the mean dotted. A period with no
 * successful response has no latency, and the line breaks there.
 *
 * Beside them, dashed, the p99 a client sees (client_latency_p99_ms): every answered request,
 * the load balancer's 502/503/504 included, so an outage whose requests wait 10 s for a 504
 * shows as 10 s here while the successful responses' p99 stays low.
 */
import { shows, type ChartOptions, type ChartRun, type LineSeries } from './types.ts';
import { lineChart } from './line-chart.ts';

export function latencySeries(runs: readonly ChartRun[], options: ChartOptions): LineSeries[] {
  const c = options.theme.series;
  return runs.flatMap((run, variant) => {
    const ts = run.timeseries;
    const base = { timeS: ts.time_s, variant, variantLabel: run.label };
    const all: [LineSeries, Parameters<typeof shows>[1]][] = [
      [{ ...base, key: 'p50', label: 'p50', color: c.blue, values: ts.latency_p50_ms }, 'latency_p50_ms'],
      [{ ...base, key: 'p99', label: 'p99', color: c.vermillion, values: ts.latency_p99_ms }, 'latency_p99_ms'],
      [{ ...base, key: 'mean', label: 'mean', color: c.orange, dash: '1 3', values: ts.latency_mean_ms }, 'latency_mean_ms'],
      [{ ...base, key: 'client-p99', label: 'client p99 (with errors)', color: c.reddishPurple, dash: '6 3', values: ts.client_latency_p99_ms }, 'client_latency_p99_ms'],
    ];
    return all.flatMap(([series, column]) => (shows(run, column) ? [series] : []));
  });
}

export function latencyChart(runs: readonly ChartRun[], options: ChartOptions): SVGSVGElement {
  return lineChart(
    {
      title: 'Latency',
      yLabel: 'latency (ms)',
      unit: 'ms',
      digits: 1,
      durationS: Math.max(...runs.map((r) => r.durationS), 1),
      series: latencySeries(runs, options),
      variants: runs.map((r) => r.label),
    },
    options,
    'chart-latency',
  );
}
