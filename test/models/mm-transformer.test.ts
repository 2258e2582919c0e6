import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { synthetic } from '../../lib/data/synthetic';
import { applySplit, splitIndices } from '../../lib/data/splits';
import { makeBatch } from '../../lib/data/batch';
import { MMTransformer } from '../../lib/models/mm-transformer';
import { MoMKE } from '../../lib/models/momke';
import { train } from '../../lib/train/trainer';
import { ukr } from '../../lib/balance/ukr';

const ds = synthetic({ samples: 300, seed: 4 });
const sp = applySplit(ds, splitIndices(ds, { seed: 4 }));
const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));
const idx = Int32Array.from({ length: 16 }, (_, i) => i);

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('MMTransformer', () => {
  it('ignores the views of a modality marked missing (its tokens are masked keys)', () => {
    const m = new MMTransformer({ dims, seed: 1 });
    const a = tf.tidy(() => m.forward(makeBatch(ds, idx, 'text-only'), false).logits.arraySync());
    // change the (already zeroed) image views: with image masked the logits must not move
    const b = tf.tidy(() => {
      const batch = makeBatch(ds, idx, 'text-only');
      batch.views.imagePattern = tf.onesLike(batch.views.imagePattern);
      return m.forward(batch, false).logits.arraySync();
    });
    a.flat().forEach((v, i) => expect(v).toBeCloseTo(b.flat()[i], 5));
    m.dispose();
  });

  it('adds the HMS term to the loss only when specialised, and it is the hinge of the allocated heads', () => {
    const m = new MMTransformer({ dims, seed: 1 });
    const batch = makeBatch(ds, idx);
    expect(Object.keys(m.loss(m.forward(batch, true), batch))).toEqual(['total', 'ce']);
    m.specialise({ heads: [{ layer: 0, head: 1, modality: 'image' }], bound: 1, weight: 2 });
    const l = m.loss(m.forward(batch, true), batch);
    expect(Object.keys(l)).toEqual(['total', 'ce', 'hms']);
    const hms = l.hms.dataSync()[0];
    expect(hms).toBeGreaterThan(0); // share < 1 always (CLS and text take some mass)
    expect(l.total.dataSync()[0]).toBeCloseTo(l.ce.dataSync()[0] + 2 * hms, 5);
    expect(Object.keys(m.loss(m.forward(batch, false), batch))).toEqual(['total', 'ce']); // evaluation: no penalty
    expect(() => m.specialise({ heads: [{ layer: 5, head: 0, modality: 'text' }], bound: 0.5, weight: 1 })).toThrow(/no head/);
    m.dispose();
  });

  it('trains without tensor growth across epochs, with HMS and UKR on, deterministically', () => {
    const run = () => {
      const m = new MMTransformer({ dims, seed: 2, modalityDropout: 0.3 });
      m.specialise({ heads: [{ layer: 1, head: 0, modality: 'image' }], bound: 0.6, weight: 1 });
      const s = ukr(m.transformer.headSlices(1, 0), { lambda: 0.1 });
      const counts: number[] = [];
      train(m, sp, { epochs: 3, seed: 1, balancer: s, onEpochEnd: () => void counts.push(tf.memory().numTensors) });
      const w = Array.from(m.head.W.dataSync());
      s.dispose();
      m.dispose();
      return { counts, w };
    };
    const a = run();
    expect(new Set(a.counts.slice(1)).size).toBe(1);
    expect(run().w).toEqual(a.w);
  });

  it('rejects unknown options by name', () => {
    expect(() => new MMTransformer({ dims, hedas: 2 } as never)).toThrow(/unknown option 'hedas'/);
    expect(() => new MMTransformer({ dims, modalityDropout: 2 })).toThrow(/modalityDropout/);
  });
});

describe('MoMKE-style', () => {
  it('routes only to present experts and trains without tensor growth', () => {
    const m = new MoMKE({ dims, seed: 1 });
    const w = tf.tidy(() => (m.forward(makeBatch(ds, idx, 'text-only')).extra!.router as tf.Tensor2D).arraySync());
    for (const r of w) (expect(r[0]).toBeCloseTo(1, 6), expect(r[1]).toBeCloseTo(0, 6));
    const counts: number[] = [];
    train(m, sp, { epochs: 3, seed: 1, onEpochEnd: () => void counts.push(tf.memory().numTensors) });
    expect(new Set(counts.slice(1)).size).toBe(1);
    m.dispose();
  });
});
