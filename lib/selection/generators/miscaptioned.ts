/**
 * Miscaptioned: each truthful pair's image gets a caption that is near its
 * own caption in CLIP TEXT space but belongs to another item (another image
 * and another caption): a plausible-sounding caption that says something
 * else about the picture — the closest a feature-level generator gets to the
 * paper's rewritten captions (no language model runs here).
 */
import type { PairSet } from '../pairs';
import { makeSwaps, nearestPartner } from './swap';

export function miscaptioned(pool: PairSet): PairSet {
  return makeSwaps(pool, nearestPartner(pool, pool.text), 1, 'miscaptioned');
}
