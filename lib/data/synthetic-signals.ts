/**
 * The synthetic default's views with each modality's label signal scaled:
 * `signalViews({ image: 0.5 })` halves the image signal s_v of both image
 * views (a stronger imbalance), `{ image: 2 }` doubles it. Only the signal
 * strengths change; the world (directions, projections, events) stays the
 * same, because the generator draws it from the seed before any post.
 */
import { MODALITIES, type Modality } from './dataset';
import { DEFAULT_VIEWS, type ViewSpec } from './synthetic';

export function signalViews(scale: Partial<Record<Modality, number>>, base: Record<string, ViewSpec> = DEFAULT_VIEWS): Record<string, ViewSpec> {
  for (const [m, f] of Object.entries(scale)) {
    if (!MODALITIES.includes(m as Modality)) throw new Error(`signalViews: unknown modality '${m}' (known: ${MODALITIES.join(', ')})`);
    if (!(Number.isFinite(f) && (f as number) >= 0)) throw new Error(`signalViews: scale of '${m}' must be a finite number ≥ 0, got ${f}`);
  }
  return Object.fromEntries(Object.entries(base).map(([k, v]) => [k, { ...v, signal: +(v.signal * (scale[v.modality] ?? 1)).toFixed(6) }]));
}
