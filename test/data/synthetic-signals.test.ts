import { describe, expect, it } from 'vitest';
import { signalViews } from '../../lib/data/synthetic-signals';
import { DEFAULT_VIEWS, synthetic } from '../../lib/data/synthetic';

describe('signalViews', () => {
  it('scales one modality’s signals only; scale 1 is the default; same world (text views identical)', () => {
    const v = signalViews({ image: 0.5 });
    expect(v.imagePattern.signal).toBeCloseTo(DEFAULT_VIEWS.imagePattern.signal / 2, 9);
    expect(v.textPattern).toEqual(DEFAULT_VIEWS.textPattern);
    expect(signalViews({})).toEqual(DEFAULT_VIEWS);
    const a = synthetic({ samples: 50, seed: 1 }), b = synthetic({ samples: 50, seed: 1, views: v });
    expect(b.views.textPattern!.data).toEqual(a.views.textPattern!.data);
    expect(b.views.imagePattern!.data).not.toEqual(a.views.imagePattern!.data);
  });
  it('rejects unknown modalities and negative scales, naming the field', () => {
    expect(() => signalViews({ audio: 1 } as never)).toThrow(/unknown modality 'audio'/);
    expect(() => signalViews({ image: -1 })).toThrow(/scale of 'image'/);
  });
});
