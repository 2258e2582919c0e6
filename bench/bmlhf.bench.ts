/**
 * BMLHF training cost on real features: seconds per epoch (batch 64, Adam,
 * MIB on, the validation pass included — what `train()` reports) on the
 * Twitter MediaEval 2016 training split, next to SpotFake+ (concatenation)
 * for scale. One measured epoch per model after a one-epoch warm-up on a
 * small slice; the paper's Table 4 reports the same quantity on a GPU.
 *
 * Needs the dataset (MMFND_DATA_DIR, else data/raw) and builds its feature
 * views on first use (about 4 minutes; cached in data/cache afterwards).
 * Without the dataset the suite prints why and returns no rows.
 */
import { initBackend } from '../lib/backend/index';
import { loadReal } from '../lib/experiment/real';
import { split } from '../lib/experiment/datasets';
import { makeModel } from '../lib/experiment/models';
import { mib } from '../lib/balance/mib';
import { train } from '../lib/train/trainer';
import type { BenchOptions, BenchRow, BenchSuite } from './types';

async function run(opts: BenchOptions): Promise<BenchRow[]> {
  const backend = await initBackend({ quiet: true });
  let ds;
  try {
    ds = await loadReal('twitter-mediaeval2016', {});
  } catch (e) {
    opts.note(`bmlhf: skipped — ${(e as Error).message.split('\n')[0]}`);
    return [];
  }
  const parts = split(ds, { kind: 'predefined', val: 0.15, byEvent: true, seed: 0 });
  const warm = split(ds, { kind: 'predefined', val: 0.15, byEvent: true, seed: 0, trainLimit: 256 });
  const rows: BenchRow[] = [];
  for (const [name, balanced] of [['BMLHF', true], ['SpotFake+', false]] as const) {
    const settings = { epochs: 1, batchSize: 64, lr: 1e-3, weightDecay: 1e-3, seed: 1, progress: false, recordSteps: false };
    const w = makeModel(name, parts.train, {}, 1);
    train(w, { train: warm.train, val: warm.val }, { ...settings, balancer: balanced ? mib() : undefined });
    w.dispose();
    const m = makeModel(name, parts.train, {}, 1);
    const r = train(m, parts, { ...settings, balancer: balanced ? mib() : undefined });
    rows.push({
      workload: `Twitter MediaEval train (${parts.train.labels.length} posts, batch 64)`,
      impl: `${name}${balanced ? ' + MIB' : ''}, tfjs ${backend}`,
      value: r.secondsPerEpoch,
      unit: 's/epoch',
      higherIsBetter: false,
      ref: name === 'BMLHF',
      note: `${m.paramCount().toLocaleString('en')} params; val pass over ${parts.val.labels.length} posts included`,
    });
    m.dispose();
  }
  return rows;
}

export const bmlhfSuite: BenchSuite = {
  name: 'bmlhf',
  description: 'BMLHF seconds per epoch on Twitter MediaEval features (batch 64), beside SpotFake+',
  run,
};
