import { describe, expect, it } from 'vitest';
import { generateSynthetic, miscaptioned, oocHard, oocRandom } from '../../lib/selection/generators/index';
import { size } from '../../lib/selection/pairs';
import { poolAt } from './helpers';

// images at 0, 0.1, 1.0, 2.0 rad; captions at 3.0, 1.5, 1.55, 0.2 rad
const pool = () => poolAt([0, 0.1, 1.0, 2.0], [3.0, 1.5, 1.55, 0.2]);

describe('generators', () => {
  it('hard out-of-context: each image gets the caption of the CLIP-nearest other image', () => {
    const s = oocHard(pool());
    // nearest images: 0 ↔ 1 (0.1 apart), 2 → 1 (0.9), 3 → 2 (1.0)
    expect(s.imageSource).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(s.textSource).toEqual(['p1', 'p0', 'p1', 'p2']);
    expect(Array.from(s.label3)).toEqual([2, 2, 2, 2]);
    expect(s.kind.every((k) => k === 'ooc-hard')).toBe(true);
    // the pair really is (image of i, caption of j)
    expect(s.text[0]).toBeCloseTo(Math.cos(1.5), 6);
    expect(s.image[0]).toBeCloseTo(1, 6);
  });

  it('miscaptioned: each image gets the caption nearest to its own caption in text space (another item)', () => {
    const s = miscaptioned(pool());
    // captions 1.5 ↔ 1.55; nearest to 3.0 among {1.5, 1.55, 0.2} is 1.55 (p2); nearest to 0.2 is 1.5 (p1)
    expect(s.textSource).toEqual(['p2', 'p2', 'p1', 'p1']);
    expect(Array.from(s.label3)).toEqual([1, 1, 1, 1]);
  });

  it('random out-of-context: never the own image or caption, seeded', () => {
    const p = pool();
    const a = oocRandom(p, 5),
      b = oocRandom(p, 5);
    expect(a.textSource).toEqual(b.textSource);
    a.textSource.forEach((t, i) => expect(t).not.toBe(a.imageSource[i]));
    // a duplicate image (same key) is never a partner: p1 shares p0's image key
    const dup = poolAt([0, 0, 1], [0.5, 1.5, 2.5]);
    const s = oocRandom(dup, 1);
    expect(s.textSource[0]).toBe('p2');
    expect(s.textSource[1]).toBe('p2');
  });

  it('generateSynthetic: every pool item as true, miscaptioned and out-of-context (random or hard) — 1 : 1 : 1', () => {
    const p = pool();
    const s = generateSynthetic(p, { seed: 3 });
    expect(size(s)).toBe(12);
    const count = (l: number) => Array.from(s.label3).filter((x) => x === l).length;
    expect([count(0), count(1), count(2)]).toEqual([4, 4, 4]);
    expect(s.kind.filter((k) => k === 'ooc-random').length + s.kind.filter((k) => k === 'ooc-hard').length).toBe(4);
    // every row names its sources, and the true rows are the pool itself
    expect(s.imageSource.slice(0, 4)).toEqual(p.imageSource);
    expect(s.textSource.slice(0, 4)).toEqual(p.textSource);
    expect(generateSynthetic(p, { seed: 3 }).textSource).toEqual(s.textSource);
    expect(generateSynthetic(p, { hardShare: 1 }).kind.filter((k) => k === 'ooc-hard').length).toBe(4);
    expect(() => generateSynthetic(p, { hardShare: 2 })).toThrow(/hardShare/);
  });
});
