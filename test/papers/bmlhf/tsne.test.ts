import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import type { ArtefactContext } from '../../../lib/experiment/artefact';
import type { RunResult, TsneMap } from '../../../lib/experiment/result';
import { specHash } from '../../../lib/experiment/spec';
import { knnAgreement } from '../../../lib/eval/separation';
import { tsne2d } from '../../../lib/eval/tsne';
import { TSNE_FIGURES, tsne, tsneSpec } from '../../../lib/papers/bmlhf/tsne';

describe('knnAgreement', () => {
  it('hand-computed: two separated pairs → 1; alternating line → 0', () => {
    expect(
      knnAgreement(
        [
          [0, 0],
          [0, 1],
          [10, 0],
          [10, 1],
        ],
        [0, 0, 1, 1],
        1,
      ),
    ).toBe(1);
    // on a line 0,1,2,3 with labels 0,1,0,1 the nearest neighbour (ties → lower index) always has the other label
    expect(knnAgreement([[0], [1], [2], [3]], [0, 1, 0, 1], 1)).toBe(0);
    // k = 2 on [0,1,2,10] labels [0,0,1,1]: point0 nbrs 1,2 → 1/2; point1 nbrs 0,2 → 1/2; point2 nbrs 1,0 → 0; point3 nbrs 2,1 → 1/2
    expect(knnAgreement([[0], [1], [2], [10]], [0, 0, 1, 1], 2)).toBeCloseTo(1.5 / 4, 12);
  });
  it('rejects bad k and mismatched labels', () => {
    expect(() => knnAgreement([[0], [1]], [0, 1], 2)).toThrow(/k must be/);
    expect(() => knnAgreement([[0], [1]], [0], 1)).toThrow(/labels/);
  });
});

describe('tsne2d', () => {
  const rows = Array.from({ length: 100 }, (_, i) => [i % 2 ? 5 : 0, (i * 37) % 11, (i * 13) % 7]);
  it('is seeded: same seed → same map, other seed → another', async () => {
    const a = await tsne2d(rows, { seed: 3, perplexity: 10, iterations: 100 });
    expect(await tsne2d(rows, { seed: 3, perplexity: 10, iterations: 100 })).toEqual(a);
    expect(await tsne2d(rows, { seed: 4, perplexity: 10, iterations: 100 })).not.toEqual(a);
    expect(a).toHaveLength(100);
  });
  it('rejects too few rows and NaN', async () => {
    await expect(tsne2d(rows.slice(0, 20), { perplexity: 10 })).rejects.toThrow(/too few/);
    await expect(tsne2d([...rows.slice(0, 99), [NaN, 0, 0]], { perplexity: 10 })).rejects.toThrow(/row 99/);
  });
});

describe('bmlhf fig4-6', () => {
  const map = (knn: number): TsneMap => ({
    xy: [
      [0, 0],
      [1, 1],
      [2, 2],
    ],
    knnSpace: knn,
    knnMap: knn,
    dim: 8,
  });
  const ctx = (learned: number): ArtefactContext => {
    const m = new Map<string, RunResult>();
    for (const [key] of TSNE_FIGURES) {
      const s = tsneSpec('quick', key);
      m.set(specHash(s), {
        hash: specHash(s),
        model: 'BMLHF',
        paramCount: 1,
        bestEpoch: 1,
        epochsRun: 1,
        notes: [],
        history: [],
        test: {} as RunResult['test'],
        timing: { secondsPerEpoch: 0, testSeconds: 0 },
        tsne: { labels: [0, 1, 1], raw: map(0.6), learned: map(learned) },
      });
    }
    return { profile: 'quick', unavailable: () => undefined, result: (s) => m.get(specHash(s))! };
  };
  it('one seed-1 BMLHF run with the t-SNE output per dataset', () => {
    const specs = tsne.runs('quick');
    expect(specs).toHaveLength(TSNE_FIGURES.length);
    for (const s of specs) expect(s).toMatchObject({ seed: 1, model: { name: 'BMLHF' }, balancer: { name: 'mib' }, outputs: { tsne: true } });
  });
  it('a figure per dataset with two panels; the claim follows the k-NN numbers', async () => {
    const good = await tsne.build(ctx(0.8));
    expect(good.figures!.map((f) => f.name)).toEqual(['fig4', 'fig5', 'fig6', 'fig4-6-synthetic']);
    expect(good.figures![0].svg).toMatch(/original samples/);
    expect(good.figures![0].svg).toMatch(/learned features/);
    expect(good.claims!.every((c) => leaning(c))).toBe(true);
    const bad = await tsne.build(ctx(0.5));
    expect(bad.claims!.some((c) => leaning(c))).toBe(false);
  });
});
