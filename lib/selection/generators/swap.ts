/**
 * The shared step of every generator here: keep item i's image, give it
 * item j's caption. Each generator only decides the partner j of each i;
 * the pair records both source items, so a synthetic row can always be
 * traced back (and checked for leakage) to the pool items it was built from.
 */
import { size, type PairKind, type PairSet } from '../pairs';

/** j may serve as i's caption donor: another image AND another caption (duplicates share keys). */
export const canPartner = (pool: PairSet, i: number, j: number): boolean => pool.imageKey[j] !== pool.imageKey[i] && pool.textKey[j] !== pool.textKey[i];

/** (image of i, caption of partner[i]) for every i with partner[i] ≥ 0 (and only[i], when given), in pool order. */
export function makeSwaps(pool: PairSet, partner: Int32Array, label3: number, kind: PairKind, only?: ArrayLike<boolean>): PairSet {
  const d = pool.d;
  const rows = Array.from(partner.keys()).filter((i) => partner[i] >= 0 && (!only || only[i]));
  const image = new Float32Array(rows.length * d),
    text = new Float32Array(rows.length * d);
  rows.forEach((i, k) => {
    image.set(pool.image.subarray(i * d, (i + 1) * d), k * d);
    text.set(pool.text.subarray(partner[i] * d, (partner[i] + 1) * d), k * d);
  });
  return {
    d,
    image,
    text,
    label3: new Int32Array(rows.length).fill(label3),
    kind: rows.map(() => kind),
    imageSource: rows.map((i) => pool.imageSource[i]),
    textSource: rows.map((i) => pool.textSource[partner[i]]),
    imageKey: rows.map((i) => pool.imageKey[i]),
    textKey: rows.map((i) => pool.textKey[partner[i]]),
    origin: rows.map((i) => pool.origin[i]),
  };
}

/**
 * For each i, the j (canPartner) maximising the cosine of `space` rows (unit vectors): the nearest
 * other item in that space; −1 when no item qualifies. Ties go to the lower index (deterministic).
 */
export function nearestPartner(pool: PairSet, space: Float32Array): Int32Array {
  const n = size(pool),
    d = pool.d;
  const out = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i || !canPartner(pool, i, j)) continue;
      let dot = 0;
      for (let t = 0; t < d; t++) dot += space[i * d + t] * space[j * d + t];
      if (dot > best) ((best = dot), (out[i] = j));
    }
  }
  return out;
}
