/**
 * The CMC paper's own numbers (Wei et al., "Cross-modal knowledge
 * distillation in multi-modal fake news detection"), read from
 * ../shared/papers/cmc-cross-modal-knowledge-distillation.txt: Table 1
 * (dataset statistics), Table 2 (comparison), Table 3 (ablations on Weibo).
 * '-' in the paper → null. The paper gives single numbers (no std, no seeds).
 */
export const METRICS = ['acc', 'fakeP', 'fakeR', 'fakeF1', 'realP', 'realR', 'realF1'] as const;
export type MetricKey = (typeof METRICS)[number];
export type PaperRow = Record<MetricKey, number | null>;

const row = (...v: (number | null)[]): PaperRow => Object.fromEntries(METRICS.map((k, i) => [k, v[i]])) as PaperRow;
const _ = null;

/** Table 1: statistics of the paper's datasets. */
export const PAPER_TABLE1: Record<string, { trainFake: number; trainReal: number; testFake: number; testReal: number; all: number }> = {
  weibo: { trainFake: 3749, trainReal: 3783, testFake: 1000, testReal: 996, all: 9528 },
  politifact: { trainFake: 135, trainReal: 246, testFake: 29, testReal: 75, all: 485 },
  gossipcop: { trainFake: 2036, trainReal: 7974, testFake: 545, testReal: 2285, all: 12840 },
};

/** Table 2, per paper dataset: method → row (paper order). */
export const PAPER_TABLE2: Record<string, [string, PaperRow][]> = {
  weibo: [
    ['att-RNN', row(0.788, 0.862, 0.686, 0.764, 0.738, 0.89, 0.807)],
    ['EANN', row(0.827, 0.847, 0.812, 0.829, _, _, _)],
    ['MVAE', row(0.824, 0.854, 0.769, 0.809, 0.802, 0.875, 0.837)],
    ['Spotfake', row(0.892, 0.902, 0.964, 0.932, 0.847, 0.656, 0.739)],
    ['MVNN', row(0.846, 0.809, 0.857, 0.832, _, _, _)],
    ['CARMN', row(0.869, 0.935, 0.796, 0.86, 0.82, 0.944, 0.878)],
    ['CMC', row(0.908, 0.94, 0.869, 0.899, 0.876, 0.945, 0.907)],
  ],
  politifact: [
    ['RoBERTa-MWSS', row(0.82, _, _, _, 0.82, _, _)],
    ['SAFE', row(0.874, _, _, _, 0.889, 0.903, 0.896)],
    ['Spotfake+', row(0.846, _, _, _, _, _, _)],
    ['TM', row(0.871, _, _, _, 0.901, _, _)],
    ['LSTM-ATT', row(0.832, _, _, _, 0.836, 0.832, 0.829)],
    ['DistilBert', row(_, 0.875, 0.636, 0.737, 0.647, 0.88, 0.746)],
    ['CMC', row(0.894, 0.806, 0.862, 0.833, 0.944, 0.92, 0.932)],
  ],
  gossipcop: [
    ['RoBERTa-MWSS', row(0.8, _, _, _, 0.8, _, _)],
    ['SAFE', row(0.838, _, _, _, 0.857, 0.937, 0.895)],
    ['Spotfake+', row(0.856, _, _, _, _, _, _)],
    ['TM', row(0.842, _, _, _, 0.896, _, _)],
    ['LSTM-ATT', row(0.842, _, _, _, 0.839, 0.842, 0.821)],
    ['DistilBert', row(_, 0.805, 0.527, 0.637, 0.866, 0.96, 0.911)],
    ['CMC', row(0.893, 0.826, 0.657, 0.692, 0.92, 0.963, 0.935)],
  ],
};

export const TABLE3_VARIANTS = ['Finetune-V', 'Finetune-T', 'CMC-V', 'CMC-T', 'CMC-shared', 'CMC'] as const;
export type Table3Variant = (typeof TABLE3_VARIANTS)[number];

/** Table 3: ablations on Weibo ('S' single-modal, 'M' multi-modal). Note: the CMC row's fake recall (0.891) differs from Table 2's (0.869) in the paper itself. */
export const PAPER_TABLE3: Record<Table3Variant, { modal: 'S' | 'M'; row: PaperRow }> = {
  'Finetune-V': { modal: 'S', row: row(0.594, 0.59, 0.617, 0.603, 0.597, 0.57, 0.583) },
  'Finetune-T': { modal: 'S', row: row(0.898, 0.905, 0.867, 0.898, 0.87, 0.906, 0.899) },
  'CMC-V': { modal: 'S', row: row(0.689, 0.666, 0.764, 0.711, 0.722, 0.614, 0.664) },
  'CMC-T': { modal: 'S', row: row(0.904, 0.936, 0.869, 0.898, 0.874, 0.941, 0.9) },
  'CMC-shared': { modal: 'M', row: row(0.896, 0.911, 0.88, 0.895, 0.876, 0.914, 0.898) },
  CMC: { modal: 'M', row: row(0.908, 0.94, 0.891, 0.9, 0.883, 0.945, 0.907) },
};

/** The text's numbers (Sec. 3.3): CMC-V − Finetune-V = +9.5 pts, CMC-T − Finetune-T = +0.6 pts. */
export const PAPER_GAINS = { image: 0.095, text: 0.006 };

/** Not reproduced rows of Table 2, with why. */
export const NOT_REPRODUCED_CMC: Record<string, string> = {
  'att-RNN':
    'LSTM over word tokens with attention from VGG-19 image features onto the text and social context; our views are pooled vectors without tokens or social-context features',
  MVAE: 'a multimodal variational auto-encoder reconstructing word sequences and VGG-19 features; not implemented in the workbench (no sequence decoder over our pooled views)',
  MVNN: 'a frequency-domain + pixel-domain CNN-RNN over raw images; our image inputs are pooled CNN features, not pixels',
  CARMN: 'cross-modal attention residual + multichannel CNN over word-level text features; needs token sequences',
  'RoBERTa-MWSS':
    'RoBERTa trained with multi-source weak social supervision; needs social-engagement signals (and PolitiFact/GossipCop data, not available here)',
  TM: 'a Tsetlin machine over boolean bag-of-words; not implemented (and reported on PolitiFact/GossipCop only, not available here)',
  'LSTM-ATT': 'an LSTM with attention over article tokens (PolitiFact/GossipCop only, not available here)',
  DistilBert:
    'fine-tuned DistilBERT with multimodal correlation features (PolitiFact/GossipCop only, not available here); no transformer weights reach Node offline',
};
