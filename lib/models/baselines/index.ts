/**
 * The BMLHF Table 1 multimodal baselines (Section 4.3.1) by name.
 *
 *   const m = makeBaseline('CAFE', dims, { seed: 0 });
 *   const e = makeBaseline('EANN', dims, { seed: 0, events: ds.eventNames?.length ?? 0 });
 *
 * Every model exposes groups() and branches keyed {text, image}, so the MIB
 * balancer (BMLHF Fig. 8) and OGM-GE plug into any of them. SpotFake+ is
 * `concatFusion` in lib/models/late-fusion.ts; BERT / Swin-T are textOnly /
 * imageOnly there. LogicDM, QMFND and MTTV are listed in NOT_REPRODUCED.
 */
import type { Model } from '../model';
import { EANN, type EANNOptions } from './eann';
import { SAFE, type SAFEOptions } from './safe';
import { CAFE, type CAFEOptions } from './cafe';
import { MRML, type MRMLOptions } from './mrml';
import { BMR, type BMROptions } from './bmr';
import { NOT_REPRODUCED } from './not-reproduced';

export { EANN, SAFE, CAFE, MRML, BMR, NOT_REPRODUCED };
export type { EANNOptions, SAFEOptions, CAFEOptions, MRMLOptions, BMROptions };

export const BASELINE_NAMES = ['EANN', 'SAFE', 'CAFE', 'MRML', 'BMR'] as const;

export interface BaselineOptions {
  seed?: number;
  /** number of event ids (EANN's discriminator width); 0 / absent: discriminator off. Ignored by the others. */
  events?: number;
  /** per-model option overrides, e.g. { beta: 0.5 } for SAFE */
  overrides?: Record<string, unknown>;
}

export function makeBaseline(name: string, dims: Record<string, number>, { seed = 0, events = 0, overrides = {} }: BaselineOptions = {}): Model {
  const common = { seed, ...overrides };
  switch (name) {
    case 'EANN':
      return new EANN(dims, { events, ...common } as EANNOptions);
    case 'SAFE':
      return new SAFE(dims, common as SAFEOptions);
    case 'CAFE':
      return new CAFE(dims, common as CAFEOptions);
    case 'MRML':
      return new MRML(dims, common as MRMLOptions);
    case 'BMR':
      return new BMR(dims, common as BMROptions);
    default: {
      const skipped = name in NOT_REPRODUCED ? ` ('${name}' is not reproduced: ${NOT_REPRODUCED[name].reason})` : '';
      throw new Error(`makeBaseline: unknown baseline '${name}'${skipped}; valid names: ${BASELINE_NAMES.join(', ')}`);
    }
  }
}
