/**
 * Hard out-of-context (NewsCLIPpings-style, Luo et al. EMNLP 2021, its
 * "CLIP image–image" retrieval): each truthful pair's image gets the caption
 * of the item whose IMAGE is CLIP-nearest to it (another image and another
 * caption). The caption then describes a visually similar scene, so the
 * mismatch is subtle.
 */
import type { PairSet } from '../pairs';
import { makeSwaps, nearestPartner } from './swap';

/** `only`: build swaps for these pool rows only */
export function oocHard(pool: PairSet, only?: ArrayLike<boolean>): PairSet {
  return makeSwaps(pool, nearestPartner(pool, pool.image), 2, 'ooc-hard', only);
}
