import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../lib/backend';
import { MMPARETO_DEFAULTS, minNorm2, mmPareto, paretoWeights } from '../../lib/balance/mmpareto';
import { makeMethod } from '../../lib/balance/index';
import { methodPreset } from '../../lib/balance/presets';
import { withMethod, type BalancingMethod } from '../../lib/balance/method';
import { concatFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('MMPareto equations', () => {
  it('Eq. 1–2 by hand: equal weights without conflict; the min-norm weight with one', () => {
    // g_mm = (1, 0), g_u = (1, 1): cos > 0 → (½, ½)
    expect(paretoWeights(1, 1, 2)).toEqual([0.5, 0.5]);
    // g_mm = (1, 0), g_u = (−1, 2): v11 1, v12 −1, v22 5 → c = (5 + 1)/(1 + 5 + 2) = 0.75; c g_mm + (1 − c) g_u = (0.5, 0.5)
    expect(paretoWeights(1, -1, 5)).toEqual([0.75, 0.25]);
    // and it is the minimum of |c g_mm + (1 − c) g_u|² = (2c − 1)² + 4(1 − c)²: derivative 4(2c − 1) − 8(1 − c) = 0 at c = 0.75
    // the authors' edge cases
    expect(minNorm2(1, 1, 4)).toBe(0.999);
    expect(minNorm2(4, 1, 1)).toBe(0.001);
  });

  it('options: defaults echoed; bad values rejected', () => {
    expect(mmPareto().config).toEqual({ balancer: 'MMPareto', ...MMPARETO_DEFAULTS });
    expect(() => makeMethod('mmpareto', { gamma: 0 })).toThrow(/MMPareto: option 'gamma'/);
  });
});

describe('MMPareto on the trainer', () => {
  it('composes: no leak, same bytes; per-encoder cosine and multimodal weight recorded', () => {
    const run = expectComposes(() => makeMethod('mmpareto'));
    for (const s of run.steps)
      for (const g of ['text', 'image']) {
        expect(s[`coef_${g}`] === 0.5).toBe(s[`cos_${g}`] > 0);
        expect(s[`coef_${g}`]).toBeGreaterThan(0);
      }
  });

  it('under its optimiser (SGD m0.9, step 1): each encoder moves γ times as far as at γ = 1, the fusion head exactly as far', () => {
    const p = methodPreset('mmpareto', 'authors').train;
    expect(p).toMatchObject({ lr: 2e-3, optimizer: { kind: 'sgd', momentum: 0.9 } });
    const step = (method: BalancingMethod) => {
      const model = withMethod(concatFusion(toyDims, 1), method, 1);
      const g = model.groups();
      const enc = new Set(
        Object.values(g)
          .flat()
          .map((v) => v.name),
      );
      const vars = model.variables();
      const before = vars.map((v) => Float64Array.from(v.dataSync()));
      train(model, toySplit, { epochs: 1, seed: 1, progress: false, ...p, weightDecay: 0, batchSize: toySplit.train.labels.length, balancer: method });
      const moved = (keep: (name: string) => boolean) =>
        Math.sqrt(
          vars.reduce(
            (a, v, i) =>
              keep(v.name) ? a + Array.from(v.dataSync() as Float32Array).reduce((t: number, x: number, j: number) => t + (x - before[i][j]) ** 2, 0) : a,
            0,
          ),
        );
      const r = {
        enc: Object.fromEntries(Object.entries(g).map(([k, vs]) => [k, moved((n) => vs.some((v) => v.name === n))])),
        head: moved((n) => !enc.has(n)),
      };
      model.dispose();
      return r;
    };
    const one = step(makeMethod('mmpareto', { gamma: 1 })),
      two = step(makeMethod('mmpareto', { gamma: 1.5 }));
    for (const g of ['text', 'image']) expect(Math.abs(two.enc[g] / one.enc[g] / 1.5 - 1)).toBeLessThan(0.02);
    expect(one.head).toBeGreaterThan(0);
    expect(Math.abs(two.head / one.head - 1)).toBeLessThan(1e-6);
    // Eq. 3's magnitude rule: never shorter than the plain sum L's step (L alone: MBSD at β = 0 trains exactly CE + Σ CE_u)
    const plainL = step(makeMethod('mbsd', { beta: 0 }));
    for (const g of ['text', 'image']) expect(one.enc[g]).toBeGreaterThanOrEqual(plainL.enc[g] * (1 - 1e-5));
    expect(Math.abs(one.head / plainL.head - 1)).toBeLessThan(1e-5); // the fusion head keeps L's gradient
  });
});
