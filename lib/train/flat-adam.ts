/**
 * Adam in one native call per variable (native/src/mmfnd_native.c), with the
 * trainer's coupled weight decay g + wd·θ folded in.
 *
 * Why: tfjs's Adam is ~12 wasm kernels per variable (≈1,600 per BMLHF step,
 * 21–30 ms); this is one loop over each variable's memory (1.8–2.9 ms).
 *
 * Bit-identical to tf.train.adam (4.22): the same float32 operations in the
 * same order (adam_optimizer.js), the scalars made float32 as tfjs makes
 * them, compiled without fused multiply-adds; test/train/flat-adam.test.ts
 * compares bytes. The moments are plain Float32Arrays owned here; θ's update
 * is written to a new wasm buffer that the variable is re-pointed to —
 * updating θ in place would be wrong: the wasm matMul caches packed weights
 * by tensor id.
 *
 * Moments are kept by variable name (tfjs keeps them by position in the
 * list it is given; the trainer gives every variable a gradient every step,
 * so the two agree there).
 */
import { nativeAdamAddon, tf } from '../backend/index';
import { type WasmBackendInternals, wasmHeap, wasmOffset } from '../backend/wasm-heap';

const f32 = Math.fround;

export class FlatAdam extends tf.AdamOptimizer {
  private moments = new Map<string, { m: Float32Array; v: Float32Array }>();
  // β1ᵗ, β2ᵗ as tfjs keeps them: float32 scalars multiplied by β in float32 after every step
  private acc1: number;
  private acc2: number;

  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999) {
    super(learningRate, beta1, beta2);
    this.acc1 = f32(beta1);
    this.acc2 = f32(beta2);
  }

  /** True when the native Adam can run here (wasm backend, addon loaded). */
  static available(): boolean {
    return nativeAdamAddon() != null && tf.getBackend() === 'wasm';
  }

  override applyGradients(grads: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const map: tf.NamedTensorMap = Array.isArray(grads) ? Object.fromEntries(grads.map((g) => [g.name, g.tensor])) : grads;
    this.applyWithDecay(map, 0);
  }

  /** θ ← Adam(θ, g + wd·θ) for every variable named in `grads` (tfjs's registered variables). */
  applyWithDecay(grads: tf.NamedTensorMap, weightDecay: number): void {
    const addon = nativeAdamAddon();
    if (!addon || tf.getBackend() !== 'wasm') throw new Error('FlatAdam: the native kernels are not loaded on the wasm backend (use tf.train.adam)');
    const backend = tf.backend() as unknown as WasmBackendInternals;
    const b1 = this.beta1;
    const b2 = this.beta2;
    // tfjs: scalar(β1), scalar(1 − β1) (the difference taken in float64, then made float32), sub(1, accβ) in float32
    const p = new Float32Array([b1, 1 - b1, b2, 1 - b2, f32(1 - this.acc1), f32(1 - this.acc2), this.epsilon, -this.learningRate, weightDecay]);
    for (const [name, g] of Object.entries(grads)) {
      if (g == null) continue;
      const value = tf.engine().registeredVariables[name];
      if (!value) throw new Error(`FlatAdam: no variable named '${name}'`);
      if (value.dtype !== 'float32' || g.dtype !== 'float32') throw new Error(`FlatAdam: '${name}' is not float32`);
      if (!tf.util.arraysEqual(value.shape, g.shape)) throw new Error(`FlatAdam: gradient of '${name}' has shape [${g.shape}], the variable [${value.shape}]`);
      const n = value.size;
      let mom = this.moments.get(name);
      if (!mom) this.moments.set(name, (mom = { m: new Float32Array(n), v: new Float32Array(n) }));
      const out = backend.makeOutput(value.shape, 'float32');
      addon.adam(wasmHeap(backend), wasmOffset(backend, value.dataId), wasmOffset(backend, g.dataId), wasmOffset(backend, out.dataId), n, mom.m, mom.v, p);
      const t = tf.engine().makeTensorFromTensorInfo(out as tf.TensorInfo);
      value.assign(t);
      t.dispose();
    }
    this.acc1 = f32(this.acc1 * f32(b1));
    this.acc2 = f32(this.acc2 * f32(b2));
    this.incrementIterations();
  }

  override dispose(): void {
    super.dispose();
    this.moments.clear();
  }

  override async getWeights(): ReturnType<tf.AdamOptimizer['getWeights']> {
    throw new Error('FlatAdam: saving the optimiser state is not supported (its moments live outside tfjs)');
  }
}

/** Brand check: `instanceof` is no test here, tfjs's Optimizer answers it by duck typing (Symbol.hasInstance). */
export function isFlatAdam(o: unknown): o is FlatAdam {
  return typeof (o as { applyWithDecay?: unknown } | null)?.applyWithDecay === 'function';
}

/** The trainer's Adam: the flat one where the native kernels run (bit-identical), else tfjs's. */
export function makeAdam(lr: number, native = true): tf.AdamOptimizer {
  return native && FlatAdam.available() ? new FlatAdam(lr) : tf.train.adam(lr);
}
