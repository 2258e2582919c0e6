/**
 * CSV rows ↔ feature-matrix rows. VERITE and the Twitter CLIP set ship a CSV
 * and .npy features where row i of one is row i of the other, so a row can
 * be neither skipped nor added: the counts must agree. When they do not, the
 * error names both files, because either can be the wrong one (a truncated
 * .npy, or a CSV whose stray quote joined several lines into one record);
 * records that span lines are listed as the likely place to look.
 */
import type { Rec } from './delimited';

export function csvRowCountCheck(npyPath: string, npyRows: number, csvPath: string, csvRecords: readonly Rec[]): void {
  if (npyRows === csvRecords.length) return;
  const spans = csvRecords.filter((r) => r.end > r.start).map((r) => `${r.start}-${r.end}`);
  const hint = spans.length ? `; ${spans.length} CSV record(s) span several lines (${spans.slice(0, 5).join(', ')}${spans.length > 5 ? ', …' : ''}): a stray quote there joins rows` : '';
  throw new Error(`${npyPath}: ${npyRows} rows, expected ${csvRecords.length}, one per data record of ${csvPath}${hint}`);
}
