/**
 * Reading the loader contract from `ds.meta` (Arquero): `text` (string) and
 * `images` (JSON array string of absolute image paths, possibly '[]').
 */
import type { Dataset } from '../data/dataset';

/** [N] texts; rows whose text is absent (present.text = 0 or no column) are ''. */
export function textsOf(ds: Dataset): string[] {
  const n = ds.labels.length;
  const col = ds.meta.numRows() === n ? ds.meta.column('text') : undefined;
  return Array.from({ length: n }, (_, i) => {
    if (!col || !ds.present.text[i]) return '';
    const v = col.at(i);
    return v == null ? '' : String(v);
  });
}

/** [N] image path lists. Throws naming the row on a malformed `images` cell. */
export function imagesOf(ds: Dataset): string[][] {
  const n = ds.labels.length;
  const col = ds.meta.numRows() === n ? ds.meta.column('images') : undefined;
  return Array.from({ length: n }, (_, i) => {
    if (!col) return [];
    const v = col.at(i);
    if (v == null || v === '') return [];
    if (Array.isArray(v)) return v.map(String);
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(v));
    } catch {
      throw new Error(`dataset '${ds.name}': meta.images of row ${i} (id ${ds.ids[i]}) is not JSON: ${String(v).slice(0, 80)}`);
    }
    if (!Array.isArray(parsed)) throw new Error(`dataset '${ds.name}': meta.images of row ${i} (id ${ds.ids[i]}) is not a JSON array`);
    return parsed.map(String);
  });
}

/** Rows whose meta.split is 'train', or undefined when there is no split column. */
export function trainRows(ds: Dataset): number[] | undefined {
  const col = ds.meta.numRows() === ds.labels.length ? ds.meta.column('split') : undefined;
  if (!col) return undefined;
  const rows: number[] = [];
  for (let i = 0; i < ds.labels.length; i++) if (String(col.at(i)) === 'train') rows.push(i);
  return rows;
}
