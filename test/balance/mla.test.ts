import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { MLA_DEFAULTS, entropyFusion, mla, updateProjector } from '../../lib/balance/mla';
import { makeMethod as makeBalancer } from '../../lib/balance/index';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';
import { withMethod } from '../../lib/balance/method';
import { concatFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';
import { synthetic } from '../../lib/data/synthetic';
import { applySplit, splitIndices } from '../../lib/data/splits';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('MLA', () => {
  it('gradient projection: after absorbing x, P x ≈ 0, so xᵀ (P G) ≈ 0 for any head gradient G (orthogonality)', () => {
    tf.tidy(() => {
      const x1 = tf.tensor1d([1, 2, 0, 1]),
        x2 = tf.tensor1d([0, 1, 1, -1]);
      const P = updateProjector(updateProjector(tf.eye(4) as tf.Tensor2D, x1, 1e-6), x2, 1e-6);
      const G = tf.tensor2d([
        [0.3, -1],
        [2, 0.5],
        [-0.7, 1.2],
        [1, 1],
      ]);
      const PG = tf.matMul(P, G);
      for (const x of [x1, x2]) for (const v of tf.matMul(x.reshape([1, -1]), PG).dataSync()) expect(Math.abs(v)).toBeLessThan(1e-4);
      // closed form: P = I − A (Aᵀ A + αI)⁻¹ Aᵀ with A = [x1 x2]; with α → 0 the projector onto span(x1, x2)^⊥
      // x1·x1 = 6, x1·x2 = 1, x2·x2 = 3: (AᵀA)⁻¹ = [[3, −1], [−1, 6]] / 17
      const A = tf.stack([x1, x2], 1) as tf.Tensor2D;
      const inv = tf.div(
        tf.tensor2d([
          [3, -1],
          [-1, 6],
        ]),
        17,
      ) as tf.Tensor2D;
      const closed = tf.sub(tf.eye(4), tf.matMul(tf.matMul(A, inv), A.transpose()));
      const d = tf.max(tf.abs(tf.sub(P, closed))).dataSync()[0];
      expect(d).toBeLessThan(1e-4);
      // P is idempotent and the component along span(x)⊥ passes unchanged
      expect(tf.max(tf.abs(tf.sub(tf.matMul(P, P), P))).dataSync()[0]).toBeLessThan(1e-4);
    });
  });

  it('entropy-weighted fusion: λ = softmax(−entropy), the confident branch dominates', () => {
    tf.tidy(() => {
      // branch a: logits [0, 0] → entropy ln 2; branch b: [ln 9, 0] → p = [0.9, 0.1], entropy 0.325083
      const { logits, weights } = entropyFusion([tf.tensor2d([[0, 0]]), tf.tensor2d([[Math.log(9), 0]])]);
      const ea = Math.log(2),
        eb = -(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1));
      const la = Math.exp(-ea) / (Math.exp(-ea) + Math.exp(-eb));
      const w = weights.dataSync();
      expect(w[0]).toBeCloseTo(la, 5);
      expect(w[1]).toBeCloseTo(1 - la, 5);
      expect(logits.dataSync()[0]).toBeCloseTo((1 - la) * Math.log(9), 5);
    });
  });

  it('a text turn moves the text encoder and the shared head, never the image encoder (no gradient, so no Adam step)', () => {
    const method = mla();
    const m = withMethod(concatFusion(toyDims, 1), method, 1);
    const snap = (vs: tf.Variable[]) => vs.map((v) => Array.from(v.dataSync()));
    const g = m.groups();
    const img0 = snap(g.image),
      txt0 = snap(g.text);
    train(m, toySplit, { epochs: 1, batchSize: toySplit.train.labels.length, weightDecay: 0, balancer: method, progress: false }); // one step: step 1 = text
    expect(snap(g.image)).toEqual(img0);
    expect(snap(g.text)).not.toEqual(txt0);
    m.dispose();
  });

  it('encoders of different input widths (every real dataset): each keeps its own Adam moments, both move on their turns', () => {
    // tfjs's Adam stores moments by list position; with one modality per step the image encoder once took the
    // text encoder's moments ("could not be broadcast … 868,384 and 3328,384" on Twitter), so the trainer now
    // hands Adam a gradient for every variable (zero where the turn's loss does not reach)
    const ds = synthetic({
      samples: 200,
      seed: 5,
      views: { textPattern: { modality: 'text', dim: 24, signal: 1, content: 0.5 }, imagePattern: { modality: 'image', dim: 40, signal: 0.5, content: 0.5 } },
    });
    const split = applySplit(ds, splitIndices(ds, { seed: 5 }));
    const method = mla();
    const m = withMethod(concatFusion({ textPattern: 24, imagePattern: 40 }, 2, ['textPattern'], ['imagePattern']), method, 2);
    const g = m.groups();
    const snap = (vs: tf.Variable[]) => vs.map((v) => Array.from(v.dataSync()));
    const img0 = snap(g.image),
      txt0 = snap(g.text);
    const before = tf.memory().numTensors;
    const r = train(m, split, { epochs: 2, batchSize: 32, balancer: method, progress: false });
    expect(r.epochsRun).toBe(2);
    expect(snap(g.image)).not.toEqual(img0);
    expect(snap(g.text)).not.toEqual(txt0);
    m.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });

  it('composes with the trainer: alternating turns, only the turn modality has a loss; no leak; same bytes', () => {
    expect(mla().config).toEqual({ balancer: 'MLA', ...MLA_DEFAULTS });
    expect(() => makeBalancer('mla', { alpha: 0 })).toThrow(/MLA: option 'alpha' must be > 0/);
    const run = expectComposes(() => makeBalancer('mla'));

    run.steps.forEach((s, i) => {
      expect(s.coef_text).toBe(i % 2 === 0 ? 1 : 0);
      expect(s.coef_image).toBe(1 - s.coef_text);
      expect(s.loss_balanced).toBe(s.loss_unimodal);
    });
  });
});
