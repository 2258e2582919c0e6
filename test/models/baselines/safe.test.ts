import { describe, expect, it, beforeAll } from 'vitest';
import { tf } from '../../../lib/backend';
import { SAFE, safeSimilarity, safeSimilarityLoss } from '../../../lib/models/baselines/safe';
import { describeBaseline, setup } from './harness';

describeBaseline('SAFE', (dims, seed) => new SAFE(dims, { seed }));

describe('SAFE: similarity', () => {
  beforeAll(setup);
  it('M_s maps the cosine to [0, 1]: parallel 1, orthogonal 0.5, opposite 0', () => {
    const s = tf.tidy(() =>
      Array.from(
        safeSimilarity(
          tf.tensor2d([
            [1, 0],
            [1, 0],
            [1, 0],
          ]),
          tf.tensor2d([
            [2, 0],
            [0, 3],
            [-1, 0],
          ]),
        ).dataSync(),
      ),
    );
    expect(s[0]).toBeCloseTo(1, 6);
    expect(s[1]).toBeCloseTo(0.5, 6);
    expect(s[2]).toBeCloseTo(0, 6);
  });
  it('L_s = −mean[y log(1 − s) + (1 − y) log s] (fake = 1 wants low similarity)', () => {
    const l = tf.tidy(() => safeSimilarityLoss(tf.tensor1d([0.8, 0.25]), tf.tensor1d([0, 1], 'int32')).dataSync()[0]);
    expect(l).toBeCloseTo(-(Math.log(0.8) + Math.log(0.75)) / 2, 5);
  });
  it("similarityFeature: false predicts from [t ‖ v] only (the authors' code)", () => {
    const dims = { textPattern: 8, textSemantic: 4, imagePattern: 8, imageSemantic: 4 };
    const a = new SAFE(dims, { similarityFeature: false, embed: 16 });
    const b = new SAFE(dims, { embed: 16 });
    expect(a.head.inDim).toBe(32);
    expect(b.head.inDim).toBe(33);
    a.dispose();
    b.dispose();
  });
});
