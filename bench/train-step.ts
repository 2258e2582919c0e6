/**
 * Suite 'train-step': training steps/s of two small models (see
 * bench/train-step-tfjs.ts) on every tfjs backend that loads, each in its own
 * fresh process, run one after another so they do not compete for cores;
 * then the same models in PyTorch (bench/train_step_torch.py) with 1 and 2
 * threads when a python with torch is found. Reference row: PyTorch, 1 thread
 * (tfjs wasm is single-threaded, so that is the like-for-like peer).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runPool } from '../lib/util/pool';
import type { TfjsStepArgs, TfjsStepResult } from './train-step-tfjs';
import type { BenchOptions, BenchRow, BenchSuite } from './types';

const WORKLOAD = {
  mlp: 'MLP 768→384→10',
  attention: 'attention block (d 256, 4 heads, 4 tokens, FFN 512)',
} as const;
const TFJS_MODULE = new URL('./train-step-tfjs.ts', import.meta.url).href;
const TORCH_SCRIPT = fileURLToPath(new URL('./train_step_torch.py', import.meta.url));

/** tfjs configurations, fastest expected first */
const CONFIGS: { label: string; args: Omit<TfjsStepArgs, 'seconds'> }[] = [
  { label: 'tfjs tensorflow-gpu', args: { backend: 'tensorflow-gpu' } },
  { label: 'tfjs tensorflow (libtensorflow CPU)', args: { backend: 'tensorflow' } },
  { label: 'tfjs wasm + matMul fix (1 thread)', args: { backend: 'wasm', matmulFix: true } },
  { label: 'tfjs wasm, stock (1 thread)', args: { backend: 'wasm', matmulFix: false } },
  { label: 'tfjs cpu (pure JS)', args: { backend: 'cpu' } },
];

async function tfjsRows(opts: BenchOptions): Promise<{ rows: BenchRow[]; skipped: string[] }> {
  const results = await runPool<TfjsStepResult>(
    CONFIGS.map((c, i) => ({ key: `${i}:${c.label}`, module: TFJS_MODULE, fn: 'runTfjsTrainStep', args: { ...c.args, seconds: opts.seconds } })),
    // one process per backend, sequential: timings must not share cores
    { jobs: 1, inProcess: false, tasksPerWorker: 1 },
  );
  const rows: BenchRow[] = [];
  const skipped: string[] = [];
  results.forEach((r, i) => {
    if (!r.ok) return void skipped.push(`${CONFIGS[i].label}: ${r.reason}`);
    for (const m of r.rows) {
      rows.push({ workload: WORKLOAD[m.model], impl: CONFIGS[i].label, value: m.stepsPerSec, unit: 'steps/s' });
    }
  });
  return { rows, skipped };
}

/** First python that can import torch: $MMFND_PYTHON, python3 on PATH, /usr/bin/python3. */
export function findTorchPython(): string | null {
  const candidates = [process.env.MMFND_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
    if (r.status === 0) return py;
  }
  return null;
}

interface TorchOut {
  torch: string;
  python: string;
  blas: string;
  blas_libs: string[];
  rows: { model: 'mlp' | 'attention'; threads: number; stepsPerSec: number }[];
}

function torchRows(py: string, opts: BenchOptions): { rows: BenchRow[]; info: string } {
  const rows: BenchRow[] = [];
  let info = '';
  for (const threads of [1, 2]) {
    const n = String(threads);
    const r = spawnSync(py, [TORCH_SCRIPT, '--seconds', String(opts.seconds), '--threads', n], {
      encoding: 'utf8',
      // OpenBLAS/OpenMP size their pools at load time, before torch.set_num_threads
      env: { ...process.env, OPENBLAS_NUM_THREADS: n, OMP_NUM_THREADS: n, MKL_NUM_THREADS: n },
      timeout: 600_000,
    });
    if (r.status !== 0) throw new Error(`${py} ${TORCH_SCRIPT} failed (${r.status}):\n${r.stderr}`);
    const out = JSON.parse(r.stdout) as TorchOut;
    const major = out.torch.split('.').slice(0, 2).join('.');
    info = `PyTorch ${out.torch} (${out.python}) uses ${out.blas}: ${out.blas_libs.join(', ') || 'no BLAS library mapped'}`;
    for (const m of out.rows) {
      rows.push({
        workload: WORKLOAD[m.model],
        impl: `PyTorch ${major}, ${out.blas}, ${threads} thread${threads > 1 ? 's' : ''}`,
        value: m.stepsPerSec,
        unit: 'steps/s',
        ref: threads === 1,
      });
    }
  }
  return { rows, info };
}

export const trainStepSuite: BenchSuite = {
  name: 'train-step',
  description: 'training steps/s, batch 64, Adam: MLP 768→384→10 and a 4-head attention block; tfjs backends vs PyTorch',
  async run(opts) {
    const { rows, skipped } = await tfjsRows(opts);
    for (const s of skipped) opts.note(`skipped ${s}`);
    const py = findTorchPython();
    if (!py) {
      opts.note('PyTorch not found (tried $MMFND_PYTHON, python3, /usr/bin/python3): no reference rows');
      return rows;
    }
    const torch = torchRows(py, opts);
    opts.note(torch.info);
    // group by workload so the table reads model by model
    const all = [...rows, ...torch.rows];
    return Object.values(WORKLOAD).flatMap((w) => all.filter((r) => r.workload === w));
  },
};
