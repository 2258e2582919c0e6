import { describe, expect, it } from 'vitest';
import { synthetic } from '../../lib/data/synthetic';
import { dropModality } from '../../lib/data/drop-modality';

const ds = synthetic({ samples: 400, seed: 3 });
const absent = (d: typeof ds, m: 'text' | 'image') => d.present[m].reduce((a, p) => a + (p ? 0 : 1), 0);

describe('dropModality', () => {
  it('removes the modality from about `rate` of the rows: views zero, present 0, the other modality untouched', () => {
    const d = dropModality(ds, { modality: 'image', rate: 0.5, seed: 1 });
    expect(absent(d, 'image')).toBeGreaterThan(160);
    expect(absent(d, 'image')).toBeLessThan(240);
    expect(absent(d, 'text')).toBe(0);
    const v = d.views.imagePattern!, t = d.views.textPattern!;
    for (let i = 0; i < 400; i++) {
      const row = v.data.subarray(i * v.dim, (i + 1) * v.dim);
      if (d.present.image[i]) expect(Array.from(row)).toEqual(Array.from(ds.views.imagePattern!.data.subarray(i * v.dim, (i + 1) * v.dim)));
      else expect(row.every((x) => x === 0)).toBe(true);
    }
    expect(t.data).toEqual(ds.views.textPattern!.data);
    expect(ds.present.image.every((p) => p === 1)).toBe(true); // the input is not modified
    expect(d.labels).toBe(ds.labels);
  });

  it('rate 0 removes nothing, rate 1 removes every image; nested across rates with one seed', () => {
    expect(absent(dropModality(ds, { modality: 'image', rate: 0, seed: 1 }), 'image')).toBe(0);
    expect(absent(dropModality(ds, { modality: 'image', rate: 1, seed: 1 }), 'image')).toBe(400);
    const a = dropModality(ds, { modality: 'text', rate: 0.2, seed: 7 }), b = dropModality(ds, { modality: 'text', rate: 0.6, seed: 7 });
    for (let i = 0; i < 400; i++) if (!a.present.text[i]) expect(b.present.text[i]).toBe(0);
    expect(absent(b, 'text')).toBeGreaterThan(absent(a, 'text'));
  });

  it("'both' never leaves a row with neither modality, also on rows already missing one", () => {
    const d = dropModality(ds, { modality: 'both', rate: 1, seed: 2 });
    for (let i = 0; i < 400; i++) expect(d.present.text[i] + d.present.image[i]).toBe(1);
    const e = dropModality(dropModality(ds, { modality: 'image', rate: 0.5, seed: 1 }), { modality: 'text', rate: 1, seed: 1 });
    for (let i = 0; i < 400; i++) expect(e.present.text[i] + e.present.image[i]).toBeGreaterThanOrEqual(1);
  });

  it('is deterministic and names a bad option', () => {
    expect(dropModality(ds, { modality: 'image', rate: 0.3, seed: 4 }).present.image).toEqual(dropModality(ds, { modality: 'image', rate: 0.3, seed: 4 }).present.image);
    expect(() => dropModality(ds, { modality: 'audio' as never, rate: 0.1 })).toThrow(/option 'modality'/);
    expect(() => dropModality(ds, { modality: 'image', rate: 1.5 })).toThrow(/option 'rate'/);
  });
});
