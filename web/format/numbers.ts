/**
 * Number formatting for tooltips, the summary table and tiles: exact enough to compare with the
 * CSV, short enough to read. Empty values (NaN: "no responses in this period") show as a dash.
 */

/** `1234.5` → `1,234.5`; NaN → `–`. `digits` is the maximum number of decimals. */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** `1.2` with 2 digits → `1.20`: a fixed number of decimals, so a column of figures lines up. */
export function formatFixed(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A value with its unit, `12.5 ms`, `40 %` (percent gets no space: `40%`). */
export function formatWithUnit(value: number, unit: string, digits = 2): string {
  const text = formatNumber(value, digits);
  if (!Number.isFinite(value) || unit === '') return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/** A fraction 0..1 as a percentage: `0.473` → `47%`. */
export function formatPercent(fraction: number, digits = 0): string {
  if (!Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A signed change between two figures, for the compare table: `+12.3%`, `−4`, `±0`. */
export function formatDelta(a: number, b: number, digits = 2): string {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return '–';
  const diff = b - a;
  if (diff === 0) return '±0';
  const sign = diff > 0 ? '+' : '−';
  const abs = formatFixed(Math.abs(diff), digits);
  if (a === 0) return `${sign}${abs}`;
  const pct = (Math.abs(diff) / Math.abs(a)) * 100;
  return `${sign}${abs} (${sign}${pct.toFixed(1)}%)`;
}
