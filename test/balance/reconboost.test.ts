import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { RECONBOOST_DEFAULTS, boostingLoss, reconBoost, reconPhase } from '../../lib/balance/reconboost';
import { makeMethod } from '../../lib/balance/index';
import { methodPreset } from '../../lib/balance/presets';
import { withMethod } from '../../lib/balance/method';
import { concatFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('ReconBoost equations', () => {
  it('phases: boost text, global, boost image, global, … (one benchmark round = 4 epochs)', () => {
    expect([1, 2, 3, 4, 5].map((e) => reconPhase(e))).toEqual(['text', null, 'image', null, 'text']);
  });

  it('Eq. 1 by hand: −(w₁ − w₂ q) log p[y] / K, batch mean', () => {
    tf.tidy(() => {
      // row 0: logits [ln 3, 0], y 0 → p 0.75, q 0.9; row 1: [0, 0], y 1 → p 0.5, q 0.2
      const l = boostingLoss(
        tf.tensor2d([
          [Math.log(3), 0],
          [0, 0],
        ]),
        tf.tensor1d([0, 1], 'int32'),
        tf.tensor1d([0.9, 0.2]),
        5,
        1,
      ).dataSync()[0];
      const want = (-(5 - 0.9) * Math.log(0.75) - (5 - 0.2) * Math.log(0.5)) / 2 / 2;
      expect(l).toBeCloseTo(want, 6);
    });
  });

  it('options: defaults echoed; bad values rejected', () => {
    expect(reconBoost().config).toEqual({ balancer: 'ReconBoost', ...RECONBOOST_DEFAULTS });
    expect(() => makeMethod('reconboost', { w1: -1 })).toThrow(/ReconBoost: options 'w1'/);
  });
});

describe('ReconBoost on the trainer', () => {
  it('composes: no leak, same bytes; the phases recorded per epoch', () => {
    const run = expectComposes(() => makeMethod('reconboost'), 4);
    for (const s of run.steps) {
      const ph = reconPhase(s.epoch);
      expect(s.coef_text).toBe(ph === 'text' ? 1 : 0);
      expect(s.coef_image).toBe(ph === 'image' ? 1 : 0);
      expect(s.loss_boost > 0).toBe(ph !== null);
    }
  });

  it('under its Adam preset: a boosting epoch of text moves the text encoder and never the image encoder (its loss does not reach it)', () => {
    const p = methodPreset('reconboost', 'authors').train;
    const method = makeMethod('reconboost');
    const model = withMethod(concatFusion(toyDims, 1), method, 1);
    const g = model.groups();
    const snap = (vs: typeof g.text) => vs.map((v) => Array.from(v.dataSync()));
    const t0 = snap(g.text),
      i0 = snap(g.image);
    train(model, toySplit, { epochs: 1, seed: 1, progress: false, ...p, balancer: method });
    expect(snap(g.image)).toEqual(i0);
    expect(snap(g.text)).not.toEqual(t0);
    model.dispose();
  });
});
