/**
 * Metrics in the papers' layout: accuracy; precision / recall / F1 of the
 * fake class and of the real class; macro-F1. A class never predicted has
 * precision 0 (not NaN), following scikit-learn's zero_division=0, so tables
 * stay numeric; the confusion matrix is kept for anyone who wants to check.
 */
export interface Confusion {
  /** fake predicted fake */
  tp: number;
  /** real predicted fake */
  fp: number;
  /** real predicted real */
  tn: number;
  /** fake predicted real */
  fn: number;
}

export interface Metrics {
  acc: number;
  fakeP: number;
  fakeR: number;
  fakeF1: number;
  realP: number;
  realR: number;
  realF1: number;
  macroF1: number;
  n: number;
}

export function confusion(pred: ArrayLike<number>, labels: ArrayLike<number>): Confusion {
  if (pred.length !== labels.length) throw new Error(`confusion: ${pred.length} predictions but ${labels.length} labels`);
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < pred.length; i++) {
    const p = pred[i],
      y = labels[i];
    if (p === 1 && y === 1) c.tp++;
    else if (p === 1) c.fp++;
    else if (y === 1) c.fn++;
    else c.tn++;
  }
  return c;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function metricsFromConfusion(c: Confusion): Metrics {
  const n = c.tp + c.fp + c.tn + c.fn;
  const fakeP = ratio(c.tp, c.tp + c.fp),
    fakeR = ratio(c.tp, c.tp + c.fn);
  const realP = ratio(c.tn, c.tn + c.fn),
    realR = ratio(c.tn, c.tn + c.fp);
  const fakeF1 = f1(fakeP, fakeR),
    realF1 = f1(realP, realR);
  return { acc: ratio(c.tp + c.tn, n), fakeP, fakeR, fakeF1, realP, realR, realF1, macroF1: (fakeF1 + realF1) / 2, n };
}

export function metrics(pred: ArrayLike<number>, labels: ArrayLike<number>): Metrics {
  return metricsFromConfusion(confusion(pred, labels));
}

/** argmax of row-major [N, 2] probabilities or logits. */
export function argmax2(scores: Float32Array): Int32Array {
  const n = scores.length / 2;
  return Int32Array.from({ length: n }, (_, i) => (scores[2 * i + 1] > scores[2 * i] ? 1 : 0));
}

/** argmax of row-major [N, K] scores; K = 2 is argmax2 (ties go to class 0). */
export function argmaxK(scores: Float32Array, K: number): Int32Array {
  if (K === 2) return argmax2(scores);
  const n = scores.length / K;
  return Int32Array.from({ length: n }, (_, i) => {
    let best = 0;
    for (let k = 1; k < K; k++) if (scores[i * K + k] > scores[i * K + best]) best = k;
    return best;
  });
}

/** K-class metrics: accuracy, per-class P/R/F1 (zero_division = 0), macro-F1 and the confusion matrix [true][pred]. */
export interface MulticlassMetrics {
  acc: number;
  macroF1: number;
  n: number;
  precision: number[];
  recall: number[];
  f1: number[];
  confusion: number[][];
}

export function multiclassMetrics(pred: ArrayLike<number>, labels: ArrayLike<number>, K: number): MulticlassMetrics {
  if (pred.length !== labels.length) throw new Error(`multiclassMetrics: ${pred.length} predictions but ${labels.length} labels`);
  const conf = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < pred.length; i++) {
    const y = labels[i],
      p = pred[i];
    if (!(y >= 0 && y < K && p >= 0 && p < K)) throw new Error(`multiclassMetrics: row ${i} has label ${y} / prediction ${p}, expected 0..${K - 1}`);
    conf[y][p]++;
  }
  const precision: number[] = [],
    recall: number[] = [],
    f1s: number[] = [];
  let correct = 0;
  for (let k = 0; k < K; k++) {
    const tp = conf[k][k];
    correct += tp;
    const predK = conf.reduce((s, row) => s + row[k], 0),
      trueK = conf[k].reduce((s, x) => s + x, 0);
    precision.push(ratio(tp, predK));
    recall.push(ratio(tp, trueK));
    f1s.push(f1(precision[k], recall[k]));
  }
  return { acc: ratio(correct, pred.length), macroF1: f1s.reduce((s, x) => s + x, 0) / K, n: pred.length, precision, recall, f1: f1s, confusion: conf };
}

/** mean and sample standard deviation (n − 1; 0 for a single value). */
export function meanStd(xs: number[]): { mean: number; std: number } {
  const n = xs.length;
  if (n === 0) return { mean: NaN, std: NaN };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const std = n < 2 ? 0 : Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  return { mean, std };
}
