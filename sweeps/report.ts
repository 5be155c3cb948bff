/**
 * A sweep's summary.csv as a Markdown table and a small SVG chart (p99 latency, ELB 5xx share,
 * cost and peak capacity against the varied value, each mean with its 95 % confidence bar).
 *
 *   npx tsx sweeps/report.ts <summary.csv> [--svg chart.svg] [--title TEXT]
 *
 * The first column of summary.csv is the x axis (a sweep with one --vary). The ELB 5xx share is
 * elb_5xx_mean / requests_mean; with common random numbers every combination sees the same
 * requests, so the share's half-width is elb_5xx_ci95 / requests_mean.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { scaleLinear } from 'd3';
import { splitCsvLine } from '../cli/sweep-files.ts';

interface Row {
  x: string;
  get(column: string): number;
}

interface Panel {
  title: string;
  mean: (r: Row) => number;
  ci: (r: Row) => number;
}

const PANELS: Panel[] = [
  { title: 'p99 latency (ms)', mean: (r) => r.get('latency_p99_ms_mean'), ci: (r) => r.get('latency_p99_ms_ci95')},
  {
    title: 'ELB 5xx (% of requests)',
    mean: (r) => (100 * r.get('elb_5xx_mean')) / r.get('requests_mean'),
    ci: (r) => (100 * r.get('elb_5xx_ci95')) / r.get('requests_mean'),
  },
  { title: 'cost ($ per run)', mean: (r) => r.get('cost_mean'), ci: (r) => r.get('cost_ci95')},
  { title: 'peak capacity (instances)', mean: (r) => r.get('capacity_max_mean'), ci: (r) => r.get('capacity_max_ci95')},
];

function readSummary(path: string): { xName: string; rows: Row[] } {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const columns = splitCsvLine(header!);
  const rows = lines.map((line) => {
    const cells = splitCsvLine(line);
    return {
      x: cells[0]!,
      get: (column: string) => {
        const i = columns.indexOf(column);
        if (i < 0) throw new Error(`${path} has no column ${column}`);
        return cells[i] === '' ? 0 : Number(cells[i]);
      },
    };
  });
  return { xName: columns[0]!, rows };
}

function table(xName: string, rows: Row[]): string {
  const cell = (r: Row, mean: string, ci: string, d: number) => `${r.get(mean).toFixed(d)} ± ${r.get(ci).toFixed(d)}`;
  const lines = [
    `| ${xName} | p99 latency ms | mean latency ms | ELB 5xx (% of requests) | cost $ | instance-hours | peak capacity |`,
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const share = PANELS[1]!;
      return `| ${r.x} | ${cell(r, 'latency_p99_ms_mean', 'latency_p99_ms_ci95', 1)} | ${cell(r, 'latency_mean_ms_mean', 'latency_mean_ms_ci95', 1)} | ${share.mean(r).toFixed(2)} ± ${share.ci(r).toFixed(2)} | ${cell(r, 'cost_mean', 'cost_ci95', 3)} | ${cell(r, 'instance_hours_mean', 'instance_hours_ci95', 2)} | ${cell(r, 'capacity_max_mean', 'capacity_max_ci95', 1)} |`;
    }),
  ];
  return lines.join('\n') + '\n';
}

const W = 360;
const H = 220;
const M = { top: 28, right: 16, bottom: 36, left: 52 };

function panel(p: Panel, xName: string, rows: Row[], left: number, top: number): string {
  const xs = rows.map((r) => Number(r.x));
  const x = scaleLinear().domain([Math.min(...xs), Math.max(...xs)]).range([M.left, W - M.right]).nice();
  const lows = rows.map((r) => p.mean(r) - p.ci(r));
  const highs = rows.map((r) => p.mean(r) + p.ci(r));
  const y = scaleLinear().domain([Math.min(0, ...lows), Math.max(...highs) * 1.05]).range([H - M.bottom, M.top]).nice();
  const parts: string[] = [`<g transform="translate(${left},${top})">`, `<text x="${M.left}" y="16" font-weight="bold">${p.title}</text>`];
  const tickText = y.tickFormat(5);
  for (const t of y.ticks(5)) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${M.left - 6}" y="${y(t) + 4}" text-anchor="end">${tickText(t)}</text>`);
  }
  for (const v of xs) parts.push(`<text x="${x(v)}" y="${H - M.bottom + 16}" text-anchor="middle">${v}</text>`);
  parts.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 4}" text-anchor="middle" fill="#555">${xName}</text>`);
  const points = rows.map((r, i) => `${x(xs[i]!)},${y(p.mean(r))}`).join(' ');
  parts.push(`<polyline points="${points}" fill="none" stroke="#1f77b4" stroke-width="1.5"/>`);
  rows.forEach((r, i) => {
    const cx = x(xs[i]!);
    parts.push(`<line x1="${cx}" x2="${cx}" y1="${y(lows[i]!)}" y2="${y(highs[i]!)}" stroke="#1f77b4"/>`);
    parts.push(`<circle cx="${cx}" cy="${y(p.mean(r))}" r="3" fill="#1f77b4"/>`);
  });
  parts.push('</g>');
  return parts.join('\n');
}

function chart(xName: string, rows: Row[], title: string): string {
  const body = PANELS.map((p, i) => panel(p, xName, rows, (i % 2) * W, 30 + Math.floor(i / 2) * H));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${30 + 2 * H}" viewBox="0 0 ${2 * W} ${30 + 2 * H}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${W}" y="20" text-anchor="middle" font-size="13">${title}</text>`,
    ...body,
    '</svg>',
  ].join('\n') + '\n';
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const svg = option('--svg');
const title = option('--title') ?? 'mean and 95% confidence interval';
const [file] = args;
if (!file) {
  process.stderr.write('usage: npx tsx sweeps/report.ts <summary.csv> [--svg chart.svg] [--title TEXT]\n');
  process.exit(1);
}
const { xName, rows } = readSummary(file);
process.stdout.write(table(xName, rows));
if (svg) writeFileSync(svg, chart(xName, rows, title));
