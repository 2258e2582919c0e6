/**
 * Opt-in fused linear layers: y = act(x W + b) as one tf.fused.matMul kernel
 * (matMul, bias and ReLU in one pass; its gradient is one kernel fewer too)
 * instead of matMul → add → relu.
 *
 * Off by default, because it is NOT bit-identical: the wasm kernel (XNNPACK)
 * adds the bias inside the GEMM accumulation, so forward outputs differ in
 * the last bits (|Δ| ≤ ~3e-6 at width 768; gradients are identical given the
 * same inputs). Cached results were computed without it; turning it on
 * changes training numbers. Switch: MMFND_FUSED_LINEAR=1 (read once per
 * process), or setFusedLinear(true) in a notebook.
 * test/nn/fused-linear.test.ts checks fused vs stock (forward, gradients) within 1e-5.
 */
import { tf } from '../backend/index';

let fused: boolean | null = null;

/** whether Linear/MLP use tf.fused.matMul (default false; env MMFND_FUSED_LINEAR) */
export function fusedLinear(): boolean {
  if (fused === null) {
    const v = (typeof process !== 'undefined' && process.env?.MMFND_FUSED_LINEAR) || '';
    fused = ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
  }
  return fused;
}

export function setFusedLinear(on: boolean): void {
  fused = on;
}

/** act(x W + b) on a [N, in] input: fused when switched on, else the stock ops (matMul, add, relu) */
export function linear2d(x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor | undefined, activation: 'linear' | 'relu'): tf.Tensor2D {
  if (fusedLinear()) return tf.fused.matMul({ a: x, b: W, bias: b, activation }) as tf.Tensor2D;
  let y = tf.matMul(x, W);
  if (b) y = tf.add(y, b);
  return (activation === 'relu' ? tf.relu(y) : y) as tf.Tensor2D;
}
