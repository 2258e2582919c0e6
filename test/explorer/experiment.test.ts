import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { CURVE_RATES, MODELS, run } from '../../explorer/src/experiment';
import { DEFAULT_SETTINGS } from '../../explorer/src/controls';

const small = { ...DEFAULT_SETTINGS, samples: 600, epochs: 3 };

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('explorer run (the same code the page runs, here on wasm in Node)', () => {
  it('trains the three models side by side, one epoch each per round, and reports accuracy and the missing-rate curve', async () => {
    const rounds: number[] = [];
    const before = tf.memory().numTensors;
    const r = (await run(small, { onEpoch: (points, round) => void rounds.push(round, points.length) }))!;
    expect(rounds).toEqual([1, 3, 2, 6, 3, 9, 4, 9]); // the 4th round only collects the results
    expect(r.epochs.filter((p) => p.model === 'joint').map((p) => p.epoch)).toEqual([1, 2, 3]);
    const joint = r.epochs.find((p) => p.model === 'joint')!;
    expect(joint.scoreText).toBeGreaterThan(0);
    expect(joint.scoreImage).toBeGreaterThan(0);
    expect(r.epochs.find((p) => p.model === 'image-only')!.scoreText).toBeUndefined();
    for (const m of MODELS) expect(r.testAcc[m]).toBeGreaterThan(0.4);
    expect(r.curve.map((c) => c.rate)).toEqual(CURVE_RATES.flatMap((x) => MODELS.map(() => x)));
    // no image at all: the image-only model sees zeros and predicts one class; the text-only model does not notice
    const at = (rate: number, m: string) => r.curve.find((c) => c.rate === rate && c.model === m)!.acc;
    expect(at(1, 'text-only')).toBe(at(0, 'text-only'));
    expect([r.testFakeShare, 1 - r.testFakeShare].map((x) => x.toFixed(6))).toContain(at(1, 'image-only').toFixed(6));
    expect(at(0.4, 'image-only')).not.toBe(at(0, 'image-only'));
    expect(r.sizes).toEqual({ train: 390, val: 90, test: 120 });
    expect(tf.memory().numTensors).toBe(before); // models, optimisers and snapshots all freed
  });

  it('is deterministic, and the image signal moves the image branch and the accuracy', async () => {
    const a = (await run(small))!,
      b = (await run(small))!;
    expect({ ...a, seconds: 0 }).toEqual({ ...b, seconds: 0 });
    // 6 epochs: from PyTorch's default initialisation (lib/nn/init.ts) the image branch's score rises more slowly than from Glorot's
    const base = (await run({ ...small, epochs: 6 }))!,
      strong = (await run({ ...small, epochs: 6, imageSignal: 1.5 }))!;
    const img = (x: typeof a) => x.epochs.filter((p) => p.model === 'joint').at(-1)!.scoreImage!;
    expect(img(strong)).toBeGreaterThan(img(base) + 0.05);
    expect(strong.testAcc['image-only']).toBeGreaterThan(base.testAcc['image-only']);
  });

  it('a balancer acts on the joint model only; a cancelled run resolves to null and leaves no tensor behind', async () => {
    const plain = (await run(small))!,
      mib = (await run({ ...small, balancer: 'mib', balanceMode: 'update' }))!;
    expect(mib.testAcc['text-only']).toBe(plain.testAcc['text-only']);
    expect(mib.epochs.filter((p) => p.model === 'joint')).not.toEqual(plain.epochs.filter((p) => p.model === 'joint'));
    const before = tf.memory().numTensors;
    let rounds = 0;
    const r = await run({ ...small, epochs: 10 }, { cancelled: () => ++rounds >= 2 });
    expect(r).toBeNull();
    expect(rounds).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
