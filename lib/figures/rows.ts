/**
 * Builders accept either plain records or an Arquero table: Arquero is how
 * results flow through lib/, plain arrays are what notebooks type by hand.
 */
export type Row = Record<string, unknown>;

/** Anything with Arquero's `objects()` (kept structural so figures need no Arquero import). */
export interface TableLike {
  objects(): object[];
}

export type Data = readonly object[] | TableLike;

export function toRows(data: Data): Row[] {
  const rows = Array.isArray(data) ? data : (data as TableLike).objects();
  return rows.map((r) => ({ ...(r as Row) }));
}

/** A numeric field of a row; a missing/non-numeric value is an error naming the row and field, never a silent NaN. */
export function num(row: Row, field: string, index: number, optional = false): number | undefined {
  const v = row[field];
  if (v === undefined || v === null) {
    if (optional) return undefined;
    throw new Error(`figure data row ${index}: field "${field}" is missing (row: ${JSON.stringify(row)})`);
  }
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw new Error(`figure data row ${index}: field "${field}" is not a finite number (${JSON.stringify(v)})`);
  return n;
}

/** Distinct values of a field in first-appearance order (legend order follows the data, not the alphabet). */
export function distinct(rows: Row[], field: string): unknown[] {
  const seen = new Set<unknown>();
  for (const r of rows) seen.add(r[field]);
  return [...seen];
}
