/**
 * The imbalance ratio between two modalities (OGM-GE's discrepancy ratio
 * ρ = s_strong / s_weak, with s_m the mean softmax probability of the true
 * class from modality m's unimodal head): 1 = balanced, > 1 = the first
 * modality dominates. The strong one is the larger score, so the ratio is
 * always ≥ 1 and names which modality leads.
 */
export interface ImbalanceRatio {
  ratio: number;
  strong: string;
  weak: string;
}

export function imbalanceRatio(scores: Record<string, number>): ImbalanceRatio {
  const entries = Object.entries(scores);
  if (entries.length !== 2)
    throw new Error(`imbalanceRatio: needs exactly two modalities, got ${entries.length} (${Object.keys(scores).join(', ') || 'none'})`);
  for (const [k, v] of entries)
    if (!(v > 0) || !Number.isFinite(v)) throw new Error(`imbalanceRatio: score of '${k}' must be a positive finite number, got ${v}`);
  const [a, b] = entries;
  const [strong, weak] = a[1] >= b[1] ? [a, b] : [b, a];
  return { ratio: strong[1] / weak[1], strong: strong[0], weak: weak[0] };
}
