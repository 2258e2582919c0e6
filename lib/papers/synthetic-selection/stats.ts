/**
 * Per-cell numbers of the synthetic-selection artefacts, read from the runs:
 * the test metrics (3-way: the 3-class accuracy and macro-F1 of extra.test3;
 * binary: RunResult.test), the distribution gap and the on-target share,
 * mean ± std over seeds — or why the cell has no numbers (data not here).
 */
import type { ArtefactContext } from '../../experiment/artefact';
import type { RunResult } from '../../experiment/result';
import { meanStd } from '../../eval/metrics';
import { degenerateSides, type ClassMetrics } from '../../eval/verdict';
import { fmt } from '../../report/table';
import type { Cell } from './common';

export interface MS {
  mean: number;
  std: number;
}

export interface CellStats {
  acc: MS;
  macroF1: MS;
  /** per seed: test scores, the gap after selection and the on-target shares (what the verdicts pair by seed) */
  perSeed: { seed: number; acc: number; macroF1: number; mmd2After: number; otAfter: number; onPool: number; onSelected: number; classes: ClassMetrics }[];
  gapBefore: { ot: MS; mmd2: MS };
  gapAfter: { ot: MS; mmd2: MS };
  onTarget: { pool: MS; selected: MS };
  trainRows: MS;
}

export type CellResult = { available: true; stats: CellStats } | { available: false; reason: string };

interface Extra {
  /** MulticlassMetrics of the 3-class test */
  test3?: { acc: number; macroF1: number; recall: number[]; confusion: number[][] };
  gap: { before: { ot: number; mmd2: number }; after: { ot: number; mmd2: number } };
  onTargetShare: { pool: number; selected: number };
  sizes: { train: number; detectorVal: number };
}

const ms = (xs: number[]): MS => meanStd(xs);

export function cellResult(ctx: ArtefactContext, cell: Cell): CellResult {
  const why = ctx.unavailable(cell.specs[0]);
  if (why) return { available: false, reason: why };
  const rs: RunResult[] = cell.specs.map((s) => ctx.result(s));
  const ex = rs.map((r) => r.extra as unknown as Extra);
  const score = (r: RunResult, e: Extra) => (cell.task === '3-way' ? e.test3! : r.test);
  // classes: what the one-class guard of the verdicts reads (3-way: the confusion matrix; binary: the recalls)
  const classes = (r: RunResult, e: Extra): ClassMetrics =>
    cell.task === '3-way' ? { recall: e.test3!.recall, confusion: e.test3!.confusion } : { fakeR: r.test.fakeR, realR: r.test.realR };
  const perSeed = rs.map((r, k) => ({
    seed: cell.specs[k].seed,
    acc: score(r, ex[k]).acc,
    macroF1: score(r, ex[k]).macroF1,
    mmd2After: ex[k].gap.after.mmd2,
    otAfter: ex[k].gap.after.ot,
    onPool: ex[k].onTargetShare.pool,
    onSelected: ex[k].onTargetShare.selected,
    classes: classes(r, ex[k]),
  }));
  return {
    available: true,
    stats: {
      acc: ms(perSeed.map((p) => p.acc)),
      macroF1: ms(perSeed.map((p) => p.macroF1)),
      perSeed,
      gapBefore: { ot: ms(ex.map((e) => e.gap.before.ot)), mmd2: ms(ex.map((e) => e.gap.before.mmd2)) },
      gapAfter: { ot: ms(ex.map((e) => e.gap.after.ot)), mmd2: ms(ex.map((e) => e.gap.after.mmd2)) },
      onTarget: { pool: ms(ex.map((e) => e.onTargetShare.pool)), selected: ms(ex.map((e) => e.onTargetShare.selected)) },
      trainRows: ms(ex.map((e) => e.sizes.train + e.sizes.detectorVal)),
    },
  };
}

export const f = (x: MS, digits = 3): string => fmt(x.mean, x.std, digits);

/** Paired (by seed) differences a − b of a per-seed metric, and their mean ± std. */
export function pairedDiff(a: CellStats, b: CellStats, key: 'acc' | 'macroF1' = 'macroF1'): MS & { diffs: number[] } {
  const bySeed = new Map(b.perSeed.map((p) => [p.seed, p[key]]));
  const diffs = a.perSeed.filter((p) => bySeed.has(p.seed)).map((p) => p[key] - bySeed.get(p.seed)!);
  return { ...ms(diffs), diffs };
}

export type SeedKey = 'acc' | 'macroF1' | 'mmd2After' | 'otAfter' | 'onPool' | 'onSelected';

/**
 * Per seed, the mean over cells of f(seed's row in each cell): the swept cells at one seed share the
 * seed, so the verdict pairs seeds (one value each), not (N, seed) cells, which are not independent.
 */
export function perSeedMean(
  cells: CellStats[],
  f: (row: CellStats['perSeed'][number], cell: number) => number,
  reduce: (xs: number[]) => number = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length,
): { seeds: number[]; values: number[] } {
  const seeds = cells[0].perSeed.map((p) => p.seed).filter((s) => cells.every((c) => c.perSeed.some((p) => p.seed === s)));
  return {
    seeds,
    values: seeds.map((s) =>
      reduce(
        cells.map((c, i) =>
          f(
            c.perSeed.find((p) => p.seed === s)!,
            i,
          ),
        ),
      ),
    ),
  };
}

/** The value of a per-seed key at one seed of a cell. */
export const atSeed = (c: CellStats, seed: number, key: SeedKey): number => {
  const p = c.perSeed.find((x) => x.seed === seed);
  if (!p) throw new Error(`synthetic-selection: no seed ${seed} in a cell (seeds ${c.perSeed.map((x) => x.seed).join(', ')})`);
  return p[key];
};

/** The one-class runs among cells (label each): the reason a verdict over their per-seed differences is undecided, or undefined. */
export function oneClassCells(cells: { label: string; stats: CellStats }[]): string | undefined {
  return degenerateSides(cells.map((c) => ({ label: c.label, metrics: c.stats.perSeed.map((p) => p.classes), seeds: c.stats.perSeed.map((p) => p.seed) })));
}
