import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import { table2, table2Runs } from '../../../lib/papers/cmc/table2';
import { DATASETS } from '../../../lib/papers/cmc/common';
import { ctxFor, fakeResult } from './helpers';

describe('cmc table2', () => {
  const specs = DATASETS.flatMap((d) => table2Runs('quick', d.key));
  it('paper rows (reproduced or not) beside ours; PolitiFact and GossipCop say "data not available" and their claims are not checked', async () => {
    const ctx = ctxFor('quick', specs, (s) =>
      fakeResult(s, (part) => (s.procedure ? (part === 'fused' ? 0.9 : 0.7) : s.model.name === 'SpotFake+' ? 0.88 : 0.75)),
    );
    const out = await table2.build(ctx);
    const t = out.tables![0].table.objects() as Record<string, unknown>[];
    const weibo = t.filter((r) => r.dataset === 'Weibo (att-RNN split)');
    expect(weibo.slice(0, 7).map((r) => r.method)).toEqual(['att-RNN', 'EANN', 'MVAE', 'Spotfake', 'MVNN', 'CARMN', 'CMC']);
    expect(weibo.find((r) => r.method === 'att-RNN')!.ours).toBe('not reproduced');
    expect(weibo.find((r) => r.method === 'Spotfake')!.ours).toBe('SpotFake+');
    expect(weibo.find((r) => r.method === 'CMC')!['acc (paper)']).toBe('0.908');
    const pol = t.filter((r) => r.dataset === 'PolitiFact');
    expect(pol).toHaveLength(7);
    expect(pol.every((r) => r.ours === 'data not available')).toBe(true);
    expect(out.claims!.filter((c) => c.on === 'PolitiFact' || c.on === 'GossipCop').map((c) => c.verdict)).toEqual(['not checked', 'not checked']);
    const best = out.claims!.find((c) => c.on === 'Synthetic (ours only)' && c.statement.startsWith('CMC is more accurate than every'))!;
    expect(leaning(best)).toBe(true);
    expect(best.evidence).toContain('best baseline SpotFake+ 0.880');
  });
});
