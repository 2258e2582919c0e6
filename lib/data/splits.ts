/**
 * Train / validation / test splits: stratified by label, optionally
 * group-aware (whole events go to one side, so a test event is never seen
 * in training), and k-fold. All seeded; the returned index arrays are sorted
 * so a split is a set, independent of iteration order.
 */
import { permutation, rng } from '../util/random';
import { subset, type Dataset } from './dataset';
import { stratifiedGroupAssign, type GroupFoldReport } from './group-folds';

export interface SplitOptions {
  /** fractions of validation and test; the rest is train */
  val?: number;
  test?: number;
  /** keep each event (group) on one side of every cut */
  byEvent?: boolean;
  seed?: number;
}

export interface SplitIndices {
  train: Int32Array;
  val: Int32Array;
  test: Int32Array;
}

export const SPLIT_DEFAULTS: Required<SplitOptions> = { val: 0.15, test: 0.2, byEvent: false, seed: 0 };

const sorted = (xs: number[]) => Int32Array.from(xs).sort();

/** rows grouped by key (e.g. event id), each group in the order given */
function groupRows(rows: Iterable<number>, key: (i: number) => number): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (const i of rows) {
    const k = key(i);
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(i);
  }
  return groups;
}

export function splitIndices(ds: Dataset, options: SplitOptions = {}): SplitIndices {
  const o = { ...SPLIT_DEFAULTS, ...options };
  if (!(o.val >= 0 && o.test >= 0 && o.val + o.test < 1)) throw new Error(`split: val (${o.val}) + test (${o.test}) must be in [0, 1)`);
  const r = rng(o.seed);
  if (o.byEvent) return splitByGroup(ds, o, r);
  const out = { train: [] as number[], val: [] as number[], test: [] as number[] };
  // stratified: cut each class separately with the same fractions
  for (const cls of [0, 1]) {
    const rows = Array.from(ds.labels.keys()).filter((i) => ds.labels[i] === cls);
    const order = permutation(rows.length, r);
    const nTest = Math.round(rows.length * o.test), nVal = Math.round(rows.length * o.val);
    order.forEach((j, k) => (k < nTest ? out.test : k < nTest + nVal ? out.val : out.train).push(rows[j]));
  }
  return { train: sorted(out.train), val: sorted(out.val), test: sorted(out.test) };
}

function splitByGroup(ds: Dataset, o: Required<SplitOptions>, r: ReturnType<typeof rng>): SplitIndices {
  if (!ds.events) throw new Error(`split: byEvent needs event ids, but dataset '${ds.name}' has none`);
  const groups = groupRows(ds.labels.keys(), (i) => ds.events![i]);
  const ids = [...groups.keys()].sort((a, b) => a - b);
  if (ids.length < 3) throw new Error(`split: byEvent needs at least 3 events, dataset '${ds.name}' has ${ids.length}`);
  const order = permutation(ids.length, r);
  const N = ds.labels.length;
  const out = { train: [] as number[], val: [] as number[], test: [] as number[] };
  // greedy fill: test first, then val, each until its share of samples is reached (at least one event each)
  for (const j of order) {
    const rows = groups.get(ids[j])!;
    const side = out.test.length === 0 || out.test.length + rows.length / 2 <= o.test * N ? 'test'
      : out.val.length === 0 || out.val.length + rows.length / 2 <= o.val * N ? 'val' : 'train';
    out[side].push(...rows);
  }
  if (out.train.length === 0) throw new Error(`split: byEvent left no training events in '${ds.name}'`);
  return { train: sorted(out.train), val: sorted(out.val), test: sorted(out.test) };
}

/**
 * k stratified folds; fold f is the test set, and a stratified val cut is taken from the rest.
 * byEvent: whole events go to one fold (and validation is whole events of the rest), so posts
 * that share an image or a story never sit on both sides (Twitter CLIP: 1,098 posts, 104 images).
 */
export function kFold(ds: Dataset, k: number, { val = 0.15, seed = 0, byEvent = false, stratify = false }: { val?: number; seed?: number; byEvent?: boolean; stratify?: boolean } = {}): SplitIndices[] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`kFold: k must be an integer ≥ 2, got ${k}`);
  if (byEvent && stratify) return stratifiedGroupKFold(ds, k, val, seed).folds;
  if (byEvent) return groupKFold(ds, k, val, seed);
  const r = rng(seed);
  const fold = new Int32Array(ds.labels.length);
  for (const cls of [0, 1]) {
    const rows = Array.from(ds.labels.keys()).filter((i) => ds.labels[i] === cls);
    permutation(rows.length, r).forEach((j, pos) => (fold[rows[j]] = pos % k));
  }
  return Array.from({ length: k }, (_, f) => {
    const test: number[] = [], rest: number[] = [];
    fold.forEach((g, i) => (g === f ? test : rest).push(i));
    const restByClass = [0, 1].map((c) => rest.filter((i) => ds.labels[i] === c));
    const valRows: number[] = [], trainRows: number[] = [];
    for (const rows of restByClass) {
      const nVal = Math.round(rows.length * val);
      permutation(rows.length, r).forEach((j, pos) => (pos < nVal ? valRows : trainRows).push(rows[j]));
    }
    return { train: sorted(trainRows), val: sorted(valRows), test: sorted(test) };
  });
}

/** Events, largest first (seeded tie order), each into the fold with the fewest rows so far. */
function groupKFold(ds: Dataset, k: number, val: number, seed: number): SplitIndices[] {
  if (!ds.events) throw new Error(`kFold: byEvent needs event ids, but dataset '${ds.name}' has none`);
  const r = rng(seed);
  const groups = groupRows(ds.labels.keys(), (i) => ds.events![i]);
  const ids = [...groups.keys()].sort((a, b) => a - b);
  if (ids.length < k + 1) throw new Error(`kFold: byEvent with k = ${k} needs more than ${k} events, dataset '${ds.name}' has ${ids.length}`);
  const shuffled = Array.from(permutation(ids.length, r), (j) => ids[j]);
  const bySize = shuffled.map((e, pos) => ({ e, pos })).sort((a, b) => groups.get(b.e)!.length - groups.get(a.e)!.length || a.pos - b.pos);
  const foldOf = new Map<number, number>();
  const load = new Array(k).fill(0);
  for (const { e } of bySize) {
    const f = load.indexOf(Math.min(...load));
    foldOf.set(e, f);
    load[f] += groups.get(e)!.length;
  }
  return Array.from({ length: k }, (_, f) => {
    const test = ids.filter((e) => foldOf.get(e) === f);
    const rest = shuffled.filter((e) => foldOf.get(e) !== f);
    const restRows = rest.reduce((n, e) => n + groups.get(e)!.length, 0);
    const valEvents: number[] = [];
    let nVal = 0;
    for (const e of rest) {
      if (nVal >= val * restRows || valEvents.length === rest.length - 1) break;
      valEvents.push(e);
      nVal += groups.get(e)!.length;
    }
    const rows = (es: number[]) => sorted(es.flatMap((e) => groups.get(e)!));
    return { train: rows(rest.filter((e) => !valEvents.includes(e))), val: rows(valEvents), test: rows(test) };
  });
}

/**
 * Whole events per fold, each fold's fake share near the overall share (group-folds.ts); validation =
 * whole (event, label) groups of the other folds, stratified by label (carveValByEvent, as Twitter's
 * predefined split). The report gives every fold's size and share for the dataset notes.
 */
export function stratifiedGroupKFold(ds: Dataset, k: number, val = 0.15, seed = 0): { folds: SplitIndices[]; report: GroupFoldReport } {
  const { foldOf, groups, report } = stratifiedGroupAssign(ds, k, { seed });
  const folds = Array.from({ length: k }, (_, f) => {
    const test = sorted(groups.flatMap((g, j) => (foldOf[j] === f ? g.rows : [])));
    const rest = sorted(groups.flatMap((g, j) => (foldOf[j] !== f ? g.rows : [])));
    const { train, val: v } = carveValByEvent(ds, rest, val, seed * 7 + f);
    return { train, val: v, test };
  });
  return { folds, report };
}

export function applySplit(ds: Dataset, s: SplitIndices): { train: Dataset; val: Dataset; test: Dataset } {
  return { train: subset(ds, s.train, `${ds.name}/train`), val: subset(ds, s.val, `${ds.name}/val`), test: subset(ds, s.test, `${ds.name}/test`) };
}

/** A dataset whose `meta.split` column already names train / val / test (the loaders' upstream splits). */
export function predefinedSplit(ds: Dataset): SplitIndices {
  const col = ds.meta.column('split');
  if (!col) throw new Error(`dataset '${ds.name}' has no 'split' column in its metadata`);
  const out = { train: [] as number[], val: [] as number[], test: [] as number[] };
  for (let i = 0; i < ds.labels.length; i++) {
    const s: string = String(col.at(i));
    const key: string = s === 'validate' || s === 'validation' || s === 'dev' ? 'val' : s;
    if (key !== 'train' && key !== 'val' && key !== 'test') throw new Error(`dataset '${ds.name}': row ${i} has split '${s}', expected train / val / test`);
    out[key].push(i);
  }
  return { train: sorted(out.train), val: sorted(out.val), test: sorted(out.test) };
}

/**
 * A stratified validation share of `train` (for datasets that ship only
 * train/test, e.g. Twitter MediaEval): per label, the first ⌈frac·n⌉ rows
 * of a seeded permutation go to validation. Test rows are never touched.
 */
export function carveVal(ds: Dataset, train: Int32Array, frac: number, seed: number): { train: Int32Array; val: Int32Array } {
  if (!(frac > 0 && frac < 1)) throw new Error(`split: predefined 'val' must be in (0, 1), got ${frac}`);
  const val: number[] = [];
  const keep: number[] = [];
  for (const label of [0, 1]) {
    const rows = Array.from(train).filter((i) => ds.labels[i] === label);
    const order = permutation(rows.length, rng(seed * 2 + label));
    const nVal = Math.ceil(frac * rows.length);
    order.forEach((j, r) => (r < nVal ? val : keep).push(rows[j]));
  }
  const sort = (a: number[]) => Int32Array.from(a.sort((x, y) => x - y));
  return { train: sort(keep), val: sort(val) };
}

/**
 * Validation = whole events drawn from train, per label: the groups are
 * (event, label) pairs, drawn in seeded order until each label has ≥ frac of
 * its training rows in validation. Twitter MediaEval posts of one event share
 * images (and an image is fake or real, not both), so a row-level carve leaks
 * them into validation and selects on memorisation; a plain event carve made
 * validation 1,457 fake vs 44 real there, useless for selection.
 */
export function carveValByEvent(ds: Dataset, train: Int32Array, frac: number, seed: number): { train: Int32Array; val: Int32Array } {
  if (!ds.events) throw new Error(`split: byEvent needs event ids, dataset '${ds.name}' has none`);
  if (!(frac > 0 && frac < 1)) throw new Error(`split: predefined 'val' must be in (0, 1), got ${frac}`);
  const valRows = new Set<number>();
  for (const label of [0, 1]) {
    const ofLabel = Array.from(train).filter((i) => ds.labels[i] === label);
    const rowsOf = groupRows(ofLabel, (i) => ds.events![i]);
    const n = ofLabel.length;
    const events = [...rowsOf.keys()].sort((a, b) => a - b);
    const order = permutation(events.length, rng(seed * 2 + label));
    let taken = 0;
    for (const j of order) {
      if (taken >= frac * n) break;
      const rows = rowsOf.get(events[j])!;
      if (taken + rows.length > 2 * frac * n) continue; // one huge event must not swallow the training data
      for (const i of rows) valRows.add(i);
      taken += rows.length;
    }
  }
  return { train: Int32Array.from(Array.from(train).filter((i) => !valRows.has(i))), val: Int32Array.from(Array.from(train).filter((i) => valRows.has(i))) };
}
