/**
 * Loss functions, one per file. Cross-entropy (BMLHF Eq. 17, sign fixed) is
 * `crossEntropy` in lib/models/model.ts (not re-exported here: losses sit
 * before models in the data flow and must not import from them).
 */
export { supCon, SUPCON_DEFAULTS, type SupConOptions } from './supcon';
export { hmsPenalty, HMS_DEFAULTS, type HmsOptions } from './hms';
