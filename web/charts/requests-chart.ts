/**
 * Request rate: what reached the load balancer, split into 2xx responses and 5xx answers (load
 * balancer 502/503/504 plus target 5xx), per second of simulated time (each period's count
 * divided by the period). The gap between "requests" and "2xx" + "5xx" is work in flight.
 */
import { shows, type ChartOptions, type ChartRun, type LineSeries } from './types.ts';
import { lineChart } from './line-chart.ts';

/** A period's count as a per-second rate. */
export function perSecond(counts: ArrayLike<number>, periodS: number): number[] {
  return Array.from(counts, (c) => (Number.isFinite(c) && periodS > 0 ? c / periodS : Number.NaN));
}

/** Element-wise sum; NaN + x = x (an empty cell counts as zero here). */
export function addColumns(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  return Array.from(a, (v, i) => (Number.isFinite(v) ? v : 0) + (Number.isFinite(b[i]!) ? b[i]! : 0));
}

export function requestsSeries(runs: readonly ChartRun[], options: ChartOptions): LineSeries[] {
  const c = options.theme.series;
  return runs.flatMap((run, variant) => {
    const ts = run.timeseries;
    const base = { timeS: ts.time_s, variant, variantLabel: run.label };
    const series: LineSeries[] = [];
    if (shows(run, 'requests')) series.push({ ...base, key: 'requests', label: 'requests', color: c.blue, values: perSecond(ts.requests, run.periodS) });
    if (shows(run, 'responses_2xx'))
      series.push({ ...base, key: 'responses_2xx', label: '2xx', color: c.bluishGreen, area: true, values: perSecond(ts.responses_2xx, run.periodS) });
    // A target group's own columns have the load balancer's 5xx only (no target_5xx per group).
    const both = shows(run, 'elb_5xx') && shows(run, 'target_5xx');
    if (both || shows(run, 'elb_5xx'))
      series.push({
        ...base,
        key: 'errors_5xx',
        label: both ? '5xx (ELB + target)' : '5xx (ELB)',
        color: c.vermillion,
        area: true,
        values: perSecond(both ? addColumns(ts.elb_5xx, ts.target_5xx) : ts.elb_5xx, run.periodS),
      });
    return series;
  });
}

export function requestsChart(runs: readonly ChartRun[], options: ChartOptions): SVGSVGElement {
  return lineChart(
    {
      title: 'Request rate',
      yLabel: 'requests / s',
      unit: 'req/s',
      digits: 2,
      durationS: Math.max(...runs.map((r) => r.durationS), 1),
      series: requestsSeries(runs, options),
      variants: runs.map((r) => r.label),
    },
    options,
    'chart-requests',
  );
}
