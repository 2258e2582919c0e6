/**
 * Per-modality diagnostics of a trained model on one split (RunSpec
 * `outputs.modality`): each unimodal head's accuracy / macro-F1 (the model's
 * Output.branches, e.g. late fusion's W_u h_u + b/U), the model's accuracy /
 * macro-F1 with the other modality zero-masked, the dataset-level Shapley
 * contribution of each modality (lib/eval/shapley.ts), a summary of the
 * sample-level contributions, and the imbalance ratio of the heads' mean
 * true-class probabilities (lib/eval/imbalance-ratio.ts).
 */
import { MODALITIES, type Dataset } from '../data/dataset';
import type { Model } from '../models/model';
import { argmaxK, metrics, multiclassMetrics } from './metrics';
import { predict } from './predict';
import { coalitionScores, datasetShapley, sampleShapley, type ModalityShapley } from './shapley';
import { imbalanceRatio, type ImbalanceRatio } from './imbalance-ratio';

export interface AccF1 {
  acc: number;
  macroF1: number;
}

export interface ModalityReport {
  /** per unimodal head (Output.branches keys): accuracy / macro-F1 of its own logits */
  branches: Record<string, AccF1>;
  /** per modality: the full model with the OTHER modality zero-masked */
  masked: Record<string, AccF1>;
  shapley: ModalityShapley;
  /** sample-level φ (value = true-class probability): mean, share of posts with φ > 0, per modality */
  sampleShapley: Record<string, { mean: number; positive: number }>;
  /** mean true-class probability of each head (OGM-GE's s_m), when the model has exactly two heads */
  headScores?: Record<string, number>;
  ratio?: ImbalanceRatio;
  n: number;
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const accF1 = (pred: Int32Array, labels: Int32Array, K: number): AccF1 => {
  const m = K === 2 ? metrics(pred, labels) : multiclassMetrics(pred, labels, K);
  return { acc: r6(m.acc), macroF1: r6(m.macroF1) };
};

export function modalityReport(model: Model, ds: Dataset): ModalityReport {
  const K = model.classes ?? 2;
  const N = ds.labels.length;
  const p = predict(model, ds);
  const branches: Record<string, AccF1> = {};
  const headScores: Record<string, number> = {};
  for (const [b, probs] of Object.entries(p.branches)) {
    branches[b] = accF1(argmaxK(probs, K), ds.labels, K);
    let s = 0;
    for (let i = 0; i < N; i++) s += probs[i * K + ds.labels[i]];
    headScores[b] = r6(s / Math.max(1, N));
  }
  const cs = coalitionScores(model, ds, MODALITIES);
  const masked = Object.fromEntries(MODALITIES.map((m) => [m, accF1(cs.pred[m], ds.labels, K)]));
  const sh = datasetShapley(cs, MODALITIES);
  const round = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, r6(v)]));
  const sample = sampleShapley(cs, MODALITIES);
  const sampleSummary = Object.fromEntries(
    Object.entries(sample).map(([m, phi]) => [
      m,
      { mean: r6(phi.reduce((a, b) => a + b, 0) / Math.max(1, N)), positive: r6(phi.filter((x) => x > 0).length / Math.max(1, N)) },
    ]),
  );
  const report: ModalityReport = {
    branches,
    masked,
    shapley: {
      acc: round(sh.acc),
      prob: round(sh.prob),
      vAll: { acc: r6(sh.vAll.acc), prob: r6(sh.vAll.prob) },
      vNone: { acc: r6(sh.vNone.acc), prob: r6(sh.vNone.prob) },
    },
    sampleShapley: sampleSummary,
    n: N,
  };
  if (Object.keys(headScores).length) report.headScores = headScores;
  if (Object.keys(headScores).length === 2 && Object.values(headScores).every((v) => v > 0)) report.ratio = imbalanceRatio(headScores);
  return report;
}
