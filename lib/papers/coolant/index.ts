import type { Artefact } from '../../experiment/artefact';
import { comparison } from './comparison';
import { ablation } from './ablation';
import { interpretability } from './interpretability';
import { tsne } from './tsne';
import { temperature } from './temperature';
import { cost } from './cost';

export const COOLANT_ARTEFACTS: Artefact[] = [comparison, ablation, interpretability, tsne, temperature, cost];
