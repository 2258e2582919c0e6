import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../lib/backend';
import { BALANCING_METHODS, FAMILIES, makeMethod } from '../../lib/balance/index';
import { AUTHORS_PRESETS } from '../../lib/balance/presets';
import { BALANCING_METHODS as BALANCERS, makeMethod as makeBalancer } from '../../lib/balance/index';
import { runOne } from '../../lib/experiment/run-one';
import type { RunSpec } from '../../lib/experiment/spec';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

const NAMES = [
  'mib',
  'ogm-ge',
  'mmcosine',
  'sample-valuation',
  'agm',
  'pmr',
  'gradient-blending',
  'mla',
  'diagnose-relearn',
  'opm',
  'cml',
  'mbsd',
  'inforeg',
  'cggm',
  'mmpareto',
  'lfm',
  'amco',
  'reconboost',
  'olm',
  'umt',
];

describe('balancing-method registry', () => {
  it('names MIB and the published methods; run specs reach every one through the balancer registry', () => {
    expect(Object.keys(BALANCING_METHODS)).toEqual(NAMES);
    expect(Object.keys(BALANCERS)).toEqual(NAMES);
    for (const [name, e] of Object.entries(BALANCING_METHODS)) {
      expect(e.paper.length, name).toBeGreaterThan(10);
      expect(FAMILIES, name).toContain(e.family);
      expect(AUTHORS_PRESETS[name], name).toBeDefined(); // every method has its authors' preset
      const m = makeBalancer(name);
      // the config echoes every default (Infinity as null)
      for (const [k, v] of Object.entries(e.defaults))
        expect((m.config as Record<string, unknown>)[k], `${name}.${k}`).toEqual(Number.isFinite(v as number) || typeof v !== 'number' ? v : null);
      expect(() => makeBalancer(name, { nosuch: 1 }), name).toThrow(new RegExp(`unknown option 'nosuch'`));
    }
    expect(() => makeMethod('nope')).toThrow(/unknown balancer 'nope' \(known: mib, ogm-ge/);
    expect(() => makeMethod('mib', [] as never)).toThrow(/options must be an object/);
  });

  const spec = (balancer: RunSpec['balancer']): RunSpec => ({
    dataset: { kind: 'synthetic', options: { samples: 300, seed: 2 } },
    split: { kind: 'random', val: 0.15, test: 0.2, seed: 0 },
    model: { name: 'SpotFake+' },
    balancer,
    seed: 1,
    train: { epochs: 2, batchSize: 32, seed: 1 },
    outputs: { steps: true },
  });

  it('runOne: a gradient method and a wrapping method by name with options; coefficients in the step records', async () => {
    const a = await runOne(spec({ name: 'ogm-ge', options: { alpha: 0.3 } }));
    expect(a.steps![0]).toHaveProperty('coef_text');
    expect(a.test.acc).toBeGreaterThan(0.4);
    const b = await runOne(spec({ name: 'mmcosine', options: { scale: 12 } }));
    expect(b.model).toBe('SpotFake+ (concat) [cosine head s=12]');
    expect(b.config).toMatchObject({ head: 'cosine head s=12' });
    const { timing: _t1, ...b1 } = b;
    const { timing: _t2, ...b2 } = await runOne(spec({ name: 'mmcosine', options: { scale: 12 } }));
    expect(JSON.stringify(b2)).toBe(JSON.stringify(b1)); // same spec, same bytes
    await expect(runOne(spec({ name: 'pmr', options: { alhpa: 1 } }))).rejects.toThrow(/PMR: unknown option 'alhpa'/);
    // a fake-news baseline with per-modality branches (EANN exposes its extractors' outputs as features)
    for (const name of ['pmr', 'mmcosine', 'diagnose-relearn']) {
      const r = await runOne({ ...spec({ name, options: name === 'diagnose-relearn' ? { every: 1 } : {} }), model: { name: 'EANN' } });
      expect(Number.isFinite(r.test.acc), name).toBe(true);
      expect(r.steps!.length, name).toBeGreaterThan(0);
    }
  });
});
