import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../lib/backend';
import { synthetic } from '../../lib/data/synthetic';
import { probeExtras } from '../../lib/eval/probe';
import { Coolant } from '../../lib/models/coolant/model';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('probeExtras', () => {
  it('records each named extra output per post on a stratified subsample, deterministically', () => {
    const ds = synthetic({ samples: 300, seed: 2 });
    const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));
    const m = new Coolant(dims, { seed: 1 });
    const p = probeExtras(m, ds, ['attention', 'ambiguity'], 1, 100, 64);
    expect(p.labels.length).toBeGreaterThan(90);
    expect(p.labels.length).toBeLessThanOrEqual(101);
    expect(p.pred.length).toBe(p.labels.length);
    expect(p.values.attention.every((r) => r.length === 3 && Math.abs(r[0] + r[1] + r[2] - 1) < 1e-3)).toBe(true);
    expect(p.values.ambiguity.every((r) => r.length === 1 && r[0] > 0 && r[0] < 1)).toBe(true);
    expect(probeExtras(m, ds, ['attention', 'ambiguity'], 1, 100, 64)).toEqual(p);
    expect(() => probeExtras(m, ds, ['nope'], 1, 100)).toThrow(/no extra output 'nope'/);
    m.dispose();
  });
});
