import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { INFOREG_DEFAULTS, infoReg, infoRegBeta, primeWindowK } from '../../lib/balance/inforeg';
import { makeMethod } from '../../lib/balance/index';
import { methodPreset } from '../../lib/balance/presets';
import { withMethod, type BalancingMethod } from '../../lib/balance/method';
import { concatFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('InfoReg equations', () => {
  it('Eq. 2: the prime-window indicator k from the per-epoch traces (÷ 10 even with fewer epochs)', () => {
    expect(primeWindowK([])).toBe(1);
    // [4]: tr1 = 0.4, tr2 = 0 (empty slice) → k = 1
    expect(primeWindowK([4])).toBe(1);
    // [4, 6]: tr1 = 1.0, tr2 = 0.4 → k = 0.6
    expect(primeWindowK([4, 6])).toBeCloseTo(0.6, 12);
    // 12 epochs of trace 1 then 2: tr1 = Σ last 10 / 10 = (8·1 + 2·2)/10 = 1.2; tr2 = epochs 2..11 = (9·1 + 2)/10 = 1.1 → k = 0.1/1.2
    expect(primeWindowK([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2])).toBeCloseTo(0.1 / 1.2, 12);
    expect(primeWindowK(new Array(12).fill(3))).toBe(0); // a flat trace: the window has closed
  });

  it('Eq. 3: β = β₀ exp(tanh(s_lead − s_other)) for the leader only, and none once the window is closed', () => {
    const b = infoRegBeta({ text: 20, image: 19.5 }, 0.95, true);
    expect(b.text).toBeCloseTo(0.95 * Math.exp(Math.tanh(0.5)), 12); // 0.95 · e^0.462117 = 1.508...
    expect(b.image).toBe(0);
    expect(infoRegBeta({ text: 1, image: 9 }, 0.95, true).image).toBeCloseTo(0.95 * Math.exp(Math.tanh(8)), 12);
    expect(infoRegBeta({ text: 20, image: 10 }, 0.95, false)).toEqual({ text: 0, image: 0 });
  });

  it("Eq. 4 by hand: the leader's gradient gains β (θ − θ_epoch start); the other group's is untouched", () => {
    const m = infoReg();
    const W = tf.variable(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        true,
        'ir/W',
      ),
      V = tf.variable(
        tf.tensor2d([
          [0, 0],
          [0, 0],
        ]),
        true,
        'ir/V',
      );
    const model = { groups: () => ({ text: [W], image: [V] }) } as never;
    m.setup({ model, data: { train: { views: {} } } } as never);
    m.beginEpoch();
    W.assign(
      tf.tensor2d([
        [2, 2],
        [3, 2],
      ]),
    ); // θ − θ₀ = [[1, 0], [0, −2]]
    const rec = m.modulate({ scoreSums: { text: 20, image: 19.5 }, batchSize: 40, epoch: 1, step: 1 }).record!;
    const beta = 0.95 * Math.exp(Math.tanh(0.5));
    expect(rec.inforeg_beta_text).toBeCloseTo(beta, 6);
    const g = { 'ir/W': tf.ones([2, 2]), 'ir/V': tf.ones([2, 2]) };
    const out = m.transformGradients(g, {
      raw: g,
      groupOf: new Map([
        ['ir/W', 'text'],
        ['ir/V', 'image'],
      ]),
      scale: {},
      variables: [W, V],
      epoch: 1,
      step: 1,
      record: {},
    });
    const w = out['ir/W'].dataSync();
    [1 + beta, 1, 1, 1 - 2 * beta].forEach((x, i) => expect(w[i]).toBeCloseTo(x, 5));
    expect(out['ir/V']).toBe(g['ir/V']);
    m.dispose();
    tf.dispose([W, V, ...Object.values(g)]);
  });

  it('options: defaults echoed; bad values rejected', () => {
    expect(infoReg().config).toEqual({ balancer: 'InfoReg', ...INFOREG_DEFAULTS });
    expect(() => makeMethod('inforeg', { beta: -1 })).toThrow(/InfoReg: option 'beta'/);
  });
});

describe('InfoReg on the trainer', () => {
  it('composes: no leak, same bytes; β on the leader only, the window indicator and the trace recorded', () => {
    const run = expectComposes(() => makeMethod('inforeg'));
    for (const s of run.steps) expect(Math.min(s.inforeg_beta_text, s.inforeg_beta_image)).toBe(0);
    expect(run.steps.some((s) => s.inforeg_beta_text + s.inforeg_beta_image > 0)).toBe(true);
    expect(run.steps[0].inforeg_k).toBe(1);
    expect(run.history.every((h) => h.inforeg_trace > 0)).toBe(true);
  });

  it("under its optimiser (SGD; momentum 0 so a step's effect is isolated, lr 0.2 so that the lr²-sized term stands above float32 rounding): the leader's step 2 moves an extra −lr·β·(θ₁ − θ₀), linear in β₀; the other encoder not at all", () => {
    const p = methodPreset('inforeg', 'authors').train;
    expect(p).toMatchObject({ lr: 2e-3, batchSize: 64, optimizer: { kind: 'sgd', momentum: 0.9 } });
    const N = toySplit.train.labels.length;
    const opts = { lr: 0.2, weightDecay: 0, batchSize: Math.ceil(N / 2), optimizer: { kind: 'sgd' as const, momentum: 0 } }; // two steps
    const run = (method: BalancingMethod) => {
      const model = withMethod(concatFusion(toyDims, 1), method, 1);
      const g = model.groups();
      const r = train(model, toySplit, { epochs: 1, seed: 1, progress: false, ...opts, balancer: method });
      const w = Object.fromEntries(Object.entries(g).map(([k, vs]) => [k, vs.map((v) => Float64Array.from(v.dataSync()))]));
      model.dispose();
      return { w, steps: r.steps.objects() as Record<string, number>[] };
    };
    const r0 = run(makeMethod('inforeg', { beta: 0 })),
      r1 = run(makeMethod('inforeg', { beta: 1 })),
      r2 = run(makeMethod('inforeg', { beta: 2 }));
    const s = r1.steps[1];
    const lead = s.inforeg_beta_text > 0 ? 'text' : 'image',
      other = lead === 'text' ? 'image' : 'text';
    expect(s[`inforeg_beta_${lead}`]).toBeGreaterThan(0);
    const diff = (a: Float64Array[], b: Float64Array[]) => a.map((x, i) => x.map((v, j) => v - b[i][j]));
    const n = (d: Float64Array[]) => Math.sqrt(d.reduce((t, a) => t + a.reduce((u, v) => u + v * v, 0), 0));
    const d1 = n(diff(r1.w[lead], r0.w[lead])),
      d2 = n(diff(r2.w[lead], r0.w[lead]));
    expect(d1).toBeGreaterThan(0);
    expect(Math.abs(d2 / d1 / 2 - 1)).toBeLessThan(0.02); // step 2's proximal term, linear in β₀ (step 1: θ = θ₀)
    expect(n(diff(r1.w[other], r0.w[other]))).toBe(0);
  });
});
