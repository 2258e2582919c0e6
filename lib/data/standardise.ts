/**
 * Standardisation of dense views, fitted on the training split only: per
 * column, the mean and standard deviation over the training rows that have
 * the view's modality; every split is then mapped x → (x − mean) / std with
 * those statistics. Rows without the modality stay all-zero (the dataset
 * contract: absent ⇒ zeros), and so do not enter the fit.
 *
 * Why: an L2-normalised LSA row puts most of its mass on the first
 * components, and an MLP trained with Adam from a Glorot start fits the
 * training events' dominant directions; the view's linear probe standardises
 * (lib/features/probe.ts) and the unimodal model did not (Twitter text-only
 * 0.553 against its textPattern probe 0.641, issue #24 point 8).
 */
import type { Dataset } from './dataset';

/** A column whose training std is below this is centred only (divided by 1). */
const MIN_STD = 1e-6;

export interface ViewScale {
  view: string;
  /** training rows the statistics were fitted on */
  rows: number;
  mean: Float32Array;
  std: Float32Array;
}

/** Column mean / std of `view` over the rows of `ds` that have its modality. */
export function fitScale(ds: Dataset, view: string): ViewScale {
  const v = ds.views[view];
  if (!v) throw new Error(`standardise: dataset '${ds.name}' has no view '${view}' (views: ${Object.keys(ds.views).join(', ')})`);
  const present = ds.present[v.modality];
  const d = v.dim;
  const sum = new Float64Array(d), sq = new Float64Array(d);
  let n = 0;
  for (let i = 0; i < ds.labels.length; i++) {
    if (!present[i]) continue;
    n++;
    for (let j = 0; j < d; j++) sum[j] += v.data[i * d + j];
  }
  if (n === 0) throw new Error(`standardise: no training row of '${ds.name}' has view '${view}' (its ${v.modality} modality is absent everywhere)`);
  const mean = Float32Array.from(sum, (s) => s / n);
  for (let i = 0; i < ds.labels.length; i++) {
    if (!present[i]) continue;
    for (let j = 0; j < d; j++) sq[j] += (v.data[i * d + j] - mean[j]) ** 2;
  }
  const std = Float32Array.from(sq, (s) => { const x = Math.sqrt(s / n); return x < MIN_STD ? 1 : x; });
  return { view, rows: n, mean, std };
}

/** A copy of `ds` with `scale` applied to its view (present rows only). */
export function applyScale(ds: Dataset, scale: ViewScale): Dataset {
  const v = ds.views[scale.view];
  if (!v) throw new Error(`standardise: dataset '${ds.name}' has no view '${scale.view}'`);
  const present = ds.present[v.modality];
  const d = v.dim;
  const data = new Float32Array(v.data.length);
  for (let i = 0; i < ds.labels.length; i++) {
    if (!present[i]) continue;
    for (let j = 0; j < d; j++) data[i * d + j] = (v.data[i * d + j] - scale.mean[j]) / scale.std[j];
  }
  return { ...ds, views: { ...ds.views, [scale.view]: { ...v, data } } };
}

/**
 * Standardise `views` (true: every view) of the three parts with statistics of `parts.train`.
 * Returns the new parts and one note naming the views and the number of training rows fitted on.
 */
export function standardiseParts<P extends { train: Dataset; val: Dataset; test: Dataset }>(parts: P, views: string[] | true): { parts: P; note: string } {
  const all = views === true ? Object.keys(parts.train.views).filter((k) => parts.train.views[k]).sort() : views;
  // `true` passes over a view whose modality no training row has (e.g. Weibo's all-zero image views), saying so
  const absent = views === true ? all.filter((k) => !parts.train.present[parts.train.views[k]!.modality].some((x) => x === 1)) : [];
  const names = all.filter((k) => !absent.includes(k));
  let { train, val, test } = parts;
  const fitted: string[] = [];
  for (const name of names) {
    const s = fitScale(parts.train, name);
    train = applyScale(train, s);
    val = applyScale(val, s);
    test = applyScale(test, s);
    fitted.push(`${name} (${s.rows} rows)`);
  }
  const skipped = absent.length ? `; not ${absent.join(', ')} (no training row has its modality)` : '';
  return { parts: { ...parts, train, val, test }, note: `standardised per column by the training split's mean / std (fitted on train only, rows with the modality; absent rows stay zero): ${fitted.join(', ') || 'no view'}${skipped}` };
}
