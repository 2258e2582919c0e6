import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { synthetic } from '../../lib/data/synthetic';
import { applySplit, splitIndices } from '../../lib/data/splits';
import { imageOnly, textOnly } from '../../lib/models/late-fusion';
import { TWO_STAGE_DEFAULTS, twoStage, type TwoStageOptions } from '../../lib/train/two-stage';
import { runOne } from '../../lib/experiment/run-one';
import type { RunSpec } from '../../lib/experiment/spec';

const ds = synthetic({ samples: 400, seed: 3 });
const sp = applySplit(ds, splitIndices(ds, { seed: 3 }));
const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));
const FAST: TwoStageOptions = {
  epochs: 3,
  batchSize: 64,
  textOptimizer: { kind: 'adam', lr: 1e-3 },
  imageOptimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9, weightDecay: 5e-4 },
  fusionEpochs: 3,
  fusionLr: 1e-3,
  block: { mmDim: 32, chunks: 4, rank: 3 },
  nce: { k: 40 },
  kRule: 'fixed',
  seed: 5,
};

beforeAll(async () => {
  await initBackend({ quiet: true });
});

/** run twoStage on fresh towers (seed 1); returns the towers' weights and the result, everything disposed */
function run(options: TwoStageOptions) {
  const text = textOnly(dims, 1),
    image = imageOnly(dims, 1);
  const before = [...text.variables(), ...image.variables()].map((v) => Float32Array.from(v.dataSync()));
  const r = twoStage({ text, image }, sp, { ...FAST, ...options });
  const towers = [...text.variables(), ...image.variables()].map((v) => Float32Array.from(v.dataSync()));
  const head = r.fused ? r.fused.headVariables().map((v) => Float32Array.from(v.dataSync())) : [];
  const out = { before, towers, head, r: { ...r, fused: undefined } };
  r.fused?.dispose();
  text.dispose();
  image.dispose();
  return out;
}

describe('twoStage (CMC)', () => {
  it('stage 2 leaves the stage-1 weights bit-identical (vs the same run without stage 2) and trains the head', () => {
    const s1 = run({ variant: 'cmc', stage2: false });
    const both = run({ variant: 'cmc' });
    expect(both.towers).toEqual(s1.towers); // byte-equal Float32Arrays
    expect(both.r.towersUnchanged).toBe(true);
    expect(both.towers).not.toEqual(both.before); // stage 1 did train
    expect(both.r.stage2!.epochsRun).toBe(3);
    expect(both.r.k).toBe(40);
  });

  it('no tensor growth across epochs in stage 1 and stage 2; everything is freed afterwards', () => {
    const start = tf.memory().numTensors;
    const c1: number[] = [],
      c2: number[] = [];
    run({
      variant: 'cmc',
      epochs: 4,
      fusionEpochs: 4,
      onStage1Epoch: () => void c1.push(tf.memory().numTensors),
      onStage2Epoch: () => void c2.push(tf.memory().numTensors),
    });
    expect(c1).toHaveLength(4);
    expect(new Set(c1.slice(1)).size).toBe(1); // epoch 1 creates the optimisers' moments (+ the best snapshots)
    expect(new Set(c2.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('is deterministic, records the distillation terms, and finetune (α = β = 0) runs without NCE', () => {
    const a = run({ variant: 'cmc', stage2: false }),
      b = run({ variant: 'cmc', stage2: false });
    expect(a.r.stage1.history.map(({ ...h }) => h)).toEqual(b.r.stage1.history);
    expect(a.towers).toEqual(b.towers);
    const h = a.r.stage1.history[0];
    for (const k of ['train_ce_text', 'train_ce_image', 'train_nce_v_to_t', 'train_nce_t_to_v', 'train_distill', 'val_acc_text', 'val_acc_image'])
      expect(h).toHaveProperty(k);
    const f = run({ variant: 'finetune', stage2: false });
    expect(f.r.k).toBe(0);
    expect(f.r.stage1.history[0]).not.toHaveProperty('train_distill');
    expect(f.towers).not.toEqual(a.towers); // distillation changed the networks
  });

  it('finetune: the text network trains exactly as it would alone (the two networks do not interact)', () => {
    const f = run({ variant: 'finetune', stage2: false, imageOptimizer: { kind: 'sgd', lr: 0.05 } });
    const g = run({ variant: 'finetune', stage2: false });
    const nText = textOnly(dims, 1).variables().length;
    expect(f.towers.slice(0, nText)).toEqual(g.towers.slice(0, nText));
    expect(f.towers.slice(nText)).not.toEqual(g.towers.slice(nText));
  });

  it('shared: one stage through the fusion head, the towers train, selection on the fused validation accuracy', () => {
    const s = run({ variant: 'shared' });
    expect(s.towers).not.toEqual(s.before);
    expect(s.r.stage2).toBeUndefined();
    expect(s.r.stage1.history[0]).toHaveProperty('val_acc_fused');
    expect(s.head.length).toBeGreaterThan(0);
  });

  it('rejects unknown options and variants by name', () => {
    expect(() => run({ varient: 'cmc' } as never)).toThrow(/unknown option 'varient'/);
    expect(() => run({ variant: 'joint' as never })).toThrow(/variant/);
  });
});

describe('two-stage options: an undefined option keeps its default', () => {
  it('twoStage({ batchSize: undefined }) runs with the default batch size (a plain spread made it undefined)', () => {
    const { r } = run({ variant: 'cmc', stage2: false, epochs: 1, batchSize: undefined });
    expect(r.options.batchSize).toBe(TWO_STAGE_DEFAULTS.batchSize);
    expect(r.stage1.epochsRun).toBe(1);
  });

  it("a 'two-stage' run spec without train.batchSize runs, with the procedure's batch size (else the default)", async () => {
    const spec = (options: Record<string, unknown>): RunSpec => ({
      dataset: { kind: 'synthetic', options: { samples: 300, seed: 2 } },
      split: { kind: 'random', val: 0.2, test: 0.2, seed: 0 },
      model: { name: 'two-stage' },
      procedure: { name: 'two-stage', options: { stage2: false, textOptimizer: { kind: 'adam', lr: 1e-3 }, nce: { k: 20 }, kRule: 'fixed', ...options } },
      seed: 1,
      train: { epochs: 1, seed: 1 },
    });
    const plain = await runOne(spec({}));
    expect(plain.config!.batchSize).toBe(TWO_STAGE_DEFAULTS.batchSize);
    expect(Number.isFinite(plain.test.acc)).toBe(true);
    expect((await runOne(spec({ batchSize: 32 }))).config!.batchSize).toBe(32);
  }, 60000);
});
