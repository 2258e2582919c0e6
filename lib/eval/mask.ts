/**
 * Zero-masking a set of modalities: the dataset as a model sees it when
 * those modalities are absent (data/missing's zeroModalities on every row:
 * views and token sequences zeroed, present[m] = 0, exactly how a loader
 * represents a missing image). Unlike the evaluation modes of makeBatch
 * ('text-only', 'image-only') it can mask both modalities at once: the empty
 * coalition of a Shapley value.
 */
import { MODALITIES, type Dataset, type Modality } from '../data/dataset';
import { zeroModalities } from '../data/missing';

export function maskModalities(ds: Dataset, masked: readonly Modality[]): Dataset {
  for (const m of masked) if (!MODALITIES.includes(m)) throw new Error(`maskModalities: unknown modality '${m}' (known: ${MODALITIES.join(', ')})`);
  if (!masked.length) return ds;
  return zeroModalities(ds, Object.fromEntries(masked.map((m) => [m, true])));
}
