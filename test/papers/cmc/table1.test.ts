import { describe, expect, it } from 'vitest';
import { loadWeibo } from '../../../lib/data/loaders/weibo';
import { split } from '../../../lib/experiment/datasets';
import { catalogDataset } from '../../../lib/experiment/datasets-catalog';
import { countDifferences, table1 } from '../../../lib/papers/cmc/table1';
import { PAPER_TABLE1 } from '../../../lib/papers/cmc/paper-values';
import { SHARED, haveShared } from '../../data/loaders/helpers';

describe('cmc table1: count differences', () => {
  it('names each differing cell with its signed difference, nothing when equal', () => {
    const paper = PAPER_TABLE1.weibo;
    expect(countDifferences(paper, paper)).toEqual([]);
    expect(countDifferences({ ...paper, trainFake: 3748, all: 9527 }, paper)).toEqual([
      "train fake 3748 vs the paper's 3749 (−1)",
      "all 9527 vs the paper's 9528 (−1)",
    ]);
    expect(countDifferences({ ...paper, testReal: 998 }, paper)).toEqual(["test real 998 vs the paper's 996 (+2)"]);
  });
});

describe.skipIf(!haveShared('weibo'))('cmc table1: Weibo (att-RNN split), real data', () => {
  it('the one-post difference is the public release (3,748 training rumours, none skipped), not the split: train + validation keep every training post', () => {
    const ds = loadWeibo({ dataDir: SHARED, scheme: 'original', quiet: true });
    expect(ds.notes!.some((n) => /skipped/.test(n))).toBe(false);
    const parts = split(ds, catalogDataset('weibo-attrnn').split('full', 1));
    const fake = (d: { labels: Int32Array }) => d.labels.reduce((s, l) => s + l, 0);
    const ours = {
      trainFake: fake(parts.train) + fake(parts.val),
      trainReal: parts.train.labels.length + parts.val.labels.length - fake(parts.train) - fake(parts.val),
      testFake: fake(parts.test),
      testReal: parts.test.labels.length - fake(parts.test),
      all: ds.labels.length,
    };
    expect(ours).toEqual({ trainFake: 3748, trainReal: 3783, testFake: 1000, testReal: 996, all: 9527 });
    expect(countDifferences(ours, PAPER_TABLE1.weibo)).toEqual(["train fake 3748 vs the paper's 3749 (−1)", "all 9527 vs the paper's 9528 (−1)"]);
  });
});

describe.skipIf(!haveShared('weibo'))('cmc table1: the data directory comes from the reproduce context', () => {
  it('reads the datasets from ctx.dataDir, not from MMFND_DATA_DIR (unset here)', async () => {
    const saved = process.env.MMFND_DATA_DIR;
    delete process.env.MMFND_DATA_DIR;
    try {
      const ctx = {
        profile: 'quick' as const,
        dataDir: SHARED,
        unavailable: () => undefined,
        result: () => {
          throw new Error('table1 asks for no runs');
        },
      };
      const out = await table1.build(ctx);
      const weibo =
        (out.numbers as Record<string, { all: number }>)['weibo-attrnn'] ??
        Object.values(out.numbers as Record<string, { all: number }>).find((n) => n.all === 9527);
      expect(weibo?.all).toBe(9527);
    } finally {
      if (saved !== undefined) process.env.MMFND_DATA_DIR = saved;
    }
  }, 300_000);
});
