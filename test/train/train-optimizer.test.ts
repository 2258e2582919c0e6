import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../lib/backend';
import { concatFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';
import { scheduledLr } from '../../lib/train/train-optimizer';
import { toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('trainer optimiser and schedule', () => {
  it('StepLR: epoch e trains with lr·γ^⌊(e−1)/s⌋ (recorded per epoch); SGD + momentum trains', () => {
    expect([1, 2, 3, 4, 5].map((e) => scheduledLr(0.1, { kind: 'step', every: 2, gamma: 0.1 }, e))).toEqual([0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.1]);
    const m = concatFusion(toyDims, 1);
    const r = train(m, toySplit, {
      epochs: 3,
      seed: 1,
      lr: 0.05,
      progress: false,
      optimizer: { kind: 'sgd', momentum: 0.9 },
      schedule: { kind: 'step', every: 2, gamma: 0.5 },
    });
    const h = r.history.objects() as Record<string, number>[];
    expect(h.map((x) => x.lr)).toEqual([0.05, 0.05, 0.025]);
    expect(h[2].train_loss_total).toBeLessThan(h[0].train_loss_total);
    m.dispose();
  });

  it('SGD without momentum, one full-batch step: θ₁ = θ₀ − lr·(g + wd·θ₀) (PyTorch coupled decay)', () => {
    const lr = 0.1,
      wd = 0.01,
      N = toySplit.train.labels.length;
    const run = (weightDecay: number) => {
      const m = concatFusion(toyDims, 1);
      const before = m.variables().map((v) => Float64Array.from(v.dataSync()));
      train(m, toySplit, {
        epochs: 1,
        seed: 1,
        lr,
        batchSize: N,
        weightDecay,
        progress: false,
        optimizer: { kind: 'sgd' },
        onEpochEnd: () => void (after = m.variables().map((v) => Float64Array.from(v.dataSync()))),
      });
      m.dispose();
      return { before, after };
    };
    let after: Float64Array[] = [];
    const a = run(0),
      b = run(wd);
    // the decayed step differs from the plain one by −lr·wd·θ₀ exactly (the same g)
    a.before.forEach((t0, i) => t0.forEach((v, j) => expect(b.after[i][j] - a.after[i][j]).toBeCloseTo(-lr * wd * v, 6)));
  });

  it('rejects a schedule with Adam and unknown optimiser keys', () => {
    const m = concatFusion(toyDims, 1);
    expect(() => train(m, toySplit, { epochs: 1, schedule: { kind: 'step', every: 1, gamma: 0.1 } })).toThrow(/schedule.*sgd/);
    expect(() => train(m, toySplit, { epochs: 1, optimizer: { kind: 'sgd', nesterov: true } as never })).toThrow(/unknown key 'optimizer.nesterov'/);
    expect(() => train(m, toySplit, { epochs: 1, optimizer: { kind: 'rmsprop' } as never })).toThrow(/'adam' or 'sgd'/);
    m.dispose();
  });
});
