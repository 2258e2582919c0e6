/**
 * The guard every selection run passes before it trains: no real test item,
 * test image or test caption is in a pool, a synthetic set, the selection's
 * validation set or a training set. Images and captions are compared by
 * content key (equal CLIP vectors), so a photo reused under another item id
 * is caught too; item ids are compared for rows that came from the target.
 */
import { size, type PairSet } from './pairs';

export interface LeakReport {
  items: number;
  images: number;
  captions: number;
}

export function testOverlap(set: PairSet, test: PairSet, targetOrigin = 'target'): LeakReport {
  const ids = new Set([...test.imageSource, ...test.textSource]);
  const imgs = new Set(test.imageKey),
    caps = new Set(test.textKey);
  const r: LeakReport = { items: 0, images: 0, captions: 0 };
  for (let i = 0; i < size(set); i++) {
    if (set.origin[i] === targetOrigin && (ids.has(set.imageSource[i]) || ids.has(set.textSource[i]))) r.items++;
    // a test photo or caption anywhere in the set, whichever item carries it
    if (imgs.has(set.imageKey[i]) || caps.has(set.imageKey[i])) r.images++;
    if (caps.has(set.textKey[i]) || imgs.has(set.textKey[i])) r.captions++;
  }
  return r;
}

/** Throws, naming the set and the counts, when anything of the test set is in `set`. */
export function assertNoTestLeak(set: PairSet, test: PairSet, what: string): void {
  const r = testOverlap(set, test);
  if (r.items || r.images || r.captions) {
    throw new Error(`selection: the ${what} shares ${r.items} item(s), ${r.images} image(s) and ${r.captions} caption(s) with the real test set`);
  }
}
