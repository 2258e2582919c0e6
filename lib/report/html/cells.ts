/**
 * Ours beside the paper, cell by cell: which column of a results table holds
 * the paper's counterpart of which of ours, how a printed cell reads as a
 * number, and when ours "differs by more than the spread".
 *
 * Pairing (the column naming every artefact uses, see lib/report/table.ts):
 *   1. `X (paper)` pairs with the column named exactly `X`;
 *   2. else with the nearest column to its left whose name, read as words
 *      (lower case, punctuation dropped), begins with the words of `X` —
 *      `params M (paper)` ↔ `params (M)`, `drop (paper)` ↔ `drop (ours, paired)`,
 *      `train (paper)` ↔ `train s/epoch BMLHF/MRML`;
 *   3. a column named `paper` pairs with one named `ours` (besidePaper's layout).
 *   A column is used by at most one pair; an unpaired `(paper)` column is shown as is.
 *
 * Difference rule: a cell reads as `m ± s` or `m` (3-decimal style, signed
 * allowed; "—" and text are not numbers). Ours differs from the paper when
 * the two printed intervals m ± s do not overlap even after widening each by
 * half a unit of its last printed digit (rounding):
 *     |m_ours − m_paper| > s_ours + s_paper + ½·10^−d_ours + ½·10^−d_paper
 * A missing std counts as 0 (one seed, or a paper that printed none), so two
 * single numbers differ when they differ beyond rounding. Non-overlapping
 * ±1-std bars are a deliberately loose screen ("look here"), not a test.
 */

export interface Cell {
  mean: number;
  /** null when the cell printed no spread */
  std: number | null;
  /** decimals printed for the mean (and std) */
  digits: number;
}

const NUM = '[+\\-−]?\\d+(?:\\.(\\d+))?';
const CELL = new RegExp(`^(${NUM})(?:\\s*±\\s*(${NUM}))?$`);

/** `0.812 ± 0.010` → { mean 0.812, std 0.010, digits 3 }; `0.812`, `+0.025`, `14.85` likewise; anything else → null. */
export function parseCell(text: string): Cell | null {
  const m = CELL.exec(text.trim());
  if (!m) return null;
  const num = (s: string) => Number(s.replace('−', '-'));
  const mean = num(m[1]);
  const std = m[3] === undefined ? null : Math.abs(num(m[3]));
  if (!Number.isFinite(mean) || (std !== null && !Number.isFinite(std))) return null;
  const digits = Math.max((m[2] ?? '').length, (m[4] ?? '').length);
  return { mean, std, digits };
}

/** The rule above; true = highlight ours. */
export function differs(ours: Cell, paper: Cell): boolean {
  const round = (c: Cell) => 0.5 * 10 ** -c.digits;
  const spread = (ours.std ?? 0) + (paper.std ?? 0) + round(ours) + round(paper);
  // 1e-9: the printed decimals are exact in base 10, not in binary floating point
  return Math.abs(ours.mean - paper.mean) > spread + 1e-9;
}

const PAPER = /^(.*\S)\s*\(paper\)$/i;
const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
const startsWith = (a: string[], b: string[]) => b.length > 0 && b.length <= a.length && b.every((w, i) => a[i] === w);

/** For each paper column (index), the index of our column it pairs with. */
export function pairColumns(header: readonly string[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const used = new Set<number>();
  const isPaper = (i: number) => PAPER.test(header[i]) || header[i].toLowerCase() === 'paper';
  header.forEach((h, p) => {
    const m = PAPER.exec(h);
    if (!m) return;
    const base = m[1].trim();
    let o = header.findIndex((c, i) => i !== p && !used.has(i) && !isPaper(i) && c === base);
    if (o < 0) {
      const want = words(base);
      for (let i = p - 1; i >= 0; i--) {
        if (!used.has(i) && !isPaper(i) && startsWith(words(header[i]), want)) {
          o = i;
          break;
        }
      }
    }
    if (o >= 0) {
      pairs.set(p, o);
      used.add(o);
    }
  });
  const paper = header.findIndex((h) => h.toLowerCase() === 'paper');
  const ours = header.findIndex((h) => h.toLowerCase() === 'ours');
  if (paper >= 0 && ours >= 0 && !used.has(ours)) pairs.set(paper, ours);
  return pairs;
}

/** Column order with each paper column moved right after its pair (other columns keep their order). */
export function adjacentOrder(header: readonly string[], pairs: Map<number, number>): number[] {
  const after = new Map<number, number>();
  for (const [p, o] of pairs) after.set(o, p);
  const order: number[] = [];
  header.forEach((_, i) => {
    if (pairs.has(i)) return; // placed beside its pair
    order.push(i);
    if (after.has(i)) order.push(after.get(i)!);
  });
  return order;
}
