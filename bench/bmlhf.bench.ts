/**
 * Suite 'bmlhf': training speed of the workbench's own paper models.
 *
 * (1) steps/s, tfjs vs PyTorch: BMLHF + MIB, SpotFake+, COOLANT and HMS in their
 *     real configurations through the real trainer (bench/model-steps-tfjs.ts,
 *     one fresh process each, one after another), on synthetic views of
 *     Twitter MediaEval's widths, batch 64, Adam; PyTorch twins of all four
 *     (bench/model_steps_torch.py; bench/coolant_torch.py, bench/hms_torch.py: same
 *     shapes and parameter counts, batch, losses, Adam + coupled weight decay,
 *     MIB for BMLHF) at 1 thread (the reference: tfjs wasm is single-threaded).
 *     Without an importable torch the PyTorch rows are skipped with a note.
 * (2) seconds per epoch on the real Twitter MediaEval training split (batch
 *     64, Adam, MIB on, the validation pass included — what `train()`
 *     reports), BMLHF next to SpotFake+; needs the dataset (MMFND_DATA_DIR,
 *     else data/raw) and builds its feature views on first use. Without it
 *     those rows are skipped with a note, as they are with MMFND_BENCH_EPOCHS=0
 *     (the steps/s rows alone take about a minute; an epoch of each about 1–8).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../lib/backend/index';
import { loadReal } from '../lib/experiment/real';
import { split } from '../lib/experiment/datasets';
import { makeModel } from '../lib/experiment/models';
import { mib } from '../lib/balance/mib';
import { train } from '../lib/train/trainer';
import { runPool } from '../lib/util/pool';
import { findTorchPython } from './train-step';
import { BENCH_MODELS, STEP_CONFIGS, USES_MIB, configsFor, type BenchModel, type ModelStepArgs, type ModelStepResult } from './model-steps-tfjs';
import type { BenchOptions, BenchRow, BenchSuite } from './types';

const TFJS_MODULE = new URL('./model-steps-tfjs.ts', import.meta.url).href;
const TORCH_SCRIPT = fileURLToPath(new URL('./model_steps_torch.py', import.meta.url));
const TWINS: BenchModel[] = ['BMLHF', 'SpotFake+', 'COOLANT', 'HMS'];
const workload = (m: BenchModel) => `${m}${USES_MIB[m] ? ' + MIB' : ''}, Twitter widths (768/100/1280/2048), batch 64, Adam — steps/s`;

async function tfjsRows(opts: BenchOptions, backend: string): Promise<BenchRow[]> {
  const results = await runPool<ModelStepResult>(
    BENCH_MODELS.map((model) => ({
      key: model,
      module: TFJS_MODULE,
      fn: 'runModelSteps',
      args: { model, seconds: opts.seconds, configs: configsFor(model) } satisfies ModelStepArgs,
    })),
    // one fresh process per model, one after another: timings must not share cores
    { jobs: 1, inProcess: false, tasksPerWorker: 1 },
  );
  return results.flatMap((r) =>
    r.rows.map((row) => ({
      workload: workload(r.model),
      impl: `tfjs ${backend}, ${STEP_CONFIGS[row.config].label}`,
      value: row.stepsPerSec,
      unit: 'steps/s',
      note: `median of ${row.runs.map((x) => x.toFixed(2)).join(', ')} (${row.steps} steps each); ${r.params.toLocaleString('en')} params`,
    })),
  );
}

function torchRows(opts: BenchOptions): BenchRow[] {
  const py = findTorchPython();
  if (!py) {
    opts.note('PyTorch not found (tried $MMFND_PYTHON, python3, /usr/bin/python3): no reference rows, no ratios');
    return [];
  }
  const r = spawnSync(py, [TORCH_SCRIPT, '--seconds', String(opts.seconds), '--threads', '1', '--models', TWINS.join(',')], {
    encoding: 'utf8',
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`${py} ${TORCH_SCRIPT} failed (${r.status}):\n${r.stderr}`);
  const out = JSON.parse(r.stdout) as { torch: string; blas: string; blas_libs: string[]; rows: { model: BenchModel; stepsPerSec: number; params: number }[] };
  opts.note(`PyTorch ${out.torch} (${py}) uses ${out.blas}: ${out.blas_libs.join(', ') || 'no BLAS library mapped'}`);
  const major = out.torch.split('.').slice(0, 2).join('.');
  return out.rows.map((row) => ({
    workload: workload(row.model),
    impl: `PyTorch ${major}, ${out.blas}, 1 thread (twin)`,
    value: row.stepsPerSec,
    unit: 'steps/s',
    ref: true,
    note: `${row.params.toLocaleString('en')} params`,
  }));
}

async function epochRows(opts: BenchOptions, backend: string): Promise<BenchRow[]> {
  if (process.env.MMFND_BENCH_EPOCHS === '0') {
    opts.note('s/epoch on Twitter MediaEval: skipped (MMFND_BENCH_EPOCHS=0)');
    return [];
  }
  let ds;
  try {
    ds = await loadReal('twitter-mediaeval2016', {});
  } catch (e) {
    opts.note(`s/epoch on Twitter MediaEval: skipped — ${(e as Error).message.split('\n')[0]}`);
    return [];
  }
  const parts = split(ds, { kind: 'predefined', val: 0.15, byEvent: true, seed: 0 });
  const warm = split(ds, { kind: 'predefined', val: 0.15, byEvent: true, seed: 0, trainLimit: 256 });
  const rows: BenchRow[] = [];
  for (const [name, balanced] of [
    ['BMLHF', true],
    ['SpotFake+', false],
  ] as const) {
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

async function run(opts: BenchOptions): Promise<BenchRow[]> {
  const backend = await initBackend({ quiet: true });
  const steps = [...(await tfjsRows(opts, backend)), ...torchRows(opts)];
  // model by model: tfjs row, then its PyTorch twin
  const byModel = BENCH_MODELS.flatMap((m) => steps.filter((r) => r.workload === workload(m)));
  return [...byModel, ...(await epochRows(opts, backend))];
}

export const bmlhfSuite: BenchSuite = {
  name: 'bmlhf',
  description: 'steps/s of BMLHF, SpotFake+, COOLANT, HMS (Twitter widths, batch 64) vs PyTorch twins; BMLHF s/epoch on Twitter MediaEval',
  run,
};
