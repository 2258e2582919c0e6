/**
 * Fast transposed matMul on the wasm backend.
 *
 * Why: tfjs-backend-wasm 4.22 runs `BatchMatMul` with transposeA/transposeB
 * through a slow path (0.5–0.7 GMAC/s here vs 10.4 GMAC/s for a plain
 * matMul). Every backward pass hits it: d/dW of x·W is xᵀ·dy, d/dx is dy·Wᵀ.
 * Materialising the transposed operand with the wasm `Transpose` kernel
 * (cheap, O(n) memory traffic) and then running the plain matMul is 5–8×
 * faster for a whole training step (docs/BENCH.md).
 *
 * How: we look up the kernels already registered for 'wasm', and register a
 * wrapper under the same name. The engine looks kernels up on every call,
 * so this works before or after the backend is initialised. The original
 * kernelFunc (and its setupFunc, which binds the C++ function) is reused
 * unchanged, so results are bit-identical to a plain matMul on transposed
 * inputs. `_FusedMatMul` (tf.fused.matMul, used by tf.layers.dense) gets the
 * same treatment.
 */
import * as tf from '@tensorflow/tfjs';

type KernelConfig = tf.KernelConfig;
type TensorInfo = tf.TensorInfo;
// the engine hands kernelFunc this backend; we only use disposeData from it.
type Backend = { disposeData(dataId: object, force?: boolean): boolean };
type KernelArgs = { inputs: Record<string, TensorInfo>; backend: Backend; attrs: Record<string, unknown> };
type KernelFn = (args: KernelArgs) => TensorInfo;

const FIXED = Symbol.for('mmfnd.wasmMatmulFix');
const PATCHED_KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;

/** perm that swaps the last two axes: [0, 1, ..., r-1, r-2] */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/** Build the wrapped kernelFunc: transpose flagged operands, then call `orig` without flags. */
function withMaterialisedTranspose(orig: KernelFn, transpose: KernelFn): KernelFn {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const transposeA = Boolean(attrs.transposeA);
    const transposeB = Boolean(attrs.transposeB);
    if (!transposeA && !transposeB) return orig(args);
    const temps: TensorInfo[] = [];
    const materialise = (x: TensorInfo): TensorInfo => {
      // [..., m, k] -> [..., k, m]; batch dims untouched, so broadcasting is unchanged
      const xt = transpose({ inputs: { x }, backend, attrs: { perm: swapLastTwo(x.shape.length) } });
      temps.push(xt);
      return xt;
    };
    try {
      const a = transposeA ? materialise(inputs.a) : inputs.a;
      const b = transposeB ? materialise(inputs.b) : inputs.b;
      return orig({
        inputs: { ...inputs, a, b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      // kernel-level intermediates are raw data ids, not engine tensors: free them here.
      // (Transpose with a no-op perm returns an identity that only bumped a refcount;
      // disposeData drops that reference again.)
      for (const t of temps) backend.disposeData(t.dataId);
    }
  };
}

/**
 * Re-register the wasm BatchMatMul and _FusedMatMul kernels with the transpose
 * fix. Idempotent. Throws if the wasm backend module has not been imported
 * (its kernels are not registered yet). Returns the names of patched kernels.
 */
export function applyWasmMatmulFix(): string[] {
  const transposeCfg = tf.getKernel('Transpose', 'wasm');
  if (transposeCfg == null) {
    throw new Error("applyWasmMatmulFix: no wasm kernels registered; import '@tensorflow/tfjs-backend-wasm' first");
  }
  const transpose = transposeCfg.kernelFunc as unknown as KernelFn;
  const patched: string[] = [];
  for (const name of PATCHED_KERNELS) {
    const cfg = tf.getKernel(name, 'wasm') as (KernelConfig & { [FIXED]?: KernelConfig }) | undefined;
    if (cfg == null) continue;
    if (cfg[FIXED]) {
      patched.push(name);
      continue;
    }
    const fixed = {
      ...cfg,
      kernelFunc: withMaterialisedTranspose(cfg.kernelFunc as unknown as KernelFn, transpose),
      [FIXED]: cfg, // keep the original so the fix can be undone
    } as unknown as KernelConfig;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(fixed);
    patched.push(name);
  }
  return patched;
}

/** Restore the original wasm kernels (for A/B benchmarks and tests). Idempotent. */
export function removeWasmMatmulFix(): void {
  for (const name of PATCHED_KERNELS) {
    const cfg = tf.getKernel(name, 'wasm') as (KernelConfig & { [FIXED]?: KernelConfig }) | undefined;
    if (cfg == null || !cfg[FIXED]) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(cfg[FIXED]);
  }
}

/** True when the wasm BatchMatMul kernel currently carries the fix. */
export function wasmMatmulFixApplied(): boolean {
  const cfg = tf.getKernel('BatchMatMul', 'wasm') as (KernelConfig & { [FIXED]?: KernelConfig }) | undefined;
  return cfg != null && cfg[FIXED] != null;
}
