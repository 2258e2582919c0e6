import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../lib/backend';
import { OPM_DEFAULTS, modalityScores, opm, opmDropProbabilities } from '../../lib/balance/opm';
import { makeMethod } from '../../lib/balance/index';
import { methodPreset } from '../../lib/balance/presets';
import { withMethod } from '../../lib/balance/method';
import { concatFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('OPM equations', () => {
  it('Eq. 1–2: only the dominant modality gets a drop probability q = clip(q_base (1 + λ tanh(ρ − 1)), 0, 1)', () => {
    // ρ_text = 30 / 10 = 3: r = tanh(2) = 0.9640276; q = 0.4 · (1 + 0.5 · 0.9640276) = 0.5928055
    const { r, q } = opmDropProbabilities({ text: 30, image: 10 }, 0.4, 0.5);
    expect(r.text).toBeCloseTo(0.9640276, 6);
    expect(r.image).toBe(0);
    expect(q.text).toBeCloseTo(0.5928055, 6);
    expect(q.image).toBe(0);
    expect(opmDropProbabilities({ text: 10, image: 30 }, 0.9, 1).q).toEqual({ text: 0, image: 1 }); // 0.9 · 1.964 clipped to 1
    expect(opmDropProbabilities({ text: 5, image: 5 }, 0.4, 0.5).q).toEqual({ text: 0, image: 0 }); // balanced: no drop
    // per-view groups: a modality's score is the mean of its groups'
    expect(modalityScores({ a: 2, b: 4, c: 5 }, (g) => (g === 'c' ? 'image' : 'text'))).toEqual({ text: 3, image: 5 });
    expect(() => modalityScores({ a: 1 }, () => 'text')).toThrow(/both text and image/);
  });

  it('options: defaults echoed; bad values rejected', () => {
    expect(opm().config).toEqual({ balancer: 'OPM', ...OPM_DEFAULTS, end: null });
    expect(() => makeMethod('opm', { pExe: 2 })).toThrow(/OPM: option 'pExe'/);
    expect(() => makeMethod('opm', { qbase: 1 })).toThrow(/OPM: unknown option 'qbase'/);
  });
});

describe('OPM on the trainer', () => {
  it('composes: no leak, same bytes; steps record q, the execution draw and the dropped share', () => {
    const run = expectComposes(() => makeMethod('opm'));
    for (const s of run.steps) {
      expect(Math.min(s.opm_q_text, s.opm_q_image)).toBe(0);
      if (!s.opm_exe) expect(s.opm_dropped).toBe(0);
      expect(s.loss_balanced).toBe(s.loss_opm);
    }
  });

  it('under its preset (Adam lr 5e-5, batch 32): the dominant modality is dropped from the share p_exe · q of the rows', () => {
    const p = methodPreset('opm', 'authors').train;
    expect(p).toMatchObject({ lr: 5e-5, batchSize: 32 });
    const method = makeMethod('opm');
    const model = withMethod(concatFusion(toyDims, 1), method, 1);
    const r = train(model, toySplit, { epochs: 30, seed: 1, progress: false, ...p, balancer: method });
    model.dispose();
    const steps = r.steps.objects() as Record<string, number>[];
    const exe = steps.filter((s) => s.opm_exe === 1);
    // the execution draw: binomial(n, 0.7) within 4 standard deviations
    const n = steps.length,
      sd = Math.sqrt(n * 0.7 * 0.3);
    expect(Math.abs(exe.length - 0.7 * n)).toBeLessThan(4 * sd);
    // on executed steps the dropped rows are Bernoulli(q_dominant): Σ dropped vs Σ q (batch 32 rows each)
    const dropped = exe.reduce((a, s) => a + s.opm_dropped * 32, 0),
      expected = exe.reduce((a, s) => a + Math.max(s.opm_q_text, s.opm_q_image) * 32, 0);
    const var_ = exe.reduce((a, s) => {
      const q = Math.max(s.opm_q_text, s.opm_q_image);
      return a + 32 * q * (1 - q);
    }, 0);
    expect(expected).toBeGreaterThan(100);
    expect(Math.abs(dropped - expected)).toBeLessThan(4 * Math.sqrt(var_) + 32); // + one partial last batch
  });

  it("q = 1 on every step (p_exe 1): the dominant encoder's input weights get no update under Adam, the other encoder's move as in joint training", () => {
    const opts = { ...methodPreset('opm', 'authors').train, batchSize: toySplit.train.labels.length };
    const run = (method?: ReturnType<typeof makeMethod>) => {
      const model = withMethod(concatFusion(toyDims, 1), method, 1);
      const g = model.groups();
      const before = Object.fromEntries(Object.entries(g).map(([k, vs]) => [k, Float64Array.from(vs[0].dataSync())]));
      const r = train(model, toySplit, { epochs: 1, seed: 1, progress: false, ...opts, ...(method ? { balancer: method } : {}) });
      const moved = Object.fromEntries(
        Object.entries(g).map(([k, vs]) => [
          k,
          Math.sqrt(Array.from(vs[0].dataSync() as Float32Array).reduce((a: number, v: number, i: number) => a + (v - before[k][i]) ** 2, 0)),
        ]),
      );
      model.dispose();
      return { moved, step: (r.steps.objects() as Record<string, number>[])[0] };
    };
    const plain = run();
    const m = run(makeMethod('opm', { qBase: 1, lambda: 0, pExe: 1 }));
    const dom = m.step.opm_q_text === 1 ? 'text' : 'image',
      other = dom === 'text' ? 'image' : 'text';
    expect(m.step[`opm_q_${dom}`]).toBe(1);
    expect(m.step.opm_dropped).toBe(1);
    expect(m.moved[dom]).toBe(0); // zeroed input: ∂L/∂W_1 = xᵀδ = 0, and Adam's step on a zero gradient is 0
    expect(plain.moved[dom]).toBeGreaterThan(0);
    expect(m.moved[other]).toBeGreaterThan(0);
  });
});
