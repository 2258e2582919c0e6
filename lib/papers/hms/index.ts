import type { Artefact } from '../../experiment/artefact';
import { table1 } from './table1';
import { table2 } from './table2';
import { headsArtefact } from './heads';
import { missingRate } from './missing-rate';
import { sweeps } from './sweeps';

export const HMS_ARTEFACTS: Artefact[] = [table1, table2, headsArtefact, missingRate, sweeps];
