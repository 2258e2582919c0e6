import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../lib/backend';
import { synthetic } from '../../lib/data/synthetic';
import { applySplit, splitIndices } from '../../lib/data/splits';
import { concatFusion } from '../../lib/models/late-fusion';
import { evaluate } from '../../lib/eval/predict';
import { missingRateCurve } from '../../lib/eval/missing-rate';
import { withMissing } from '../../lib/data/missing';
import { train } from '../../lib/train/trainer';

const ds = synthetic({ samples: 500, seed: 8 });
const sp = applySplit(ds, splitIndices(ds, { seed: 8 }));
const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('missingRateCurve', () => {
  it('works for any Model: rate 0 is the full-input score, each rate is the model on that seeded pattern', () => {
    const m = concatFusion(dims, 1);
    train(m, sp, { epochs: 3, seed: 1 });
    const c = missingRateCurve(m, sp.test, { rates: [0, 0.5, 1], seed: 3 });
    expect(c.map((p) => p.rate)).toEqual([0, 0.5, 1]);
    expect(c[0].macroF1).toBe(evaluate(m, sp.test).macroF1);
    expect(c[1].macroF1).toBe(evaluate(m, withMissing(sp.test, { rate: 0.5, seed: 3 })).macroF1);
    expect(missingRateCurve(m, sp.test, { rates: [0, 0.5, 1], seed: 3 })).toEqual(c);
    expect(() => missingRateCurve(m, sp.test, { rate: [0] } as never)).toThrow(/unknown option 'rate'/);
    m.dispose();
  });
});
