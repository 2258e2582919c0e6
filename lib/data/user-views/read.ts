/**
 * One declared view's file → a feature matrix and, where the file or an ids
 * file carries them, the post id of each row. Checks here are about the file
 * itself (format, width, non-finite values, duplicate ids); matching rows to
 * posts is ./attach.ts. Errors name the file and the row / line / column.
 */
import { readFileSync } from 'node:fs';
import * as aq from 'arquero';
import { readText } from '../loaders/common';
import { parseDelimited } from '../loaders/delimited';
import { readNpyIds, readNpyMatrix } from '../loaders/npy';
import type { UserViewDecl } from './manifest';

export interface FeatureRows {
  /** [rows, dim] row-major, the declared columns only */
  data: Float32Array;
  rows: number;
  /** post id per row; absent = row i is the dataset's post i */
  ids?: string[];
  /** how messages name row r ("line 7", "row 6") */
  where(r: number): string;
  /** e.g. 'float16 .npy', 'CSV', 'Arrow' */
  format: string;
}

export function readFeatureRows(d: UserViewDecl): FeatureRows {
  const ext = d.file.toLowerCase().replace(/^.*\./, '');
  const r = ext === 'npy' ? readNpy(d) : ext === 'csv' ? readCsv(d) : readArrow(d);
  if (d.ids) {
    if (r.ids) throw new Error(`${d.file}: the file has its own id column '${d.idColumn}' and the manifest also names an ids file (${d.ids}); give one`);
    const ids = readIds(d.ids);
    if (ids.length !== r.rows) throw new Error(`${d.ids}: ${ids.length} ids, expected ${r.rows}, one per row of ${d.file}`);
    r.ids = ids;
  }
  if (r.ids) {
    const seen = new Map<string, number>();
    r.ids.forEach((id, i) => {
      const j = seen.get(id);
      if (j !== undefined) throw new Error(`${d.ids ?? d.file}: duplicate post id '${id}' at ${r.where(j)} and ${r.where(i)}`);
      seen.set(id, i);
    });
  }
  return r;
}

/** The declared columns of a [rows, cols] matrix; `cols` must be dim, or cover `columns`. */
function pickColumns(d: UserViewDecl, data: Float32Array, rows: number, cols: number, what: string): Float32Array {
  const [from, to] = d.columns ?? [0, d.dim];
  if (d.columns ? cols < to : cols !== d.dim) {
    throw new Error(`${d.file}: ${cols} feature columns${what}, but the manifest declares ${d.columns ? `columns [${from}, ${to})` : `dim ${d.dim}`} for view '${d.view}'`);
  }
  if (from === 0 && to === cols) return data;
  const out = new Float32Array(rows * d.dim); // [rows, dim]
  for (let i = 0; i < rows; i++) out.set(data.subarray(i * cols + from, i * cols + to), i * d.dim);
  return out;
}

function readNpy(d: UserViewDecl): FeatureRows {
  const m = readNpyMatrix(d.file); // rejects NaN / ±Inf with row and column
  const name = m.dtype === 'f2' ? 'float16' : m.dtype === 'f4' ? 'float32' : 'float64';
  return { data: pickColumns(d, m.data, m.rows, m.cols, ''), rows: m.rows, where: (r) => `row ${r}`, format: `${name} .npy` };
}

/** Header: the id column (idColumn) and the feature columns, in order. */
function readCsv(d: UserViewDecl): FeatureRows {
  const recs = parseDelimited(d.file);
  if (recs.length < 2) throw new Error(`${d.file}: ${recs.length ? 'header only, no rows' : 'empty file'} (expected a header with '${d.idColumn}' and the feature columns, then one row per post)`);
  const header = recs[0].record.map((h) => h.trim());
  const idAt = header.indexOf(d.idColumn);
  if (idAt < 0) throw new Error(`${d.file}:1: no id column '${d.idColumn}' in the header (${header.slice(0, 6).join(', ')}${header.length > 6 ? ', …' : ''}); set the view's idColumn`);
  const featCols = header.map((_, j) => j).filter((j) => j !== idAt);
  const rows = recs.length - 1;
  const cols = featCols.length;
  const data = new Float32Array(rows * cols); // [rows, cols]
  const ids: string[] = [];
  const lines: string[] = [];
  recs.slice(1).forEach(({ record, start, end }, i) => {
    const line = start === end ? `line ${start}` : `lines ${start}-${end}`;
    lines.push(line);
    if (record.length !== header.length) throw new Error(`${d.file}:${start}: ${record.length} fields, expected ${header.length} (the header's)`);
    const id = record[idAt].trim();
    if (!id) throw new Error(`${d.file}:${start}: field '${d.idColumn}' is empty`);
    ids.push(id);
    featCols.forEach((j, k) => {
      const s = record[j].trim();
      const x = s === '' ? NaN : Number(s);
      if (!Number.isFinite(x)) throw new Error(`${d.file}:${start}: field '${header[j]}' is '${s}', expected a finite number`);
      data[i * cols + k] = x;
    });
  });
  return { data: pickColumns(d, data, rows, cols, ` (besides '${d.idColumn}')`), rows, ids, where: (r) => lines[r], format: 'CSV' };
}

/** Arrow IPC: the id column, then either one list column (a vector per row) or numeric columns. */
function readArrow(d: UserViewDecl): FeatureRows {
  let t: aq.ColumnTable;
  try {
    t = aq.fromArrow(readFileSync(d.file)) as aq.ColumnTable;
  } catch (e) {
    throw new Error(`${d.file}: cannot read as Arrow IPC (${(e as Error).message})`);
  }
  const names = t.columnNames();
  if (!names.includes(d.idColumn)) throw new Error(`${d.file}: no id column '${d.idColumn}' (columns: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}); set the view's idColumn`);
  const rows = t.numRows();
  const idCol = t.column(d.idColumn)!;
  const ids = Array.from({ length: rows }, (_, i) => {
    const v = idCol.at(i);
    if (v === null || v === undefined || String(v) === '') throw new Error(`${d.file}: row ${i}: field '${d.idColumn}' is empty`);
    return String(v);
  });
  const feats = names.filter((n) => n !== d.idColumn);
  const first = rows ? t.column(feats[0] ?? '')?.at(0) : undefined;
  const listCol = feats.length === 1 && first !== null && typeof first === 'object';
  const cols = listCol ? (first as ArrayLike<number>).length : feats.length;
  const data = new Float32Array(rows * cols); // [rows, cols]
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < cols; k++) {
      const raw = listCol ? (t.column(feats[0])!.at(i) as ArrayLike<number> | null)?.[k] : t.column(feats[k])!.at(i);
      if (listCol && (t.column(feats[0])!.at(i) as ArrayLike<number> | null)?.length !== cols) throw new Error(`${d.file}: row ${i}: list column '${feats[0]}' has ${(t.column(feats[0])!.at(i) as ArrayLike<number> | null)?.length ?? 'no'} values, expected ${cols} (row 0's)`);
      const x = typeof raw === 'number' ? raw : typeof raw === 'bigint' ? Number(raw) : NaN;
      if (!Number.isFinite(x)) throw new Error(`${d.file}: row ${i}, ${listCol ? `column '${feats[0]}'[${k}]` : `column '${feats[k]}'`}: ${JSON.stringify(raw ?? null)}, expected a finite number`);
      data[i * cols + k] = x;
    }
  }
  return { data: pickColumns(d, data, rows, cols, ` (besides '${d.idColumn}')`), rows, ids, where: (r) => `row ${r}`, format: 'Arrow' };
}

/** Ids file: .npy integers, .json array, else text with one id a line. */
function readIds(path: string): string[] {
  if (/\.npy$/i.test(path)) return readNpyIds(path).map(String);
  const text = readText(path);
  if (/\.json$/i.test(path)) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw new Error(`${path}: invalid JSON (${(e as Error).message})`);
    }
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' || typeof x === 'number')) throw new Error(`${path}: expected a JSON array of ids (strings or numbers)`);
    return v.map(String);
  }
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((l, i) => {
    if (!l.trim()) throw new Error(`${path}:${i + 1}: empty id`);
  });
  return lines.map((l) => l.trim());
}
