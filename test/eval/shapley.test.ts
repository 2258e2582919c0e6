import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend/index';
import { synthetic } from '../../lib/data/synthetic';
import { applySplit, splitIndices } from '../../lib/data/splits';
import { LateFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';
import { coalitionScores, datasetShapley, sampleShapley, shapleyValues } from '../../lib/eval/shapley';
import { maskModalities } from '../../lib/eval/mask';
import { evaluate } from '../../lib/eval/predict';

const ds = synthetic({ samples: 600, seed: 5 });
const sp = applySplit(ds, splitIndices(ds, { seed: 5 }));
const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('shapleyValues', () => {
  it('two players: the closed form ½[(v(T) − v(∅)) + (v(TI) − v(I))], and efficiency', () => {
    const v: Record<string, number> = { '': 0.5, a: 0.8, b: 0.6, 'a+b': 0.9 };
    const phi = shapleyValues(['a', 'b'], (c) => v[c.join('+')]);
    expect(phi.a).toBeCloseTo(0.5 * (0.8 - 0.5 + (0.9 - 0.6)), 12);
    expect(phi.b).toBeCloseTo(0.5 * (0.6 - 0.5 + (0.9 - 0.8)), 12);
    expect(phi.a + phi.b).toBeCloseTo(0.9 - 0.5, 12);
  });

  it('three players: a null player gets 0 and a symmetric pair splits equally (glove game)', () => {
    const phi = shapleyValues(['x', 'y', 'z'], (c) => (c.includes('x') && c.includes('y') ? 1 : 0));
    expect(phi.z).toBe(0);
    expect(phi.x).toBeCloseTo(0.5, 12);
    expect(phi.y).toBeCloseTo(0.5, 12);
  });

  it('rejects a non-finite coalition value, naming the coalition', () => {
    expect(() => shapleyValues(['a', 'b'], (c) => (c.length === 1 && c[0] === 'b' ? NaN : 1))).toThrow(/coalition \{b\} is NaN/);
  });
});

describe('modality Shapley of a model', () => {
  it('a model that reads only text gives image exactly 0, and contributions sum to v(all) − v(none)', () => {
    const m = new LateFusion({ branches: { text: ['textPattern', 'textSemantic'] }, dims, seed: 1, name: 'text-only' });
    train(m, sp, { epochs: 3, seed: 1, progress: false, recordSteps: false });
    const cs = coalitionScores(m, sp.test);
    const sh = datasetShapley(cs);
    expect(sh.acc.image).toBe(0);
    expect(sh.prob.image).toBe(0);
    expect(sh.acc.text).toBeGreaterThan(0.1);
    expect(sh.acc.text + sh.acc.image).toBeCloseTo(sh.vAll.acc - sh.vNone.acc, 12);
    expect(sh.vAll.acc).toBeCloseTo(evaluate(m, sp.test).acc, 12);
    const per = sampleShapley(cs);
    expect(per.image.every((x) => x === 0)).toBe(true);
    m.dispose();
  });

  it('a two-modality model: both coalition values come from zero-masked inputs; per-post φ sum to v_i(all) − v_i(none)', () => {
    const m = new LateFusion({ branches: { text: ['textPattern', 'textSemantic'], image: ['imagePattern', 'imageSemantic'] }, dims, seed: 2 });
    train(m, sp, { epochs: 3, seed: 2, progress: false, recordSteps: false });
    const before = tf.memory().numTensors;
    const cs = coalitionScores(m, sp.test);
    expect(tf.memory().numTensors).toBe(before);
    expect(cs.acc.text).toBeCloseTo(evaluate(m, sp.test, { missing: 'text-only' }).acc, 12);
    expect(cs.acc.image).toBeCloseTo(evaluate(m, maskModalities(sp.test, ['text'])).acc, 12);
    const per = sampleShapley(cs);
    for (let i = 0; i < 20; i++) expect(per.text[i] + per.image[i]).toBeCloseTo(cs.trueProb['image+text'][i] - cs.trueProb[''][i], 6);
    const sh = datasetShapley(cs);
    const mean = (x: Float32Array) => x.reduce((a, b) => a + b, 0) / x.length;
    expect(sh.prob.text).toBeCloseTo(mean(per.text), 5);
    m.dispose();
  });
});

describe('maskModalities', () => {
  it('zeroes the masked modality (views and present), leaves the other one shared, and can mask both', () => {
    const z = maskModalities(sp.test, ['text', 'image']);
    for (const v of Object.values(z.views)) expect(v!.data.every((x) => x === 0)).toBe(true);
    expect(z.present.text.every((x) => x === 0) && z.present.image.every((x) => x === 0)).toBe(true);
    const t = maskModalities(sp.test, ['image']);
    expect(t.views.textPattern!.data).toBe(sp.test.views.textPattern!.data);
    expect(t.views.imagePattern!.data.every((x) => x === 0)).toBe(true);
    expect(() => maskModalities(sp.test, ['audio' as never])).toThrow(/unknown modality 'audio'/);
  });
});
