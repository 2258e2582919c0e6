/**
 * The wasm backend's BatchMatMul through the native BLAS (lib/backend/native.ts).
 *
 * Why: XNNPACK on wasm SIMD runs BMLHF's layer GEMMs at 8–10 GFLOP/s; a
 * native sgemm (OpenBLAS, 1 thread, AVX-512 here) at ~66, and the Eq. 12–13
 * GEMV [8192, 256]ᵀ × [8192, 1] 13.8 → 1.2 ms (docs/BENCH.md).
 *
 * How: a wrapper registered over the current 'wasm' BatchMatMul (the
 * transposed-matMul fix included): float32 operands with plain or one-sided
 * batch broadcasting go to the addon, which reads them in place at their
 * wasm memory offsets and writes the product into the output's memory —
 * no copies. Anything else (other dtypes, [2,1]×[1,3]-style broadcasting,
 * empty tensors) goes to the kernel that was registered before.
 * _FusedMatMul (tf.layers.dense) is left to the wasm kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { NativeAddon } from './native';
import { type WasmBackendInternals, wasmHeap, wasmOffset } from './wasm-heap';

type TensorInfo = tf.TensorInfo;
type KernelArgs = { inputs: Record<string, TensorInfo>; backend: WasmBackendInternals; attrs: Record<string, unknown> };
type KernelFn = (args: KernelArgs) => TensorInfo;

const NATIVE = Symbol.for('mmfnd.nativeMatmul');

const prod = (s: number[]): number => s.reduce((a, b) => a * b, 1);

/** The native kernel, or null: `fallback` should run (unsupported case). */
function nativeBatchMatMul(addon: NativeAddon, { inputs, backend, attrs }: KernelArgs): TensorInfo | null {
  const { a, b } = inputs;
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const ta = Boolean(attrs.transposeA);
  const tb = Boolean(attrs.transposeB);
  const ar = a.shape.length;
  const br = b.shape.length;
  if (ar < 2 || br < 2) return null;
  // op(A) is [M, K], op(B) is [K, N]
  const M = ta ? a.shape[ar - 1] : a.shape[ar - 2];
  const K = ta ? a.shape[ar - 2] : a.shape[ar - 1];
  const Kb = tb ? b.shape[br - 1] : b.shape[br - 2];
  const N = tb ? b.shape[br - 2] : b.shape[br - 1];
  if (K !== Kb) return null; // the wasm kernel throws tfjs's own message
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  let outer: number[];
  try {
    outer = tf.broadcast_util.assertAndGetBroadcastShape(outerA, outerB);
  } catch {
    return null;
  }
  const bA = prod(outerA);
  const bB = prod(outerB);
  const batch = prod(outer);
  // one operand's batch broadcast over the other's, or the same batch: a stride of 0 or M·K / K·N
  const simple = (bA === bB && batch === bA) || (bA === 1 && batch === bB) || (bB === 1 && batch === bA);
  if (!simple || M * N * K * batch === 0) return null;
  const out = backend.makeOutput([...outer, M, N], 'float32');
  const heap = wasmHeap(backend); // after makeOutput: an allocation may have grown (replaced) the memory
  const offA = wasmOffset(backend, a.dataId);
  const offB = wasmOffset(backend, b.dataId);
  const offC = wasmOffset(backend, out.dataId);
  if (bB === 1 && !ta && bA > 1) {
    // [bA, M, K] × [K, N] is one GEMM [bA·M, K] × [K, N]
    addon.gemm(heap, false, tb, bA * M, N, K, offA, offB, offC, 1, 0, 0);
  } else {
    addon.gemm(heap, ta, tb, M, N, K, offA, offB, offC, batch, bA === 1 ? 0 : M * K, bB === 1 ? 0 : K * N);
  }
  return out as TensorInfo;
}

/** Register the native BatchMatMul over the current wasm one. Idempotent. */
export function applyNativeMatmul(addon: NativeAddon): void {
  const cfg = tf.getKernel('BatchMatMul', 'wasm') as (tf.KernelConfig & { [NATIVE]?: tf.KernelConfig }) | undefined;
  if (cfg == null) throw new Error("applyNativeMatmul: no wasm kernels registered; import '@tensorflow/tfjs-backend-wasm' first");
  if (cfg[NATIVE]) return;
  const fallback = cfg.kernelFunc as unknown as KernelFn;
  const kernelFunc: KernelFn = (args) => nativeBatchMatMul(addon, args) ?? fallback(args);
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ ...cfg, kernelFunc, [NATIVE]: cfg } as unknown as tf.KernelConfig);
}

/** Restore the kernel that was registered before applyNativeMatmul. Idempotent. */
export function removeNativeMatmul(): void {
  const cfg = tf.getKernel('BatchMatMul', 'wasm') as (tf.KernelConfig & { [NATIVE]?: tf.KernelConfig }) | undefined;
  if (cfg == null || !cfg[NATIVE]) return;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel(cfg[NATIVE]);
}

export function nativeMatmulApplied(): boolean {
  const cfg = tf.getKernel('BatchMatMul', 'wasm') as (tf.KernelConfig & { [NATIVE]?: tf.KernelConfig }) | undefined;
  return cfg != null && cfg[NATIVE] != null;
}
