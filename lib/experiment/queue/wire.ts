/**
 * A RunResult on its way through Redis. BullMQ stores a job's return value
 * as JSON, which turns NaN and ±Infinity into null and -0 into 0; the local
 * pool passes results by structured clone, which keeps them. So that the
 * artefacts built from queue results are the ones built from local results
 * (a NaN loss in a history, a -0 in a difference), non-finite numbers and
 * -0 travel tagged and are restored on arrival. (The cache file is JSON
 * either way: same bytes.)
 */
import type { RunResult } from '../result';

const TAG = '$number';

export function encodeResult(r: RunResult): string {
  return JSON.stringify(r, (_k, v: unknown) => {
    if (typeof v !== 'number' || (Number.isFinite(v) && !Object.is(v, -0))) return v;
    return { [TAG]: Object.is(v, -0) ? '-0' : String(v) };
  });
}

export function decodeResult(text: string): RunResult {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === TAG) return Number((v as Record<string, string>)[TAG]);
    }
    return v;
  }) as RunResult;
}
