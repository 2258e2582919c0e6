import type { Artefact } from '../../experiment/artefact';
import { table1 } from './table1';
import { table2 } from './table2';
import { table3 } from './table3';
import { fig2 } from './fig2';
import { figImbalance } from './fig-imbalance';

export const CMC_ARTEFACTS: Artefact[] = [table1, table2, table3, fig2, figImbalance];
