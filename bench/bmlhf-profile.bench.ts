/**
 * Suite 'bmlhf-profile': where one BMLHF training step's time goes on the
 * current backend (tf.profile), at Twitter MediaEval's view widths (synthetic
 * views, bench/model-steps-tfjs.ts), batch 64, Adam, MIB, through the real
 * trainer. Profiles an epoch of `STEPS` training steps plus its one-batch
 * validation pass and reports per step: kernel time by category, the
 * untimed rest (JS dispatch, tape bookkeeping, tensor→JS reads) and the Adam
 * update alone (stock tf.train.adam on the model's variables, random
 * gradients), which is inside the elementwise rows of the step profile.
 */
import { initBackend, tf } from '../lib/backend/index';
import { subset } from '../lib/data/dataset';
import { makeModel } from '../lib/experiment/models';
import { mib } from '../lib/balance/mib';
import { train } from '../lib/train/trainer';
import { twitterSized } from './model-steps-tfjs';
import type { BenchOptions, BenchRow, BenchSuite } from './types';

const STEPS = 6;
const BATCH = 64;

/** kernel name → category */
export function kernelCategory(name: string): string | null {
  // tf.customGrad ops ('forward') and tidy scopes are recorded too, around kernels recorded on their own
  if (name === 'forward' || name === 'unnamed scope') return null;
  if (/MatMul/.test(name)) return 'GEMM (BatchMatMul, _FusedMatMul)';
  if (name === 'Transpose') return 'Transpose';
  if (/^(Sum|Max|Min|Mean|Prod|ArgMax|ArgMin|All|Any)$/.test(name)) return 'reductions (Sum, Max, ArgMax, …)';
  if (/^(Concat|Slice|SplitV|Reshape|Identity|Pack|Unpack|Tile|GatherV2|OneHot|Fill|ZerosLike|OnesLike|Cast|StridedSlice|Range|Reverse)$/.test(name))
    return 'data movement (Concat, Slice, Identity, Cast, …)';
  if (name === 'Tanh') return 'Tanh';
  return 'other elementwise (Add, Multiply, RealDiv, Sqrt, Square, Relu, Exp, …)';
}

interface Tally {
  calls: number;
  ms: number;
}

async function profileEpoch(): Promise<{ wallMs: number; byCat: Map<string, Tally>; byKernel: Map<string, Tally>; kernels: number; params: number }> {
  const ds = twitterSized(BATCH * (STEPS + 1), 6);
  const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
  const parts = { train: subset(ds, range(0, BATCH * STEPS)), val: subset(ds, range(BATCH * STEPS, BATCH * (STEPS + 1))) };
  const settings = { epochs: 1, batchSize: BATCH, lr: 1e-3, weightDecay: 1e-3, seed: 1, progress: false, recordSteps: false };
  const warm = makeModel('BMLHF', parts.train, {}, 1);
  train(warm, parts, { ...settings, balancer: mib() });
  warm.dispose();
  const m = makeModel('BMLHF', parts.train, {}, 1);
  const t0 = performance.now();
  const info = await tf.profile(() => void train(m, parts, { ...settings, balancer: mib() }));
  const wallMs = performance.now() - t0;
  const byCat = new Map<string, Tally>(),
    byKernel = new Map<string, Tally>();
  let kernels = 0;
  for (const k of info.kernels) {
    const ms = Number(await k.kernelTimeMs) || 0;
    const cat = kernelCategory(k.name);
    if (cat === null) continue;
    kernels++;
    for (const [map, key] of [
      [byCat, cat],
      [byKernel, k.name],
    ] as const) {
      const t = map.get(key) ?? { calls: 0, ms: 0 };
      t.calls++;
      t.ms += ms;
      map.set(key, t);
    }
  }
  const params = m.paramCount();
  m.dispose();
  return { wallMs, byCat, byKernel, kernels, params };
}

/** ms of one stock Adam update over `vars` (mean of 5 after one warm-up) */
function adamMs(vars: tf.Variable[]): number {
  const opt = tf.train.adam(1e-3);
  const grads = Object.fromEntries(vars.map((v, i) => [v.name, tf.randomNormal(v.shape, 0, 1, 'float32', i + 1)]));
  const g = grads as unknown as Parameters<tf.AdamOptimizer['applyGradients']>[0];
  opt.applyGradients(g);
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) opt.applyGradients(g);
  const ms = (performance.now() - t0) / 5;
  tf.dispose(Object.values(grads));
  opt.dispose();
  return ms;
}

async function run(opts: BenchOptions): Promise<BenchRow[]> {
  const backend = await initBackend({ quiet: true });
  const p = await profileEpoch();
  const workload = `BMLHF + MIB step, Twitter widths, batch 64 (${STEPS} steps + val pass, per step)`;
  const perStep = (ms: number) => ms / STEPS;
  const share = (ms: number) => `${((100 * ms) / p.wallMs).toFixed(0)}% of the step`;
  const kernelMs = [...p.byCat.values()].reduce((s, t) => s + t.ms, 0);
  const rows: BenchRow[] = [...p.byCat.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([cat, t]) => ({ workload, impl: `${cat}: ${Math.round(t.calls / STEPS)} kernels/step`, value: perStep(t.ms), unit: 'ms/step', note: share(t.ms) }));
  rows.push({
    workload,
    impl: 'all kernels',
    value: perStep(kernelMs),
    unit: 'ms/step',
    note: `${Math.round(p.kernels / STEPS)} kernels/step, ${share(kernelMs)}`,
  });
  rows.push({
    workload,
    impl: 'outside kernels (dispatch, autodiff tape, JS, reads)',
    value: perStep(p.wallMs - kernelMs),
    unit: 'ms/step',
    note: share(p.wallMs - kernelMs),
  });
  rows.push({ workload, impl: 'wall time under tf.profile', value: perStep(p.wallMs), unit: 'ms/step' });
  const m = makeModel('BMLHF', twitterSized(8, 1), {}, 1); // same shapes as the profiled model
  rows.push({
    workload,
    impl: 'of which: Adam update alone (stock, model variables)',
    value: adamMs(m.variables()),
    unit: 'ms/step',
    note: `${m.variables().length} variables, ${m.paramCount().toLocaleString('en')} params`,
  });
  m.dispose();
  const top = [...p.byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10);
  opts.note(`tfjs ${backend}; top kernels per step: ${top.map(([k, t]) => `${k} ${Math.round(t.calls / STEPS)}× ${perStep(t.ms).toFixed(1)} ms`).join(', ')}`);
  return rows;
}

export const bmlhfProfileSuite: BenchSuite = {
  name: 'bmlhf-profile',
  description: 'per-kernel profile of one BMLHF training step (tf.profile): GEMM, elementwise, reductions, transposes, Adam, dispatch',
  run,
};
