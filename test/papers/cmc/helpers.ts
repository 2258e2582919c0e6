import type { ArtefactContext, Profile } from '../../../lib/experiment/artefact';
import type { RunResult } from '../../../lib/experiment/result';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import type { Metrics } from '../../../lib/eval/metrics';

export const metricsOf = (acc: number): Metrics => ({ acc, fakeP: acc, fakeR: acc, fakeF1: acc, realP: acc, realR: acc, realF1: acc, macroF1: acc, n: 100 });

/** a RunResult whose numbers come from `accOf(part)` (part: fused | text | image) */
export function fakeResult(spec: RunSpec, accOf: (part: string) => number, extra: Record<string, unknown> = {}): RunResult {
  const variant = (spec.procedure?.options as { variant?: string } | undefined)?.variant;
  return {
    hash: specHash(spec),
    model: spec.model.name,
    paramCount: 1,
    bestEpoch: 1,
    epochsRun: 1,
    test: metricsOf(accOf('fused')),
    history: [],
    timing: { secondsPerEpoch: 0, testSeconds: 0 },
    notes: [],
    missing: { 'text-only': metricsOf(accOf('fused') - 0.01), 'image-only': metricsOf(0.5) },
    ...(variant && variant !== 'shared'
      ? { extra: { variant, networks: { text: metricsOf(accOf('text')), image: metricsOf(accOf('image')) }, ...extra } }
      : { extra }),
  };
}

/** a context over `specs`, absent datasets (by spec.dataset name) answering unavailable */
export function ctxFor(profile: Profile, specs: RunSpec[], resultOf: (s: RunSpec) => RunResult, absent: string[] = []): ArtefactContext {
  const results = new Map(specs.map((s) => [specHash(s), resultOf(s)]));
  const why = (s: RunSpec) => (s.dataset.kind === 'real' && absent.includes(s.dataset.name) ? `dataset '${s.dataset.name}' not found` : undefined);
  return {
    profile,
    unavailable: why,
    result: (s) => {
      if (why(s)) throw new Error(`test: result asked for an absent dataset ${JSON.stringify(s.dataset)}`);
      const r = results.get(specHash(s));
      if (!r) throw new Error(`test: no result for ${JSON.stringify(s)}`);
      return r;
    },
  };
}
