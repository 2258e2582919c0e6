import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { OGM_GE_DEFAULTS, gradStd, ogmCoefficient, ogmGe, ogmRatios } from '../../lib/balance/ogm-ge';
import { makeMethod as makeBalancer } from '../../lib/balance/index';
import { expectComposes } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('OGM-GE equations', () => {
  it('Eq. 10: ρ = s_text / s_image and k = 1 − tanh(α ρ) for the dominant modality only', () => {
    const r = ogmRatios({ text: 48, image: 16 });
    expect(r.text).toBe(3);
    expect(r.image).toBeCloseTo(1 / 3, 12);
    // α = 0.8: tanh(2.4) = 0.983675 → k = 0.016325; the centered form tanh(0.8 · 2) = 0.921669 → 0.078331
    expect(ogmCoefficient(3, 0.8)).toBeCloseTo(0.016325, 6);
    expect(ogmCoefficient(3, 0.8, true)).toBeCloseTo(0.078331, 6);
    expect(ogmCoefficient(1 / 3, 0.8)).toBe(1);
    expect(ogmCoefficient(1, 0.8)).toBe(1); // strict >
    // three branches: divide by the mean of the others
    expect(ogmRatios({ a: 2, b: 1, c: 3 }).a).toBe(1);
    expect(() => ogmRatios({ text: 1 })).toThrow(/≥ 2 branches/);
  });

  it('modulate(): coefficients and ratios recorded, only inside the start..end window; no group-wide factor (weights only, below)', () => {
    const m = ogmGe({ alpha: 0.5, start: 2, end: 3 });
    const at = (epoch: number) => m.modulate({ scoreSums: { text: 30, image: 10 }, batchSize: 40, epoch, step: 1 });
    expect(at(1).record).toMatchObject({ coef_text: 1, coef_image: 1 });
    expect(at(2).record!.coef_text).toBeCloseTo(1 - Math.tanh(1.5), 12);
    expect(at(2).record).toEqual({ ratio_text: 3, coef_text: at(2).record!.coef_text, ratio_image: 1 / 3, coef_image: 1 });
    expect(at(2).scale).toEqual({}); // the trainer scales nothing group-wide: biases keep their gradient
    expect(at(4).record!.coef_text).toBe(1);
  });

  it("GE as the authors' code since 2022-06-29: k·g + N(0, (std(g) + 1e-8)²) with g UNMODULATED, on weights only, seeded", () => {
    // unbiased std of [1, 2, 3, 4] = sqrt(5/3)
    expect(gradStd(tf.tensor([1, 2, 3, 4]))).toBeCloseTo(Math.sqrt(5 / 3), 6);
    const W = tf.variable(tf.zeros([200, 50]), true, 'enc/W');
    const b = tf.variable(tf.zeros([50]), true, 'enc/b');
    const raw = { 'enc/W': tf.randomNormal([200, 50], 0, 2, 'float32', 7), 'enc/b': tf.ones([50]) };
    const groupOf = new Map([
      ['enc/W', 'text'],
      ['enc/b', 'text'],
    ]);
    // ratio 3 at α = 0.8: k = 1 − tanh(2.4) = 0.016325 for text
    const run = (options = {}) => {
      const m = ogmGe(options);
      m.setup({ seed: 3 } as never);
      const k = m.modulate({ scoreSums: { text: 30, image: 10 }, batchSize: 40, epoch: 1, step: 5 }).record!.coef_text;
      const record: Record<string, number> = {};
      const out = m.transformGradients({ ...raw }, { raw, groupOf, scale: {}, variables: [W, b], epoch: 1, step: 5, record });
      return { out, record, k };
    };
    const { out, record, k } = run();
    expect(k).toBeCloseTo(0.016325, 6);
    const noise = tf.sub(out['enc/W'], tf.mul(raw['enc/W'], k));
    const want = gradStd(raw['enc/W']) + 1e-8; // ≈ 2: the unmodulated gradient's std, ~61× k·std(g)
    expect(want).toBeGreaterThan(1.9);
    expect(gradStd(noise)).toBeGreaterThan(want * 0.97); // 10,000 draws
    expect(gradStd(noise)).toBeLessThan(want * 1.03);
    expect(Math.abs(tf.mean(noise).dataSync()[0])).toBeLessThan(0.06);
    expect(record.noise_std_text).toBeCloseTo(want, 5);
    expect(out['enc/b']).toBe(raw['enc/b']); // rank-1 bias: neither k nor noise
    expect(Array.from(run().out['enc/W'].dataSync())).toEqual(Array.from(out['enc/W'].dataSync())); // same seed, same noise
    // plain OGM: exactly k·g on the weight, the bias untouched
    const plain = run({ ge: false });
    expect(Array.from(plain.out['enc/W'].dataSync())).toEqual(Array.from(tf.mul(raw['enc/W'], k).dataSync()));
    expect(plain.out['enc/b']).toBe(raw['enc/b']);
    tf.dispose([W, b, ...Object.values(raw), noise]);
  });

  it('options: defaults echoed in config; an unknown option is an error naming it', () => {
    expect(ogmGe().config).toEqual({ balancer: 'OGM-GE', ...OGM_GE_DEFAULTS });
    expect(() => makeBalancer('ogm-ge', { alhpa: 1 })).toThrow(/OGM-GE: unknown option 'alhpa'/);
    expect(() => makeBalancer('ogm-gee')).toThrow(/unknown balancer 'ogm-gee'.*ogm-ge/);
  });
});

describe('OGM-GE on the trainer', () => {
  it('composes with late fusion: no tensor leak, same seed → same bytes, coefficients recorded per step', () => {
    const run = expectComposes(() => makeBalancer('ogm-ge', { alpha: 0.5 }));
    const s = run.steps[0];
    for (const k of ['coef_text', 'coef_image', 'ratio_text', 'ratio_image', 'noise_std_text', 'noise_std_image']) expect(Number.isFinite(s[k]), k).toBe(true);
    expect(run.steps.some((r) => r.coef_text < 1 || r.coef_image < 1)).toBe(true);
    expect(run.steps.every((r) => r.noise_std_text > 0 && r.noise_std_image > 0)).toBe(true);
    expect(run.steps.every((r) => Math.min(r.coef_text, r.coef_image) === 1 || r.ratio_text > 1 !== r.ratio_image > 1)).toBe(true);
  });
});
