/**
 * tanh in two forms, for the one place where it is the hot kernel: BMLHF's
 * per-sample correlation (Eq. 12) applies it to a [B, m, d] tensor
 * (64 × 128 × 256 = 2.1 M values, twice per step).
 *
 *   'exact'    tf.tanh — tfjs-wasm 4.22 runs it as a scalar libm loop:
 *              33 ms per call on that tensor here (one core).
 *   'sigmoid'  tanh(x) = 2σ(2x) − 1 — σ is XNNPACK's vectorised kernel:
 *              2 ms, ≈ 4 ms with the three elementwise passes around it.
 *              Not bit-identical: |Δ| ≤ 2.1e-7 on N(0, 1) inputs (a float32
 *              rounding of 2σ − 1 near 0). BMLHF's default since
 *              RESULTS_VERSION 5 (config records which form ran).
 * Measured with a one-off loop of 20 calls on [64, 128, 256], 2026-12-02.
 */
import { tf } from '../backend/index';

export type TanhForm = 'exact' | 'sigmoid';
export const TANH_FORMS: readonly TanhForm[] = ['exact', 'sigmoid'];

export function tanhOf<T extends tf.Tensor>(x: T, form: TanhForm = 'exact'): T {
  if (form === 'exact') return tf.tanh(x);
  if (form !== 'sigmoid') throw new Error(`tanhOf: form must be ${TANH_FORMS.join(' | ')}, got '${form}'`);
  return tf.tidy(() => tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1)) as T; // 2σ(2x) − 1
}
