import { describe, expect, it } from 'vitest';
import { decodeResult, encodeResult } from '../../../lib/experiment/queue/wire';
import type { RunResult } from '../../../lib/experiment/result';

describe('wire encoding of a RunResult', () => {
  const r = {
    hash: 'abc',
    history: [{ epoch: 1, loss: NaN, gap: -0, best: Infinity, worst: -Infinity, acc: 0.5 }],
    notes: ['a', '$number'],
    extra: { nested: [1, NaN, { $number: 'not a tag: two keys', x: 1 }] },
  } as unknown as RunResult;

  it('keeps NaN, ±Infinity and -0 (JSON would give null and 0), like the local pool’s structured clone', () => {
    const back = decodeResult(encodeResult(r));
    expect(back).toEqual(structuredClone(r));
    const h = back.history[0];
    expect(Number.isNaN(h.loss)).toBe(true);
    expect(Object.is(h.gap, -0)).toBe(true);
    expect([h.best, h.worst]).toEqual([Infinity, -Infinity]);
  });

  it('the cache file written from the decoded result has the bytes of one written from the original', () => {
    expect(JSON.stringify(decodeResult(encodeResult(r)))).toBe(JSON.stringify(r));
  });
});
