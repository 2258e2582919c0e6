/**
 * Results tables (Arquero) → Markdown and CSV files, plus the two
 * transformations every artefact needs: per-seed rows → mean ± std per
 * group, and ours beside the paper's numbers with the difference.
 *
 * std is the SAMPLE standard deviation (n − 1), see format.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as aq from 'arquero';
import { fmt, fmtDiff } from './format';
import { writeAtomic } from '../util/write-atomic';

export { fmt, fmtDiff, sampleStd } from './format';

type Table = aq.ColumnTable;
type Row = Record<string, unknown>;

export interface AggregateOptions {
  /** grouping columns, e.g. ['model', 'dataset'] */
  by: string[];
  /** numeric columns to summarise, e.g. ['acc', 'f1'] */
  values: string[];
}

/**
 * Per-seed rows → one row per group with `<v>_mean`, `<v>_std` (sample,
 * null for a single row) and `n`. Groups keep first-appearance order.
 */
export function aggregate(table: Table, options: AggregateOptions): Table {
  for (const c of [...options.by, ...options.values]) {
    if (!table.columnNames().includes(c)) throw new Error(`aggregate: no column "${c}" (columns: ${table.columnNames().join(', ')})`);
  }
  const spec: Record<string, unknown> = {};
  for (const v of options.values) {
    spec[`${v}_mean`] = aq.op.mean(v);
    spec[`${v}_std`] = aq.op.stdev(v); // Arquero's stdev divides by n − 1
  }
  spec.n = aq.op.count();
  const out = table.groupby(...options.by).rollup(spec as never);
  // Arquero leaves std undefined for n = 1; null is explicit and survives JSON
  const fix: Record<string, unknown> = {};
  for (const v of options.values) fix[`${v}_std`] = aq.escape((d: Row) => ((d.n as number) < 2 ? null : d[`${v}_std`]));
  return out.derive(fix as never);
}

/** `<v>_mean`/`<v>_std` pairs → one `<v>` text column `0.912 ± 0.009` (other columns unchanged, order kept). */
export function formatMeanStd(table: Table, values: string[], digits = 3): Table {
  const rows = table.objects() as Row[];
  return aq.from(
    rows.map((r) => {
      const o: Row = {};
      for (const [k, val] of Object.entries(r)) {
        const v = values.find((name) => k === `${name}_mean` || k === `${name}_std`);
        if (!v) o[k] = val;
        else if (k === `${v}_mean`) o[v] = fmt(val as number, r[`${v}_std`] as number | null, digits);
      }
      return o;
    }),
  );
}

export interface PaperOptions {
  /** key columns shared by both tables */
  by: string[];
  /** the metric: ours has `<value>_mean` (+ `<value>_std`) or `<value>`; the paper has `<value>` (+ `<value>_std`) */
  value: string;
  digits?: number;
}

function meanOf(r: Row | undefined, v: string): { mean?: number; std?: number | null } {
  if (!r) return {};
  const mean = (r[`${v}_mean`] ?? r[v]) as number | undefined | null;
  const std = r[`${v}_std`] as number | undefined | null;
  return mean === undefined || mean === null ? {} : { mean, std };
}

/**
 * Ours beside the paper: key columns, `ours`, `paper`, `diff` (ours − paper,
 * on means). Rows follow ours; a missing counterpart prints "—" (the paper
 * did not report it, or we did not run it), never NaN.
 */
export function besidePaper(ours: Table, paper: Table | Row[], options: PaperOptions): Table {
  const digits = options.digits ?? 3;
  const key = (r: Row) => JSON.stringify(options.by.map((k) => r[k]));
  const paperRows = (Array.isArray(paper) ? paper : (paper.objects() as Row[])) as Row[];
  const byKey = new Map(paperRows.map((r) => [key(r), r]));
  return aq.from(
    (ours.objects() as Row[]).map((r) => {
      const o = meanOf(r, options.value);
      const p = meanOf(byKey.get(key(r)), options.value);
      const row: Row = Object.fromEntries(options.by.map((k) => [k, r[k]]));
      row.ours = o.mean === undefined ? '—' : fmt(o.mean, o.std, digits);
      row.paper = p.mean === undefined ? '—' : fmt(p.mean, p.std, digits);
      row.diff = o.mean === undefined || p.mean === undefined ? '—' : fmtDiff(o.mean - p.mean, digits);
      return row;
    }),
  );
}

function cellText(v: unknown, digits: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`table cell is ${v}`);
    return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  }
  return String(v);
}

export interface MarkdownOptions {
  title?: string;
  note?: string;
  /** decimals for non-integer numbers (default 3); CSV keeps full precision */
  digits?: number;
}

/** GitHub-flavoured Markdown; numeric columns right-aligned; `|` escaped. */
export function toMarkdown(table: Table, options: MarkdownOptions = {}): string {
  const cols = table.columnNames();
  const rows = table.objects() as Row[];
  const numeric = cols.map((c) => rows.length > 0 && rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'));
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out: string[] = [];
  if (options.title) out.push(`### ${options.title}`, '');
  out.push(line(cols.map(esc)), line(numeric.map((n) => (n ? '---:' : '---'))));
  for (const r of rows) out.push(line(cols.map((c) => esc(cellText(r[c], options.digits ?? 3)))));
  if (options.note) out.push('', options.note);
  return out.join('\n') + '\n';
}

/** RFC 4180 CSV, full-precision numbers, `\n` line ends, header row. */
export function toCsv(table: Table): string {
  const cols = table.columnNames();
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`CSV cell is ${v}`);
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [cols.map(cell).join(',')];
  for (const r of table.objects() as Row[]) lines.push(cols.map((c) => cell(r[c])).join(','));
  return lines.join('\n') + '\n';
}

/** Writes `<dir>/<name>.md` and `<dir>/<name>.csv` (atomically); returns both paths. */
export function writeTable(dir: string, name: string, table: Table, options: MarkdownOptions = {}): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const md = path.join(dir, `${name}.md`);
  const csv = path.join(dir, `${name}.csv`);
  writeAtomic(md, toMarkdown(table, options));
  writeAtomic(csv, toCsv(table));
  return [md, csv];
}
