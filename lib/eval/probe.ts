/**
 * Per-post values of a model's named `extra` outputs on a stratified, seeded
 * test subsample (≤ PROBE_POINTS posts), in inference mode — e.g. COOLANT's
 * attention weights and ambiguity score per post, for an interpretability
 * figure. Predictions are recorded beside them. Deterministic: no sampling in
 * inference mode, values rounded to 4 decimals.
 */
import { tf } from '../backend/index';
import type { Dataset } from '../data/dataset';
import { subset } from '../data/dataset';
import { makeBatch } from '../data/batch';
import { carveVal } from '../data/splits';
import type { Model } from '../models/model';

export const PROBE_POINTS = 600;

export interface ProbeResult {
  labels: number[];
  /** predicted class per post */
  pred: number[];
  /** name → one row of values per post ([v] for a [B] output, the row for a [B, k] output) */
  values: Record<string, number[][]>;
}

export function probeExtras(model: Model, test: Dataset, names: string[], seed: number, maxPoints = PROBE_POINTS, batchSize = 256): ProbeResult {
  const all = Int32Array.from(test.labels, (_, i) => i);
  const idx = all.length <= maxPoints ? all : carveVal(test, all, maxPoints / all.length, seed).val;
  const sub = subset(test, idx);
  const N = sub.labels.length;
  const values: Record<string, number[][]> = Object.fromEntries(names.map((n) => [n, []]));
  const pred: number[] = [];
  for (let s = 0; s < N; s += batchSize) {
    const rows = Int32Array.from({ length: Math.min(batchSize, N - s) }, (_, i) => s + i);
    tf.tidy(() => {
      const out = model.forward(makeBatch(sub, rows), false);
      pred.push(...Array.from(tf.argMax(out.logits, 1).dataSync()));
      for (const n of names) {
        const t = out.extra?.[n];
        if (!t) throw new Error(`probe: model '${model.name}' has no extra output '${n}' (has: ${Object.keys(out.extra ?? {}).join(', ') || 'none'})`);
        const k = t.rank === 1 ? 1 : t.shape[1]!;
        const d = t.dataSync();
        for (let i = 0; i < rows.length; i++) values[n].push(Array.from(d.subarray(i * k, (i + 1) * k), round4));
      }
    });
  }
  return { labels: Array.from(sub.labels), pred, values };
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
