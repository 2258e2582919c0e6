/** Every registered artefact, by paper. `npm run reproduce -- --only <paper>[/<id>]` filters these. */
import type { Artefact } from '../experiment/artefact';
import { BMLHF_ARTEFACTS } from './bmlhf/index';
import { CMC_ARTEFACTS } from './cmc/index';
import { COOLANT_ARTEFACTS } from './coolant/index';
import { HMS_ARTEFACTS } from './hms/index';
import { IMBALANCE_ARTEFACTS } from './imbalance/index';
import { SYNTHETIC_SELECTION_ARTEFACTS } from './synthetic-selection/index';

export const PAPERS: Record<string, Artefact[]> = {
  bmlhf: BMLHF_ARTEFACTS,
  cmc: CMC_ARTEFACTS,
  coolant: COOLANT_ARTEFACTS,
  'synthetic-selection': SYNTHETIC_SELECTION_ARTEFACTS,
  hms: HMS_ARTEFACTS,
  imbalance: IMBALANCE_ARTEFACTS,
};

export function selectArtefacts(only?: string[]): Artefact[] {
  const all = Object.values(PAPERS).flat();
  if (!only?.length) return all;
  const picked = all.filter((a) => only.some((o) => o === a.paper || o === `${a.paper}/${a.id}`));
  const unknown = only.filter((o) => !all.some((a) => o === a.paper || o === `${a.paper}/${a.id}`));
  if (unknown.length) throw new Error(`--only: unknown ${unknown.map((u) => `'${u}'`).join(', ')} (known: ${all.map((a) => `${a.paper}/${a.id}`).join(', ')})`);
  return picked;
}
