/**
 * Penultimate-layer image features from the two CNNs nsfwjs ships.
 *
 * nsfwjs' models are tf.LayersModel: an ImageNet-style backbone, then
 * AveragePooling2D (global: 7×7 → 1×1 for MobileNetV2, 8×8 → 1×1 for
 * InceptionV3) and `flatten_1`, then a small NSFW head (Dense 256 → 128 → 5).
 * We cut at `flatten_1` — the global-average-pooled backbone embedding that
 * feeds the head: MobileNetV2 1280-d, InceptionV3 2048-d. (The head's Dense
 * layers are NSFW-specific; the backbone is the generic visual part.)
 *
 * Input: RGB / 255 in [0, 1] (nsfwjs' own `infer` normalisation), 224×224
 * (MobileNetV2) or 299×299 (InceptionV3).
 *
 * nsfwjs is imported with ESM `import()`: its CommonJS build is 20× slower to
 * load. tfjs comes from the caller's initialised backend (wasm by default).
 */
import * as tf from '@tensorflow/tfjs';

export type CnnName = 'MobileNetV2' | 'InceptionV3';

export interface CnnSpec {
  size: number;
  dim: number;
  source: string;
}

export const CNN_SPECS: Record<CnnName, CnnSpec> = {
  MobileNetV2: { size: 224, dim: 1280, source: 'mobilenetv2-gap-1280' },
  InceptionV3: { size: 299, dim: 2048, source: 'inceptionv3-gap-2048' },
};
/** bump when preprocessing / cut layer change (invalidates caches) */
export const CNN_VERSION = 1;
const CUT_LAYER = 'flatten_1';

export interface Cnn extends CnnSpec {
  name: CnnName;
  /** [B, size, size, 3] uint8 RGB images (concatenated) → [B, dim] */
  embed(pixels: Uint8Array, batch: number): Promise<Float32Array>;
}

const loaded = new Map<CnnName, Promise<Cnn>>();

export function loadCnn(name: CnnName): Promise<Cnn> {
  let p = loaded.get(name);
  if (!p) {
    p = load(name);
    loaded.set(name, p);
    p.catch(() => loaded.delete(name));
  }
  return p;
}

async function load(name: CnnName): Promise<Cnn> {
  const spec = CNN_SPECS[name];
  const nsfwjs = await import('nsfwjs');
  // nsfwjs.load prints a banner with console.info (stdout): keep stdout clean
  const info = console.info;
  console.info = () => {};
  let net;
  try {
    net = await nsfwjs.load(name, { size: spec.size });
  } finally {
    console.info = info;
  }
  const full = net.model as tf.LayersModel;
  const layer = full.getLayer(CUT_LAYER);
  const cut = tf.model({ inputs: full.inputs, outputs: layer.output as tf.SymbolicTensor });
  const outDim = (cut.outputs[0].shape as number[])[1];
  if (outDim !== spec.dim) throw new Error(`${name}: layer ${CUT_LAYER} has width ${outDim}, expected ${spec.dim}`);
  return {
    name,
    ...spec,
    async embed(pixels, batch) {
      const { size } = spec;
      if (pixels.length !== batch * size * size * 3) throw new Error(`${name}.embed: ${pixels.length} bytes for ${batch} images of ${size}×${size}×3`);
      const f = new Float32Array(pixels.length);
      for (let i = 0; i < f.length; i++) f[i] = pixels[i] / 255; // [0, 1], as nsfwjs' infer
      const y = tf.tidy(() => cut.predict(tf.tensor4d(f, [batch, size, size, 3])) as tf.Tensor2D); // [B, S, S, 3] → [B, dim]
      try {
        return (await y.data()) as Float32Array;
      } finally {
        y.dispose();
      }
    },
  };
}
