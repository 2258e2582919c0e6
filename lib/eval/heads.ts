/**
 * Head analysis of a transformer with gated heads (HMS's first finding:
 * modality-critical heads carry unimodal verification ability).
 *   - attention share per (layer, head) on each modality's tokens, on posts
 *     that have both (mean over queries, then over posts; lib/nn attentionShare)
 *   - the drop in image-only / text-only macro-F1 when one head is gated off
 *   - gate-gradient importance (Michel et al. 2019): I_h = Σ_batches |∂L/∂g_h|,
 *     L2-normalised per layer, then min-max over all heads
 *   - ranking and allocation of critical heads
 * Analyses run on validation data (selection never sees test).
 */
import { tf } from '../backend/index';
import type { Dataset } from '../data/dataset';
import { makeBatch, type MissingMode } from '../data/batch';
import { attentionShare } from '../nn/gated-transformer';
import type { HeadInspectable } from '../models/mm-transformer';
import { crossEntropy } from '../models/model';
import { evaluate } from './predict';
import { rng, permutation } from '../util/random';

export type HeadGrid = number[][]; // [L][H]

const grid = (L: number, H: number, v = 0): HeadGrid => Array.from({ length: L }, () => new Array(H).fill(v));
const batches = (N: number, bs: number) =>
  Array.from({ length: Math.ceil(N / bs) }, (_, b) => Int32Array.from({ length: Math.min(bs, N - b * bs) }, (_, i) => b * bs + i));

/** Mean attention share of every head on text and on image tokens, over the posts of `ds` that have both. */
export function headShares(model: HeadInspectable, ds: Dataset, batchSize = 256): { text: HeadGrid; image: HeadGrid; posts: number } {
  const { layers: L, heads: H } = model.transformer;
  const sums = { text: grid(L, H), image: grid(L, H) };
  let posts = 0;
  for (const idx of batches(ds.labels.length, batchSize)) {
    tf.tidy(() => {
      const b = makeBatch(ds, idx);
      const { attention, mask } = model.inspect(b, { attention: true });
      const valid = tf.mul(b.present.text, b.present.image); // [B]
      posts += valid.sum().dataSync()[0];
      for (const m of ['text', 'image'] as const) {
        const keys = tf.tensor1d(model.tokenModality.map((t) => (t === m ? 1 : 0)));
        attention!.forEach((w, l) => {
          const s = tf.sum(tf.mul(attentionShare(w, keys, mask), valid.reshape([-1, 1])), 0).dataSync(); // [H]
          for (let h = 0; h < H; h++) sums[m][l][h] += s[h];
        });
      }
    });
  }
  const norm = (g: HeadGrid) => g.map((r) => r.map((x) => (posts ? x / posts : 0)));
  return { text: norm(sums.text), image: norm(sums.image), posts };
}

/** Macro-F1 under each setting with all heads, and the drop (base − gated-off) for each head gated off alone. */
export function gateOffDrops(
  model: HeadInspectable,
  ds: Dataset,
  settings: MissingMode[] = ['image-only', 'text-only'],
): { base: Record<string, number>; drop: Record<string, HeadGrid> } {
  const { layers: L, heads: H } = model.transformer;
  const base: Record<string, number> = {};
  const drop: Record<string, HeadGrid> = {};
  for (const s of settings) {
    base[s] = evaluate(model, ds, { missing: s }).macroF1;
    drop[s] = grid(L, H);
  }
  try {
    for (let l = 0; l < L; l++)
      for (let h = 0; h < H; h++) {
        const g = grid(L, H, 1);
        g[l][h] = 0;
        model.transformer.setGates(g);
        for (const s of settings) drop[s][l][h] = base[s] - evaluate(model, ds, { missing: s }).macroF1;
      }
  } finally {
    model.transformer.setGates(grid(L, H, 1));
  }
  return { base, drop };
}

/** Michel et al. (2019) head importance under one input setting: Σ |∂CE/∂gate|, L2 per layer, min-max over heads. */
export function gateImportance(model: HeadInspectable, ds: Dataset, missing: MissingMode = 'none', batchSize = 256): HeadGrid {
  const { layers: L, heads: H } = model.transformer;
  const acc = grid(L, H);
  for (const idx of batches(ds.labels.length, batchSize)) {
    tf.tidy(() => {
      const b = makeBatch(ds, idx, missing);
      const g = tf.grad((gates: tf.Tensor) => crossEntropy(model.inspect(b, { gates: gates as tf.Tensor2D }).logits, b.labels))(tf.ones([L, H]));
      const a = tf.abs(g).dataSync();
      for (let l = 0; l < L; l++) for (let h = 0; h < H; h++) acc[l][h] += a[l * H + h] * idx.length;
    });
  }
  const perLayer = acc.map((r) => {
    const n = Math.hypot(...r) || 1;
    return r.map((x) => x / n);
  });
  const flat = perLayer.flat(),
    lo = Math.min(...flat),
    hi = Math.max(...flat);
  return perLayer.map((r) => r.map((x) => (hi > lo ? (x - lo) / (hi - lo) : 0)));
}

export interface HeadRef {
  layer: number;
  head: number;
}

/** The k heads with the highest score (ties: lower layer, then lower head first), skipping `exclude`. */
export function topHeads(score: HeadGrid, k: number, exclude: HeadRef[] = []): HeadRef[] {
  const taken = new Set(exclude.map((h) => `${h.layer},${h.head}`));
  const all = score.flatMap((r, layer) => r.map((s, head) => ({ layer, head, s }))).filter((h) => !taken.has(`${h.layer},${h.head}`));
  all.sort((a, b) => b.s - a.s || a.layer - b.layer || a.head - b.head);
  return all.slice(0, k).map(({ layer, head }) => ({ layer, head }));
}

/** k heads drawn uniformly (seeded), skipping `exclude`: the "random heads" ablation. */
export function randomHeads(L: number, H: number, k: number, seed: number, exclude: HeadRef[] = []): HeadRef[] {
  const taken = new Set(exclude.map((h) => `${h.layer},${h.head}`));
  const all = Array.from({ length: L * H }, (_, i) => ({ layer: Math.floor(i / H), head: i % H })).filter((h) => !taken.has(`${h.layer},${h.head}`));
  const p = permutation(all.length, rng(seed));
  return Array.from(p.slice(0, k), (i) => all[i]);
}
