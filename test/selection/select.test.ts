import { describe, expect, it } from 'vitest';
import { selectSynthetic } from '../../lib/selection/select';
import { dissimScores } from '../../lib/selection/dissim';
import { concatPairs, mixedEmbedding } from '../../lib/selection/pairs';
import { poolAt } from './helpers';

// 6 "on-target" pairs near 0.5 rad (image and caption), 6 "off-target" near 2.5 rad
const near = [0.4, 0.45, 0.5, 0.55, 0.6, 0.65];
const far = near.map((a) => a + 2);
const syn = () =>
  concatPairs([
    poolAt(
      near,
      near.map((a) => a + 0.01),
    ),
    {
      ...poolAt(
        far,
        far.map((a) => a + 0.01),
        far.map((_, i) => `q${i}`),
      ),
      origin: far.map(() => 'other'),
    },
  ]);
const val = () => mixedEmbedding(poolAt([0.48, 0.52, 0.58], [0.5, 0.53, 0.57], ['v0', 'v1', 'v2']));

describe('selectSynthetic', () => {
  it('SemSim and DisSim keep the on-target rows; random does not know which they are', () => {
    for (const m of ['semsim', 'dissim'] as const) {
      const s = selectSynthetic(m, syn(), val(), { N: 6 });
      expect(Array.from(s.rows)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(s.scores!.length).toBe(12);
    }
    const d = selectSynthetic('dissim', syn(), val(), { N: 6 });
    expect(d.ot!.converged).toBe(true);
  });

  it('is deterministic per seed (random changes with the seed; the scoring methods do not depend on it)', () => {
    const a = selectSynthetic('random', syn(), val(), { N: 5, seed: 1 });
    expect(Array.from(selectSynthetic('random', syn(), val(), { N: 5, seed: 1 }).rows)).toEqual(Array.from(a.rows));
    const others = [2, 3, 4, 5].map((seed) => Array.from(selectSynthetic('random', syn(), val(), { N: 5, seed }).rows).join());
    expect(others.some((o) => o !== Array.from(a.rows).join())).toBe(true);
    for (const m of ['semsim', 'dissim'] as const)
      expect(Array.from(selectSynthetic(m, syn(), val(), { N: 4, seed: 1 }).rows)).toEqual(
        Array.from(selectSynthetic(m, syn(), val(), { N: 4, seed: 9 }).rows),
      );
  });

  it('all / none / bad options', () => {
    expect(selectSynthetic('all', syn(), val()).rows.length).toBe(12);
    expect(selectSynthetic('none', syn(), val()).rows.length).toBe(0);
    expect(() => selectSynthetic('semsim', syn(), val(), { N: 0 })).toThrow(/'N'/);
    expect(() => selectSynthetic('nope' as never, syn(), val())).toThrow(/unknown method 'nope'/);
    // ε = 0 (unregularised OT) is rejected, not turned into the default 0.05
    for (const epsilon of [0, -0.1, Number.NaN]) expect(() => selectSynthetic('dissim', syn(), val(), { N: 4, epsilon })).toThrow(/option 'epsilon'.*> 0, got/);
  });

  it('DisSim honours the ε it is given (recorded in the OT run)', () => {
    expect(selectSynthetic('dissim', syn(), val(), { N: 4 }).ot!.epsilon).toBe(0.05);
    expect(selectSynthetic('dissim', syn(), val(), { N: 4, epsilon: 0.2 }).ot!.epsilon).toBe(0.2);
  });

  it('DisSim scores: on-target rows get negative calibrated potentials, off-target positive', () => {
    const E = mixedEmbedding(syn());
    const { scores } = dissimScores(E, 12, val(), 3, 2);
    for (let i = 0; i < 6; i++) expect(scores[i]).toBeLessThan(0);
    for (let i = 6; i < 12; i++) expect(scores[i]).toBeGreaterThan(0);
  });
});
