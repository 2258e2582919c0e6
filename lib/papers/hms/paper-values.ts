/**
 * The HMS paper's own numbers (arXiv 2604.09711), as far as the public
 * summary (/work/shared/papers/hms-head-wise-modality-specialization-summary.txt)
 * and the leaderboard listing quoted in docs/IMPLEMENTATION-NOTES.md give them.
 * The full tables are not public in what we could read.
 */
export const PAPER_VALUES = {
  /** "On the Weibo benchmark, our method raises image-only macro-F1 from 0.3187 to 0.6063" */
  weiboImageOnly: { baseline: 0.3187, hms: 0.6063 },
  /** DGM4 multimodal macro-F1 (%, leaderboard listing) per unimodal budget; 1 % not listed */
  dgm4Multimodal: { 0.0025: 79.7, 0.05: 79.3 } as Record<number, number>,
  budgets: [0.0025, 0.01, 0.05],
};
