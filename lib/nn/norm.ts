/**
 * Row norms whose gradient is finite at a zero row. d‖x‖/dx = x/‖x‖ is 0/0
 * at x = 0, and `max(‖x‖, eps)` does not help: the backward pass still
 * multiplies 0 by that NaN. Zero rows are common here — a post without an
 * image has all-zero image views (Weibo: every post) — so every norm that a
 * loss differentiates goes through sqrt(Σx² + eps²).
 */
import { tf } from '../backend/index';

/** ‖x‖ per row, [B, d] → [B, 1] (keepDims) or [B]; ≈ eps at a zero row, smooth everywhere. */
export function safeNorm(x: tf.Tensor2D, keepDims = false, eps = 1e-6): tf.Tensor {
  return tf.sqrt(tf.add(tf.sum(tf.square(x), 1, keepDims), eps * eps));
}

/** x / ‖x‖ per row; a zero row stays zero. [B, d] → [B, d] */
export function l2normalize(x: tf.Tensor2D, eps = 1e-6): tf.Tensor2D {
  return tf.div(x, safeNorm(x, true, eps)) as tf.Tensor2D;
}
