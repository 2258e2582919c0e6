import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { LFM_DEFAULTS, lfm, lfmAlignment, lfmAlphaCls } from '../../lib/balance/lfm';
import { makeMethod } from '../../lib/balance/index';
import { methodPreset } from '../../lib/balance/presets';
import { withMethod, type BalancingMethod } from '../../lib/balance/method';
import { concatFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('LFM equations', () => {
  it('Eq. 1 by hand: ½ [KL(m‖p) + KL(m‖q)] with m the mean of the two softmaxes', () => {
    tf.tidy(() => {
      // p = (0.75, 0.25), q = (0.5, 0.5): m = (0.625, 0.375)
      const a = tf.tensor2d([[Math.log(3), 0]]),
        b = tf.tensor2d([[0, 0]]);
      const klp = 0.625 * Math.log(0.625 / 0.75) + 0.375 * Math.log(0.375 / 0.25);
      const klq = 0.625 * Math.log(0.625 / 0.5) + 0.375 * Math.log(0.375 / 0.5);
      expect(lfmAlignment(a, b).dataSync()[0]).toBeCloseTo(0.5 * (klp + klq), 6);
      expect(lfmAlignment(a, a).dataSync()[0]).toBeCloseTo(0, 6);
    });
  });

  it("Eq. 2: the authors' fitted schedule (0-based epoch): α_cls 0.2046 at epoch 1, 0.3486 at 30, 0.5392 at 101", () => {
    expect(lfmAlphaCls(1)).toBeCloseTo(0.204623704, 9);
    expect(lfmAlphaCls(30)).toBeCloseTo(0.3486225, 6);
    expect(lfmAlphaCls(101)).toBeCloseTo(0.5391552, 6);
  });

  it('options: defaults echoed; bad values rejected', () => {
    expect(lfm().config).toEqual({ balancer: 'LFM', ...LFM_DEFAULTS });
    expect(() => makeMethod('lfm', { alpha: 2 })).toThrow(/LFM: option 'alpha'/);
  });
});

describe('LFM on the trainer', () => {
  it("composes: no leak, same bytes; the objective is 2 (α_cls L + α_align Align) with the epoch's α", () => {
    const run = expectComposes(() => makeMethod('lfm'));
    for (const s of run.steps) {
      expect(s.coef_cls + s.coef_align).toBeCloseTo(1, 12);
      expect(s.loss_align).toBeCloseTo(2 * s.coef_align * s.lfm_align, 5);
      expect(s.loss_balanced).toBeCloseTo(2 * s.coef_cls * s.loss_total + s.loss_align, 5);
    }
  });

  it("under its optimiser (SGD m0.9, step 1): the step is 2 α_cls × joint training's plus α_align × the pure-alignment step", () => {
    const p = methodPreset('lfm', 'authors').train;
    expect(p).toMatchObject({ lr: 1e-2, optimizer: { kind: 'sgd', momentum: 0.9 } });
    const step = (method?: BalancingMethod) => {
      const model = withMethod(concatFusion(toyDims, 1), method, 1);
      const vars = model.variables();
      const before = vars.map((v) => Float64Array.from(v.dataSync()));
      train(model, toySplit, {
        epochs: 1,
        seed: 1,
        progress: false,
        ...p,
        weightDecay: 0,
        batchSize: toySplit.train.labels.length,
        ...(method ? { balancer: method } : {}),
      });
      const d = vars.map((v, i) => Float64Array.from(v.dataSync(), (x, j) => x - before[i][j]));
      model.dispose();
      return d;
    };
    const joint = step(),
      align = step(makeMethod('lfm', { alpha: 1 })),
      fitted = step(makeMethod('lfm'));
    const aCls = lfmAlphaCls(1),
      aAlign = 1 - aCls;
    let err = 0,
      size = 0;
    fitted.forEach((d, i) =>
      d.forEach((x, j) => {
        const want = 2 * aCls * joint[i][j] + aAlign * align[i][j]; // align ran at weight 2·1
        err += (x - want) ** 2;
        size += want ** 2;
      }),
    );
    expect(size).toBeGreaterThan(0);
    expect(Math.sqrt(err / size)).toBeLessThan(0.02);
  });
});
