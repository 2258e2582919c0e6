import { describe, expect, it } from 'vitest';
import { HMS_ARTEFACTS } from '../../../lib/papers/hms/index';
import { HMS_UKR, MM_FT, methodRuns } from '../../../lib/papers/hms/common';
import { allModels } from '../../../lib/papers/hms/missing-rate';
import { MODELS } from '../../../lib/experiment/models';
import { procedureNames } from '../../../lib/experiment/procedures/index';
import { specHash } from '../../../lib/experiment/spec';

const hashes = (a: (typeof HMS_ARTEFACTS)[number]) => new Set(a.runs('quick').map(specHash));

describe('HMS artefacts', () => {
  it('share runs: the full method at 5 % is one set of runs in the table, the ablations, the heads, the curves and the sweeps', () => {
    const ours = methodRuns('quick', 'synthetic', HMS_UKR, { budget: 0.05 }).map(specHash);
    for (const a of HMS_ARTEFACTS) {
      const h = hashes(a);
      if (a.id !== 'sweeps') for (const x of ours) expect(h.has(x)).toBe(true);
    }
    // the sweeps' default point (b = 0.5, λ = 0.1, seed 1) is the main run of seed 1
    expect(hashes(HMS_ARTEFACTS.find((a) => a.id === 'sweeps')!).has(ours[0])).toBe(true);
    const mm = methodRuns('quick', 'synthetic', MM_FT).map(specHash);
    expect(hashes(HMS_ARTEFACTS.find((a) => a.id === 'heads')!).has(mm[0])).toBe(true);
  });

  it('every spec names a registered model and procedure; train-time and test-time missing patterns are separate', () => {
    for (const a of HMS_ARTEFACTS)
      for (const s of a.runs('quick')) {
        expect(Object.keys(MODELS)).toContain(s.model.name);
        if (s.procedure) {
          expect(procedureNames()).toContain(s.procedure.name);
          const o = s.procedure.options as { testMissing?: { seed: number }; trainMissing?: { seed: number } };
          expect(o.testMissing?.seed).toBeDefined();
          if (o.trainMissing) expect(o.trainMissing.seed).not.toBe(o.testMissing!.seed);
        } else expect(s.outputs?.missingRate).toBeDefined();
      }
  });

  it('the comparison figure covers every registered model (a new registration appears without editing the artefact)', () => {
    const names = new Set(allModels().map((m) => m.model.name));
    for (const n of Object.keys(MODELS)) expect(names.has(n)).toBe(true);
  });
});
