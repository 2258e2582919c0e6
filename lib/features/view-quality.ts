/**
 * View quality: a linear probe (probe.ts) of every feature view of a
 * dataset, beside the full sparse TF-IDF reference of the text views, so a
 * stand-in that throws the signal away shows before any model is trained
 * (issue #9: the random projection cost Weibo 20 points).
 *
 * Protocol — the datasets' own splits, as the BMLHF specs use them
 * (papers/bmlhf/common.ts), and nothing is ever chosen on test:
 *  - meta.split has train and test rows: fit on train, C chosen on the
 *    validation split (Weibo EANN, Fakeddit), else on a 15 % carve of train
 *    (whole events when the dataset has events: Twitter), then refit on train;
 *  - otherwise (only 'test' upstream: Twitter CLIP, VERITE): 5-fold CV (by
 *    event when there are events), C chosen on a 15 % carve of each fold's
 *    training part, predictions pooled over the folds.
 * Rows: those with the view's modality present (image views: posts with an image).
 * Results are cached (key: the view's bytes, labels, folds, grid, version).
 */
import type { Dataset } from '../data/dataset';
import { carveVal, carveValByEvent, kFold } from '../data/splits';
import { cached, cacheFile, cacheKey, sha256 } from './cache';
import type { Csr } from './csr';
import { columnScale, csrDesign, denseDesign, fitLogistic, predictLogistic, scores, type Design, type Logistic } from './probe';

export const PROBE_VERSION = 1;
/** standardised dense views: the best C was ≤ 1 on every view measured (Weibo textPattern: 0.01); larger C only slows L-BFGS */
export const DENSE_C_GRID = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
/** L2-normalised sparse TF-IDF: scikit-learn's usual range (the issue measured C 4–16) */
export const SPARSE_C_GRID = [1, 4, 16];

export interface ProbeFold {
  /** C is selected by training on selectTrain, scoring on selectVal */
  selectTrain: Int32Array;
  selectVal: Int32Array;
  /** the probe that is tested is refitted on these rows */
  fit: Int32Array;
  test: Int32Array;
}

export interface ProbeScore {
  acc: number;
  macroF1: number;
  /** C chosen per fold */
  C: number[];
}

export interface ProbeReport extends Partial<ProbeScore> {
  view: string;
  source: string;
  dim: number;
  protocol: string;
  /** fit rows (one fold's, for CV) and test rows (all folds') with the modality present */
  fitRows: number;
  testRows: number;
  /** test accuracy of always predicting the fit rows' majority label */
  majority?: number;
  reference?: ProbeScore & { what: string };
  seconds: number;
  status: 'computed' | 'cache-hit' | 'skipped';
  note?: string;
}

const sorted = (a: number[]) => Int32Array.from(a).sort();

export function probeFolds(ds: Dataset): { folds: ProbeFold[]; protocol: string } {
  const col = ds.meta.numRows() === ds.labels.length ? ds.meta.column('split') : undefined;
  const part = { train: [] as number[], val: [] as number[], test: [] as number[] };
  for (let i = 0; col && i < ds.labels.length; i++) {
    const s = String(col.at(i));
    (s === 'train' ? part.train : s === 'test' ? part.test : part.val).push(i);
  }
  if (part.train.length > 0 && part.test.length > 0) {
    const train = sorted(part.train);
    if (part.val.length > 0)
      return {
        folds: [{ selectTrain: train, selectVal: sorted(part.val), fit: train, test: sorted(part.test) }],
        protocol: 'train → test, C on the validation split',
      };
    const carve = ds.events ? carveValByEvent(ds, train, 0.15, 0) : carveVal(ds, train, 0.15, 0);
    return {
      folds: [{ selectTrain: carve.train, selectVal: carve.val, fit: train, test: sorted(part.test) }],
      protocol: `train → test, C on a 15 % ${ds.events ? 'by-event ' : ''}carve of train`,
    };
  }
  const folds = kFold(ds, 5, { val: 0.15, seed: 0, byEvent: Boolean(ds.events) }).map((f) => ({
    selectTrain: f.train,
    selectVal: f.val,
    fit: sorted([...f.train, ...f.val]),
    test: f.test,
  }));
  return { folds, protocol: `5-fold CV${ds.events ? ' by event' : ''}, C on a 15 % carve of each fold's train` };
}

/** Rows of a fold that pass `keep` (the modality-present mask). */
function restrict(f: ProbeFold, keep: Uint8Array): ProbeFold {
  const k = (a: Int32Array) => a.filter((i) => keep[i] === 1);
  return { selectTrain: k(f.selectTrain), selectVal: k(f.selectVal), fit: k(f.fit), test: k(f.test) };
}

/** Select C (best validation accuracy; ties → smaller C), refit, test; pooled over folds. */
export function runProbe(design: (fitRows: Int32Array, rows: Int32Array) => Design, labels: Int32Array, folds: ProbeFold[], grid: number[]): ProbeScore {
  const pred: number[] = [],
    truth: number[] = [],
    Cs: number[] = [];
  const t = (rows: Int32Array) => Array.from(rows, (i) => labels[i]);
  for (const f of folds) {
    let best = { C: grid[0], acc: -1 };
    let warm: Logistic | undefined;
    if (f.selectVal.length > 0) {
      for (const C of grid) {
        warm = fitLogistic(design(f.selectTrain, f.selectTrain), t(f.selectTrain), C, warm);
        const acc = scores(predictLogistic(design(f.selectTrain, f.selectVal), warm), t(f.selectVal)).acc;
        if (acc > best.acc) best = { C, acc };
      }
    }
    const m = fitLogistic(design(f.fit, f.fit), t(f.fit), best.C);
    pred.push(...predictLogistic(design(f.fit, f.test), m));
    truth.push(...t(f.test));
    Cs.push(best.C);
  }
  return { ...scores(pred, truth), C: Cs };
}

/** Dense design factory: standardised with the mean / std of the rows the probe is trained on. */
export function denseProbeDesign(data: Float32Array, dim: number): (fitRows: Int32Array, rows: Int32Array) => Design {
  let memo: { key: Int32Array; scale: ReturnType<typeof columnScale> } | undefined;
  return (fitRows, rows) => {
    if (memo?.key !== fitRows) memo = { key: fitRows, scale: columnScale(data, dim, fitRows) };
    return denseDesign(data, dim, rows, memo.scale);
  };
}

export interface ProbeViewsOptions {
  cacheDir?: string;
  refresh?: boolean;
  /** view name → its full sparse TF-IDF rows (text views) */
  references?: Record<string, (() => Promise<Csr>) | undefined>;
}

export async function probeViews(ds: Dataset, opts: ProbeViewsOptions = {}): Promise<ProbeReport[]> {
  const { folds, protocol } = probeFolds(ds);
  const out: ProbeReport[] = [];
  for (const [name, v] of Object.entries(ds.views)) {
    if (!v) continue;
    const t0 = performance.now();
    const fs = folds.map((f) => restrict(f, ds.present[v.modality]));
    const base = { view: name, source: v.source, dim: v.dim, protocol, fitRows: fs[0].fit.length, testRows: fs.reduce((s, f) => s + f.test.length, 0) };
    const testRows = fs.reduce((s, f) => s + f.test.length, 0);
    if (testRows === 0 || fs.some((f) => new Set(Array.from(f.fit, (i) => ds.labels[i])).size < 2)) {
      out.push({
        ...base,
        seconds: 0,
        status: 'skipped',
        note: testRows === 0 ? `no test rows with the ${v.modality} modality` : 'fit rows have one label only',
      });
      continue;
    }
    const ref = opts.references?.[name];
    const key = cacheKey({
      version: PROBE_VERSION,
      dataset: ds.name,
      view: name,
      data: sha256(new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength)),
      labels: sha256(new Uint8Array(ds.labels.buffer, ds.labels.byteOffset, ds.labels.byteLength)),
      folds: sha256(JSON.stringify(fs.map((f) => [f.selectTrain, f.selectVal, f.fit, f.test].map((a) => Array.from(a))))),
      grids: [DENSE_C_GRID, SPARSE_C_GRID],
      reference: Boolean(ref),
    });
    const compute = async () => {
      const score = runProbe(denseProbeDesign(v.data, v.dim), ds.labels, fs, DENSE_C_GRID);
      const majority = majorityAcc(ds.labels, fs);
      let reference: ProbeReport['reference'];
      if (ref) {
        const x = await ref();
        reference = { what: `full sparse TF-IDF (${x.nCols} columns)`, ...runProbe((_f, rows) => csrDesign(x, rows), ds.labels, fs, SPARSE_C_GRID) };
      }
      return { meta: { score, majority, reference, seconds: (performance.now() - t0) / 1000 }, arrays: {} };
    };
    const r = opts.cacheDir
      ? await cached(cacheFile(opts.cacheDir, ds.name, `probe.${name}.${v.source}`, key), key, Boolean(opts.refresh), compute)
      : { entry: await compute(), hit: false };
    const m = r.entry.meta as { score: ProbeScore; majority: number; reference?: ProbeReport['reference']; seconds: number };
    out.push({ ...base, ...m.score, majority: m.majority, reference: m.reference, seconds: m.seconds, status: r.hit ? 'cache-hit' : 'computed' });
  }
  return out;
}

function majorityAcc(labels: Int32Array, folds: ProbeFold[]): number {
  let hit = 0,
    n = 0;
  for (const f of folds) {
    const fake = Array.from(f.fit).reduce((s, i) => s + labels[i], 0);
    const maj = fake * 2 >= f.fit.length ? 1 : 0;
    for (const i of f.test) hit += labels[i] === maj ? 1 : 0;
    n += f.test.length;
  }
  return n ? hit / n : 0;
}

/** One line per probe, for dataset notes (results.json) and the CLI. */
export function probeNote(p: ProbeReport): string {
  if (p.status === 'skipped') return `probe ${p.view} (${p.source}): skipped, ${p.note}`;
  const f = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));
  const ref = p.reference ? `; ${p.reference.what}: acc ${f(p.reference.acc)}, macro-F1 ${f(p.reference.macroF1)}` : '';
  return `probe ${p.view} (${p.source}, ${p.dim}-d): linear probe acc ${f(p.acc)}, macro-F1 ${f(p.macroF1)} (majority ${f(p.majority)}; ${p.fitRows} fit / ${p.testRows} test rows; C ${[...new Set(p.C)].join('/')}; ${p.protocol})${ref}`;
}
