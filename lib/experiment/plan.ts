/**
 * What a reproduce would run, before running it (`npm run reproduce -- --plan`):
 * unique runs per dataset × model, how many are cached, and the epochs still
 * to train — so a reviewer sees that, say, the full BMLHF profile is days of
 * 2-core CPU before starting it.
 */
import { selectArtefacts } from '../papers/index';
import { ResultCache } from './cache';
import { specHash, type RunSpec } from './spec';
import type { Profile } from './artefact';

export interface PlanRow {
  dataset: string;
  model: string;
  runs: number;
  cached: number;
  /** epochs of the runs not cached (an upper bound: early stopping may end sooner) */
  epochsToTrain: number;
}

export function plan({ profile = 'quick', only, cacheDir = '.cache/runs' }: { profile?: Profile; only?: string[]; cacheDir?: string } = {}): PlanRow[] {
  const specs = new Map<string, RunSpec>();
  for (const a of selectArtefacts(only)) for (const s of a.runs(profile)) specs.set(specHash(s), s);
  const cache = new ResultCache(cacheDir);
  const rows = new Map<string, PlanRow>();
  for (const [h, s] of specs) {
    const dataset = s.dataset.kind === 'real' ? s.dataset.name : 'synthetic';
    const model = s.model.name + (s.balancer ? ` + ${s.balancer.name}` : '');
    const key = `${dataset}\u0000${model}`;
    const row = rows.get(key) ?? rows.set(key, { dataset, model, runs: 0, cached: 0, epochsToTrain: 0 }).get(key)!;
    row.runs++;
    if (cache.get(h)) row.cached++;
    else row.epochsToTrain += s.train.epochs ?? 0;
  }
  return [...rows.values()].sort((a, b) => (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : a.model < b.model ? -1 : 1));
}
