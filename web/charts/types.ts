/**
 * The data and options every chart function takes. A chart is a pure function
 * `(data, options) → SVGElement`: to update one, draw it again. Charts share the time cursor
 * through `options.cursorS` (plain data), never through each other.
 */
import type { Scenario } from '../../core/scenario/types.ts';
import type { SimEvent, Timeseries, TimeseriesColumn } from '../../core/report/types.ts';
import type { ChartTheme } from '../theme.ts';

/** One run as the charts see it. Two of them overlay in compare mode. */
export interface ChartRun {
  /** `A`, `B`, or the scenario name. */
  label: string;
  durationS: number;
  periodS: number;
  timeseries: Timeseries;
  scenario?: Pick<Scenario, 'autoScalingGroups'>;
  events?: readonly SimEvent[];
  /**
   * The columns a chart may draw, when the charts show one target group or Auto Scaling group
   * (web/model/chart-scope.ts): a series whose column is not here is left out. Absent: all.
   */
  columns?: ReadonlySet<TimeseriesColumn> | null;
}

/** Whether a run's charts may draw `column` (see ChartRun.columns). */
export function shows(run: Pick<ChartRun, 'columns'>, column: TimeseriesColumn): boolean {
  return !run.columns || run.columns.has(column);
}

export interface ChartOptions {
  width: number;
  height: number;
  theme: ChartTheme;
  /** Simulated time of the shared cursor, or null for none. */
  cursorS?: number | null;
}

/** One line (or filled area) of a line chart. */
export interface LineSeries {
  key: string;
  label: string;
  color: string;
  timeS: ArrayLike<number>;
  /** NaN = no value (a gap in the line). */
  values: ArrayLike<number>;
  /** SVG stroke-dasharray; undefined = solid. */
  dash?: string;
  curve?: 'linear' | 'step';
  /** Fill the area under the line. */
  area?: boolean;
  /** Which run it belongs to (compare mode): 0 = first. */
  variant?: number;
  variantLabel?: string;
}

/** A horizontal reference line (for instance a target-tracking target value). */
export interface ReferenceLine {
  label: string;
  value: number;
  color: string;
  dash?: string;
}

export interface LineChartData {
  /** Accessible name and export file name. */
  title: string;
  /** Y-axis label with its unit, e.g. `requests / s`. */
  yLabel: string;
  /** Unit appended to tooltip values, e.g. `req/s`. */
  unit: string;
  durationS: number;
  series: LineSeries[];
  references?: ReferenceLine[];
  yMin?: number;
  /** Fixed upper bound (CPU: 100); otherwise from the data. */
  yMax?: number;
  /** Decimals in tooltips. */
  digits?: number;
  /** Legend note for the line styles of the variants in compare mode. */
  variants?: string[];
}

/** The `chart-seek` event every chart dispatches (click, or arrow keys when focused). */
export interface ChartSeekDetail {
  timeS: number;
}
