/**
 * Parameter initialisation schemes of the layers in lib/nn.
 *
 *   'torch'  (default) PyTorch's nn.Linear / nn.Conv default (reset_parameters):
 *            W ~ kaiming_uniform(a = √5)  =  U(±gain·√3/√fan_in) with gain = √(2/(1 + a²)) = √(1/3),
 *                                        =  U(±1/√fan_in)
 *            b ~ U(±1/√fan_in)           (fan_in of the layer's weight)
 *            The authors' code of BMLHF's baselines, CMC (CRD, BLOCK), COOLANT (CAFE), the GeWu-Lab
 *            balancing methods and MoMKE is PyTorch, so their layers start from this.
 *   'glorot' W ~ U(±√(6/(fan_in + fan_out))), b = 0 — the workbench's scheme before issue 24 (Keras's
 *            default), kept as a model option (`init: 'glorot'`).
 * Why it matters: with zero biases and an all-zero input (a post without an image), a ReLU branch
 * outputs exactly 0 and gets no gradient, and a product fusion (BLOCK, CMC Eq. 9) of it is 0 for every
 * post; PyTorch's non-zero biases let the branch and the fusion move.
 *
 * The scheme is chosen per model construction: `withInit(scheme, () => new Model(...))` sets it for
 * every layer built inside the call (the model registry does this from the model option `init`); a
 * layer given an explicit scheme uses that. Same seed and scheme → same bytes.
 */
import { tf } from '../backend/index';
import { deriveSeed } from '../util/random';

export type InitScheme = 'torch' | 'glorot';
export const INIT_SCHEMES: readonly InitScheme[] = ['torch', 'glorot'];
export const DEFAULT_INIT: InitScheme = 'torch';

let current: InitScheme = DEFAULT_INIT;

/** The scheme layers built now use (inside withInit: its scheme; else the default). */
export function currentInit(): InitScheme {
  return current;
}

/** Runs `build` with every layer it constructs initialised by `scheme`; restores the previous scheme after. */
export function withInit<T>(scheme: InitScheme | undefined, build: () => T): T {
  const s = scheme ?? DEFAULT_INIT;
  checkInit(s, 'init');
  const prev = current;
  current = s;
  try {
    return build();
  } finally {
    current = prev;
  }
}

export function checkInit(s: unknown, where: string): asserts s is InitScheme {
  if (!INIT_SCHEMES.includes(s as InitScheme)) throw new Error(`${where}: must be ${INIT_SCHEMES.join(' | ')}, got ${JSON.stringify(s)}`);
}

/** Glorot-uniform init of a [fan_in, fan_out] weight, seeded. */
export function glorot(shape: [number, number], seed: number): tf.Tensor {
  const lim = Math.sqrt(6 / (shape[0] + shape[1]));
  return tf.randomUniform(shape, -lim, lim, 'float32', seed);
}

/** PyTorch's default bound 1/√fan_in (kaiming_uniform with a = √5 for weights; the bias bound of nn.Linear). */
export const torchBound = (fanIn: number): number => 1 / Math.sqrt(fanIn);

/**
 * A weight of `shape` whose fan-in is `fanIn` (default shape[0]: our weights are [in, out]), by `scheme`
 * (default: currentInit()). Glorot reads the fan-out as the product of the other axes.
 */
export function initWeight(shape: number[], seed: number, fanIn = shape[0], scheme: InitScheme = current): tf.Tensor {
  if (scheme === 'glorot') {
    if (shape.length !== 2) throw new Error(`initWeight: glorot needs a [in, out] shape, got [${shape.join(', ')}]`);
    return glorot(shape as [number, number], seed);
  }
  const b = torchBound(fanIn);
  return tf.randomUniform(shape, -b, b, 'float32', seed);
}

/** A bias of `shape` for a layer whose weight has fan-in `fanIn`: U(±1/√fan_in) (torch) or zeros (glorot). */
export function initBias(shape: number[], fanIn: number, seed: number, scheme: InitScheme = current): tf.Tensor {
  if (scheme === 'glorot') return tf.zeros(shape);
  const b = torchBound(fanIn);
  return tf.randomUniform(shape, -b, b, 'float32', deriveSeed(seed, 'bias'));
}
