import type { Artefact } from '../../experiment/artefact';
import { comparison } from './comparison';
import { figCoefficients, figCurves, figStrength } from './figures';

export const IMBALANCE_ARTEFACTS: Artefact[] = [comparison, figCurves, figCoefficients, figStrength];
