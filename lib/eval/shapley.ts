/**
 * Shapley modality contributions (the modality valuation of AGM / sample-level
 * modality valuation): the value of a coalition S of modalities is the
 * model's score with every modality outside S zero-masked (lib/eval/mask.ts),
 * and modality m's contribution is
 *   φ_m = Σ_{S ⊆ M∖{m}} |S|! (|M| − |S| − 1)! / |M|! · [v(S ∪ {m}) − v(S)]
 * computed exactly from all 2^|M| coalitions (two modalities: the 4
 * coalitions, φ_text = ½[(v(T) − v(∅)) + (v(TI) − v(I))]). Efficiency:
 * Σ_m φ_m = v(M) − v(∅).
 *
 * Dataset level: v = accuracy (or mean probability of the true class) on the
 * whole set. Sample level: v_i = softmax probability of post i's true class,
 * one φ per post and modality.
 */
import type { Dataset, Modality } from '../data/dataset';
import type { Model } from '../models/model';
import { maskModalities } from './mask';
import { predict } from './predict';

/** Exact Shapley values from the value of every coalition; `value(S)` gets the present modalities. */
export function shapleyValues<T extends string>(players: readonly T[], value: (coalition: T[]) => number): Record<T, number> {
  const M = players.length;
  if (M === 0) throw new Error('shapleyValues: no players');
  if (M > 12) throw new Error(`shapleyValues: ${M} players need 2^${M} coalitions; at most 12`);
  const v = new Map<number, number>();
  for (let mask = 0; mask < 1 << M; mask++) {
    const x = value(players.filter((_, i) => mask & (1 << i)));
    if (!Number.isFinite(x)) throw new Error(`shapleyValues: value of coalition {${players.filter((_, i) => mask & (1 << i)).join(', ')}} is ${x}`);
    v.set(mask, x);
  }
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const out = {} as Record<T, number>;
  players.forEach((p, i) => {
    let phi = 0;
    for (let mask = 0; mask < 1 << M; mask++) {
      if (mask & (1 << i)) continue;
      const s = popcount(mask);
      phi += ((fact(s) * fact(M - s - 1)) / fact(M)) * (v.get(mask | (1 << i))! - v.get(mask)!);
    }
    out[p] = phi;
  });
  return out;
}

const popcount = (x: number) => {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
};

export interface CoalitionScores {
  /** coalition key ('' = none, 'text', 'image', 'text+image') → per-post probability of the true class [N] */
  trueProb: Record<string, Float32Array>;
  /** coalition key → accuracy */
  acc: Record<string, number>;
  /** coalition key → predicted class per post [N] */
  pred: Record<string, Int32Array>;
}

export const coalitionKey = (c: readonly string[]) => [...c].sort().join('+');

/** The model's predictions under every coalition of `modalities` (the others zero-masked). */
export function coalitionScores(model: Model, ds: Dataset, modalities: readonly Modality[] = ['text', 'image']): CoalitionScores {
  const K = model.classes ?? 2;
  const out: CoalitionScores = { trueProb: {}, acc: {}, pred: {} };
  for (let mask = 0; mask < 1 << modalities.length; mask++) {
    const present = modalities.filter((_, i) => mask & (1 << i));
    const p = predict(
      model,
      maskModalities(
        ds,
        modalities.filter((m) => !present.includes(m)),
      ),
    );
    out.trueProb[coalitionKey(present)] = Float32Array.from(ds.labels, (y, i) => p.probs[i * K + y]);
    out.pred[coalitionKey(present)] = p.pred;
    out.acc[coalitionKey(present)] = p.pred.reduce((s, q, i) => s + (q === ds.labels[i] ? 1 : 0), 0) / Math.max(1, ds.labels.length);
  }
  return out;
}

export interface ModalityShapley {
  /** dataset level, value = accuracy */
  acc: Record<string, number>;
  /** dataset level, value = mean probability of the true class */
  prob: Record<string, number>;
  /** v(all) and v(none) of each value, for the efficiency check */
  vAll: { acc: number; prob: number };
  vNone: { acc: number; prob: number };
}

/** Dataset-level contributions from coalition scores. */
export function datasetShapley(s: CoalitionScores, modalities: readonly Modality[] = ['text', 'image']): ModalityShapley {
  const mean = (x: Float32Array) => x.reduce((a, b) => a + b, 0) / Math.max(1, x.length);
  return {
    acc: shapleyValues(modalities, (c) => s.acc[coalitionKey(c)]),
    prob: shapleyValues(modalities, (c) => mean(s.trueProb[coalitionKey(c)])),
    vAll: { acc: s.acc[coalitionKey(modalities)], prob: mean(s.trueProb[coalitionKey(modalities)]) },
    vNone: { acc: s.acc[''], prob: mean(s.trueProb['']) },
  };
}

/** Sample-level contributions: φ_m,i per post (value = probability of post i's true class). */
export function sampleShapley(s: CoalitionScores, modalities: readonly Modality[] = ['text', 'image']): Record<string, Float32Array> {
  const N = s.trueProb[''].length;
  const out: Record<string, Float32Array> = Object.fromEntries(modalities.map((m) => [m, new Float32Array(N)]));
  for (let i = 0; i < N; i++) {
    const phi = shapleyValues(modalities, (c) => s.trueProb[coalitionKey(c)][i]);
    for (const m of modalities) out[m][i] = phi[m];
  }
  return out;
}
