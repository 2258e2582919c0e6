import { describe, expect, it } from 'vitest';
import { adjacentOrder, differs, pairColumns, parseCell } from '../../../lib/report/html/cells';

describe('parseCell', () => {
  it('reads mean ± std, single numbers and signed differences with their printed decimals', () => {
    expect(parseCell('0.812 ± 0.010')).toEqual({ mean: 0.812, std: 0.01, digits: 3 });
    expect(parseCell(' 0.5 ')).toEqual({ mean: 0.5, std: null, digits: 1 });
    expect(parseCell('+0.025')).toEqual({ mean: 0.025, std: null, digits: 3 });
    expect(parseCell('-0.020')).toEqual({ mean: -0.02, std: null, digits: 3 });
    expect(parseCell('14.85')).toEqual({ mean: 14.85, std: null, digits: 2 });
    expect(parseCell('3')).toEqual({ mean: 3, std: null, digits: 0 });
  });
  it('refuses text, dashes and mixed cells', () => {
    for (const s of ['—', '', 'text-only', '3 vs 3', 'yes', '0.8 (paper)', '0.1 ± ', 'NaN']) expect(parseCell(s)).toBeNull();
  });
});

describe('differs: the printed intervals mean ± std, widened by rounding, do not overlap', () => {
  const c = (s: string) => parseCell(s)!;
  it('hand cases at 3 decimals (rounding widens each side by 0.0005)', () => {
    // |0.608 − 0.912| = 0.304 > 0.013 + 0.009 + 0.001
    expect(differs(c('0.608 ± 0.013'), c('0.912 ± 0.009'))).toBe(true);
    // |0.586 − 0.600| = 0.014 ≤ 0.007 + 0.006 + 0.001: touching counts as overlap
    expect(differs(c('0.586 ± 0.007'), c('0.600 ± 0.006'))).toBe(false);
    // 0.0141 apart would differ: 0.586 vs 0.601 → 0.015 > 0.014
    expect(differs(c('0.586 ± 0.007'), c('0.601 ± 0.006'))).toBe(true);
  });
  it('a missing std counts as 0: single numbers differ beyond rounding only', () => {
    expect(differs(c('1.10'), c('1.10'))).toBe(false);
    expect(differs(c('1.11'), c('1.10'))).toBe(false); // one unit of the last digit apart: rounding can explain it
    expect(differs(c('1.12'), c('1.10'))).toBe(true); // 0.02 > 0.005 + 0.005
    expect(differs(c('1.105'), c('1.10'))).toBe(false); // 0.005 ≤ 0.0005 + 0.005
    expect(differs(c('2.56'), c('1.10'))).toBe(true);
    expect(differs(c('0.748'), c('0.772 ± 0.018'))).toBe(true); // 0.024 > 0.018 + 0.001
    expect(differs(c('0.760'), c('0.772 ± 0.018'))).toBe(false);
  });
});

describe('pairColumns', () => {
  it('pairs `X (paper)` with `X`, and keeps them adjacent', () => {
    const h = ['dataset', 'method', 'acc', 'acc (paper)', 'fakeP', 'fakeP (paper)', 'note'];
    const p = pairColumns(h);
    expect([...p]).toEqual([
      [3, 2],
      [5, 4],
    ]);
    expect(adjacentOrder(h, p)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
  it('falls back to the nearest column on the left whose words begin with X’s words', () => {
    const h = ['dataset', 'params (M)', 'params M (paper)', 'drop (ours, paired)', 'paired seeds', 'drop (paper)', 'train s/epoch BMLHF/MRML', 'train (paper)'];
    const p = pairColumns(h);
    expect(p.get(2)).toBe(1);
    expect(p.get(5)).toBe(3);
    expect(p.get(7)).toBe(6);
    // drop (paper) moves beside drop (ours, paired)
    expect(adjacentOrder(h, p).map((i) => h[i])).toEqual([
      'dataset',
      'params (M)',
      'params M (paper)',
      'drop (ours, paired)',
      'drop (paper)',
      'paired seeds',
      'train s/epoch BMLHF/MRML',
      'train (paper)',
    ]);
  });
  it('pairs besidePaper’s `ours` / `paper` columns; leaves `paper setting` and lone paper columns alone', () => {
    expect([...pairColumns(['model', 'ours', 'paper', 'diff'])]).toEqual([[2, 1]]);
    expect(pairColumns(['value', 'paper setting', 'accuracy']).size).toBe(0);
    expect(pairColumns(['dataset', 'f1 (paper)']).size).toBe(0);
    expect(pairColumns(['method', 'ours', 'acc']).size).toBe(0); // "ours" names our model, there is no paper column
  });
  it('uses a column in one pair only', () => {
    const p = pairColumns(['acc', 'acc (paper)', 'acc  (paper)']);
    expect(p.size).toBe(1);
  });
});
