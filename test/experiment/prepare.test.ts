import { describe, expect, it } from 'vitest';
import { prepareDatasets, realDatasets } from '../../lib/experiment/prepare';
import type { RunSpec } from '../../lib/experiment/spec';

const run = (dataset: RunSpec['dataset'], extra?: RunSpec['extraDatasets']): RunSpec => ({
  dataset,
  ...(extra ? { extraDatasets: extra } : {}),
  split: { kind: 'random', seed: 0 },
  model: { name: 'text-only' },
  train: { epochs: 1 },
  seed: 1,
});

describe('prepareDatasets', () => {
  it('lists each real dataset once (options canonical), extra datasets included, synthetic ones never', () => {
    const a = { kind: 'real', name: 'weibo', options: { x: 1, y: 2 } } as RunSpec['dataset'];
    const aReordered = { kind: 'real', name: 'weibo', options: { y: 2, x: 1 } } as RunSpec['dataset'];
    const b = { kind: 'real', name: 'twitter-mediaeval2016' } as RunSpec['dataset'];
    const syn = { kind: 'synthetic', options: { samples: 100 } } as RunSpec['dataset'];
    const got = realDatasets([run(a), run(syn), run(aReordered, { pool: b }), run(b), run(syn, { pool: a })]);
    expect(got).toEqual([a, b]);
  });

  it('does nothing (starts no process) when the runs read only synthetic data', async () => {
    const lines: string[] = [];
    await prepareDatasets([run({ kind: 'synthetic', options: {} } as RunSpec['dataset'])], { jobs: 2, log: (l) => void lines.push(l) });
    expect(lines).toEqual([]);
  });
});
