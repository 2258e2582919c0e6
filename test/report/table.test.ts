import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { aggregate, besidePaper, fmt, fmtDiff, formatMeanStd, sampleStd, toCsv, toMarkdown, writeTable } from '../../lib/report/table';

describe('fmt', () => {
  it('prints mean ± std with 3 decimals', () => {
    expect(fmt(0.91234, 0.0091)).toBe('0.912 ± 0.009');
    expect(fmt(0.5, 0)).toBe('0.500 ± 0.000');
    expect(fmt(0.5)).toBe('0.500');
    expect(fmt(0.5, null)).toBe('0.500');
    expect(fmt(1 / 3, 1 / 7, 2)).toBe('0.33 ± 0.14');
  });
  it('refuses non-numbers', () => {
    expect(() => fmt(NaN, 0.1)).toThrow(/mean is NaN/);
    expect(() => fmt(0.5, NaN)).toThrow(/std is NaN/);
    expect(() => fmt(0.5, -1)).toThrow(/std is -1/);
  });
  it('signs differences, with no negative zero', () => {
    expect(fmtDiff(0.0123)).toBe('+0.012');
    expect(fmtDiff(-0.0341)).toBe('-0.034');
    expect(fmtDiff(-0.0001)).toBe('0.000');
  });
});

describe('sampleStd (n − 1)', () => {
  it('matches a hand computation', () => {
    // 1, 2, 4: mean 7/3; squared deviations 16/9 + 1/9 + 25/9 = 42/9; / (3 − 1) = 7/3
    expect(sampleStd([1, 2, 4])).toBeCloseTo(Math.sqrt(7 / 3), 12);
    // 2, 4, 4, 4, 5, 5, 7, 9: population std is exactly 2, sample std sqrt(32/7)
    expect(sampleStd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleStd([3])).toBeNull();
    expect(sampleStd([])).toBeNull();
  });
});

describe('aggregate', () => {
  const perSeed = aq.from([
    { model: 'A', seed: 1, acc: 0.9, f1: 0.8 },
    { model: 'A', seed: 2, acc: 0.92, f1: 0.82 },
    { model: 'A', seed: 3, acc: 0.94, f1: 0.81 },
    { model: 'B', seed: 1, acc: 0.7, f1: 0.6 },
  ]);
  it('gives mean, sample std and n per group, in first-appearance order', () => {
    const rows = aggregate(perSeed, { by: ['model'], values: ['acc', 'f1'] }).objects() as Record<string, number | string | null>[];
    expect(rows.map((r) => r.model)).toEqual(['A', 'B']);
    expect(rows[0].acc_mean).toBeCloseTo(0.92, 12);
    // deviations ±0.02, 0: sqrt((0.0004 + 0 + 0.0004) / 2) = 0.02
    expect(rows[0].acc_std).toBeCloseTo(0.02, 12);
    expect(rows[0].f1_std).toBeCloseTo(sampleStd([0.8, 0.82, 0.81])!, 12);
    expect(rows[0].n).toBe(3);
    expect(rows[1].acc_std).toBeNull(); // one seed: no spread, not 0
    expect(rows[1].n).toBe(1);
  });
  it('names a missing column', () => {
    expect(() => aggregate(perSeed, { by: ['dataset'], values: ['acc'] })).toThrow(/no column "dataset"/);
  });
  it('formats mean ± std columns in place', () => {
    const t = formatMeanStd(aggregate(perSeed, { by: ['model'], values: ['acc'] }), ['acc']);
    expect(t.columnNames()).toEqual(['model', 'acc', 'n']);
    expect(t.objects()).toEqual([
      { model: 'A', acc: '0.920 ± 0.020', n: 3 },
      { model: 'B', acc: '0.700', n: 1 },
    ]);
  });
});

describe('besidePaper', () => {
  it('puts ours, paper and the difference side by side', () => {
    const ours = aq.from([
      { model: 'A', acc_mean: 0.92, acc_std: 0.02 },
      { model: 'B', acc_mean: 0.7, acc_std: null },
      { model: 'C', acc_mean: 0.5, acc_std: 0.01 },
    ]);
    const paper = [
      { model: 'A', acc: 0.905 },
      { model: 'B', acc: 0.75, acc_std: 0.004 },
    ];
    expect(besidePaper(ours, paper, { by: ['model'], value: 'acc' }).objects()).toEqual([
      { model: 'A', ours: '0.920 ± 0.020', paper: '0.905', diff: '+0.015' },
      { model: 'B', ours: '0.700', paper: '0.750 ± 0.004', diff: '-0.050' },
      { model: 'C', ours: '0.500 ± 0.010', paper: '—', diff: '—' },
    ]);
  });
});

describe('Markdown and CSV', () => {
  const t = aq.from([
    { model: 'A|B', acc: 0.91234, n: 3, note: 'x, "y"' },
    { model: 'C', acc: 0.5, n: 1, note: null },
  ]);
  it('writes a GitHub table with numbers right-aligned and pipes escaped', () => {
    expect(toMarkdown(t, { title: 'Table 1', note: 'std: sample (n − 1).' })).toBe(
      [
        '### Table 1',
        '',
        '| model | acc | n | note |',
        '| --- | ---: | ---: | --- |',
        '| A\\|B | 0.912 | 3 | x, "y" |',
        '| C | 0.500 | 1 |  |',
        '',
        'std: sample (n − 1).',
        '',
      ].join('\n'),
    );
  });
  it('writes RFC 4180 CSV at full precision', () => {
    expect(toCsv(t)).toBe('model,acc,n,note\nA|B,0.91234,3,"x, ""y"""\nC,0.5,1,\n');
  });
  it('writes both files atomically (no temp files left)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-table-'));
    const files = writeTable(path.join(dir, 'p'), 'tab1', t, { title: 'T' });
    expect(files.map((f) => path.basename(f))).toEqual(['tab1.md', 'tab1.csv']);
    expect(fs.readdirSync(path.join(dir, 'p')).sort()).toEqual(['tab1.csv', 'tab1.md']);
    fs.rmSync(dir, { recursive: true });
  });
});
