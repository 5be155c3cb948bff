/**
 * The table a sweep prints when it is done: one line per combination with the figures people
 * compare first (p99 and mean latency, ELB 5xx, cost, peak capacity) as mean ± 95 % half-width.
 * The full statistics are in summary.csv; this is the glance. Pure text, fixed formats.
 */
import type { CombinationStats } from './sweep-files.ts';
import { RUN_COLUMNS } from './run-figures.ts';
import type { Grid } from './sweep-grid.ts';

/** More combinations than this are not printed (summary.csv has them all). */
export const TABLE_LIMIT = 40;

const SHOWN: readonly { column: string; title: string; decimals: number }[] = [
  { column: 'latency_p99_ms', title: 'p99 ms', decimals: 1 },
  { column: 'latency_mean_ms', title: 'mean ms', decimals: 1 },
  { column: 'elb_5xx', title: 'ELB 5xx', decimals: 1 },
  { column: 'cost', title: 'cost $', decimals: 3 },
  { column: 'capacity_max', title: 'max capacity', decimals: 1 },
];

export function formatSweepTable(grid: Grid, rows: readonly CombinationStats[]): string {
  const header = [...grid.vary.map((v) => v.path), ...SHOWN.map((s) => s.title)];
  const body = rows.map((row) => [
    ...row.values,
    ...SHOWN.map(({ column, decimals }) => {
      const { mean, ci95 } = row.stats[RUN_COLUMNS.findIndex((c) => c.column === column)]!;
      return ci95 === undefined ? mean.toFixed(decimals) : `${mean.toFixed(decimals)} ± ${ci95.toFixed(decimals)}`;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < grid.vary.length ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd() + '\n';
  return '\n' + line(header) + body.map(line).join('') + '\n';
}
