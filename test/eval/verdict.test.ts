import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../lib/eval/metrics';
import { pairedInterval, permutationFloor, permutationP, signFlipFloor, signFlipP, t975 } from '../../lib/eval/paired';
import { compareToValue } from '../../lib/eval/compare';
import {
  allOf,
  degenerateSides,
  independentVerdict,
  magnitudeVerdict,
  minSeeds,
  oneClass,
  oneSampleVerdict,
  pairedVerdict,
  seedsEstimate,
  singleValueOutcome,
  type Outcome,
} from '../../lib/eval/verdict';
import { claimFrom, countClaims, countsSentence, byVerdict, normaliseClaim, notChecked } from '../../lib/eval/claim';

const m = (acc: number, fakeR: number, realR: number): Metrics => ({
  acc,
  fakeP: 0.5,
  fakeR,
  fakeF1: 0.5,
  realP: 0.5,
  realR,
  realF1: 0.5,
  macroF1: 0.5,
  n: 100,
});

/** every undecided outcome says what would decide it */
const statesSeeds = (o: Outcome) => {
  if (o.verdict !== 'undecided') return;
  expect(o.reason).toBeTruthy();
  expect(o.toDecide).toBeTruthy();
  expect(o.seedsToDecide === null || (Number.isInteger(o.seedsToDecide) && o.seedsToDecide! > 0)).toBe(true);
};

describe('exact tests', () => {
  it('sign-flip p by hand: d = [0.3, −0.1, 0.2] → sums of the 8 patterns ≥ 0.4 are {0.4, 0.6}: p = 2/8; against: 7/8', () => {
    expect(signFlipP([0.3, -0.1, 0.2])).toBeCloseTo(0.25, 12);
    expect(signFlipP([-0.3, 0.1, -0.2])).toBeCloseTo(0.875, 12);
    expect(signFlipFloor(3)).toBe(0.125);
    expect(signFlipP([0.1, 0.2, 0.3])).toBeCloseTo(0.125, 12);
    expect(signFlipP([0.01, 0.02, 0.03, 0.04, 0.05])).toBeCloseTo(1 / 32, 12);
  });
  it('two-sample permutation p by hand: [3, 4] vs [1, 2] → 1 of the 6 relabellings reaches Δ = 2', () => {
    expect(permutationP([3, 4], [1, 2])).toBeCloseTo(1 / 6, 12);
    expect(permutationP([1, 2], [3, 4])).toBe(1);
    expect(permutationFloor(3, 3)).toBeCloseTo(0.05, 12);
  });
  it('t-interval: known case and table values', () => {
    expect(t975(2)).toBeCloseTo(4.303, 3);
    expect(t975(40)).toBeCloseTo(2.021, 2);
    const [lo, hi] = pairedInterval([1, 2, 3])!; // mean 2, sd 1, se 1/√3, t 4.303
    expect(lo).toBeCloseTo(2 - 4.303 / Math.sqrt(3), 3);
    expect(hi).toBeCloseTo(2 + 4.303 / Math.sqrt(3), 3);
  });
});

describe('verdicts', () => {
  it('3 paired seeds: identical or separated, never "does not hold" (the test cannot reject at n = 3: smallest p 0.125)', () => {
    const same = pairedVerdict([0.8, 0.81, 0.82], [0.8, 0.81, 0.82], { a: 'A', b: 'B' });
    const sep = pairedVerdict([0.9, 0.91, 0.92], [0.8, 0.81, 0.82], { a: 'A', b: 'B' });
    const rev = pairedVerdict([0.8, 0.81, 0.82], [0.9, 0.91, 0.92], { a: 'A', b: 'B' });
    for (const o of [same, sep, rev]) {
      expect(o.verdict).toBe('undecided');
      expect(o.reason).toContain('n = 3: the smallest attainable p is 0.125');
      statesSeeds(o);
    }
    expect(same.seedsToDecide).toBeNull(); // effect 0: no number of seeds
    expect(sep.seedsToDecide).toBe(5); // a constant +0.1 difference: the exact test's floor decides
    expect(sep.toDecide).toContain('about 5 paired seeds');
  });
  it('3 vs 3 independent groups: identical → undecided; separated → decided in the direction of the data', () => {
    const same = independentVerdict([0.8, 0.81, 0.82], [0.8, 0.81, 0.82], { a: 'A', b: 'B' });
    expect(same.verdict).toBe('undecided');
    statesSeeds(same);
    expect(independentVerdict([0.9, 0.91, 0.92], [0.8, 0.81, 0.82], { a: 'A', b: 'B' }).verdict).toBe('holds');
    const overlap = independentVerdict([0.82, 0.8, 0.9], [0.81, 0.79, 0.83], { a: 'A', b: 'B' });
    expect(overlap.verdict).toBe('undecided');
    expect(overlap.reason).toMatch(/neither ≤ α/);
    statesSeeds(overlap);
  });
  it('directional: "A > B" with B > A on every one of 5 seeds does not hold (never holds)', () => {
    const a = [0.7, 0.72, 0.71, 0.69, 0.7],
      b = [0.8, 0.79, 0.82, 0.81, 0.8];
    expect(pairedVerdict(a, b, { a: 'A', b: 'B' }).verdict).toBe('does not hold');
    expect(independentVerdict(a, b, { a: 'A', b: 'B' }).verdict).toBe('does not hold');
    expect(pairedVerdict(b, a, { a: 'B', b: 'A' }).verdict).toBe('holds');
  });
  it('a tiny effect against a large spread is undecided at 5 seeds, with an estimate of the seeds that would decide it', () => {
    const o = pairedVerdict([0.81, 0.79, 0.83, 0.78, 0.82], [0.8, 0.8, 0.8, 0.8, 0.8], { a: 'A', b: 'B' });
    expect(o.verdict).toBe('undecided');
    statesSeeds(o);
    expect(o.seedsToDecide!).toBeGreaterThan(5);
    expect(seedsEstimate(0.002, 0.018, true)).toBe(Math.ceil(((1.6449 + 0.8416) * 9) ** 2));
  });
  it('a one-class predictor on one side: undecided with that reason, even when the difference is large', () => {
    const deg = degenerateSides([
      { label: 'image-only', metrics: [m(0.6, 0, 1), m(0.6, 0, 1), m(0.6, 0, 1), m(0.6, 0, 1), m(0.6, 0, 1)] },
      { label: 'text-only', metrics: [m(0.8, 0.7, 0.8)] },
    ]);
    expect(deg).toBe('image-only predicts one class on seeds 1, 2, 3, 4, 5');
    expect(oneClass(m(0.4, 1, 0))).toBe(true);
    expect(oneClass(m(0.8, 0.7, 0.8))).toBe(false);
    const o = pairedVerdict([0.8, 0.81, 0.82, 0.83, 0.84], [0.6, 0.6, 0.6, 0.6, 0.6], { a: 'text-only', b: 'image-only', degenerate: deg });
    expect(o.verdict).toBe('undecided');
    expect(o.reason).toContain('one class');
    statesSeeds(o);
  });
  it('K classes: one-class from the confusion matrix (one predicted column), else from the recalls', () => {
    expect(
      oneClass({
        recall: [1, 0, 0],
        confusion: [
          [5, 0, 0],
          [3, 0, 0],
          [2, 0, 0],
        ],
      }),
    ).toBe(true);
    expect(
      oneClass({
        recall: [0, 0, 1],
        confusion: [
          [0, 0, 5],
          [0, 0, 3],
          [0, 0, 2],
        ],
      }),
    ).toBe(true);
    // every true class recalled 0 or 1, but two columns predicted: not one class
    expect(
      oneClass({
        recall: [1, 0, 0],
        confusion: [
          [5, 0, 0],
          [0, 0, 3],
          [0, 2, 0],
        ],
      }),
    ).toBe(false);
    expect(
      oneClass({
        recall: [0.5, 0.5, 0.4],
        confusion: [
          [2, 1, 1],
          [1, 2, 1],
          [1, 2, 2],
        ],
      }),
    ).toBe(false);
    expect(oneClass({ recall: [0, 1, 0] })).toBe(true);
    expect(oneClass({ recall: [1, 0.5, 0] })).toBe(false);
    expect(degenerateSides([{ label: 'SemSim N=100', metrics: [{ recall: [0.5, 0.5, 0.5] }, { recall: [0, 1, 0] }], seeds: [3, 7] }])).toBe(
      'SemSim N=100 predicts one class on seed 7',
    );
  });
  it('compareToValue: a difference of two runs is undecided when a given reason names a one-class run', () => {
    const side = { label: 'A − B', values: [0.1, 0.11, 0.12, 0.13, 0.14], seeds: [1, 2, 3, 4, 5] };
    expect(compareToValue(side, 0).verdict).toBe('holds');
    const o = compareToValue(side, 0, undefined, 'B predicts one class on seed 2');
    expect([o.verdict, o.reason]).toEqual(['undecided', 'B predicts one class on seed 2']);
  });
  it('margin: "A at most 0.02 below B" holds when A is 0.01 below on every one of 5 seeds, fails when 0.05 below', () => {
    const b = [0.8, 0.81, 0.82, 0.83, 0.84];
    expect(
      pairedVerdict(
        b.map((x, i) => x - 0.01 + i * 1e-3),
        b,
        { a: 'A', b: 'B', margin: 0.02 },
      ).verdict,
    ).toBe('holds');
    expect(
      pairedVerdict(
        b.map((x, i) => x - 0.05 + i * 1e-3),
        b,
        { a: 'A', b: 'B', margin: 0.02 },
      ).verdict,
    ).toBe('does not hold');
  });
  it('one sample, magnitude, single values and conjunctions', () => {
    expect(oneSampleVerdict([0.1, 0.2, 0.3, 0.2, 0.1], 0, { a: 'gap' }).verdict).toBe('holds');
    expect(magnitudeVerdict([0.9, 0.9, 0.9], 0.9, 0.02, 'acc').verdict).toBe('holds');
    expect(magnitudeVerdict([0.5, 0.51, 0.52], 0.9, 0.02, 'acc').verdict).toBe('does not hold');
    const wide = magnitudeVerdict([0.85, 0.9, 0.95], 0.9, 0.02, 'acc');
    expect(wide.verdict).toBe('undecided');
    statesSeeds(wide);
    const single = singleValueOutcome('A − B', 0.1, 'one run per side');
    expect(single.verdict).toBe('undecided');
    expect(single.seedsToDecide).toBe(minSeeds(true));
    const hold = oneSampleVerdict([0.1, 0.2, 0.3, 0.2, 0.1], 0, { a: 'x' });
    const open = pairedVerdict([0.9, 0.91, 0.92], [0.8, 0.81, 0.82], { a: 'A', b: 'B' });
    const fail = pairedVerdict([0.7, 0.72, 0.71, 0.69, 0.7], [0.8, 0.79, 0.82, 0.81, 0.8], { a: 'A', b: 'B' });
    expect(
      allOf([
        { label: 'x', outcome: hold },
        { label: 'y', outcome: hold },
      ]).verdict,
    ).toBe('holds');
    const u = allOf([
      { label: 'x', outcome: hold },
      { label: 'y', outcome: open },
    ]);
    expect(u.verdict).toBe('undecided');
    statesSeeds(u);
    expect(
      allOf([
        { label: 'x', outcome: open },
        { label: 'y', outcome: fail },
      ]).verdict,
    ).toBe('does not hold');
  });
});

describe('claims', () => {
  it('counts paper and workbench claims apart, and orders decided claims first', () => {
    const hold = oneSampleVerdict([0.1, 0.2, 0.3, 0.2, 0.1], 0, { a: 'x' });
    const open = pairedVerdict([0.9, 0.91, 0.92], [0.8, 0.81, 0.82], { a: 'A', b: 'B' });
    const claims = [
      claimFrom({ statement: 'u', on: 's' }, open),
      notChecked({ statement: 'n', on: 's' }, 'data not available: x'),
      claimFrom({ statement: 'h', on: 's', source: 'workbench' }, hold),
      claimFrom({ statement: 'h2', on: 's' }, hold),
    ];
    expect(countsSentence(countClaims(claims))).toBe(
      "Paper's claims: 1 hold, 0 do not hold, 1 undecided, 1 not checked; workbench claims: 1 hold, 0 do not hold, 0 undecided, 0 not checked.",
    );
    expect(byVerdict(claims).map((c) => c.statement)).toEqual(['h', 'h2', 'u', 'n']);
    expect(claims[0].evidence).toContain('to decide: about 5 paired seeds');
  });
  it('reads a results.json claim of the old shape', () => {
    expect(normaliseClaim({ statement: 's', on: 'o', holds: false, evidence: 'e' })).toEqual({
      statement: 's',
      source: 'paper',
      on: 'o',
      verdict: 'does not hold',
      evidence: 'e',
    });
    expect(normaliseClaim({ statement: 's', on: 'o', holds: null, evidence: 'e' }).verdict).toBe('not checked');
  });
});

describe('values that are not numbers', () => {
  it('a NaN on a side is undecided, never decided by a p computed over NaN', () => {
    const o = pairedVerdict([NaN, 0.2, 0.3, 0.4, 0.5], [0, 0, 0, 0, 0], { a: 'r', b: '0' });
    expect(o.verdict).toBe('undecided');
    expect(o.reason).toContain('not a number');
    expect(independentVerdict([0.1, 0.2, 0.3], [NaN, 0, 0], { a: 'A', b: 'B' }).verdict).toBe('undecided');
  });
});

describe('claimFrom', () => {
  it('refuses an undecided outcome that does not say what would decide it', () => {
    const o = pairedVerdict([0.9, 0.91, 0.92], [0.8, 0.81, 0.82], { a: 'A', b: 'B' });
    expect(() => claimFrom({ statement: 's', on: 'o' }, { ...o, toDecide: undefined })).toThrow(/what would decide it/);
  });
});
