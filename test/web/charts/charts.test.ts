import { beforeEach, describe, expect, it } from 'vitest';
import { installMiniDom, type MiniElement } from '../support/mini-dom.ts';
import { requestsChart, perSecond, addColumns } from '../../../web/charts/requests-chart.ts';
import { latencyChart } from '../../../web/charts/latency-chart.ts';
import { capacityChart } from '../../../web/charts/capacity-chart.ts';
import { cpuChart } from '../../../web/charts/cpu-chart.ts';
import { alarmBandChart } from '../../../web/charts/alarm-band-chart.ts';
import { placeCursor } from '../../../web/charts/frame.ts';
import { exportableClone, svgMarkup } from '../../../web/charts/export-image.ts';
import { nearestIndex, seriesDash, yDomain } from '../../../web/charts/line-chart.ts';
import type { ChartOptions, ChartRun } from '../../../web/charts/types.ts';
import { CHART_THEMES } from '../../../web/theme.ts';
import { DURATION_S, fixtureRun, fixtureTimeseries, PERIOD_S, simEvent } from '../fixtures/run-result.ts';

const run = fixtureRun();
const A: ChartRun = { label: 'A', durationS: DURATION_S, periodS: PERIOD_S, timeseries: run.timeseries, scenario: run.scenario, events: run.events };
const B: ChartRun = { ...A, label: 'B', timeseries: fixtureTimeseries(2) };
const options: ChartOptions = { width: 640, height: 240, theme: CHART_THEMES.light, cursorS: 300 };

beforeEach(() => {
  installMiniDom();
});

const el = (svg: SVGElement): MiniElement => svg as unknown as MiniElement;
const texts = (svg: SVGElement, selector: string): string[] => el(svg).querySelectorAll(selector).map((n) => n.textContent);

describe.each([
  ['requests', requestsChart, 'chart-requests', 'requests / s', ['requests', '2xx', '5xx (ELB + target)']],
  ['latency', latencyChart, 'chart-latency', 'latency (ms)', ['p50', 'p99', 'mean', 'client p99 (with errors)']],
  ['capacity', capacityChart, 'chart-capacity', 'instances', ['desired', 'in service', 'pending', 'healthy']],
  ['cpu', cpuChart, 'chart-cpu', 'CPU (%)', ['CPU average', 'target 50%']],
] as const)('%s chart', (_name, chart, cls, yLabel, legend) => {
  it('is an SVG element of the requested size, labelled for screen readers', () => {
    const svg = chart([A], options);
    expect(el(svg).localName).toBe('svg');
    expect(svg.getAttribute('class')).toContain(cls);
    expect(svg.getAttribute('width')).toBe('640');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBeTruthy();
  });
  it(`has units on both axes: time in hh:mm and "${yLabel}"`, () => {
    const svg = chart([A], options);
    expect(texts(svg, 'text.axis-label-x')).toEqual(['simulated time (hh:mm)']);
    expect(texts(svg, 'text.axis-label-y')).toEqual([yLabel]);
    const ticks = texts(svg, 'g.axis-x .tick text');
    expect(ticks[0]).toBe('00:00');
    expect(ticks[ticks.length - 1]).toBe('00:10');
  });
  it('draws a legend naming every series', () => {
    const svg = chart([A], options);
    expect(texts(svg, 'g.legend text')).toEqual([...legend]);
  });
  it('draws every series as a non-empty path and places the cursor', () => {
    const svg = chart([A], options);
    const paths = el(svg).querySelectorAll('path.series');
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path.getAttribute('d')).toMatch(/^M/);
    const cursor = el(svg).querySelector('line.cursor')!;
    expect(cursor.getAttribute('visibility')).toBe('visible');
    const left = Number(svg.getAttribute('data-plot-left'));
    const right = Number(svg.getAttribute('data-plot-right'));
    expect(Number(cursor.getAttribute('x1'))).toBeCloseTo(left + (right - left) / 2);
  });
  it('compare mode: the second run is drawn dashed in the same colours, and the legend says which is which', () => {
    const svg = chart([A, B], options);
    const second = el(svg).querySelectorAll('path.series[data-variant=1]');
    expect(second.length).toBe(el(svg).querySelectorAll('path.series[data-variant=0]').length);
    for (const path of second) expect(path.getAttribute('stroke-dasharray')).toBeTruthy();
    expect(texts(svg, 'g.legend text').slice(-2)).toEqual(['A', 'B']);
  });
  it('is the same markup for the same input (a pure function)', () => {
    expect(el(chart([A], options)).outerHTML).toBe(el(chart([A], options)).outerHTML);
  });
});

describe('chart details', () => {
  it('request rates are per second: counts divided by the period; 5xx adds ELB and target 5xx', () => {
    expect(perSecond([600, 60], 60)).toEqual([10, 1]);
    expect(addColumns([1, Number.NaN], [2, 3])).toEqual([3, 3]);
  });
  it('latency breaks its lines at periods without responses (NaN)', () => {
    const svg = latencyChart([A], options);
    const d = el(svg).querySelector('path.series-p99')!.getAttribute('d')!;
    expect(d.split('M').length - 1).toBe(2); // two pieces around the empty fourth period
  });
  it('the latency mean is dotted', () => {
    const svg = latencyChart([A], options);
    expect(el(svg).querySelector('path.series-mean')!.getAttribute('stroke-dasharray')).toBe('1 3');
  });
  it('CPU is on a 0–100 % scale with the target-tracking target as a reference line', () => {
    const svg = cpuChart([A], options);
    const ticks = texts(svg, 'g.axis-y .tick text');
    expect(ticks[0]).toBe('0');
    expect(ticks[ticks.length - 1]).toBe('100');
    expect(texts(svg, 'text.reference-label')).toEqual(['target 50%']);
  });
  it('capacity is drawn as steps (each sample holds until the next)', () => {
    const svg = capacityChart([A], options);
    const d = el(svg).querySelector('path.series-desired')!.getAttribute('d')!;
    expect(d).toMatch(/L([\d.]+),([\d.]+)L\1,(?!\2)/); // a vertical riser: same x, new y
  });
  it('placeCursor moves or hides the cursor without a redraw', () => {
    const svg = requestsChart([A], { ...options, cursorS: null });
    const cursor = el(svg).querySelector('line.cursor')!;
    expect(cursor.getAttribute('visibility')).toBe('hidden');
    placeCursor(svg, 600);
    expect(Number(cursor.getAttribute('x1'))).toBe(Number(svg.getAttribute('data-plot-right')));
    placeCursor(svg, null);
    expect(cursor.getAttribute('visibility')).toBe('hidden');
  });
  it('arrow keys on a focused chart ask to move the cursor by one period (chart-seek)', () => {
    const svg = requestsChart([A], options);
    const seen: number[] = [];
    el(svg).addEventListener('chart-seek', (e) => seen.push((e as CustomEvent<{ timeS: number }>).detail.timeS));
    const key = (k: string) => ({ type: 'keydown', key: k, bubbles: true, preventDefault() {} }) as unknown as Event;
    el(svg).dispatchEvent(key('ArrowRight'));
    el(svg).dispatchEvent(key('ArrowLeft'));
    el(svg).dispatchEvent(key('End'));
    expect(seen).toEqual([360, 240, 600]);
  });
  it('dark theme: the same chart, drawn in the dark palette', () => {
    const svg = requestsChart([A], { ...options, theme: CHART_THEMES.dark });
    expect(el(svg).querySelector('rect.background')!.getAttribute('fill')).toBe(CHART_THEMES.dark.background);
  });
  it('helpers: nearest sample, y domain from zero, dashes per run', () => {
    expect(nearestIndex([60, 120, 180], 100)).toBe(1);
    expect(nearestIndex([60, 120, 180], 0)).toBe(0);
    expect(nearestIndex([60, 120, 180], 1e9)).toBe(2);
    expect(yDomain({ title: '', yLabel: '', unit: '', durationS: 1, series: [{ key: 'a', label: 'a', color: '#000', timeS: [1], values: [93] }] })).toEqual([0, 100]);
    expect(seriesDash({ key: 'a', label: 'a', color: '#000', timeS: [], values: [], variant: 1 })).toBe('7 4');
    expect(seriesDash({ key: 'a', label: 'a', color: '#000', timeS: [], values: [], dash: '1 3', variant: 1 })).toBe('2 6');
  });
});

describe('alarm band chart', () => {
  it('one row per alarm, one rectangle per state segment, with the state legend', () => {
    const svg = alarmBandChart([A], options);
    expect(texts(svg, 'text.band-label')).toEqual(['cpu-high']);
    expect(el(svg).querySelectorAll('rect.segment').map((r) => r.getAttribute('class'))).toEqual([
      'segment state-INSUFFICIENT_DATA',
      'segment state-ALARM',
      'segment state-OK',
    ]);
    expect(texts(svg, 'g.legend text')).toEqual(['OK', 'ALARM', 'INSUFFICIENT_DATA']);
    expect(texts(svg, 'text.axis-label-x')).toEqual(['simulated time (hh:mm)']);
  });
  it('compare mode labels each row with its run', () => {
    const svg = alarmBandChart([A, B], options);
    expect(texts(svg, 'text.band-label')).toEqual(['cpu-high (A)', 'cpu-high (B)']);
  });
  it('says so when a scenario has no alarms', () => {
    const svg = alarmBandChart([{ ...A, events: [] }], options);
    expect(texts(svg, 'text.empty-note')).toEqual(['No CloudWatch alarms in this scenario.']);
  });
});

describe('chart export', () => {
  it('the exported copy has no tooltip, hover line or pointer overlay, and declares the SVG namespace', () => {
    const svg = requestsChart([A], options);
    const clone = el(exportableClone(svg));
    expect(clone.querySelectorAll('g.tooltip, line.hover-line, rect.overlay')).toHaveLength(0);
    expect(clone.querySelectorAll('path.series').length).toBe(el(svg).querySelectorAll('path.series').length);
    expect(svgMarkup(svg)).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});

describe('alarm rows in compare mode', () => {
  it("A's and B's alarms come in the same (name) order, whichever changed first in each run", async () => {
    const { runBands } = await import('../../../web/charts/alarm-band-chart.ts');
    const run = (label: string, first: string, second: string) => ({
      label,
      durationS: 600,
      periodS: 60,
      timeseries: {} as never,
      events: [simEvent(60, 'alarm', { name: first, state: 'OK' }), simEvent(120, 'alarm', { name: second, state: 'ALARM' })],
    });
    const bands = runBands([run('A', 'high', 'low'), run('B', 'low', 'high')] as never);
    expect(bands.map((b) => b.label)).toEqual(['high (A)', 'low (A)', 'high (B)', 'low (B)']);
  });
});
