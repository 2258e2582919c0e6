/**
 * DisSim (Zeng et al. 2024, distributional similarity, after LAVA — Just et
 * al., ICLR 2023): entropic OT between the synthetic set (source, uniform
 * weights) and the unlabelled real validation set (target), by log-domain
 * Sinkhorn on the cosine cost of mixed-modal embeddings; each synthetic
 * point's calibrated dual potential g_i = f_i − mean_{j≠i} f_j says how the
 * OT distance moves when weight shifts onto it. The N most negative are the
 * points that pull the training set toward the target; keep those.
 *
 * The paper's code calls geomloss (its "calibrated Wasserstein gradient");
 * our ε is an option (default 0.05 on a cost in [0, 2]), not published.
 */
import { cosineCost } from '../ot/cost';
import { calibratedPotentials, sinkhorn, type SinkhornOptions } from '../ot/sinkhorn';

export interface DissimResult {
  /** [n] calibrated potentials (lower = closer to the target) */
  scores: Float64Array;
  /** the OT run: cost ⟨P, C⟩, iterations, converged */
  ot: { cost: number; iterations: number; converged: boolean; epsilon: number };
}

export function dissimScores(E: Float32Array, n: number, V: Float32Array, m: number, d: number, options: SinkhornOptions = {}): DissimResult {
  if (n < 2 || m < 1) throw new Error(`dissimScores: need ≥ 2 synthetic and ≥ 1 validation rows (got ${n}, ${m})`);
  const C = cosineCost(E, n, V, m, d); // [n, m]
  const r = sinkhorn(C, n, m, options);
  return { scores: calibratedPotentials(r.f), ot: { cost: r.cost, iterations: r.iterations, converged: r.converged, epsilon: r.epsilon } };
}
