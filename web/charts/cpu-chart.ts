/**
 * Average CPU utilisation of the InService instances (contract: cpu_avg_pct), on a 0–100 %
 * scale, with the target value of each target-tracking policy on ASGAverageCPUUtilization as
 * a dashed reference line: the line the scaling policy tries to hold the curve to.
 */
import { cpuTargets } from '../model/policies.ts';
import { shows, type ChartOptions, type ChartRun, type LineSeries, type ReferenceLine } from './types.ts';
import { lineChart } from './line-chart.ts';

export function cpuSeries(runs: readonly ChartRun[], options: ChartOptions): LineSeries[] {
  const c = options.theme.series;
  return runs.flatMap((run, variant) => (shows(run, 'cpu_avg_pct') ? [{
    key: 'cpu',
    label: 'CPU average',
    color: c.blue,
    timeS: run.timeseries.time_s,
    values: run.timeseries.cpu_avg_pct,
    variant,
    variantLabel: run.label,
  }] : []));
}

export function cpuReferences(runs: readonly ChartRun[], options: ChartOptions): ReferenceLine[] {
  const lines: ReferenceLine[] = [];
  const seen = new Set<number>();
  runs.forEach((run) => {
    for (const target of cpuTargets(run.scenario)) {
      if (seen.has(target.value)) continue;
      seen.add(target.value);
      const who = runs.length > 1 ? ` (${run.label})` : '';
      lines.push({ label: `target ${target.value}%${who}`, value: target.value, color: options.theme.series.vermillion, dash: '5 4' });
    }
  });
  return lines;
}

export function cpuChart(runs: readonly ChartRun[], options: ChartOptions): SVGSVGElement {
  return lineChart(
    {
      title: 'CPU utilisation',
      yLabel: 'CPU (%)',
      unit: '%',
      digits: 1,
      yMax: 100,
      durationS: Math.max(...runs.map((r) => r.durationS), 1),
      series: cpuSeries(runs, options),
      references: cpuReferences(runs, options),
      variants: runs.map((r) => r.label),
    },
    options,
    'chart-cpu',
  );
}
