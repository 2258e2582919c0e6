/**
 * The embedded default dataset: a seeded generator of multimodal "posts"
 * whose text carries a strong label signal and whose image carries a weak
 * but complementary one, so a jointly trained model leans on text and
 * under-uses the image — the modality imbalance the papers study.
 *
 * Generative model (per sample i, all draws from one seeded RNG):
 *   event      e_i ~ Uniform{0..E-1};   each event has a fake rate π_e ~ Beta(2, 2)
 *                                        and a shift vector δ_{e,v} per view v
 *   label      y_i ~ Bernoulli(π_{e_i}),  ±_i = 2 y_i − 1   (1 = fake, 0 = real)
 *   content    c_i ~ N(0, I_k)           — what the post is "about", shared by text and image
 *   mismatch   m_i ~ Bernoulli(y_i ? pMismatchFake : pMismatchReal)
 *              the image shows c'_i = m_i ? fresh N(0, I_k) : c_i  (cross-modal inconsistency)
 *   clarity    a^text_i ~ Bernoulli(textClarity), a^image_i ~ Bernoulli(imageClarity):
 *              on an unclear post the modality carries no label signal, so the image
 *              genuinely helps on posts whose text is ambiguous
 *   view v of modality m, dim d_v, signal strength s_v, direction μ_v (unit, random):
 *     x_{i,v} = content_v · A_v c^{(m)}_i + s_v · ±_i · a^m_i · μ_v
 *             + eventScale · δ_{e_i, v} + ε,   ε ~ N(0, I)
 *   The signal is spread over the view: μ_v has unit norm, so a linear probe on
 *   view v alone separates the classes with margin 2 s_v against unit noise
 *   (Bayes accuracy ≈ Φ(s_v) on clear posts).
 *   missing    each modality is absent with probability missingRate[m]; an absent
 *              modality's views are zeros and present[m]_i = 0 (never both absent)
 *   noise      a fraction labelNoise of labels is flipped after generation
 *
 * Semantic views see the content c (text) and c' (image) through projections,
 * so a model can detect mismatch (SAFE/COOLANT-style similarity); pattern views
 * carry the label direction plus view-specific noise.
 */
import * as aq from 'arquero';
import { rng, type Rng } from '../util/random';
import { validate, type Dataset, type FeatureView, type Modality, type SequenceView } from './dataset';

export interface ViewSpec {
  modality: Modality;
  dim: number;
  /** label signal strength in units of the noise std */
  signal: number;
  /** weight of the shared content vector (semantic views > pattern views) */
  content: number;
}

export interface SyntheticOptions {
  samples?: number;
  views?: Record<string, ViewSpec>;
  events?: number;
  /** norm of the per-event shift added to every view */
  eventScale?: number;
  /** dimension of the shared content vector */
  contentDim?: number;
  /** P(image shows different content than the text) for fake / real posts */
  pMismatchFake?: number;
  pMismatchReal?: number;
  /** P(modality carries label signal on a post) */
  textClarity?: number;
  imageClarity?: number;
  missingRate?: Partial<Record<Modality, number>>;
  labelNoise?: number;
  /**
   * view → another view whose content projection A it reuses (same dim), e.g. { imageSemantic: 'textSemantic' }:
   * the two views then share one embedding space, as CLIP's image and text embeddings do, so a matched
   * pair is close and a swapped caption is not (the data-selection sanity case). Default: none.
   * The random stream is unchanged (every A is still drawn), so other views are identical with or without it.
   */
  alignedViews?: Record<string, string>;
  /** token-sequence views for attention models: tokens per modality and token width (0 = none) */
  sequence?: { textTokens: number; imageTokens: number; dim: number };
  seed?: number;
  name?: string;
}

export const DEFAULT_VIEWS: Record<string, ViewSpec> = {
  textPattern: { modality: 'text', dim: 128, signal: 1.0, content: 0.5 },
  textSemantic: { modality: 'text', dim: 64, signal: 0.8, content: 1.0 },
  imagePattern: { modality: 'image', dim: 128, signal: 0.45, content: 0.5 },
  imageSemantic: { modality: 'image', dim: 64, signal: 0.35, content: 1.0 },
};

export const SYNTHETIC_DEFAULTS: Required<Omit<SyntheticOptions, 'sequence'>> & Pick<SyntheticOptions, 'sequence'> = {
  alignedViews: {},
  samples: 2000,
  views: DEFAULT_VIEWS,
  events: 12,
  eventScale: 0.5,
  contentDim: 16,
  pMismatchFake: 0.4,
  pMismatchReal: 0.05,
  textClarity: 0.8,
  imageClarity: 0.9,
  missingRate: { text: 0, image: 0 },
  labelNoise: 0.02,
  sequence: undefined,
  seed: 0,
  name: 'synthetic',
};

const unitVector = (d: number, r: Rng): Float32Array => {
  const v = Float32Array.from({ length: d }, () => r.normal());
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
};

/** Beta(2, 2) as the median of three uniforms: exact for integer shape 2. */
const beta22 = (r: Rng): number => {
  const u = [r.next(), r.next(), r.next()].sort((a, b) => a - b);
  return u[1];
};

export function synthetic(options: SyntheticOptions = {}): Dataset {
  const o = { ...SYNTHETIC_DEFAULTS, ...options };
  const views = o.views;
  const missing = { text: 0, image: 0, ...o.missingRate };
  checkOptions(o, missing);
  const r = rng(o.seed);
  const N = o.samples, k = o.contentDim, E = o.events;

  // Fixed structure first (directions, projections, event parameters), so
  // changing `samples` keeps the same world and only draws more posts.
  const names = Object.keys(views);
  const mu: Record<string, Float32Array> = {};
  const A: Record<string, Float32Array> = {}; // [d_v, k]
  const shift: Record<string, Float32Array[]> = {}; // [E][d_v]
  for (const v of names) {
    const d = views[v].dim;
    mu[v] = unitVector(d, r);
    A[v] = Float32Array.from({ length: d * k }, () => r.normal() / Math.sqrt(d));
    shift[v] = Array.from({ length: E }, () => unitVector(d, r));
  }
  const fakeRate = Array.from({ length: E }, () => beta22(r));
  for (const [v, other] of Object.entries(o.alignedViews)) A[v] = A[other];

  const labels = new Int32Array(N);
  const events = new Int32Array(N);
  const present = { text: new Uint8Array(N), image: new Uint8Array(N) };
  const mismatch = new Uint8Array(N);
  const data: Record<string, Float32Array> = Object.fromEntries(names.map((v) => [v, new Float32Array(N * views[v].dim)]));
  const c = new Float32Array(k), cImg = new Float32Array(k);

  for (let i = 0; i < N; i++) {
    const e = r.int(E);
    const y = r.next() < fakeRate[e] ? 1 : 0;
    events[i] = e;
    labels[i] = y;
    for (let j = 0; j < k; j++) c[j] = r.normal();
    mismatch[i] = r.next() < (y ? o.pMismatchFake : o.pMismatchReal) ? 1 : 0;
    for (let j = 0; j < k; j++) cImg[j] = mismatch[i] ? r.normal() : c[j];
    const clear = { text: r.next() < o.textClarity, image: r.next() < o.imageClarity };
    let textOn = r.next() >= missing.text, imageOn = r.next() >= missing.image;
    if (!textOn && !imageOn) (r.next() < 0.5 ? (textOn = true) : (imageOn = true));
    present.text[i] = textOn ? 1 : 0;
    present.image[i] = imageOn ? 1 : 0;
    const sign = 2 * y - 1;
    for (const v of names) {
      const spec = views[v];
      const d = spec.dim, out = data[v], base = i * d;
      const cm = spec.modality === 'text' ? c : cImg;
      const s = clear[spec.modality] ? spec.signal * sign : 0;
      const on = spec.modality === 'text' ? textOn : imageOn;
      for (let t = 0; t < d; t++) {
        let dot = 0;
        for (let j = 0; j < k; j++) dot += A[v][t * k + j] * cm[j];
        const x = spec.content * dot + s * mu[v][t] + o.eventScale * shift[v][e][t] + r.normal();
        out[base + t] = on ? x : 0;
      }
    }
  }

  let flipped = 0;
  for (let i = 0; i < N; i++) {
    if (r.next() < o.labelNoise) {
      labels[i] = 1 - labels[i];
      flipped++;
    }
  }

  const featureViews: Record<string, FeatureView> = {};
  for (const v of names) featureViews[v] = { modality: views[v].modality, dim: views[v].dim, data: data[v], source: 'synthetic' };
  const ids = Array.from({ length: N }, (_, i) => `syn-${i}`);
  const eventNames = Array.from({ length: E }, (_, e) => `event${e}`);
  const ds: Dataset = {
    name: o.name,
    ids,
    labels,
    events,
    eventNames,
    views: featureViews,
    sequences: o.sequence ? makeSequences(featureViews, present, o.sequence, r) : undefined,
    present,
    meta: aq.table({ id: ids, event: Array.from(events, (e) => eventNames[e]), mismatch: Array.from(mismatch) }),
    notes: [`synthetic generator, seed ${o.seed}: ${N} posts, ${E} events, ${flipped} labels flipped (noise ${o.labelNoise})`],
  };
  return validate(ds);
}

/**
 * Token sequences for attention models: each token is a noisy, randomly
 * projected slice of the modality's concatenated views, so the label signal
 * is distributed over tokens rather than sitting in one.
 */
function makeSequences(
  views: Record<string, FeatureView>,
  present: Dataset['present'],
  spec: NonNullable<SyntheticOptions['sequence']>,
  r: Rng,
): NonNullable<Dataset['sequences']> {
  const out: NonNullable<Dataset['sequences']> = {};
  const N = present.text.length;
  for (const m of ['text', 'image'] as const) {
    const T = m === 'text' ? spec.textTokens : spec.imageTokens;
    if (T <= 0) continue;
    const src = Object.values(views).filter((v) => v.modality === m);
    const D = src.reduce((s, v) => s + v.dim, 0);
    const P = Float32Array.from({ length: T * spec.dim * D }, () => r.normal() / Math.sqrt(D)); // [T, dim, D]
    const data = new Float32Array(N * T * spec.dim);
    const mask = new Uint8Array(N * T);
    const row = new Float32Array(D);
    for (let i = 0; i < N; i++) {
      let off = 0;
      for (const v of src) {
        row.set(v.data.subarray(i * v.dim, (i + 1) * v.dim), off);
        off += v.dim;
      }
      for (let t = 0; t < T; t++) {
        mask[i * T + t] = present[m][i];
        for (let j = 0; j < spec.dim; j++) {
          let acc = 0;
          const p = (t * spec.dim + j) * D;
          for (let q = 0; q < D; q++) acc += P[p + q] * row[q];
          data[(i * T + t) * spec.dim + j] = present[m][i] ? acc + 0.1 * r.normal() : 0;
        }
      }
    }
    const s: SequenceView = { modality: m, length: T, dim: spec.dim, data, mask, source: 'synthetic-tokens' };
    out[`${m}Tokens`] = s;
  }
  return out;
}

function checkOptions(o: typeof SYNTHETIC_DEFAULTS, missing: Record<Modality, number>): void {
  const bad = (field: string, why: string) => {
    throw new Error(`synthetic(): option '${field}' ${why}`);
  };
  if (!Number.isInteger(o.samples) || o.samples < 2) bad('samples', `must be an integer ≥ 2, got ${o.samples}`);
  if (!Number.isInteger(o.events) || o.events < 1) bad('events', `must be an integer ≥ 1, got ${o.events}`);
  for (const [f, p] of Object.entries({ pMismatchFake: o.pMismatchFake, pMismatchReal: o.pMismatchReal, textClarity: o.textClarity, imageClarity: o.imageClarity, labelNoise: o.labelNoise, 'missingRate.text': missing.text, 'missingRate.image': missing.image })) {
    if (!(p >= 0 && p <= 1)) bad(f, `must be a probability in [0, 1], got ${p}`);
  }
  for (const [v, s] of Object.entries(o.views)) {
    if (s.modality !== 'text' && s.modality !== 'image') bad(`views.${v}.modality`, `must be 'text' or 'image', got '${s.modality}'`);
    if (!Number.isInteger(s.dim) || s.dim < 1) bad(`views.${v}.dim`, `must be a positive integer, got ${s.dim}`);
    if (!Number.isFinite(s.signal) || !Number.isFinite(s.content)) bad(`views.${v}`, 'signal and content must be finite numbers');
  }
  for (const [v, other] of Object.entries(o.alignedViews)) {
    if (!o.views[v] || !o.views[other]) bad(`alignedViews.${v}`, `names views that do not exist ('${v}' → '${other}'; views: ${Object.keys(o.views).join(', ')})`);
    if (o.views[v].dim !== o.views[other].dim) bad(`alignedViews.${v}`, `needs equal dims ('${v}' ${o.views[v].dim} vs '${other}' ${o.views[other].dim})`);
  }
  const known = new Set(Object.keys(SYNTHETIC_DEFAULTS));
  for (const key of Object.keys(o)) if (!known.has(key)) bad(key, `is unknown (known: ${[...known].join(', ')})`);
}
