import { describe, expect, it, beforeAll } from 'vitest';
import { BASELINE_NAMES, makeBaseline, NOT_REPRODUCED } from '../../../lib/models/baselines';
import { setup } from './harness';

const dims = { textPattern: 128, textSemantic: 64, imagePattern: 128, imageSemantic: 64 };

describe('baseline registry', () => {
  beforeAll(setup);

  it('builds every baseline by name, with groups {text, image}', () => {
    for (const name of BASELINE_NAMES) {
      const m = makeBaseline(name, dims, { seed: 1, events: 12 });
      expect(m.name).toBe(name);
      expect(Object.keys(m.groups()).sort()).toEqual(['image', 'text']);
      m.dispose();
    }
  });

  it('an unknown name is an error listing the valid names; a skipped one says why', () => {
    expect(() => makeBaseline('SpotFake', dims)).toThrow(/valid names: EANN, SAFE, CAFE, MRML, BMR/);
    expect(() => makeBaseline('QMFND', dims)).toThrow(/quantum/);
  });

  it('a missing view is an error naming it', () => {
    expect(() => makeBaseline('SAFE', { textPattern: 8 })).toThrow(/no image views/);
    expect(() => makeBaseline('CAFE', dims, { overrides: { text: ['textTokens'] } })).toThrow(/textTokens/);
  });

  it('lists LogicDM, QMFND and MTTV as not reproduced, each with a reason', () => {
    expect(Object.keys(NOT_REPRODUCED).sort()).toEqual(['LogicDM', 'MTTV', 'QMFND']);
    for (const r of Object.values(NOT_REPRODUCED)) expect(r.reason.length).toBeGreaterThan(20);
  });
});
