/**
 * What the paper (Zeng et al., Findings of EMNLP 2024, arXiv 2409.19656)
 * reports, as far as the public text we could read goes
 * (../shared/papers/synthetic-data-selection-mmd-summary.txt and
 * docs/IMPLEMENTATION-NOTES.md). Its detectors are fine-tuned multimodal LLMs
 * (LLaVA-NeXT 13B, mPLUG-Owl2) on other targets (MediaEval Twitter,
 * Fauxtography, MOCHEG), and its per-dataset tables and N values are not in
 * what we could read — so no number of ours stands beside a number of the
 * paper: the claims below are checked on our runs instead.
 */
export const PAPER_CLAIMS = {
  selectionBeatsRandom: 'data selection (SemSim / DisSim) improves over training on randomly chosen synthetic data',
  moreIsNotBetter: 'more synthetic data is not always better: some selected N beats training on all synthetic data',
  methodDependsOnTarget: 'which similarity (SemSim or DisSim) works better differs between real-world target sets',
  closesGap: 'selection bridges the gap between the synthetic and the real-world distribution',
} as const;
