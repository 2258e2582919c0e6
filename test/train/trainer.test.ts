import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { synthetic } from '../../lib/data/synthetic';
import { subset } from '../../lib/data/dataset';
import { applySplit, splitIndices } from '../../lib/data/splits';
import { concatFusion, imageOnly } from '../../lib/models/late-fusion';
import { train, trainEpochs } from '../../lib/train/trainer';
import { evaluate } from '../../lib/eval/predict';
import type { GradientBalancer } from '../../lib/balance/balancer';

const ds = synthetic({ samples: 600, seed: 5 });
const sp = applySplit(ds, splitIndices(ds, { seed: 5 }));
const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('trainer', () => {
  it('does not grow tf.memory().numTensors across epochs', () => {
    const counts: number[] = [];
    const m = concatFusion(dims, 1);
    train(m, sp, { epochs: 4, seed: 1, onEpochEnd: () => void counts.push(tf.memory().numTensors) });
    expect(counts.length).toBe(4);
    expect(new Set(counts.slice(1)).size).toBe(1); // epoch 1 creates Adam's moments; then flat
    const before = tf.memory().numTensors;
    m.dispose();
    expect(tf.memory().numTensors).toBe(before - m.variables().length);
  });

  it('refuses an empty validation split (selection would silently return epoch 1) and an empty training split', () => {
    const m = concatFusion(dims, 1);
    const none = subset(sp.val, [], 'toy-val');
    expect(() => train(m, { train: sp.train, val: none }, { epochs: 1 })).toThrow(/validation split of 'toy-val' is empty/);
    expect(() => train(m, { train: subset(sp.train, [], 'toy-train'), val: sp.val }, { epochs: 1 })).toThrow(/training split of 'toy-train' is empty/);
    m.dispose();
  });

  it('is deterministic: same seed, identical history and weights', () => {
    const run = () => {
      const m = concatFusion(dims, 2);
      const r = train(m, sp, { epochs: 3, seed: 3 });
      const w = Array.from(m.head.W.dataSync());
      m.dispose();
      return { h: r.history.objects().map((o) => ({ ...o, seconds: 0 })), w };
    };
    expect(run()).toEqual(run());
  });

  it('records per-modality scores and accuracies every epoch and step', () => {
    const m = concatFusion(dims, 1);
    const r = train(m, sp, { epochs: 2, seed: 1 });
    const cols = r.history.columnNames();
    for (const c of ['train_loss_total', 'train_score_text', 'train_score_image', 'val_acc', 'val_acc_text', 'val_acc_image', 'val_macroF1'])
      expect(cols).toContain(c);
    expect(r.steps.numRows()).toBe(2 * Math.ceil(sp.train.labels.length / 64));
    for (const s of r.steps.array('score_image') as number[]) (expect(s).toBeGreaterThan(0), expect(s).toBeLessThan(1));
    m.dispose();
  });

  it('selects the best validation epoch and restores its weights', () => {
    const m = imageOnly(dims, 1);
    const r = train(m, sp, { epochs: 6, seed: 1 });
    const best = Math.max(...(r.history.array('val_acc') as number[]));
    expect(r.bestValue).toBe(best);
    expect(evaluate(m, sp.val).acc).toBeCloseTo(best, 10);
    m.dispose();
  });

  it('stops early after `patience` epochs without improvement', () => {
    const m = imageOnly(dims, 1);
    const r = train(m, sp, { epochs: 50, patience: 2, seed: 1 });
    expect(r.epochsRun).toBeLessThan(50);
    expect(r.epochsRun - r.bestEpoch).toBe(2);
    m.dispose();
  });

  it('scales a group’s gradients by the balancer factor (factor 0 freezes that encoder)', () => {
    const m = concatFusion(dims, 1);
    const before = Array.from(m.encoders.image.variables()[0].dataSync());
    const textBefore = Array.from(m.encoders.text.variables()[0].dataSync());
    const freezeImage: GradientBalancer = { name: 'freeze', modulate: () => ({ scale: { image: 0 }, record: { k_image: 0 } }) };
    const r = train(m, sp, { epochs: 1, seed: 1, weightDecay: 0, balancer: freezeImage });
    expect(Array.from(m.encoders.image.variables()[0].dataSync())).toEqual(before);
    expect(Array.from(m.encoders.text.variables()[0].dataSync())).not.toEqual(textBefore);
    expect(r.steps.columnNames()).toContain('k_image');
    m.dispose();
  });

  it("balanceMode 'update' scales the optimiser step of a group by exactly k", () => {
    const one = { epochs: 1, seed: 1, weightDecay: 0, batchSize: sp.train.labels.length }; // one step
    const plain = concatFusion(dims, 1);
    const init = Array.from(plain.encoders.image.variables()[0].dataSync());
    train(plain, sp, one);
    const half: GradientBalancer = { name: 'half', modulate: () => ({ scale: { image: 0.5 } }) };
    const m = concatFusion(dims, 1);
    train(m, sp, { ...one, balancer: half, balanceMode: 'update' });
    const full = plain.encoders.image.variables()[0].dataSync();
    const got = m.encoders.image.variables()[0].dataSync();
    for (let i = 0; i < init.length; i += 97) expect(got[i]).toBeCloseTo(init[i] + 0.5 * (full[i] - init[i]), 6);
    expect(Array.from(m.encoders.text.variables()[0].dataSync())).toEqual(Array.from(plain.encoders.text.variables()[0].dataSync()));
    expect(() => train(m, sp, { epochs: 1, balanceMode: 'loss' as never })).toThrow(/balanceMode/);
    plain.dispose();
    m.dispose();
  });

  it('rejects unknown options by name', () => {
    const m = imageOnly(dims, 1);
    expect(() => train(m, sp, { epoch: 3 } as never)).toThrow(/unknown option 'epoch'/);
    m.dispose();
  });

  it('trainEpochs yields one record per epoch and returns what train() returns (same weights, same history)', () => {
    const noTime = (rows: object[]) => rows.map((o) => ({ ...o, seconds: 0 }));
    const a = concatFusion(dims, 4);
    const ra = train(a, sp, { epochs: 3, seed: 2 });
    const b = concatFusion(dims, 4);
    const it = trainEpochs(b, sp, { epochs: 3, seed: 2 });
    const yielded: object[] = [];
    let next = it.next();
    while (!next.done) {
      yielded.push(next.value);
      next = it.next();
    }
    expect(noTime(yielded)).toEqual(noTime(ra.history.objects()));
    expect(next.value.bestEpoch).toBe(ra.bestEpoch);
    expect(Array.from(b.head.W.dataSync())).toEqual(Array.from(a.head.W.dataSync()));
    a.dispose();
    b.dispose();
  });

  it('abandoning trainEpochs early frees the optimiser state and the snapshot (no tensor left behind)', () => {
    const m = concatFusion(dims, 1);
    const before = tf.memory().numTensors;
    const it = trainEpochs(m, sp, { epochs: 10, seed: 1 });
    it.next();
    it.next(); // two epochs: Adam's moments and a best-weights snapshot exist now
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    it.return(undefined as never);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
});

describe('trainer: UKR as a balancing plug-in', () => {
  it("'update' mode scales the step of exactly the chosen slices; other parameters move as without it", async () => {
    const { MMTransformer } = await import('../../lib/models/mm-transformer');
    const { ukr } = await import('../../lib/balance/ukr');
    const small = { train: sp.train, val: sp.val };
    const step = (lambda: number | null) => {
      const m = new MMTransformer({ dims, seed: 3 });
      const before = m.variables().map((v) => Array.from(v.dataSync()));
      const s = lambda === null ? undefined : ukr(m.transformer.headSlices(0, 1), { lambda, mode: 'update' });
      // one epoch of one batch: every row in one step
      train(m, small, { epochs: 1, seed: 1, batchSize: small.train.labels.length, weightDecay: 0, ...(s ? { balancer: s } : {}) });
      const delta = m.variables().map((v, i) => Array.from(v.dataSync(), (x, j) => x - before[i][j]));
      const q = m.transformer.blocks[0].attn.q.W.name;
      const qi = m.variables().findIndex((v) => v.name === q);
      s?.dispose();
      m.dispose();
      return { delta, qi };
    };
    const plain = step(null),
      shrunk = step(0.5);
    // W_q of layer 0: [32, 32]; head 1 = columns 8..15
    plain.delta[plain.qi].forEach((d, j) => {
      const c = j % 32;
      const want = c >= 8 && c < 16 ? 0.5 * d : d;
      expect(shrunk.delta[shrunk.qi][j]).toBeCloseTo(want, 6);
    });
    // a variable outside the transformer's attention (the classifier) moves exactly as without UKR
    const last = plain.delta.length - 2;
    expect(shrunk.delta[last]).toEqual(plain.delta[last]);
  });
});
