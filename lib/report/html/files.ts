/**
 * Which artefact a file under figures/<paper>/ belongs to. reproduce writes
 * an artefact's figures and tables under names it chooses, and results.json
 * keeps the artefact ids, not the file names; the names follow one of two
 * patterns, so the report reads them back:
 *   - the id itself or the id and a suffix: `table1`, `table1-acc`, `fig4-6-synthetic`
 *     (the longest matching id wins: `fig4-6-synthetic` → `fig4-6`, not `fig4`);
 *   - one number of a numbered range id: `fig10` → `fig9-11` (prefix `fig`, 9 ≤ 10 ≤ 11).
 * A file that matches no artefact is listed under "other files", never dropped.
 */
import { naturalCompare } from './escape';

/** Files reproduce writes per paper that are not an artefact's figure or table. */
export const PAPER_FILES = new Set(['results', 'claims', 'timings']);

export function artefactOf(base: string, ids: readonly string[]): string | undefined {
  const direct = ids.filter((id) => base === id || base.startsWith(id + '-')).sort((a, b) => b.length - a.length || naturalCompare(a, b));
  if (direct.length) return direct[0];
  const m = /^(.*?)(\d+)$/.exec(base);
  if (!m) return undefined;
  const n = Number(m[2]);
  for (const id of [...ids].sort(naturalCompare)) {
    const r = /^(.*?)(\d+)-(\d+)$/.exec(id);
    if (r && r[1] === m[1] && Number(r[2]) <= n && n <= Number(r[3])) return id;
  }
  return undefined;
}

/** base names → artefact id (or undefined), for every base. */
export function assignFiles(bases: readonly string[], ids: readonly string[]): Map<string, string | undefined> {
  return new Map(bases.map((b) => [b, artefactOf(b, ids)]));
}
