export { Coolant, COOLANT_DEFAULTS, COOLANT_ABLATIONS, type CoolantOptions, type CoolantAblation } from './model';
export { SimilarityModule, softTargets } from './similarity';
export { CrossModalFusion } from './fusion';
export { AmbiguityModule } from './ambiguity';
export { GuidedAttention, aggregate, guidanceLoss, guidanceTarget } from './attention';
export { CoolantClassifier } from './classifier';
