import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend/index';
import { synthetic } from '../../lib/data/synthetic';
import { applySplit, splitIndices } from '../../lib/data/splits';
import { concatFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';
import { modalityReport } from '../../lib/eval/modality-report';
import { evaluate, predict } from '../../lib/eval/predict';
import { argmaxK, metrics } from '../../lib/eval/metrics';
import { runOne } from '../../lib/experiment/run-one';

const ds = synthetic({ samples: 600, seed: 6 });
const sp = applySplit(ds, splitIndices(ds, { seed: 6 }));
const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('modalityReport', () => {
  it('heads, zero-masked inputs, Shapley and the ratio agree with the evaluators they summarise; no tensor leak', () => {
    const m = concatFusion(dims, 3);
    train(m, sp, { epochs: 4, seed: 3, progress: false, recordSteps: false });
    const before = tf.memory().numTensors;
    const r = modalityReport(m, sp.test);
    expect(tf.memory().numTensors).toBe(before);
    const p = predict(m, sp.test);
    expect(r.branches.text.acc).toBeCloseTo(metrics(argmaxK(p.branches.text, 2), sp.test.labels).acc, 6);
    expect(r.masked.text.macroF1).toBeCloseTo(evaluate(m, sp.test, { missing: 'text-only' }).macroF1, 6);
    expect(r.masked.image.acc).toBeCloseTo(evaluate(m, sp.test, { missing: 'image-only' }).acc, 6);
    expect(r.shapley.acc.text + r.shapley.acc.image).toBeCloseTo(r.shapley.vAll.acc - r.shapley.vNone.acc, 5);
    // the synthetic default's text is the strong modality
    expect(r.ratio!.strong).toBe('text');
    expect(r.ratio!.ratio).toBeGreaterThan(1);
    expect(r.n).toBe(sp.test.labels.length);
    expect(modalityReport(m, sp.test)).toEqual(r);
    m.dispose();
  });

  it('RunSpec outputs.modality puts the report into RunResult.modality; without it the result has none', async () => {
    const spec = {
      dataset: { kind: 'synthetic' as const, options: { samples: 300, seed: 1 } },
      split: { kind: 'random' as const, val: 0.2, test: 0.2, seed: 0 },
      model: { name: 'SpotFake+' },
      train: { epochs: 2, seed: 1 },
      seed: 1,
    };
    const a = await runOne({ ...spec, outputs: { modality: true } });
    expect(Object.keys(a.modality!.branches).sort()).toEqual(['image', 'text']);
    expect(a.modality!.shapley.vAll.acc).toBeCloseTo(a.test.acc, 6);
    const b = await runOne(spec);
    expect(b.modality).toBeUndefined();
    expect(b.test).toEqual(a.test);
  });
});
