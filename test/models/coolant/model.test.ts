import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../../lib/backend';
import { synthetic } from '../../../lib/data/synthetic';
import { makeBatch } from '../../../lib/data/batch';
import { applySplit, splitIndices } from '../../../lib/data/splits';
import type { Dataset } from '../../../lib/data/dataset';
import { Coolant, COOLANT_ABLATIONS } from '../../../lib/models/coolant/model';
import { makeModel } from '../../../lib/experiment/models';
import { train } from '../../../lib/train/trainer';

const dimsOf = (ds: Dataset) => Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));
const rows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
let ds: Dataset;

beforeAll(async () => {
  await initBackend({ quiet: true });
  ds = synthetic({ samples: 300, seed: 3 });
});

describe('COOLANT model', () => {
  it('forward: logits [B, 2], embedding [B, 96], attention [B, 3], ambiguity [B]; the joint loss has its named terms', () => {
    const m = new Coolant(dimsOf(ds), { seed: 1 });
    tf.tidy(() => {
      const b = makeBatch(ds, rows(32));
      const out = m.forward(b, true);
      expect(out.logits.shape).toEqual([32, 2]);
      expect(out.embedding!.shape).toEqual([32, 96]);
      expect(out.extra!.attention.shape).toEqual([32, 3]);
      expect(out.extra!.ambiguity.shape).toEqual([32]);
      const l = m.loss(out, b);
      expect(Object.keys(l).sort()).toEqual(['ce', 'consistency', 'guidance', 'nce', 'soft', 'total']);
      for (const [k, v] of Object.entries(l)) expect(Number.isFinite(v.dataSync()[0]), k).toBe(true);
      const sum = l.ce.dataSync()[0] + 0.5 * l.guidance.dataSync()[0] + l.nce.dataSync()[0] + l.consistency.dataSync()[0] + 0.2 * l.soft.dataSync()[0];
      expect(l.total.dataSync()[0]).toBeCloseTo(sum, 4);
    });
    m.dispose();
  });

  it('gradients are finite with all-zero (image-missing) rows and reach every module', () => {
    const weibo: Dataset = {
      ...ds,
      views: Object.fromEntries(
        Object.entries(ds.views).map(([k, v]) => [k, v!.modality === 'image' ? { ...v!, data: new Float32Array(v!.data.length) } : v!]),
      ),
    };
    for (const temperature of [0.07, 'learnable' as const]) {
      const m = new Coolant(dimsOf(weibo), { seed: 1, temperature });
      tf.tidy(() => {
        const b = makeBatch(weibo, rows(32));
        const { value, grads } = tf.variableGrads(() => m.loss(m.forward(b, true), b).total, m.variables());
        expect(Number.isFinite(value.dataSync()[0])).toBe(true);
        for (const v of m.variables()) {
          const g = grads[v.name];
          expect(g, `a gradient for ${v.name}`).toBeDefined();
          expect(g.dataSync().every(Number.isFinite), `finite gradient of ${v.name}`).toBe(true);
        }
      });
      m.dispose();
    }
  });

  it('the detection loss does not train the alignment encoders (detached), unless contrastive alignment is ablated', () => {
    for (const [ablation, reaches] of [
      [null, false],
      ['noContrastive', true],
    ] as const) {
      const m = new Coolant(dimsOf(ds), { seed: 1, ablation });
      tf.tidy(() => {
        const b = makeBatch(ds, rows(32));
        const vars = m.aligners.text.variables();
        const { grads } = tf.variableGrads(() => m.loss(m.forward(b, true), b).ce, [...vars, ...m.encoders.text.variables()]);
        const mag = vars.reduce((s, v) => s + (grads[v.name] ? tf.sum(tf.abs(grads[v.name])).dataSync()[0] : 0), 0);
        expect(mag > 0, `ablation ${ablation}`).toBe(reaches);
      });
      m.dispose();
    }
  });

  it('ablations drop their terms and modules; the config echo records temperature and ablation', () => {
    const terms: Record<string, string[]> = {
      noSoft: ['ce', 'guidance', 'nce', 'total'],
      noContrastive: ['ce', 'guidance', 'total'],
      noGuidance: ['ce', 'consistency', 'nce', 'soft', 'total'],
      noFusion: ['ce', 'consistency', 'guidance', 'nce', 'soft', 'total'],
      noAttention: ['ce', 'consistency', 'nce', 'soft', 'total'],
    };
    for (const ablation of COOLANT_ABLATIONS) {
      const m = new Coolant(dimsOf(ds), { seed: 1, ablation });
      tf.tidy(() => {
        const b = makeBatch(ds, rows(16));
        const out = m.forward(b, true);
        expect(Object.keys(m.loss(out, b)).sort(), ablation).toEqual(terms[ablation]);
        if (ablation === 'noAttention') expect((out.extra!.attention.arraySync() as number[][])[0]).toEqual([1 / 3, 1 / 3, 1 / 3].map(Math.fround));
      });
      expect(m.config.ablation).toBe(ablation);
      m.dispose();
    }
    const full = new Coolant(dimsOf(ds)),
      noG = new Coolant(dimsOf(ds), { ablation: 'noGuidance' });
    expect(full.paramCount()).toBeGreaterThan(noG.paramCount()); // the ambiguity module is not built without guidance
    expect(String(full.config.contrastiveScale)).toMatch(/1\/0.07/);
    const code = new Coolant(dimsOf(ds), { temperature: 'code' });
    expect(tf.tidy(() => code.scale().dataSync()[0])).toBeCloseTo(Math.exp(0.07), 5);
    expect(String(code.config.contrastiveScale)).toMatch(/exp\(0.07\)/);
    [full, noG, code].forEach((m) => m.dispose());
  });

  it('learnable temperature: the scale is clamped at 100 and its log keeps a gradient past the bound (as CLIP clamps the value)', () => {
    const m = new Coolant(dimsOf(ds), { seed: 1, temperature: 'learnable' });
    const logScale = (m as unknown as { logScale: tf.Variable }).logScale;
    expect(tf.tidy(() => m.scale().dataSync()[0])).toBeCloseTo(1 / 0.07, 3);
    logScale.assign(tf.scalar(Math.log(250))); // one optimiser step carried it past log 100
    expect(tf.tidy(() => m.scale().dataSync()[0])).toBeCloseTo(100, 3);
    // a loss that wants a smaller scale pulls it back: d(scale)/d(logScale) = 100 at the bound (clipByValue gave 0);
    // one that wants it larger gets 0 there, the step CLIP's clamp would undo
    const g = (sign: number) => tf.tidy(() => tf.variableGrads(() => tf.mul(sign, m.scale()) as tf.Scalar, [logScale]).grads[logScale.name].dataSync()[0]);
    expect(g(1)).toBeCloseTo(100, 2);
    expect(g(-1)).toBe(0);
    m.dispose();
  });

  it('bad options are errors naming the option', () => {
    expect(() => new Coolant(dimsOf(ds), { ablation: 'noX' as never })).toThrow(/'ablation'/);
    expect(() => new Coolant(dimsOf(ds), { temperature: -1 })).toThrow(/'temperature'/);
    expect(() => new Coolant(dimsOf(ds), { tau: 1 } as never)).toThrow(/unknown option 'tau'/);
  });

  it('registered as COOLANT; same seed → same logits', () => {
    const logits = (seed: number) => {
      const m = makeModel('COOLANT', ds, {}, seed);
      const l = tf.tidy(() => Array.from(m.forward(makeBatch(ds, rows(8)), false).logits.dataSync()));
      m.dispose();
      return l;
    };
    expect(logits(2)).toEqual(logits(2));
    expect(logits(3)).not.toEqual(logits(2));
  });

  it("the ambiguity encoders learn from the guidance term only (as in the authors' code), not from the detection CE", () => {
    const m = new Coolant(dimsOf(ds), { seed: 1 });
    const vars = m.ambiguity!.variables();
    const mag = (term: 'ce' | 'guidance') =>
      tf.tidy(() => {
        const b = makeBatch(ds, rows(32));
        // with the classifier's variables too, so the CE has a connected variable (tf throws otherwise)
        const { grads } = tf.variableGrads(() => m.loss(m.forward(b, true), b)[term], [...vars, ...m.classifier.variables(), ...m.attention!.variables()]);
        return vars.reduce((s: number, v) => s + (grads[v.name] ? tf.sum(tf.abs(grads[v.name])).dataSync()[0] : 0), 0);
      });
    expect(mag('ce')).toBe(0);
    expect(mag('guidance')).toBeGreaterThan(0);
    expect(m.config.guidanceTarget).toBe('raw');
    m.dispose();
  });

  it("finding: on posts half of whose pairs are mismatched, the authors' guidance drives a up on every post (the normalised target keeps it at ½); neither target separates mismatched pairs", () => {
    const d = synthetic({ samples: 1200, seed: 1, pMismatchFake: 0.5, pMismatchReal: 0.5 });
    const parts = applySplit(d, splitIndices(d, { seed: 0 }));
    const te = parts.test;
    const mis = Array.from(te.meta!.array('mismatch') as number[]);
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    const stats = (m: Coolant) => {
      const { a, w } = tf.tidy(() => {
        const o = m.forward(makeBatch(te, rows(te.labels.length)), false);
        return { a: Array.from(o.extra!.ambiguity.dataSync()), w: (o.extra!.attention.arraySync() as number[][]).map((r) => r[2]) };
      });
      const sd = Math.sqrt(mean(a.map((x) => (x - mean(a)) ** 2)));
      return { a: mean(a), sd, w3: mean(w), gap: mean(a.filter((_, i) => mis[i])) - mean(a.filter((_, i) => !mis[i])) };
    };
    // measured after the last epoch (train() then restores the validation-selected epoch's weights)
    const run = (guidanceTarget: 'raw' | 'normalised') => {
      const m = new Coolant(dimsOf(d), { seed: 0, guidanceTarget });
      let last = stats(m);
      train(m, parts, {
        epochs: 4,
        progress: false,
        recordSteps: false,
        weightDecay: 5e-4,
        weightDecayMode: 'decoupled',
        seed: 1,
        onEpochEnd: () => void (last = stats(m)),
      });
      m.dispose();
      return last;
    };
    const raw = run('raw'),
      norm = run('normalised');
    console.log('ambiguity on half-mismatched synthetic:', JSON.stringify({ raw, norm }));
    // raw (the code's KLDivLoss): a and the correlation weight pull each other up (attention.ts)
    // (measured: a 0.80, weight 0.53 with the torch initialisation; 0.95 / 0.82 with Glorot — 4 epochs, not yet saturated)
    expect(raw.a).toBeGreaterThan(0.7);
    expect(raw.a - norm.a).toBeGreaterThan(0.2);
    expect(raw.w3 - norm.w3).toBeGreaterThan(0.1);
    // a is not constant across posts (sd > 0.01): it varies with the attention, not with the mismatch (below)
    expect(raw.sd).toBeGreaterThan(0.01);
    // normalised: a sits at its floor ½ (g ≈ uniform)
    expect(norm.a).toBeLessThan(0.55);
    // nothing trains a to see a mismatch: the mismatched and matched posts' mean a differ by < 0.02
    expect(Math.abs(raw.gap)).toBeLessThan(0.02);
    expect(Math.abs(norm.gap)).toBeLessThan(0.02);
  }, 300_000);

  it('trains above chance on synthetic posts with no tensor growth across epochs', () => {
    const d = synthetic({ samples: 600, seed: 1 });
    const parts = applySplit(d, splitIndices(d, { seed: 0 }));
    const m = new Coolant(dimsOf(d), { seed: 0 });
    const counts: number[] = [];
    const r = train(m, parts, {
      epochs: 4,
      progress: false,
      recordSteps: false,
      weightDecay: 5e-4,
      weightDecayMode: 'decoupled',
      onEpochEnd: () => void counts.push(tf.memory().numTensors),
    });
    expect(r.bestValue).toBeGreaterThan(0.6);
    expect(
      counts.slice(1).every((c) => c === counts[1]),
      `tensors per epoch: ${counts.join(', ')}`,
    ).toBe(true);
    m.dispose();
  });
});
