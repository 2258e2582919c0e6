/**
 * Unimodal supervision budgets (HMS, arXiv 2604.09711: 0.25 %, 1 %, 5 % of
 * the training set): a stratified, seeded sample of round(fraction · N_c)
 * rows of each class c, at least one per class that exists, so a 0.25 %
 * budget of a small training set still sees both labels.
 */
import { rng, permutation } from '../util/random';
import type { Dataset } from './dataset';

/** Row indices (sorted) of a stratified `fraction` of `ds`; ≥ 1 per present class. */
export function budgetSample(ds: Dataset, fraction: number, seed = 0): Int32Array {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`budgetSample: fraction must be in (0, 1], got ${fraction}`);
  const r = rng(seed);
  const picked: number[] = [];
  for (const c of [0, 1]) {
    const rows = Array.from(ds.labels.keys()).filter((i) => ds.labels[i] === c);
    if (!rows.length) continue;
    const k = Math.min(rows.length, Math.max(1, Math.round(fraction * rows.length)));
    const p = permutation(rows.length, r);
    for (let j = 0; j < k; j++) picked.push(rows[p[j]]);
  }
  return Int32Array.from(picked.sort((a, b) => a - b));
}
