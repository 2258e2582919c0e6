import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../../lib/backend';
import { runOne } from '../../../lib/experiment/run-one';
import type { RunSpec } from '../../../lib/experiment/spec';

const base = (options: Record<string, unknown>, model = 'mm-transformer'): RunSpec => ({
  dataset: { kind: 'synthetic', options: { samples: 400, seed: 1 } },
  split: { kind: 'random', val: 0.2, test: 0.2, seed: 0 },
  model: { name: model },
  procedure: { name: 'stagewise', options: { budget: 0.05, unimodalEpochs: 2, testMissing: { rates: [0, 1] }, ...options } },
  seed: 1,
  train: { epochs: 2, batchSize: 64, seed: 1 },
});

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('stagewise procedure', () => {
  it('runs image → text → multimodal, allocates k heads per modality after its stage, and reports curves and heads', async () => {
    const before = tf.memory().numTensors;
    const r = await runOne(base({ hms: { heads: 1 }, ukr: { lambda: 0.2 } }));
    const x = r.extra as Record<string, any>;
    expect(x.stages.map((s: { stage: string }) => s.stage)).toEqual(['image', 'text', 'multimodal']);
    // the budget: 5 % of each class of 240 training posts, ≥ 1 per class
    expect(x.stages[0].rows).toBe(x.budgetRows);
    expect(x.budgetRows).toBeGreaterThanOrEqual(2);
    expect(x.budgetRows).toBeLessThanOrEqual(14);
    expect(x.stages[2].rows).toBe(240);
    // HMS / UKR act from the stage after allocation
    expect(x.stages[0].heads).toEqual([]);
    expect(x.stages[1].heads).toHaveLength(1);
    expect(x.stages[2].heads).toHaveLength(2);
    expect(x.allocated.map((h: { modality: string }) => h.modality)).toEqual(['image', 'text']);
    expect(x.missingCurve.map((p: { rate: number }) => p.rate)).toEqual([0, 1]);
    expect(x.missingCurve[0].macroF1).toBeCloseTo(r.test.macroF1, 6);
    expect(x.heads.shares.image).toHaveLength(2);
    expect(Object.keys(r.missing!)).toEqual(['text-only', 'image-only']);
    expect(r.history.some((h) => 'train_loss_hms' in h)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  }, 60000);

  it('is deterministic and, with one multimodal stage, trains any registered model', async () => {
    const a = await runOne(base({ stages: ['multimodal'] }, 'SpotFake+'));
    const b = await runOne(base({ stages: ['multimodal'] }, 'SpotFake+'));
    expect(a.test).toEqual(b.test);
    expect((a.extra as { allocated: unknown[] }).allocated).toEqual([]);
  }, 60000);

  it('rejects HMS on a model without gated heads, and unknown options', async () => {
    await expect(runOne(base({ hms: {} }, 'SpotFake+'))).rejects.toThrow(/gated heads/);
    await expect(runOne(base({ budjet: 0.1 }))).rejects.toThrow(/unknown option 'budjet'/);
    await expect(runOne(base({ mixed: true, hms: {} }))).rejects.toThrow(/mixed/);
  });
});
