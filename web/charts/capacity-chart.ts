/**
 * Capacity: what Auto Scaling wants (desired), what it has (in service, pending) and what the
 * load balancer can use (healthy hosts), sampled at the end of each period and drawn as steps,
 * since each value holds until the next sample.
 */
import { shows, type ChartOptions, type ChartRun, type LineSeries } from './types.ts';
import { lineChart } from './line-chart.ts';

export function capacitySeries(runs: readonly ChartRun[], options: ChartOptions): LineSeries[] {
  const { series: c, neutral } = options.theme;
  return runs.flatMap((run, variant) => {
    const ts = run.timeseries;
    const base = { timeS: ts.time_s, variant, variantLabel: run.label, curve: 'step' as const };
    const all: [LineSeries, Parameters<typeof shows>[1]][] = [
      [{ ...base, key: 'desired', label: 'desired', color: neutral, values: ts.desired_capacity }, 'desired_capacity'],
      [{ ...base, key: 'in_service', label: 'in service', color: c.bluishGreen, values: ts.in_service }, 'in_service'],
      [{ ...base, key: 'pending', label: 'pending', color: c.skyBlue, values: ts.pending }, 'pending'],
      [{ ...base, key: 'healthy', label: 'healthy', color: c.reddishPurple, dash: '1 3', values: ts.healthy_hosts }, 'healthy_hosts'],
    ];
    return all.flatMap(([series, column]) => (shows(run, column) ? [series] : []));
  });
}

export function capacityChart(runs: readonly ChartRun[], options: ChartOptions): SVGSVGElement {
  return lineChart(
    {
      title: 'Capacity',
      yLabel: 'instances',
      unit: 'instances',
      digits: 0,
      durationS: Math.max(...runs.map((r) => r.durationS), 1),
      series: capacitySeries(runs, options),
      variants: runs.map((r) => r.label),
    },
    options,
    'chart-capacity',
  );
}
