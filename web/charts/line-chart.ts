/**
 * A time-series line chart: the shape shared by the request, latency, capacity and CPU charts.
 * Lines break where a period has no value (NaN), reference lines mark targets, and in compare
 * mode the second run's lines are dashed in the same colours, so a series keeps its colour
 * and the run is told by the line style (and the legend says which is which).
 */
import * as d3 from 'd3';
import { formatClock } from '../format/clock.ts';
import { formatWithUnit } from '../format/numbers.ts';
import type { ChartOptions, LineChartData, LineSeries } from './types.ts';
import {
  createSvg,
  drawCursor,
  drawLegend,
  drawTimeAxis,
  drawYLabel,
  layout,
  styleAxis,
  timeScale,
  wireInteraction,
  type LegendItem,
  type TooltipLine,
} from './frame.ts';

/** Dash patterns for the second and later runs in compare mode. */
export const VARIANT_DASH = ['', '7 4', '2 3'];

/** The stroke-dasharray of a series, combining its own style and its run's. */
export function seriesDash(series: LineSeries): string | undefined {
  const variant = series.variant ?? 0;
  if (variant === 0) return series.dash;
  if (series.dash) return series.dash.split(' ').map((n) => String(Number(n) * 2)).join(' ');
  return VARIANT_DASH[Math.min(variant, VARIANT_DASH.length - 1)];
}

/** Index of the sample nearest to `timeS` in a sorted time array. */
export function nearestIndex(timeS: ArrayLike<number>, t: number): number {
  if (timeS.length === 0) return -1;
  const i = d3.bisectLeft(timeS, t);
  if (i <= 0) return 0;
  if (i >= timeS.length) return timeS.length - 1;
  return t - timeS[i - 1]! <= timeS[i]! - t ? i - 1 : i;
}

/** The y domain: from `yMin` (default 0) to a nice maximum over every value and reference line. */
export function yDomain(data: LineChartData): [number, number] {
  const lo = data.yMin ?? 0;
  if (data.yMax !== undefined) return [lo, data.yMax];
  let hi = lo;
  for (const s of data.series) for (const v of Array.from(s.values)) if (Number.isFinite(v) && v > hi) hi = v;
  for (const r of data.references ?? []) if (r.value > hi) hi = r.value;
  if (hi <= lo) hi = lo + 1;
  const nice = d3.scaleLinear().domain([lo, hi * 1.05]).nice(5).domain();
  return [nice[0]!, nice[1]!];
}

/** Legend entries: one per distinct series label, references, then the run line styles. */
export function legendItems(data: LineChartData): LegendItem[] {
  const items: LegendItem[] = [];
  const seen = new Set<string>();
  for (const s of data.series) {
    if (seen.has(s.label)) continue;
    seen.add(s.label);
    items.push({ label: s.label, color: s.color, dash: s.dash, shape: s.area && !s.dash ? 'swatch' : 'line' });
  }
  for (const r of data.references ?? []) items.push({ label: r.label, color: r.color, dash: r.dash ?? '4 3' });
  if (data.variants && data.variants.length > 1) {
    data.variants.forEach((name, i) =>
      items.push({ label: name, color: '#888888', dash: VARIANT_DASH[Math.min(i, VARIANT_DASH.length - 1)] || undefined }),
    );
  }
  return items;
}

export function lineChart(data: LineChartData, options: ChartOptions, testClass = 'line-chart'): SVGSVGElement {
  const { theme } = options;
  const l = layout(options.width, options.height, legendItems(data));
  const svg = createSvg(data.title, l, theme, testClass);
  const x = timeScale(data.durationS, l);
  const y = d3
    .scaleLinear()
    .domain(yDomain(data))
    .range([l.height - l.bottom, l.top]);

  // Grid and y axis.
  // Counts (0 decimals: instances) get whole-number ticks only: a group of 1 would otherwise read 200m, 400m….
  const yTicks = y.ticks(Math.max(2, Math.floor((l.height - l.top - l.bottom) / 36))).filter((v) => data.digits !== 0 || Number.isInteger(v));
  svg
    .append('g')
    .attr('class', 'grid')
    .selectAll('line')
    .data(yTicks)
    .join('line')
    .attr('x1', l.left)
    .attr('x2', l.width - l.right)
    .attr('y1', (v) => y(v))
    .attr('y2', (v) => y(v))
    .attr('stroke', theme.grid)
    .attr('stroke-width', 1);
  const yAxis = svg
    .append('g')
    .attr('class', 'axis axis-y')
    .attr('transform', `translate(${l.left},0)`)
    .call(d3.axisLeft(y).tickValues(yTicks).tickFormat(d3.format('~s')).tickSizeOuter(0));
  styleAxis(yAxis, theme);
  drawYLabel(svg, data.yLabel, l, theme);
  drawTimeAxis(svg, x, l, theme);

  // Series: areas first (behind), then lines.
  const plot = svg.append('g').attr('class', 'series-group');
  for (const s of data.series) {
    const points = Array.from(s.values, (v, i) => [s.timeS[i]!, v] as const);
    const defined = (p: readonly [number, number]): boolean => Number.isFinite(p[1]) && Number.isFinite(p[0]);
    const curve = s.curve === 'step' ? d3.curveStepAfter : d3.curveLinear;
    if (s.area) {
      const area = d3
        .area<readonly [number, number]>()
        .defined(defined)
        .curve(curve)
        .x((p) => x(p[0]))
        .y0(y(Math.max(y.domain()[0]!, 0)))
        .y1((p) => y(p[1]));
      plot
        .append('path')
        .attr('class', `area area-${s.key}`)
        .attr('d', area(points) ?? '')
        .attr('fill', s.color)
        .attr('fill-opacity', (s.variant ?? 0) === 0 ? 0.18 : 0.08)
        .attr('stroke', 'none');
    }
  }
  for (const s of data.series) {
    const points = Array.from(s.values, (v, i) => [s.timeS[i]!, v] as const);
    const line = d3
      .line<readonly [number, number]>()
      .defined((p) => Number.isFinite(p[1]) && Number.isFinite(p[0]))
      .curve(s.curve === 'step' ? d3.curveStepAfter : d3.curveLinear)
      .x((p) => x(p[0]))
      .y((p) => y(p[1]));
    plot
      .append('path')
      .attr('class', `series series-${s.key}`)
      .attr('data-series', s.key)
      .attr('data-variant', s.variant ?? 0)
      .attr('d', line(points) ?? '')
      .attr('fill', 'none')
      .attr('stroke', s.color)
      .attr('stroke-width', 2)
      .attr('stroke-linejoin', 'round')
      .attr('stroke-linecap', s.dash ? 'round' : 'butt')
      .attr('stroke-dasharray', seriesDash(s) ?? null);
  }
  for (const r of data.references ?? []) {
    svg
      .append('line')
      .attr('class', 'reference')
      .attr('x1', l.left)
      .attr('x2', l.width - l.right)
      .attr('y1', y(r.value))
      .attr('y2', y(r.value))
      .attr('stroke', r.color)
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', r.dash ?? '4 3');
    svg
      .append('text')
      .attr('class', 'reference-label')
      .attr('x', l.width - l.right - 4)
      .attr('y', y(r.value) - 4)
      .attr('text-anchor', 'end')
      .attr('fill', r.color)
      .text(r.label);
  }
  drawLegend(svg, l, theme);
  drawCursor(svg, x, l, theme, options.cursorS);

  const digits = data.digits ?? 2;
  const stepS = data.series[0] && data.series[0].timeS.length > 1 ? data.series[0].timeS[1]! - data.series[0].timeS[0]! : 60;
  wireInteraction(svg, l, theme, stepS, (t) => {
    const first = data.series[0];
    if (!first || first.timeS.length === 0) return null;
    const i = nearestIndex(first.timeS, t);
    const at = first.timeS[i]!;
    const lines: TooltipLine[] = [{ text: `${formatClock(at - stepS, true)}–${formatClock(at, true)}` }];
    for (const s of data.series) {
      const j = nearestIndex(s.timeS, at);
      const suffix = data.variants && data.variants.length > 1 ? ` (${s.variantLabel ?? data.variants[s.variant ?? 0]})` : '';
      lines.push({ text: `${s.label}${suffix}: ${formatWithUnit(s.values[j] ?? Number.NaN, data.unit, digits)}`, color: s.color, dash: seriesDash(s) });
    }
    for (const r of data.references ?? []) lines.push({ text: `${r.label}: ${formatWithUnit(r.value, data.unit, digits)}`, color: r.color, dash: r.dash ?? '4 3' });
    return { timeS: at, lines };
  });
  return svg.node()!;
}
