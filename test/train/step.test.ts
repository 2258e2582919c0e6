import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { synthetic } from '../../lib/data/synthetic';
import { concatFusion } from '../../lib/models/late-fusion';
import { TRAIN_DEFAULTS } from '../../lib/train/trainer';
import { trainStep } from '../../lib/train/step';

const ds = synthetic({ samples: 64, seed: 7 });
const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));
const idx = Int32Array.from({ length: 32 }, (_, i) => i);

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('one training step', () => {
  it('records the loss, each branch score (Eq. 2, per sample) and the correct count; moves every weight; leaves no tensor behind', () => {
    const m = concatFusion(dims, 1);
    const vars = m.variables().filter((v) => v.trainable);
    const groupOf = new Map(Object.entries(m.groups()).flatMap(([g, vs]) => vs.map((v) => [v.name, g] as const)));
    const opt = tf.train.adam(1e-3);
    const before = vars.map((v) => v.dataSync().slice());
    trainStep(m, opt, vars, groupOf, ds, idx, { ...TRAIN_DEFAULTS }, 1, 1); // Adam creates its moments here
    const tensors = tf.memory().numTensors;
    const rec = trainStep(m, opt, vars, groupOf, ds, idx, { ...TRAIN_DEFAULTS }, 1, 2);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(Number.isFinite(rec.loss_total)).toBe(true);
    expect(rec.correct).toBeGreaterThanOrEqual(0);
    expect(rec.correct).toBeLessThanOrEqual(idx.length);
    const scores = Object.keys(rec).filter((k) => k.startsWith('score_'));
    expect(scores.sort()).toEqual(
      Object.keys(m.groups())
        .map((g) => `score_${g}`)
        .sort(),
    );
    for (const k of scores) {
      expect(rec[k]).toBeGreaterThan(0); // mean p(true class) over the batch
      expect(rec[k]).toBeLessThan(1);
    }
    vars.forEach((v, i) => expect(Array.from(v.dataSync()), v.name).not.toEqual(Array.from(before[i])));
    opt.dispose();
    m.dispose();
  });

  it('stops on a NaN loss, naming the term, the epoch, the step and the batch', () => {
    const bad = { ...ds, views: { ...ds.views } };
    const [name, v] = Object.entries(ds.views)[0];
    bad.views[name] = { ...v!, data: new Float32Array(v!.data.length).fill(NaN) };
    const m = concatFusion(dims, 1);
    const vars = m.variables().filter((x) => x.trainable);
    const opt = tf.train.adam(1e-3);
    expect(() => trainStep(m, opt, vars, new Map(), bad, idx, { ...TRAIN_DEFAULTS }, 3, 9)).toThrow(
      /total loss of '.*' is NaN at epoch 3, step 9 \(batch rows 0…\)/,
    );
    opt.dispose();
    m.dispose();
  });
});
