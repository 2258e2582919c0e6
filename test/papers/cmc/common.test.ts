import { describe, expect, it } from 'vitest';
import { specHash } from '../../../lib/experiment/spec';
import { BASELINES, DATASETS, baselineRuns, variantRuns, VARIANT_SOURCE } from '../../../lib/papers/cmc/common';
import { table1Runs } from '../../../lib/papers/bmlhf/table1';
import { CMC_ARTEFACTS } from '../../../lib/papers/cmc/index';
import { getProcedure } from '../../../lib/experiment/procedures/index';

describe('cmc: run specs', () => {
  it('quick baselines on synthetic, Twitter and Twitter CLIP are the BMLHF Table 1 runs (same hashes: trained once for both papers)', () => {
    const pairs = [
      ['text-only', 'BERT'],
      ['image-only', 'Swin-T'],
      ['EANN', 'EANN'],
      ['SpotFake+', 'SpotFake+'],
      ['SAFE', 'SAFE'],
      ['CAFE', 'CAFE'],
      ['MRML', 'MRML'],
      ['BMR', 'BMR'],
    ] as const;
    for (const key of ['synthetic', 'twitter', 'twitter-clip']) {
      for (const [ours, row] of pairs) {
        const bm = table1Runs('quick', key, row).map(specHash);
        for (const h of baselineRuns('quick', key, ours).map(specHash)) expect(bm).toContain(h);
      }
    }
    expect(BASELINES.map((b) => b.model)).toEqual(pairs.map(([o]) => o));
  });

  it('Weibo is the att-RNN split (original files) with a carved validation set; every run seeds its split and shuffling', () => {
    const [w] = variantRuns('full', 'weibo-attrnn', 'cmc');
    expect(w.dataset).toEqual({ kind: 'real', name: 'weibo', options: { scheme: 'original' } });
    expect(w.split).toEqual({ kind: 'predefined', val: 0.15, seed: 0 });
    for (const s of variantRuns('full', 'synthetic', 'cmc')) expect(s.train.seed).toBe(s.seed);
  });

  it('the variants are one two-stage run each; Table 3 rows map onto them; quick: 5 synthetic seeds, 1 real seed; full: 5 seeds, 30 + 60 epochs', () => {
    const [c] = variantRuns('full', 'synthetic', 'cmc');
    expect(c.procedure!.name).toBe('two-stage');
    expect(c.procedure!.options).toMatchObject({
      variant: 'cmc',
      fusion: 'block',
      block: { mmDim: 256, chunks: 18, rank: 15 },
      nce: { k: 1500, temperature: 0.07, momentum: 0.5 },
      alpha: 0.3,
      beta: 0.3,
      fusionEpochs: 60,
    });
    expect(c.train.epochs).toBe(30);
    expect(new Set(Object.values(VARIANT_SOURCE).map((v) => v.variant))).toEqual(new Set(['cmc', 'finetune', 'shared']));
    expect(variantRuns('quick', 'synthetic', 'cmc').map((s) => s.seed)).toEqual([1, 2, 3, 4, 5]);
    expect(variantRuns('quick', 'twitter', 'cmc').map((s) => s.seed)).toEqual([1]);
    expect(variantRuns('full', 'twitter', 'cmc').map((s) => s.seed)).toEqual([1, 2, 3, 4, 5]);
    expect(DATASETS.map((d) => d.key)).toEqual(['synthetic', 'weibo-attrnn', 'twitter', 'twitter-clip']);
  });

  it("the 'CMC (concat head)' row is the CMC run with only the fusion head changed (the authors' code's stage 2)", () => {
    const [b] = variantRuns('quick', 'synthetic', 'cmc');
    const [c] = variantRuns('quick', 'synthetic', 'cmc', { fusion: 'concat' });
    expect(c.procedure!.options!.fusion).toBe('concat');
    expect({ ...c, procedure: { ...c.procedure!, options: { ...c.procedure!.options, fusion: 'block' } } }).toEqual(b);
    expect(VARIANT_SOURCE['CMC (concat head)']).toEqual({ variant: 'cmc', part: 'fused', fusion: 'concat' });
  });

  it('the two-stage procedure is registered; artefacts have distinct ids', async () => {
    expect(typeof (await getProcedure('two-stage'))).toBe('function');
    const ids = CMC_ARTEFACTS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
