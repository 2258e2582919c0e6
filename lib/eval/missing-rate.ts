/**
 * The missing-rate curve: test metrics while a growing share of test posts
 * (0 … 100 %) loses a modality — either one, drawn per post, seeded. Works
 * for any Model (it only changes the inputs), so every model of the
 * workbench gets the same robustness view. The patterns are nested: a post
 * that lost a modality at rate r has lost the same one at every rate > r.
 * This is a test-time pattern only; train-time patterns are set elsewhere.
 */
import type { Dataset } from '../data/dataset';
import type { Model } from '../models/model';
import { withMissing, type MissingWhich } from '../data/missing';
import { evaluate } from './predict';

export interface MissingRateOptions {
  rates?: number[];
  which?: MissingWhich;
  seed?: number;
  batchSize?: number;
}

export const MISSING_RATE_DEFAULTS: Required<MissingRateOptions> = { rates: [0, 0.25, 0.5, 0.75, 1], which: 'either', seed: 0, batchSize: 256 };

export interface MissingRatePoint {
  rate: number;
  acc: number;
  macroF1: number;
}

export function missingRateCurve(model: Model, ds: Dataset, options: MissingRateOptions = {}): MissingRatePoint[] {
  const o = { ...MISSING_RATE_DEFAULTS, ...options };
  for (const k of Object.keys(options)) if (!(k in MISSING_RATE_DEFAULTS)) throw new Error(`missingRateCurve: unknown option '${k}'`);
  return o.rates.map((rate) => {
    const m = evaluate(model, withMissing(ds, { rate, which: o.which, seed: o.seed }), { batchSize: o.batchSize });
    return { rate, acc: m.acc, macroF1: m.macroF1 };
  });
}
