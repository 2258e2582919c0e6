import { describe, expect, it } from 'vitest';
import { synthetic } from '../../lib/data/synthetic';
import { dropModalities, missingPattern, withMissing, zeroModalities } from '../../lib/data/missing';
import { maskModalities } from '../../lib/eval/mask';

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

  it('zeroModalities: per-row or whole, token sequences and their masks too; what loses nothing is shared, not copied', () => {
    const sq = synthetic({ samples: 30, seed: 3, sequence: { textTokens: 6, imageTokens: 4, dim: 16 } });
    const rows = new Uint8Array(30);
    rows[2] = rows[7] = 1;
    const d = zeroModalities(sq, { image: rows });
    const tok = d.sequences!.imageTokens!, src = sq.sequences!.imageTokens!;
    const seqRow = (s: typeof tok, i: number) => Array.from(s.data.subarray(i * s.length * s.dim, (i + 1) * s.length * s.dim));
    expect(seqRow(tok, 2).every((x) => x === 0) && Array.from(tok.mask.subarray(8, 12)).every((x) => x === 0)).toBe(true);
    expect(seqRow(tok, 3)).toEqual(seqRow(src, 3));
    expect([d.present.image[2], d.present.image[7], d.present.image[3]]).toEqual([0, 0, sq.present.image[3]]);
    expect(d.sequences!.textTokens).toBe(sq.sequences!.textTokens); // shared
    expect(d.present.text).toBe(sq.present.text);
    expect(seqRow(src, 2).some((x) => x !== 0)).toBe(true); // the source is untouched
    // maskModalities (eval) is zeroModalities on every row; dropModalities on per-row flags gives the same bytes
    const both = maskModalities(sq, ['text', 'image']);
    expect(Object.values(both.views).every((v) => v!.data.every((x) => x === 0))).toBe(true);
    expect([...both.present.text, ...both.present.image].every((x) => x === 0)).toBe(true);
    const dropped = dropModalities(sq, Array.from({ length: 30 }, (_, i) => (rows[i] ? 'image' : null)));
    expect(Object.keys(dropped.views).map((k) => Array.from(dropped.views[k]!.data))).toEqual(Object.keys(d.views).map((k) => Array.from(d.views[k]!.data)));
    expect(() => zeroModalities(sq, { text: new Uint8Array(3) })).toThrow(/3 row flags for 30 rows \(modality 'text'\)/);
  });
});
