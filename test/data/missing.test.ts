import { describe, expect, it } from 'vitest';
import { synthetic } from '../../lib/data/synthetic';
import { dropModalities, missingPattern, withMissing } from '../../lib/data/missing';

const ds = synthetic({ samples: 400, seed: 2 });

describe('missing-modality patterns', () => {
  it('drops a modality from exactly round(rate · N) posts, either one, seeded and nested across rates', () => {
    const p25 = missingPattern(ds, { rate: 0.25, seed: 1 });
    const p50 = missingPattern(ds, { rate: 0.5, seed: 1 });
    expect(p25.filter((m) => m).length).toBe(100);
    expect(p50.filter((m) => m).length).toBe(200);
    p25.forEach((m, i) => m && expect(p50[i]).toBe(m));
    const t = p50.filter((m) => m === 'text').length;
    expect(t).toBeGreaterThan(60);
    expect(t).toBeLessThan(140);
    expect(missingPattern(ds, { rate: 0.5, seed: 1 })).toEqual(p50);
    expect(missingPattern(ds, { rate: 0.5, seed: 2 })).not.toEqual(p50);
    expect(missingPattern(ds, { rate: 1, which: 'image' }).every((m) => m === 'image')).toBe(true);
  });

  it('zeroes the dropped modality’s views and present-mask, leaving everything else', () => {
    const drop = ds.labels.length ? Array.from(ds.labels, (_, i) => (i === 0 ? 'image' : i === 1 ? 'text' : null)) : [];
    const d = dropModalities(ds, drop as never);
    const v = (name: string, row: number, data = d) => Array.from(data.views[name]!.data.subarray(row * data.views[name]!.dim, (row + 1) * data.views[name]!.dim));
    expect(v('imagePattern', 0).every((x) => x === 0)).toBe(true);
    expect(v('textPattern', 0)).toEqual(v('textPattern', 0, ds));
    expect(v('textSemantic', 1).every((x) => x === 0)).toBe(true);
    expect(d.present.image[0]).toBe(0);
    expect(d.present.text[1]).toBe(0);
    expect(v('imageSemantic', 2)).toEqual(v('imageSemantic', 2, ds));
    expect(ds.present.image[0]).toBe(1); // the input is not modified
  });

  it('leaves a post with only one modality as it is', () => {
    const half = synthetic({ samples: 200, seed: 2, missingRate: { image: 1 } });
    const d = withMissing(half, { rate: 1, seed: 0 });
    expect(Array.from(d.present.text)).toEqual(Array.from(half.present.text));
  });

  it('rejects a rate outside [0, 1]', () => {
    expect(() => missingPattern(ds, { rate: 1.2 })).toThrow(/rate/);
  });
});
