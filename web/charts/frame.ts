/**
 * The parts every chart shares: the SVG element, margins, the legend, the simulated-clock time
 * axis, the time cursor and the tooltip box. Kept separate so each chart file only says what it
 * draws. Everything is positioned from numbers alone (text widths are estimated), so a chart
 * draws the same in a test without layout as in the page.
 */
import * as d3 from 'd3';
import { clockTickFormat, clockTickStep, clockTicks } from '../format/clock.ts';
import type { ChartTheme } from '../theme.ts';

export type Svg = d3.Selection<SVGSVGElement, undefined, null, undefined>;
export type Group = d3.Selection<SVGGElement, undefined, null, undefined>;

export const FONT_SIZE = 11;
const CHAR_WIDTH = FONT_SIZE * 0.6;

/** Approximate rendered width of `text` at the chart font size. */
export function textWidth(text: string, size = FONT_SIZE): number {
  return text.length * size * 0.6;
}

export interface LegendItem {
  label: string;
  color: string;
  dash?: string;
  /** `line` (default), `swatch` (a filled square) or `none` (text only). */
  shape?: 'line' | 'swatch' | 'none';
}

export interface Layout {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Legend item positions (relative to the legend group). */
  legend: { item: LegendItem; x: number; y: number }[];
}

const LEGEND_ROW = 16;
const LEGEND_GAP = 14;
const MARKER = 18;

/** Lays legend items out in rows that fit `width`. */
export function layoutLegend(items: readonly LegendItem[], width: number): { positions: Layout['legend']; rows: number } {
  const positions: Layout['legend'] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const w = (item.shape === 'none' ? 0 : MARKER + 4) + item.label.length * CHAR_WIDTH;
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    positions.push({ item, x, y: row * LEGEND_ROW });
    x += w + LEGEND_GAP;
  }
  return { positions, rows: items.length ? row + 1 : 0 };
}

export function layout(width: number, height: number, legendItems: readonly LegendItem[], left = 58): Layout {
  const right = 22; // room for the last time label, centred on the axis end
  const { positions, rows } = layoutLegend(legendItems, Math.max(80, width - left - right));
  const top = 10 + rows * LEGEND_ROW;
  return { width, height, left, right, top, bottom: 40, legend: positions };
}

export function createSvg(title: string, l: Layout, theme: ChartTheme, testClass: string): Svg {
  const svg = d3
    .create('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('class', `elbsim-chart ${testClass}`)
    .attr('width', l.width)
    .attr('height', l.height)
    .attr('viewBox', `0 0 ${l.width} ${l.height}`)
    .attr('role', 'img')
    .attr('tabindex', 0)
    .attr('aria-label', title)
    .attr('font-family', theme.fontFamily)
    .attr('font-size', FONT_SIZE)
    .style('background', theme.background)
    .style('color', theme.foreground);
  svg.append('title').text(title);
  svg
    .append('rect')
    .attr('class', 'background')
    .attr('width', l.width)
    .attr('height', l.height)
    .attr('fill', theme.background);
  // Where the plot area and its time domain are, so the cursor can move without a redraw.
  svg
    .attr('data-plot-left', l.left)
    .attr('data-plot-right', l.width - l.right)
    .attr('data-plot-top', l.top)
    .attr('data-plot-bottom', l.height - l.bottom);
  return svg;
}

export function drawLegend(svg: Svg, l: Layout, theme: ChartTheme): void {
  const legend = svg.append('g').attr('class', 'legend').attr('transform', `translate(${l.left},6)`);
  for (const { item, x, y } of l.legend) {
    const g = legend.append('g').attr('class', 'legend-item').attr('transform', `translate(${x},${y})`);
    let textX = 0;
    if (item.shape === 'swatch') {
      g.append('rect').attr('x', 0).attr('y', 2).attr('width', 12).attr('height', 10).attr('rx', 2).attr('fill', item.color);
      textX = MARKER + 4;
    } else if (item.shape !== 'none') {
      g.append('line')
        .attr('x1', 0)
        .attr('x2', MARKER)
        .attr('y1', 7)
        .attr('y2', 7)
        .attr('stroke', item.color)
        .attr('stroke-width', 2.5)
        .attr('stroke-dasharray', item.dash ?? null);
      textX = MARKER + 4;
    }
    g.append('text').attr('x', textX).attr('y', 11).attr('fill', item.shape === 'none' ? theme.muted : theme.foreground).text(item.label);
  }
}

/** The x scale from simulated seconds to pixels. */
export function timeScale(durationS: number, l: Layout): d3.ScaleLinear<number, number> {
  return d3
    .scaleLinear()
    .domain([0, Math.max(1, durationS)])
    .range([l.left, l.width - l.right]);
}

/** The time axis at the bottom, labelled in simulated clock time. */
export function drawTimeAxis(svg: Svg, x: d3.ScaleLinear<number, number>, l: Layout, theme: ChartTheme): void {
  const [t0, t1] = x.domain() as [number, number];
  const maxTicks = Math.max(2, Math.floor((l.width - l.left - l.right) / 70));
  const ticks = clockTicks(t0, t1, maxTicks);
  const format = clockTickFormat(clockTickStep(t1 - t0, maxTicks));
  const axis = svg
    .append('g')
    .attr('class', 'axis axis-x')
    .attr('transform', `translate(0,${l.height - l.bottom})`)
    .call(
      d3
        .axisBottom(x)
        .tickValues(ticks)
        .tickFormat((t) => format(Number(t)))
        .tickSizeOuter(0),
    );
  styleAxis(axis, theme);
  svg
    .append('text')
    .attr('class', 'axis-label axis-label-x')
    .attr('x', l.left + (l.width - l.left - l.right) / 2)
    .attr('y', l.height - 6)
    .attr('text-anchor', 'middle')
    .attr('fill', theme.muted)
    .text('simulated time (hh:mm)');
}

export function styleAxis(axis: d3.Selection<SVGGElement, undefined, null, undefined>, theme: ChartTheme): void {
  axis.attr('font-family', null).attr('font-size', FONT_SIZE);
  axis.selectAll('path.domain').attr('stroke', theme.muted);
  axis.selectAll('.tick line').attr('stroke', theme.muted);
  axis.selectAll('.tick text').attr('fill', theme.muted);
}

/** The y-axis label, rotated, with its unit. */
export function drawYLabel(svg: Svg, label: string, l: Layout, theme: ChartTheme): void {
  svg
    .append('text')
    .attr('class', 'axis-label axis-label-y')
    .attr('transform', `translate(12,${l.top + (l.height - l.top - l.bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', theme.muted)
    .text(label);
}

/** The cursor line (shared time cursor) and the hover line, initially placed or hidden. */
export function drawCursor(svg: Svg, x: d3.ScaleLinear<number, number>, l: Layout, theme: ChartTheme, cursorS: number | null | undefined): void {
  const [t0, t1] = x.domain() as [number, number];
  svg.attr('data-t0', t0).attr('data-t1', t1);
  svg
    .append('line')
    .attr('class', 'hover-line')
    .attr('y1', l.top)
    .attr('y2', l.height - l.bottom)
    .attr('stroke', theme.muted)
    .attr('stroke-width', 1)
    .attr('stroke-dasharray', '2 3')
    .attr('visibility', 'hidden')
    .attr('pointer-events', 'none');
  svg
    .append('line')
    .attr('class', 'cursor')
    .attr('y1', l.top)
    .attr('y2', l.height - l.bottom)
    .attr('stroke', theme.cursor)
    .attr('stroke-width', 1.5)
    .attr('pointer-events', 'none');
  placeCursor(svg.node()!, cursorS ?? null);
}

/** Moves a drawn chart's cursor to `timeS` (null hides it) without redrawing the chart. */
export function placeCursor(svg: SVGSVGElement, timeS: number | null): void {
  const line = svg.querySelector('line.cursor');
  if (!line) return;
  const left = Number(svg.getAttribute('data-plot-left'));
  const right = Number(svg.getAttribute('data-plot-right'));
  const t0 = Number(svg.getAttribute('data-t0'));
  const t1 = Number(svg.getAttribute('data-t1'));
  if (timeS === null || !Number.isFinite(timeS) || !(t1 > t0)) {
    line.setAttribute('visibility', 'hidden');
    return;
  }
  const clamped = Math.min(t1, Math.max(t0, timeS));
  const px = left + ((clamped - t0) / (t1 - t0)) * (right - left);
  line.setAttribute('x1', String(px));
  line.setAttribute('x2', String(px));
  line.setAttribute('visibility', 'visible');
}

/** The simulated time under a plot x position. */
export function timeAtX(svg: SVGSVGElement, px: number): number {
  const left = Number(svg.getAttribute('data-plot-left'));
  const right = Number(svg.getAttribute('data-plot-right'));
  const t0 = Number(svg.getAttribute('data-t0'));
  const t1 = Number(svg.getAttribute('data-t1'));
  const f = Math.min(1, Math.max(0, (px - left) / (right - left)));
  return t0 + f * (t1 - t0);
}

export interface TooltipLine {
  text: string;
  color?: string;
  dash?: string;
}

/** The tooltip group; `showTooltip` fills and places it. */
export function drawTooltip(svg: Svg, theme: ChartTheme): Group {
  const tip = svg.append('g').attr('class', 'tooltip').attr('visibility', 'hidden').attr('pointer-events', 'none');
  tip
    .append('rect')
    .attr('rx', 4)
    .attr('fill', theme.tooltipBackground)
    .attr('stroke', theme.muted)
    .attr('stroke-width', 0.5)
    .attr('opacity', 0.96);
  tip.append('g').attr('class', 'tooltip-lines');
  return tip;
}

export function showTooltip(tip: Group, l: Layout, px: number, py: number, lines: readonly TooltipLine[], theme: ChartTheme): void {
  const lineHeight = 15;
  const width = 16 + Math.max(...lines.map((line) => textWidth(line.text) + (line.color ? 16 : 0)));
  const height = 8 + lines.length * lineHeight;
  const g = tip.select<SVGGElement>('g.tooltip-lines');
  g.selectAll('*').remove();
  lines.forEach((line, i) => {
    let x = 8;
    if (line.color) {
      g.append('line')
        .attr('x1', x)
        .attr('x2', x + 11)
        .attr('y1', 4 + i * lineHeight + 8)
        .attr('y2', 4 + i * lineHeight + 8)
        .attr('stroke', line.color)
        .attr('stroke-width', 2.5)
        .attr('stroke-dasharray', line.dash ?? null);
      x += 16;
    }
    g.append('text')
      .attr('x', x)
      .attr('y', 4 + i * lineHeight + 12)
      .attr('fill', theme.foreground)
      .attr('font-weight', i === 0 ? 600 : null)
      .text(line.text);
  });
  tip.select('rect').attr('width', width).attr('height', height);
  const plotRight = l.width - l.right;
  let tx = px + 12;
  if (tx + width > plotRight) tx = Math.max(l.left, px - 12 - width);
  const ty = Math.min(Math.max(l.top, py - height / 2), Math.max(l.top, l.height - l.bottom - height));
  tip.attr('transform', `translate(${tx},${ty})`).attr('visibility', 'visible');
}

/**
 * Wires pointer and keyboard interaction: hover shows the tooltip at the nearest time, a click
 * or the arrow keys dispatch `chart-seek` (bubbling, composed) with the simulated time.
 */
export function wireInteraction(
  svg: Svg,
  l: Layout,
  theme: ChartTheme,
  stepS: number,
  linesAt: (timeS: number) => { timeS: number; lines: TooltipLine[] } | null,
): void {
  const node = svg.node()!;
  const tip = drawTooltip(svg, theme);
  const hover = svg.select<SVGLineElement>('line.hover-line');
  const seek = (timeS: number): void => {
    node.dispatchEvent(new CustomEvent('chart-seek', { detail: { timeS }, bubbles: true, composed: true }));
  };
  const overlay = svg
    .append('rect')
    .attr('class', 'overlay')
    .attr('x', l.left)
    .attr('y', l.top)
    .attr('width', Math.max(0, l.width - l.left - l.right))
    .attr('height', Math.max(0, l.height - l.top - l.bottom))
    .attr('fill', 'transparent')
    .style('cursor', 'crosshair');
  overlay
    .on('pointermove', (event: PointerEvent) => {
      const [px, py] = d3.pointer(event, node);
      const found = linesAt(timeAtX(node, px));
      if (!found) return;
      hover.attr('x1', px).attr('x2', px).attr('visibility', 'visible');
      showTooltip(tip, l, px, py, found.lines, theme);
    })
    .on('pointerleave', () => {
      hover.attr('visibility', 'hidden');
      tip.attr('visibility', 'hidden');
    })
    .on('click', (event: MouseEvent) => {
      const [px] = d3.pointer(event, node);
      const found = linesAt(timeAtX(node, px));
      seek(found ? found.timeS : timeAtX(node, px));
    });
  svg.on('keydown', (event: KeyboardEvent) => {
    const t0 = Number(node.getAttribute('data-t0'));
    const t1 = Number(node.getAttribute('data-t1'));
    const cursor = node.querySelector('line.cursor');
    const current = cursor && cursor.getAttribute('visibility') !== 'hidden'
      ? timeAtX(node, Number(cursor.getAttribute('x1')))
      : t0;
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = Math.min(t1, current + stepS);
    else if (event.key === 'ArrowLeft') next = Math.max(t0, current - stepS);
    else if (event.key === 'Home') next = t0;
    else if (event.key === 'End') next = t1;
    if (next === null) return;
    event.preventDefault();
    seek(Math.round(next / stepS) * stepS);
  });
}
