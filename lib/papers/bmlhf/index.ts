import type { Artefact } from '../../experiment/artefact';
import { fig1 } from './fig1';
import { fig2 } from './fig2';
import { table2 } from './table2';
import { fig7 } from './fig7';
import { fig8 } from './fig8';
import { sensitivity } from './sensitivity';
import { fig12 } from './fig12';
import { table1 } from './table1';
import { table3 } from './table3';
import { table4 } from './table4';
import { tsne } from './tsne';

export const BMLHF_ARTEFACTS: Artefact[] = [fig1, fig2, table2, fig7, fig8, sensitivity, fig12, table1, table3, table4, tsne];
