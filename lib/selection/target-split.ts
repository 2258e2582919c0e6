/**
 * Partition of the real target set into the parts of a selection run:
 *   pool     truthful pairs the generators may use (when the pool is the target's own)
 *   val      the small UNLABELLED real validation set that guides selection (labels never read)
 *   fewShot  the labelled real few-shot part (real-only and synthetic + real baselines)
 *   test     the real test set — scored once, never selected on
 * Items that share an image or a caption (equal CLIP vectors: VERITE's true,
 * miscaptioned and out-of-context variants of one photo or one caption) are
 * one component, and a component goes to exactly one part, so the parts are
 * disjoint by item, by image and by caption.
 */
import { permutation, rng } from '../util/random';
import type { Dataset } from '../data/dataset';
import { LABEL3_NAMES, rowKey } from './pairs';

export interface TargetSplitOptions {
  /** shares of the items (the rest is test) */
  pool?: number;
  val?: number;
  fewShot?: number;
  seed?: number;
}

export const TARGET_SPLIT_DEFAULTS: Required<TargetSplitOptions> = { pool: 0.4, val: 0.1, fewShot: 0.1, seed: 0 };

export interface TargetParts {
  pool: number[];
  val: number[];
  fewShot: number[];
  test: number[];
  components: number;
}

/** Union–find components over shared image / caption keys of `rows`. */
export function sharedContentComponents(ds: Dataset, rows: number[], views = { image: 'imageSemantic', text: 'textSemantic' }): number[][] {
  const vi = ds.views[views.image]!,
    vt = ds.views[views.text]!;
  const parent = rows.map((_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])));
  const firstOf = new Map<string, number>();
  rows.forEach((i, k) => {
    for (const key of [`i:${rowKey(vi.data, vi.dim, i)}`, `t:${rowKey(vt.data, vt.dim, i)}`]) {
      const f = firstOf.get(key);
      if (f === undefined) firstOf.set(key, k);
      else parent[find(k)] = find(f);
    }
  });
  const groups = new Map<number, number[]>();
  rows.forEach((i, k) => {
    const root = find(k);
    (groups.get(root) ?? groups.set(root, []).get(root)!).push(i);
  });
  return [...groups.values()];
}

export function targetSplit(ds: Dataset, rows: number[], options: TargetSplitOptions = {}): TargetParts {
  const o = { ...TARGET_SPLIT_DEFAULTS, ...options };
  for (const k of ['pool', 'val', 'fewShot'] as const)
    if (!(o[k] >= 0 && o[k] < 1)) throw new Error(`targetSplit: option '${k}' must be in [0, 1), got ${o[k]}`);
  if (!(o.pool + o.val + o.fewShot < 1)) throw new Error(`targetSplit: pool + val + fewShot must leave a test share (got ${o.pool + o.val + o.fewShot})`);
  const comps = sharedContentComponents(ds, rows);
  const order = permutation(comps.length, rng(o.seed));
  const shares = { pool: o.pool, val: o.val, fewShot: o.fewShot, test: 1 - o.pool - o.val - o.fewShot };
  const parts: TargetParts = { pool: [], val: [], fewShot: [], test: [], components: comps.length };
  const names = ['pool', 'val', 'fewShot', 'test'] as const;
  let placed = 0;
  for (const j of order) {
    const c = comps[j];
    // the part furthest below its share after this component: shares are met to within one component
    const next = placed + c.length;
    let best: (typeof names)[number] = 'test',
      deficit = -Infinity;
    for (const p of names) {
      if (shares[p] === 0) continue;
      const gap = shares[p] * next - parts[p].length;
      if (gap > deficit) ((deficit = gap), (best = p));
    }
    parts[best].push(...c);
    placed = next;
  }
  for (const p of names) parts[p].sort((a, b) => a - b);
  return parts;
}

/**
 * 3-way labels of a dataset: its meta.label3 (VERITE: true / miscaptioned / out-of-context), else the
 * binary labels with fake read as out-of-context (the synthetic default's fakes are image–text
 * mismatches; Twitter's are not split by kind).
 */
export function label3Of(ds: Dataset): { label3: Int32Array; source: 'meta.label3' | 'binary' } {
  const col = ds.meta.columnNames().includes('label3') ? ds.meta.column('label3') : undefined;
  if (col) {
    const label3 = Int32Array.from({ length: ds.labels.length }, (_, i) => {
      const k = (LABEL3_NAMES as readonly string[]).indexOf(String(col.at(i)));
      if (k < 0) throw new Error(`dataset '${ds.name}': meta.label3 of row ${i} is '${col.at(i)}', expected ${LABEL3_NAMES.join(' / ')}`);
      return k;
    });
    return { label3, source: 'meta.label3' };
  }
  return { label3: Int32Array.from(ds.labels, (l) => (l === 1 ? 2 : 0)), source: 'binary' };
}
