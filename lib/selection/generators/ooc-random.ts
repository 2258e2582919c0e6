/**
 * Out-of-context by random caption swap: each truthful pair's image gets
 * the caption of a uniformly drawn other item (another image and another
 * caption). The easy kind of synthetic out-of-context pair: image and
 * caption are usually about unrelated events.
 */
import { rng } from '../../util/random';
import { size, type PairSet } from '../pairs';
import { canPartner, makeSwaps } from './swap';

/** `only`: build swaps for these pool rows only (the partners of all rows are still drawn, so the draws do not depend on it) */
export function oocRandom(pool: PairSet, seed: number, only?: ArrayLike<boolean>): PairSet {
  const n = size(pool);
  const r = rng(seed);
  const partner = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const ok = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i && canPartner(pool, i, j));
    if (ok.length) partner[i] = ok[r.int(ok.length)];
  }
  return makeSwaps(pool, partner, 2, 'ooc-random', only);
}
