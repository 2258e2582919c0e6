import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { MIB, balanceFactor, differenceRatios, infoScore, mib } from '../../lib/balance/mib';
import { synthetic } from '../../lib/data/synthetic';
import { applySplit, splitIndices } from '../../lib/data/splits';
import { concatFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('MIB equations', () => {
  it('Eq. 2: s = softmax(logits)[y]', () => {
    // softmax([2, 0]) = [e²/(e²+1), 1/(e²+1)] = [0.880797, 0.119203]
    expect(infoScore([2, 0], 0)).toBeCloseTo(0.880797, 6);
    expect(infoScore([2, 0], 1)).toBeCloseTo(0.119203, 6);
    expect(infoScore([1000, 1000], 1)).toBeCloseTo(0.5, 12); // stable for large logits
    expect(() => infoScore([0, 0], 2)).toThrow(/label 2/);
  });

  it('Eq. 3: ρ^u = Σ s^u / Σ Σ s', () => {
    const rho = differenceRatios({ textPattern: 3, textSemantic: 1, imagePattern: 0.5, imageSemantic: 0.5 });
    expect(rho.textPattern).toBeCloseTo(0.6, 12);
    expect(rho.textSemantic).toBeCloseTo(0.2, 12);
    expect(rho.imagePattern).toBeCloseTo(0.1, 12);
    expect(() => differenceRatios({ a: NaN, b: 1 })).toThrow(/scoreSums.a/);
  });

  it('Eq. 4: k = 1 − tanh(α1 ρ) above the fair share 1/U, else 1', () => {
    // tanh(0.8 · 0.6) = tanh(0.48) = 0.446244
    expect(balanceFactor(0.6, 4, 0.8)).toBeCloseTo(1 - 0.446244, 6);
    expect(balanceFactor(0.2, 4, 0.8)).toBe(1);
    expect(balanceFactor(0.25, 4, 0.8)).toBe(1); // strict >
    expect(balanceFactor(0.26, 4, 0.8)).toBeCloseTo(1 - Math.tanh(0.208), 12);
    expect(balanceFactor(0.4, 2, 0.8)).toBe(1); // two branches: threshold 1/2
    expect(balanceFactor(0.6, 2, 0.8)).toBeCloseTo(0.553756, 6);
  });

  it("from branch-logit tensors: the trainer's Σ softmax[y] gives the hand-computed ρ and k", () => {
    // 2 samples (y = [1, 0]), 4 views; logits chosen so each s is a round number:
    // logit gap g gives s = sigmoid(±g); gap ln(4) → 0.8, gap 0 → 0.5, gap −ln(4) → 0.2
    const L = Math.log(4);
    const branch = {
      q: [
        [0, L],
        [L, 0],
      ],
      p: [
        [0, 0],
        [0, 0],
      ],
      e: [
        [L, 0],
        [0, L],
      ],
      u: [
        [0, L],
        [0, 0],
      ],
    };
    const y = tf.tensor1d([1, 0], 'int32');
    const sums = Object.fromEntries(
      Object.entries(branch).map(([k, l]) => [k, tf.tidy(() => tf.sum(tf.mul(tf.softmax(tf.tensor2d(l)), tf.oneHot(y, 2))).dataSync()[0])]),
    );
    y.dispose();
    // s: q = 0.8 + 0.8 = 1.6, p = 1.0, e = 0.4, u = 0.8 + 0.5 = 1.3; total 4.3
    expect(sums.q).toBeCloseTo(1.6, 5);
    expect(sums.u).toBeCloseTo(1.3, 5);
    const out = new MIB().modulate({ scoreSums: sums, batchSize: 2, epoch: 1, step: 1 });
    expect(out.record!.rho_q).toBeCloseTo(1.6 / 4.3, 5);
    expect(out.scale.q).toBeCloseTo(1 - Math.tanh((0.8 * 1.6) / 4.3), 5);
    expect(out.scale.u).toBeCloseTo(1 - Math.tanh((0.8 * 1.3) / 4.3), 5);
    expect(out.scale.p).toBe(1); // ρ = 0.2326 < 1/4
    expect(out.scale.e).toBe(1);
    expect(out.record!.s_u).toBeCloseTo(0.65, 5); // batch mean
    expect(out.record!.k_p).toBe(1);
  });
});

describe('MIB balancer', () => {
  const sums = { text: 60, image: 20 };

  it('records s, ρ and k per branch, generalising the threshold to 1/U', () => {
    const out = mib().modulate({ scoreSums: sums, batchSize: 100, epoch: 1, step: 1 });
    expect(out.scale.text).toBeCloseTo(1 - Math.tanh(0.8 * 0.75), 12);
    expect(out.scale.image).toBe(1);
    expect(out.record).toEqual({ s_text: 0.6, rho_text: 0.75, k_text: out.scale.text, s_image: 0.2, rho_image: 0.25, k_image: 1 });
  });

  it('modulates only inside the start..end window but records ρ throughout', () => {
    const b = mib({ start: 2, end: 3 });
    const at = (epoch: number) => b.modulate({ scoreSums: sums, batchSize: 100, epoch, step: 1 });
    expect(at(1).scale.text).toBe(1);
    expect(at(1).record!.rho_text).toBe(0.75);
    expect(at(2).scale.text).toBeLessThan(1);
    expect(at(3).scale.text).toBeLessThan(1);
    expect(at(4).scale.text).toBe(1);
  });

  it('rejects bad options and models without branches', () => {
    expect(() => mib({ alpha: 1 } as never)).toThrow(/unknown option 'alpha'/);
    expect(() => mib({ start: 5, end: 2 })).toThrow(/end/);
    expect(() => mib().modulate({ scoreSums: {}, batchSize: 1, epoch: 1, step: 1 })).toThrow(/branches/);
  });

  it("plugs into a two-branch late-fusion model (the paper's Fig. 8 use)", () => {
    const ds = synthetic({ samples: 300, seed: 2 });
    const sp = applySplit(ds, splitIndices(ds, { seed: 2 }));
    const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));
    const m = concatFusion(dims, 1);
    const r = train(m, sp, { epochs: 1, seed: 1, balancer: mib() });
    for (const c of ['rho_text', 'rho_image', 'k_text', 'k_image', 's_text', 's_image']) expect(r.steps.columnNames()).toContain(c);
    const rt = r.steps.array('rho_text') as number[],
      ri = r.steps.array('rho_image') as number[];
    rt.forEach((v, i) => expect(v + ri[i]).toBeCloseTo(1, 6));
    const kt = r.steps.array('k_text') as number[];
    kt.forEach((k, i) => expect(k).toBeCloseTo(rt[i] > 0.5 ? 1 - Math.tanh(0.8 * rt[i]) : 1, 6));
    m.dispose();
  });
});
