/**
 * The BMLHF paper's reported numbers for the ablation and analysis
 * artefacts (Section 4.4), transcribed from
 * /work/shared/papers/bmlhf-balanced-multimodal-hierarchical-fusion.txt:
 *   - Table 2 (ablations on Weibo, Twitter, Fakeddit): one number per cell,
 *     no spread reported;
 *   - Section 4.4.3 (Figs 9–11): the ranges of τ, α1, α2 where "BMLHF
 *     performs better" per dataset (the figures themselves carry no numbers
 *     in the text);
 *   - Section 4.4.3 (Fig. 12): the best result "at about 70 epochs" of 100.
 * Table 1/3/4 values live in paper-values.ts (another file).
 */
import type { Metrics } from '../../eval/metrics';

export type PaperMetricKey = Exclude<keyof Metrics, 'n' | 'macroF1'>;
export const TABLE2_METRICS: readonly PaperMetricKey[] = ['acc', 'fakeP', 'fakeR', 'fakeF1', 'realP', 'realR', 'realF1'];

/** Table 2's methods, in the paper's row order. */
export const TABLE2_METHODS = ['BMLHF-I', 'BMLHF-T', 'BMLHF-D', 'BMLHF-H', 'BMLHF-tra', 'BMLHF-ter', 'BMLHF'] as const;
export type Table2Method = (typeof TABLE2_METHODS)[number];

export type PaperRow = { dataset: string; method: Table2Method } & Record<PaperMetricKey, number>;

// columns: Acc, fake Pre/Rec/F1, real Pre/Rec/F1
const rows: [string, Table2Method, number, number, number, number, number, number, number][] = [
  ['weibo', 'BMLHF-I', 0.874, 0.93, 0.83, 0.87, 0.83, 0.93, 0.87],
  ['weibo', 'BMLHF-T', 0.89, 0.9, 0.885, 0.89, 0.885, 0.9, 0.89],
  ['weibo', 'BMLHF-D', 0.873, 0.89, 0.86, 0.88, 0.85, 0.88, 0.87],
  ['weibo', 'BMLHF-H', 0.868, 0.88, 0.855, 0.866, 0.853, 0.88, 0.866],
  ['weibo', 'BMLHF-tra', 0.902, 0.89, 0.9, 0.895, 0.86, 0.88, 0.875],
  ['weibo', 'BMLHF-ter', 0.893, 0.87, 0.9, 0.885, 0.9, 0.87, 0.885],
  ['weibo', 'BMLHF', 0.912, 0.93, 0.88, 0.903, 0.894, 0.92, 0.902],
  ['twitter', 'BMLHF-I', 0.926, 0.986, 0.88, 0.922, 0.88, 0.986, 0.922],
  ['twitter', 'BMLHF-T', 0.942, 0.95, 0.935, 0.945, 0.935, 0.95, 0.945],
  ['twitter', 'BMLHF-D', 0.925, 0.943, 0.912, 0.933, 0.901, 0.933, 0.922],
  ['twitter', 'BMLHF-H', 0.91, 0.899, 0.91, 0.903, 0.92, 0.899, 0.91],
  ['twitter', 'BMLHF-tra', 0.933, 0.915, 0.913, 0.914, 0.935, 0.915, 0.92],
  ['twitter', 'BMLHF-ter', 0.93, 0.92, 0.93, 0.925, 0.93, 0.92, 0.925],
  ['twitter', 'BMLHF', 0.966, 0.985, 0.933, 0.957, 0.948, 0.975, 0.956],
  ['fakeddit', 'BMLHF-I', 0.905, 0.88, 0.94, 0.91, 0.94, 0.88, 0.915],
  ['fakeddit', 'BMLHF-T', 0.923, 0.895, 0.945, 0.93, 0.94, 0.9, 0.925],
  ['fakeddit', 'BMLHF-D', 0.937, 0.92, 0.95, 0.94, 0.95, 0.92, 0.94],
  ['fakeddit', 'BMLHF-H', 0.92, 0.89, 0.945, 0.925, 0.945, 0.89, 0.925],
  ['fakeddit', 'BMLHF-tra', 0.935, 0.94, 0.93, 0.935, 0.93, 0.94, 0.935],
  ['fakeddit', 'BMLHF-ter', 0.936, 0.935, 0.925, 0.93, 0.925, 0.935, 0.93],
  ['fakeddit', 'BMLHF', 0.95, 0.945, 0.955, 0.95, 0.955, 0.945, 0.95],
];

/** Table 2 of the paper, one row per (dataset key, method); dataset keys as in common.ts DATASETS. */
export const PAPER_TABLE2: readonly PaperRow[] = rows.map(([dataset, method, ...v]) => ({
  dataset,
  method,
  ...(Object.fromEntries(TABLE2_METRICS.map((k, i) => [k, v[i]])) as Record<PaperMetricKey, number>),
}));

export function paperTable2(dataset: string, method: string): PaperRow | undefined {
  return PAPER_TABLE2.find((r) => r.dataset === dataset && r.method === method);
}

/** Figs 9–11, Section 4.4.3: the hyperparameters swept and the paper's settings (the grid search's optimum). */
export const SENSITIVITY_PARAMS = ['tau', 'alpha1', 'alpha2'] as const;
export type SensitivityParam = (typeof SENSITIVITY_PARAMS)[number];
export const PAPER_SETTINGS: Record<SensitivityParam, number> = { tau: 0.5, alpha1: 0.8, alpha2: 0.5 };

/**
 * "BMLHF performs better in the range [0.3, 0.5] on Weibo, 0.5 on Twitter and
 * Fakeddit" (τ); α1: [0.7, 0.9] on Weibo, 0.8 elsewhere; α2: [0.4, 0.6] on
 * Weibo, 0.5 elsewhere. Inclusive [lo, hi] per dataset key.
 */
export const PAPER_BEST_RANGE: Record<SensitivityParam, Record<string, [number, number]>> = {
  tau: { weibo: [0.3, 0.5], twitter: [0.5, 0.5], fakeddit: [0.5, 0.5] },
  alpha1: { weibo: [0.7, 0.9], twitter: [0.8, 0.8], fakeddit: [0.8, 0.8] },
  alpha2: { weibo: [0.4, 0.6], twitter: [0.5, 0.5], fakeddit: [0.5, 0.5] },
};

/** Fig. 12: "BMLHF tends to achieve the best result at about 70 epochs" of 100, "then … stable performance". */
export const PAPER_BEST_EPOCH = { epoch: 70, of: 100 };
