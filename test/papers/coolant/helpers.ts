/** A fake ArtefactContext for the COOLANT artefact tests: results from a function of the spec, real datasets optionally absent. */
import type { ArtefactContext, Profile } from '../../../lib/experiment/artefact';
import type { RunResult } from '../../../lib/experiment/result';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import type { Metrics } from '../../../lib/eval/metrics';

export const metricsOf = (acc: number): Metrics => ({ acc, fakeP: acc, fakeR: acc, fakeF1: acc, realP: acc, realR: acc, realF1: acc, macroF1: acc, n: 100 });

export function fakeResult(spec: RunSpec, acc: number, extra: Partial<RunResult> = {}): RunResult {
  return {
    hash: specHash(spec),
    model: spec.model.name,
    paramCount: 10,
    bestEpoch: 1,
    epochsRun: 1,
    test: metricsOf(acc),
    history: [],
    timing: { secondsPerEpoch: 1, testSeconds: 0 },
    notes: [],
    ...extra,
  };
}

export function ctxFor(profile: Profile, specs: RunSpec[], make: (s: RunSpec) => RunResult, realAbsent = false): ArtefactContext {
  const results = new Map(specs.map((s) => [specHash(s), make(s)]));
  const unavailable = (s: RunSpec) => (realAbsent && s.dataset.kind === 'real' ? `dataset '${s.dataset.name}' is not in the data directory` : undefined);
  return {
    profile,
    unavailable,
    result: (s) => {
      if (unavailable(s)) throw new Error('asked for an absent dataset');
      const r = results.get(specHash(s));
      if (!r) throw new Error(`no result for ${JSON.stringify(s)}`);
      return r;
    },
  };
}
