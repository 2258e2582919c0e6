import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import { fig2, fig2Spec, FIG2_DATASETS } from '../../../lib/papers/cmc/fig2';
import { figImbalance } from '../../../lib/papers/cmc/fig-imbalance';
import { table1 } from '../../../lib/papers/cmc/table1';
import { ctxFor, fakeResult } from './helpers';

const map = (knn: number) => ({
  xy: [
    [0, 0],
    [1, 1],
  ] as [number, number][],
  knnSpace: knn,
  knnMap: knn,
  dim: 128,
});

describe('cmc fig2 / fig-imbalance / table1', () => {
  it('fig2: four panels per dataset, claims from k-NN agreement', async () => {
    const specs = FIG2_DATASETS.quick.flatMap((k) => [fig2Spec('quick', k, 'finetune'), fig2Spec('quick', k, 'cmc')]);
    const knn = { finetune: { text: 0.8, image: 0.55 }, cmc: { text: 0.78, image: 0.6 } } as const;
    const ctx = ctxFor('quick', specs, (s) => {
      const v = (s.procedure!.options as { variant: 'cmc' | 'finetune' }).variant;
      return fakeResult(s, () => 0.7, {
        tsne: { text: { labels: [0, 1], raw: map(0.5), learned: map(knn[v].text) }, image: { labels: [0, 1], raw: map(0.5), learned: map(knn[v].image) } },
      });
    });
    const out = await fig2.build(ctx);
    expect(out.figures).toHaveLength(1);
    expect(out.claims!.map((c) => leaning(c))).toEqual([true, false]); // V: 0.60 > 0.55; T: 0.78 < 0.80
  });

  it('fig-imbalance: mean ± std curves per network, the image-network claim from the epoch-averaged gap', async () => {
    const specs = figImbalance.runs('quick');
    const ctx = ctxFor(
      'quick',
      specs,
      (s) => {
        const v = (s.procedure!.options as { variant: string }).variant;
        const testCurve = [1, 2, 3].map((epoch) => ({ epoch, text_acc: 0.7 + epoch * 0.01, image_acc: (v === 'cmc' ? 0.6 : 0.55) + epoch * 0.01 }));
        return fakeResult(s, () => 0.7, { testCurve });
      },
      ['weibo', 'twitter-mediaeval2016', 'twitter-clip-vitb32'],
    );
    const out = await figImbalance.build(ctx);
    const syn = out.claims!.find((c) => c.on === 'Synthetic')!;
    expect(leaning(syn)).toBe(true);
    expect(syn.evidence).toContain('+0.050');
    expect(out.claims!.filter((c) => c.on !== 'Synthetic').every((c) => c.verdict === 'not checked')).toBe(true);
    expect(out.figures![0].svg).toContain('<svg');
  });

  it('table1: counts computed from the synthetic split; absent real datasets and PolitiFact/GossipCop say so', async () => {
    const ctx = ctxFor(
      'quick',
      [],
      () => {
        throw new Error('no runs');
      },
      ['weibo', 'twitter-mediaeval2016', 'twitter-clip-vitb32'],
    );
    const out = await table1.build(ctx);
    const t = out.tables![0].table.objects() as Record<string, number | string>[];
    const syn = t.find((r) => r.dataset === 'Synthetic')!;
    expect(
      Number(syn['train fake']) +
        Number(syn['train real']) +
        Number(syn['val fake']) +
        Number(syn['val real']) +
        Number(syn['test fake']) +
        Number(syn['test real']),
    ).toBe(2000);
    expect(syn.all).toBe(2000);
    expect(String(t.find((r) => r.dataset === 'Weibo (att-RNN split)')!.note)).toMatch(/^data not available/);
    expect(out.claims!.every((c) => c.verdict === 'not checked')).toBe(true);
  });
});
