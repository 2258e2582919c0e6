import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../lib/backend';
import { GRADIENT_BLENDING_DEFAULTS, blendWeights, gradientBlending } from '../../lib/balance/gradient-blending';
import { makeMethod as makeBalancer } from '../../lib/balance/index';
import { concatFusion } from '../../lib/models/late-fusion';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('gradient blending', () => {
  it('optimal blend: w ∝ G / O² on constructed losses', () => {
    const prev = { fused: { train: 0.7, held: 0.7 }, text: { train: 0.7, held: 0.7 }, image: { train: 0.7, held: 0.7 } };
    // fused: G = 0.2, O = (0.5 − 0.3) − 0 = 0.2 → 5;  text: G = 0.1, O = 0.1 → 10;  image: G = −0.05 → 0
    const cur = { fused: { train: 0.3, held: 0.5 }, text: { train: 0.5, held: 0.6 }, image: { train: 0.6, held: 0.75 } };
    const { w, G, O } = blendWeights(prev, cur);
    expect(G.fused).toBeCloseTo(0.2, 12);
    expect(O.fused).toBeCloseTo(0.2, 12);
    expect(w.fused).toBeCloseTo(5 / 15, 9);
    expect(w.text).toBeCloseTo(10 / 15, 9);
    expect(w.image).toBe(0);
    // O² floored at eps; no head generalising → uniform
    expect(blendWeights({ a: { train: 1, held: 1 }, b: { train: 1, held: 1 } }, { a: { train: 0.9, held: 0.9 }, b: { train: 1, held: 1.1 } }, 0.01).w).toEqual({
      a: 1,
      b: 0,
    });
    expect(blendWeights({ a: { train: 1, held: 1 } }, { a: { train: 1, held: 1.2 } }).w).toEqual({ a: 1 });
    expect(() => blendWeights({}, { a: { train: 1, held: 1 } })).toThrow(/no previous checkpoint for head 'a'/);
  });

  it('holds out a share of the TRAINING split only: trained rows and held-out rows partition it', () => {
    const g = gradientBlending({ holdout: 0.25 });
    const m = concatFusion(toyDims, 1);
    const ctx = { model: m, data: toySplit, seed: 4, epochs: 1, batchSize: 32 };
    g.setup(ctx);
    const order = Array.from(g.beginEpoch(1, ctx).order!);
    const N = toySplit.train.labels.length;
    expect(order.length).toBe(N - Math.round(0.25 * N));
    expect(new Set(order).size).toBe(order.length);
    expect(order.every((i) => i >= 0 && i < N)).toBe(true);
    expect((g as unknown as { held: { labels: Int32Array } }).held.labels.length).toBe(Math.round(0.25 * N));
    m.dispose();
    expect(gradientBlending().config).toEqual({ balancer: 'gradient-blending', ...GRADIENT_BLENDING_DEFAULTS });
    expect(() => makeBalancer('gradient-blending', { holdout: 0 })).toThrow(/'holdout' must be in \(0, 1\)/);
  });

  it('composes with the trainer: blended objective = w_fused·CE + Σ w_u·CE_u; weights re-estimated each epoch', () => {
    const run = expectComposes(() => makeBalancer('gradient-blending'));
    const s = run.steps[0];
    expect(s.coef_fused).toBeCloseTo(1 / 3, 12); // uniform before the first estimate
    expect(s.loss_balanced).toBeCloseTo(s.coef_fused * s.loss_total + s.loss_uni_text + s.loss_uni_image, 5);
    for (const h of run.history) expect(h.coef_fused + h.coef_text + h.coef_image).toBeCloseTo(1, 9);
    expect(run.history.some((h) => h.coef_fused !== 1 / 3)).toBe(true);
  });
});
