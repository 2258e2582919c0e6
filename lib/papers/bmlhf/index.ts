import type { Artefact } from '../../experiment/artefact';
import { fig1 } from './fig1';
import { fig2 } from './fig2';

export const BMLHF_ARTEFACTS: Artefact[] = [fig1, fig2];
