/**
 * The `outputs.tsne` part of a run (BMLHF Figs 4–6): on a stratified,
 * seeded test subsample of at most TSNE_POINTS posts, a t-SNE map of the raw
 * concatenated input views ("original samples") and one of the model's
 * learned embedding, each with its k-NN label agreement in the original
 * space and in the map. Computed in the worker that trained the model, so
 * only ~2 × 600 points reach the results cache, not the 4,196-d inputs.
 */
import type { Dataset } from '../data/dataset';
import { subset } from '../data/dataset';
import type { Model } from '../models/model';
import { predict } from '../eval/predict';
import { knnAgreement } from '../eval/separation';
import { tsne2d } from '../eval/tsne';
import { carveVal } from '../data/splits';
import type { TsneMap, TsneResult } from './result';

export const TSNE_POINTS = 600;
const K = 5;

export async function tsneOutput(model: Model, test: Dataset, seed: number): Promise<TsneResult> {
  const all = Int32Array.from(test.labels, (_, i) => i);
  const idx = all.length <= TSNE_POINTS ? all : carveVal(test, all, TSNE_POINTS / all.length, seed).val;
  const sub = subset(test, idx);
  const views = Object.keys(sub.views).sort();
  const raw = Array.from(idx, (_, r) => views.flatMap((v) => Array.from(sub.views[v]!.data.subarray(r * sub.views[v]!.dim, (r + 1) * sub.views[v]!.dim))));
  const p = predict(model, sub, { embeddings: true });
  if (!p.embedding) throw new Error(`tsne: model '${model.name}' returns no embedding`);
  const d = p.embeddingDim!;
  const learned = Array.from(idx, (_, r) => Array.from(p.embedding!.subarray(r * d, (r + 1) * d)));
  const labels = Array.from(sub.labels);
  const map = async (rows: number[][]): Promise<TsneMap> => {
    const xy = await tsne2d(rows, { seed });
    return {
      xy: xy.map(([x, y]) => [round3(x), round3(y)]),
      knnSpace: knnAgreement(rows, labels, K),
      knnMap: knnAgreement(xy, labels, K),
      dim: rows[0].length,
    };
  };
  return { labels, raw: await map(raw), learned: await map(learned) };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
