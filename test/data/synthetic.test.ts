import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { synthetic } from '../../lib/data/synthetic';
import { summary } from '../../lib/data/dataset';

const digest = (ds: ReturnType<typeof synthetic>) => {
  const h = createHash('sha256');
  h.update(Buffer.from(ds.labels.buffer));
  h.update(Buffer.from(ds.events!.buffer));
  for (const k of Object.keys(ds.views).sort()) h.update(Buffer.from(ds.views[k]!.data.buffer));
  h.update(Buffer.from(ds.present.text)).update(Buffer.from(ds.present.image));
  return h.digest('hex');
};

/** Accuracy of a least-squares-free probe: class-mean direction fitted on the first half, tested on the second. */
function probe(ds: ReturnType<typeof synthetic>, names: string[]): number {
  const N = ds.labels.length, half = N >> 1;
  const row = (i: number) => names.flatMap((n) => Array.from(ds.views[n]!.data.subarray(i * ds.views[n]!.dim, (i + 1) * ds.views[n]!.dim)));
  const D = row(0).length;
  const mean = [new Float64Array(D), new Float64Array(D)], cnt = [0, 0];
  for (let i = 0; i < half; i++) {
    const y = ds.labels[i], x = row(i);
    cnt[y]++;
    for (let t = 0; t < D; t++) mean[y][t] += x[t];
  }
  mean.forEach((m, y) => m.forEach((_, t) => (m[t] /= cnt[y])));
  let ok = 0;
  for (let i = half; i < N; i++) {
    const x = row(i);
    let s = 0;
    for (let t = 0; t < D; t++) s += (x[t] - mean[0][t]) ** 2 - (x[t] - mean[1][t]) ** 2;
    ok += Number((s > 0 ? 1 : 0) === ds.labels[i]);
  }
  return ok / (N - half);
}

describe('synthetic generator', () => {
  it('is deterministic: same seed, same bytes; another seed, other bytes', () => {
    expect(digest(synthetic({ seed: 7, samples: 300 }))).toBe(digest(synthetic({ seed: 7, samples: 300 })));
    expect(digest(synthetic({ seed: 8, samples: 300 }))).not.toBe(digest(synthetic({ seed: 7, samples: 300 })));
  });

  it('has the documented shape, labels and masks', () => {
    const ds = synthetic({ samples: 500, missingRate: { image: 0.3 } });
    const s = summary(ds);
    expect(s.samples).toBe(500);
    expect(ds.views.textPattern!.dim).toBe(128);
    expect(Number(s.withImage)).toBeGreaterThan(300);
    expect(Number(s.withImage)).toBeLessThan(400);
    // absent image → zero image views
    const i = ds.present.image.indexOf(0);
    expect(Array.from(ds.views.imagePattern!.data.subarray(i * 128, (i + 1) * 128)).every((x) => x === 0)).toBe(true);
    expect(ds.eventNames!.length).toBe(12);
  });

  it('makes text carry more label signal than image (the imbalance the papers study)', () => {
    const ds = synthetic({ samples: 4000, seed: 1 });
    const text = probe(ds, ['textPattern', 'textSemantic']);
    const image = probe(ds, ['imagePattern', 'imageSemantic']);
    expect(text).toBeGreaterThan(image + 0.05);
    expect(image).toBeGreaterThan(0.52); // weak, but real
  });

  it('makes fake posts more often cross-modally mismatched', () => {
    const ds = synthetic({ samples: 3000 });
    const mm = ds.meta.array('mismatch') as number[];
    const rate = (y: number) => mm.filter((_, i) => ds.labels[i] === y).reduce((a, b) => a + b, 0) / mm.filter((_, i) => ds.labels[i] === y).length;
    expect(rate(1)).toBeGreaterThan(rate(0) + 0.2);
  });

  it('rejects unknown options and out-of-range values, naming the field', () => {
    expect(() => synthetic({ samples: 10, bogus: 1 } as never)).toThrow(/'bogus' is unknown/);
    expect(() => synthetic({ labelNoise: 1.5 })).toThrow(/'labelNoise' must be a probability/);
    expect(() => synthetic({ views: { t: { modality: 'text', dim: 0, signal: 1, content: 1 } } })).toThrow(/views.t.dim/);
  });

  it('builds token sequences when asked', () => {
    const ds = synthetic({ samples: 50, sequence: { textTokens: 6, imageTokens: 4, dim: 16 } });
    expect(ds.sequences!.textTokens!.data.length).toBe(50 * 6 * 16);
    expect(ds.sequences!.imageTokens!.length).toBe(4);
  });
});

describe('synthetic alignedViews (CLIP-like shared space)', () => {
  const views = { textSemantic: { modality: 'text' as const, dim: 32, signal: 0, content: 2 }, imageSemantic: { modality: 'image' as const, dim: 32, signal: 0, content: 2 } };
  const cos = (a: Float32Array, b: Float32Array, d: number, i: number) => {
    let s = 0, na = 0, nb = 0;
    for (let t = 0; t < d; t++) (s += a[i * d + t] * b[i * d + t]), (na += a[i * d + t] ** 2), (nb += b[i * d + t] ** 2);
    return s / Math.sqrt(na * nb);
  };
  it('matched pairs are close in the shared space, mismatched ones are not; the text view is unchanged', () => {
    const base = { samples: 400, views, pMismatchFake: 1, pMismatchReal: 0, eventScale: 0, labelNoise: 0 };
    const plain = synthetic(base), aligned = synthetic({ ...base, alignedViews: { imageSemantic: 'textSemantic' } });
    expect(aligned.views.textSemantic!.data).toEqual(plain.views.textSemantic!.data);
    const meanCos = (ds: typeof plain, label: number) => {
      const rows = Array.from(ds.labels.keys()).filter((i) => ds.labels[i] === label);
      return rows.reduce((s, i) => s + cos(ds.views.textSemantic!.data, ds.views.imageSemantic!.data, 32, i), 0) / rows.length;
    };
    expect(meanCos(aligned, 0)).toBeGreaterThan(0.3);
    expect(Math.abs(meanCos(aligned, 1))).toBeLessThan(0.1);
    expect(Math.abs(meanCos(plain, 0))).toBeLessThan(0.1);
    expect(() => synthetic({ alignedViews: { imageSemantic: 'textPattern' } })).toThrow(/equal dims/);
  });
});
