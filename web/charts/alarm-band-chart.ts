/**
 * CloudWatch alarm states as bands: one row per alarm (per run in compare mode), coloured OK,
 * ALARM or INSUFFICIENT_DATA over simulated time, on the same time axis as the other charts.
 * Insufficient data is hatched as well as grey, so the three states differ by more than hue.
 */
import { alarmBands, alarmStateAt, type AlarmBand, type AlarmState } from '../model/alarm-bands.ts';
import { formatClock } from '../format/clock.ts';
import type { ChartTheme } from '../theme.ts';
import type { ChartOptions, ChartRun } from './types.ts';
import { createSvg, drawCursor, drawLegend, drawTimeAxis, layout, timeScale, wireInteraction, type LegendItem } from './frame.ts';

export function alarmColors(theme: ChartTheme): Record<AlarmState, string> {
  return { OK: theme.series.bluishGreen, ALARM: theme.series.vermillion, INSUFFICIENT_DATA: theme.name === 'dark' ? '#59626e' : '#b8c0ca' };
}

const ROW = 16;
const LABEL = 14;
const ROW_GAP = 6;
const PITCH = LABEL + ROW + ROW_GAP;

export interface LabelledBand extends AlarmBand {
  label: string;
}

/**
 * Every alarm of every run, labelled with its run in compare mode. Each run's alarms come in
 * name order, so A's and B's rows line up the same way whichever alarm happened to change first.
 */
export function runBands(runs: readonly ChartRun[]): LabelledBand[] {
  return runs.flatMap((run) =>
    [...alarmBands(run.events ?? [], run.durationS)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((band) => ({
      ...band,
      label: runs.length > 1 ? `${band.name} (${run.label})` : band.name,
    })),
  );
}

/** The chart's height for a number of alarm rows (at least one row, for the "no alarms" note). */
export function alarmChartHeight(rows: number): number {
  return 10 + 16 + Math.max(1, rows) * PITCH + 40;
}

export function alarmBandChart(runs: readonly ChartRun[], options: ChartOptions): SVGSVGElement {
  const { theme } = options;
  const bands = runBands(runs);
  const colors = alarmColors(theme);
  const legend: LegendItem[] = (['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const).map((state) => ({
    label: state,
    color: colors[state],
    shape: 'swatch',
  }));
  const height = Math.max(options.height, alarmChartHeight(bands.length));
  // The same margins as the line charts, so every chart's time axis lines up under the cursor.
  const l = layout(options.width, height, legend);
  const svg = createSvg('Alarm states', l, theme, 'chart-alarms');
  const x = timeScale(Math.max(...runs.map((r) => r.durationS), 1), l);

  const defs = svg.append('defs');
  const hatchId = `hatch-${theme.name}`;
  defs
    .append('pattern')
    .attr('id', hatchId)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternTransform', 'rotate(45)')
    .call((p) => p.append('rect').attr('width', 6).attr('height', 6).attr('fill', colors.INSUFFICIENT_DATA))
    .call((p) => p.append('line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 6).attr('stroke', theme.background).attr('stroke-width', 2));

  drawTimeAxis(svg, x, l, theme);
  const rows = svg.append('g').attr('class', 'bands');
  if (bands.length === 0) {
    rows
      .append('text')
      .attr('class', 'empty-note')
      .attr('x', l.left + 8)
      .attr('y', l.top + LABEL + ROW / 2)
      .attr('fill', theme.muted)
      .text('No CloudWatch alarms in this scenario.');
  }
  bands.forEach((band, i) => {
    const y = l.top + i * PITCH + LABEL;
    const row = rows.append('g').attr('class', 'band').attr('data-alarm', band.name);
    row
      .append('text')
      .attr('class', 'band-label')
      .attr('x', l.left)
      .attr('y', y - 3)
      .attr('fill', theme.foreground)
      .text(band.label);
    for (const segment of band.segments) {
      row
        .append('rect')
        .attr('class', `segment state-${segment.state}`)
        .attr('x', x(segment.startS))
        .attr('y', y)
        .attr('width', Math.max(0.5, x(segment.endS) - x(segment.startS)))
        .attr('height', ROW)
        .attr('fill', segment.state === 'INSUFFICIENT_DATA' ? `url(#${hatchId})` : colors[segment.state]);
    }
  });
  drawLegend(svg, l, theme);
  drawCursor(svg, x, l, theme, options.cursorS);
  const stepS = runs[0]?.periodS ?? 60;
  wireInteraction(svg, l, theme, stepS, (t) => ({
    timeS: t,
    lines: [
      { text: formatClock(t, true) },
      ...(bands.length
        ? bands.map((band) => {
            const state = alarmStateAt(band, t);
            return { text: `${band.label}: ${state}`, color: colors[state] };
          })
        : [{ text: 'no alarms' }]),
    ],
  }));
  return svg.node()!;
}
