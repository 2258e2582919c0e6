/**
 * Small, fast, seeded 32-bit hashes for feature hashing (not crypto).
 * FNV-1a over Unicode code points, finished with murmur3's fmix32 so that
 * the low bits (used as bucket index via `& (buckets - 1)`) are well mixed.
 */

/** murmur3 finaliser: full avalanche of a 32-bit integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of code points cps[start, end) with a seed. */
export function hashCodePoints(cps: ArrayLike<number>, start: number, end: number, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ cps[i], 0x01000193);
  return fmix32(h ^ (end - start));
}

/** Hash of a (seed, integer) pair, e.g. to seed per-bucket choices. */
export function hashInt(x: number, seed: number): number {
  return fmix32(Math.imul(x ^ 0x9e3779b9, 0x85ebca6b) ^ seed);
}
