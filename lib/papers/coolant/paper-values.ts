/**
 * The paper's own numbers that we hold (from
 * /work/shared/papers/coolant-cross-modal-contrastive-summary.txt): the
 * headline test accuracies of COOLANT. The summary does not reproduce the
 * paper's per-class precision/recall/F1, its baseline rows or its ablation
 * table, so those cells say "not in the summary we hold" instead of a number.
 */
export const PAPER_ACC: Record<string, number> = {
  twitter: 0.9,
  weibo: 0.923,
};

export const NOT_IN_SUMMARY = 'not in the summary we hold';

export function paperAcc(datasetKey: string): number | undefined {
  return PAPER_ACC[datasetKey];
}
