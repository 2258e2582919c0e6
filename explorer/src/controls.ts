/**
 * The explorer's controls, as data: the page draws one input per entry, and
 * the balancing choices come from the balancer registry
 * (lib/balance/index.ts), so a balancer registered there appears here
 * without touching the page.
 */
import { BALANCING_METHODS as BALANCERS, makeMethod as makeBalancer } from '../../lib/balance/index';
import { MIB_DEFAULTS } from '../../lib/balance/mib';
import { DEFAULT_VIEWS } from '../../lib/data/synthetic';

export type MissingModality = 'image' | 'text' | 'both';

export interface ExplorerSettings {
  /** label signal of the textPattern view (textSemantic keeps its default ratio to it) */
  textSignal: number;
  /** label signal of the imagePattern view (imageSemantic likewise) */
  imageSignal: number;
  /** P(the image shows other content than the text) for a fake post */
  mismatch: number;
  missingModality: MissingModality;
  missingTrain: number;
  missingTest: number;
  /** 'none' or a key of BALANCERS */
  balancer: string;
  /** where the balancer's factor applies (lib/train/trainer.ts) */
  balanceMode: 'gradient' | 'update';
  epochs: number;
  seed: number;
  samples: number;
}

export const DEFAULT_SETTINGS: ExplorerSettings = {
  textSignal: DEFAULT_VIEWS.textPattern.signal,
  imageSignal: DEFAULT_VIEWS.imagePattern.signal,
  mismatch: 0.4,
  missingModality: 'image',
  missingTrain: 0,
  missingTest: 0,
  balancer: 'none',
  // MIB's own default: k scales the Adam step (under Adam a factor on the gradient is largely divided out)
  balanceMode: MIB_DEFAULTS.mode,
  epochs: 10,
  seed: 1,
  samples: 3000,
};

export interface RangeControl {
  kind: 'range';
  key: keyof ExplorerSettings;
  label: string;
  min: number;
  max: number;
  step: number;
  help: string;
}
export interface SelectControl {
  kind: 'select';
  key: keyof ExplorerSettings;
  label: string;
  options: { value: string; label: string }[];
  help: string;
}
export type Control = RangeControl | SelectControl;

/** 'none' plus every registered balancer, labelled with its own name (MIB, …). */
export function balancerOptions(): { value: string; label: string }[] {
  return [{ value: 'none', label: 'none' }, ...Object.keys(BALANCERS).map((k) => ({ value: k, label: makeBalancer(k).name }))];
}

export function controls(): Control[] {
  return [
    {
      kind: 'range',
      key: 'textSignal',
      label: 'text signal',
      min: 0,
      max: 2,
      step: 0.05,
      help: 'label signal of the text views, in noise std (a clear post alone gives ≈ Φ(s) accuracy)',
    },
    {
      kind: 'range',
      key: 'imageSignal',
      label: 'image signal',
      min: 0,
      max: 2,
      step: 0.05,
      help: 'label signal of the image views; the default is weak, as in the papers',
    },
    {
      kind: 'range',
      key: 'mismatch',
      label: 'mismatch of fake posts',
      min: 0,
      max: 1,
      step: 0.05,
      help: 'share of fake posts whose image shows other content than the text (real posts: 5%)',
    },
    {
      kind: 'select',
      key: 'missingModality',
      label: 'missing modality',
      options: [
        { value: 'image', label: 'image' },
        { value: 'text', label: 'text' },
        { value: 'both', label: 'either (never both)' },
      ],
      help: 'which modality the missing rates below remove (its views become zeros)',
    },
    {
      kind: 'range',
      key: 'missingTrain',
      label: 'missing rate, training',
      min: 0,
      max: 0.9,
      step: 0.05,
      help: 'share of training and validation posts without that modality',
    },
    {
      kind: 'range',
      key: 'missingTest',
      label: 'missing rate, test',
      min: 0,
      max: 1,
      step: 0.05,
      help: 'share of test posts without it (the accuracy readouts use this rate)',
    },
    {
      kind: 'select',
      key: 'balancer',
      label: 'balancing (joint model)',
      options: balancerOptions(),
      help: 'per-modality gradient balancing of the joint model (MIB: BMLHF Eq. 2–5, α1 = 0.8)',
    },
    {
      kind: 'select',
      key: 'balanceMode',
      label: 'balancing acts on',
      options: [
        { value: 'update', label: "the Adam step (MIB's default)" },
        { value: 'gradient', label: 'the gradient (Eq. 5 as printed)' },
      ],
      help: 'under Adam a slowly varying gradient factor is largely divided out; scaling the step applies it literally',
    },
    {
      kind: 'range',
      key: 'epochs',
      label: 'epochs',
      min: 1,
      max: 40,
      step: 1,
      help: 'training epochs of each model (weights of the best validation epoch are kept)',
    },
    {
      kind: 'range',
      key: 'seed',
      label: 'seed',
      min: 0,
      max: 99,
      step: 1,
      help: 'one seed drives the posts, the split, the initial weights and the shuffling',
    },
  ];
}

/** Settings from a partial object (URL query, test), each field checked by name. */
export function checkSettings(s: Partial<Record<keyof ExplorerSettings, unknown>>): ExplorerSettings {
  const out: ExplorerSettings = { ...DEFAULT_SETTINGS };
  for (const [k, v] of Object.entries(s)) {
    if (!(k in DEFAULT_SETTINGS)) throw new Error(`explorer: unknown setting '${k}' (known: ${Object.keys(DEFAULT_SETTINGS).join(', ')})`);
    const key = k as keyof ExplorerSettings;
    if (typeof DEFAULT_SETTINGS[key] === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Error(`explorer: setting '${k}' must be a number, got ${JSON.stringify(v)}`);
      (out[key] as number) = n;
    } else (out[key] as string) = String(v);
  }
  if (out.balancer !== 'none' && !(out.balancer in BALANCERS))
    throw new Error(`explorer: setting 'balancer' must be none or one of ${Object.keys(BALANCERS).join(', ')}, got '${out.balancer}'`);
  if (!['image', 'text', 'both'].includes(out.missingModality))
    throw new Error(`explorer: setting 'missingModality' must be image, text or both, got '${out.missingModality}'`);
  if (!['gradient', 'update'].includes(out.balanceMode))
    throw new Error(`explorer: setting 'balanceMode' must be gradient or update, got '${out.balanceMode}'`);
  if (!Number.isInteger(out.epochs) || out.epochs < 1) throw new Error(`explorer: setting 'epochs' must be a positive integer, got ${out.epochs}`);
  return out;
}
