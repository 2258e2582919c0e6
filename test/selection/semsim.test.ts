import { describe, expect, it } from 'vitest';
import { semsimScores, topN } from '../../lib/selection/semsim';

describe('SemSim', () => {
  it('ranks by cosine to the validation mean (constructed example)', () => {
    // validation mean direction: (1, 1)/√2 (points (1, 0) and (0, 1))
    const V = Float32Array.from([1, 0, 0, 1]);
    // synthetic rows at 45°, 0°, 180°, 30° → cosines 1, 0.707, −0.707, 0.966
    const a = (deg: number) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
    const E = Float32Array.from([...a(45), ...a(0), ...a(180), ...a(30)]);
    const s = semsimScores(E, 4, V, 2, 2);
    expect(s[0]).toBeCloseTo(1, 6);
    expect(s[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(s[2]).toBeCloseTo(-Math.SQRT1_2, 6);
    expect(s[3]).toBeCloseTo(Math.cos((15 * Math.PI) / 180), 6);
    expect(Array.from(topN(s, 2))).toEqual([0, 3]);
    expect(Array.from(topN(s, 1, 'lowest'))).toEqual([2]);
  });
  it('topN: ties go to the lower index; N larger than n keeps all', () => {
    expect(Array.from(topN([1, 2, 2, 0], 2))).toEqual([1, 2]);
    expect(Array.from(topN([1, 1, 1], 2))).toEqual([0, 1]);
    expect(Array.from(topN([3, 1], 5))).toEqual([0, 1]);
    expect(() => topN([1], -1)).toThrow(/N must be/);
  });
});
