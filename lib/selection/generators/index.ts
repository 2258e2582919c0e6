/**
 * The synthetic misinformation set built from a pool of truthful pairs:
 * every pool item once as itself (true), once miscaptioned, and once out of
 * context — by random swap or, with probability `hardShare`, by the hard
 * (nearest-image) swap. Three classes in equal numbers, as VERITE's
 * 338 / 338 / 325; binary it is 1 real : 2 fake, as VERITE is.
 */
import { rng } from '../../util/random';
import { concatPairs, size, type PairSet } from '../pairs';
import { miscaptioned } from './miscaptioned';
import { oocHard } from './ooc-hard';
import { oocRandom } from './ooc-random';

export { miscaptioned, oocHard, oocRandom };

export interface GenerateOptions {
  /** share of out-of-context items made by the hard (nearest-image) swap; the rest by random swap */
  hardShare?: number;
  seed?: number;
}

export const GENERATE_DEFAULTS: Required<GenerateOptions> = { hardShare: 0.5, seed: 0 };

export function generateSynthetic(pool: PairSet, options: GenerateOptions = {}): PairSet {
  const o = { ...GENERATE_DEFAULTS, ...options };
  if (!(o.hardShare >= 0 && o.hardShare <= 1)) throw new Error(`generateSynthetic: option 'hardShare' must be in [0, 1], got ${o.hardShare}`);
  if (size(pool) < 2) throw new Error(`generateSynthetic: the pool needs at least 2 truthful pairs, got ${size(pool)}`);
  const truthful: PairSet = { ...pool, kind: pool.kind.map(() => 'truthful'), label3: new Int32Array(size(pool)) };
  const r = rng(o.seed);
  const hard = Array.from({ length: size(pool) }, () => r.next() < o.hardShare);
  return concatPairs([
    truthful,
    miscaptioned(pool),
    oocRandom(
      pool,
      o.seed + 1,
      hard.map((h) => !h),
    ),
    oocHard(pool, hard),
  ]);
}
