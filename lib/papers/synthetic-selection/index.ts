import type { Artefact } from '../../experiment/artefact';
import { table } from './table';
import { figN } from './fig-n';
import { gap } from './gap';

export const SYNTHETIC_SELECTION_ARTEFACTS: Artefact[] = [table, figN, gap];
