import { describe, expect, it } from 'vitest';
import { imbalanceRatio } from '../../lib/eval/imbalance-ratio';

describe('imbalanceRatio', () => {
  it('strong / weak, whichever order the modalities come in', () => {
    expect(imbalanceRatio({ text: 0.8, image: 0.4 })).toEqual({ ratio: 2, strong: 'text', weak: 'image' });
    expect(imbalanceRatio({ text: 0.3, image: 0.6 })).toEqual({ ratio: 2, strong: 'image', weak: 'text' });
    expect(imbalanceRatio({ text: 0.5, image: 0.5 }).ratio).toBe(1);
  });
  it('rejects other counts and non-positive scores, naming the field', () => {
    expect(() => imbalanceRatio({ text: 0.5 })).toThrow(/exactly two modalities, got 1/);
    expect(() => imbalanceRatio({ text: 0.5, image: 0 })).toThrow(/score of 'image'/);
  });
});
