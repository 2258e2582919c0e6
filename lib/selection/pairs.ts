/**
 * Image–text pairs as CLIP-space rows: the common currency of the
 * synthetic-misinformation generators, the selection methods and the
 * detector's training sets.
 *
 * Every row records where its image and its caption came from (the source
 * item ids) and content keys of both (a hash of the raw embedding), so
 * "disjoint by item and by image" can be checked by identity rather than by
 * trusting metadata: two VERITE items that show the same photo have the
 * same CLIP image vector, hence the same key.
 *
 * 3-way labels: 0 true, 1 miscaptioned, 2 out-of-context (binary: 0 real,
 * 1 fake = label3 > 0, the workbench's 1 = fake convention).
 */
import { createHash } from 'node:crypto';
import * as aq from 'arquero';
import type { Dataset } from '../data/dataset';

export const LABEL3_NAMES = ['true', 'miscaptioned', 'out-of-context'] as const;
export type PairKind = 'truthful' | 'ooc-random' | 'ooc-hard' | 'miscaptioned' | 'real';

export interface PairSet {
  /** embedding width (image and text share one space) */
  d: number;
  /** [n, d] L2-normalised image embeddings */
  image: Float32Array;
  /** [n, d] L2-normalised caption embeddings */
  text: Float32Array;
  /** [n] 0 true, 1 miscaptioned, 2 out-of-context */
  label3: Int32Array;
  kind: PairKind[];
  /** id of the item the image / the caption was taken from */
  imageSource: string[];
  textSource: string[];
  /** content keys of the image / caption embedding (equal vectors → equal keys) */
  imageKey: string[];
  textKey: string[];
  /** which source the pair's items came from ('target' or another dataset's name): for the sanity checks */
  origin: string[];
}

export const size = (p: PairSet): number => p.label3.length;

/** A stable key of one embedding row: sha1 of its float32 bytes. */
export function rowKey(data: Float32Array, d: number, i: number): string {
  const row = data.subarray(i * d, (i + 1) * d);
  return createHash('sha1')
    .update(new Uint8Array(row.buffer, row.byteOffset, row.byteLength))
    .digest('hex')
    .slice(0, 16);
}

function unitRows(src: Float32Array, d: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * d);
  for (let k = 0; k < rows.length; k++) {
    const off = rows[k] * d;
    let s = 0;
    for (let t = 0; t < d; t++) s += src[off + t] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let t = 0; t < d; t++) out[k * d + t] = src[off + t] * inv;
  }
  return out;
}

/**
 * Rows `rows` of a dataset as pairs (its imageSemantic / textSemantic views, normalised): the real items
 * themselves (kind 'real'), with their 3-way labels from `label3` (one per dataset row).
 */
export function pairsFromDataset(
  ds: Dataset,
  rows: ArrayLike<number>,
  label3: ArrayLike<number>,
  origin: string,
  views = { image: 'imageSemantic', text: 'textSemantic' },
): PairSet {
  const vi = ds.views[views.image],
    vt = ds.views[views.text];
  if (!vi || !vt) throw new Error(`pairs: dataset '${ds.name}' lacks view '${vi ? views.text : views.image}' (has: ${Object.keys(ds.views).join(', ')})`);
  if (vi.dim !== vt.dim) throw new Error(`pairs: dataset '${ds.name}': image (${vi.dim}) and text (${vt.dim}) embeddings must share one space`);
  const d = vi.dim;
  const idx = Array.from(rows);
  const ids = idx.map((i) => ds.ids[i]);
  return {
    d,
    image: unitRows(vi.data, d, idx),
    text: unitRows(vt.data, d, idx),
    label3: Int32Array.from(idx, (i) => label3[i]),
    kind: idx.map(() => 'real' as PairKind),
    imageSource: ids,
    textSource: ids.slice(),
    imageKey: idx.map((i) => rowKey(vi.data, d, i)),
    textKey: idx.map((i) => rowKey(vt.data, d, i)),
    origin: idx.map(() => origin),
  };
}

/** Rows `idx` of a pair set. */
export function subsetPairs(p: PairSet, idx: ArrayLike<number>): PairSet {
  const rows = Array.from(idx);
  const pick = (a: Float32Array) => {
    const out = new Float32Array(rows.length * p.d);
    rows.forEach((i, k) => out.set(a.subarray(i * p.d, (i + 1) * p.d), k * p.d));
    return out;
  };
  const sel = <T>(a: T[]) => rows.map((i) => a[i]);
  return {
    d: p.d,
    image: pick(p.image),
    text: pick(p.text),
    label3: Int32Array.from(rows, (i) => p.label3[i]),
    kind: sel(p.kind),
    imageSource: sel(p.imageSource),
    textSource: sel(p.textSource),
    imageKey: sel(p.imageKey),
    textKey: sel(p.textKey),
    origin: sel(p.origin),
  };
}

export function concatPairs(sets: PairSet[]): PairSet {
  const nonEmpty = sets.filter((s) => size(s) > 0);
  if (!nonEmpty.length) throw new Error('concatPairs: nothing to concatenate');
  const d = nonEmpty[0].d;
  for (const s of nonEmpty) if (s.d !== d) throw new Error(`concatPairs: widths differ (${d} vs ${s.d})`);
  const cat = (f: (s: PairSet) => Float32Array) => {
    const out = new Float32Array(nonEmpty.reduce((n, s) => n + f(s).length, 0));
    let off = 0;
    for (const s of nonEmpty) (out.set(f(s), off), (off += f(s).length));
    return out;
  };
  const list = <T>(f: (s: PairSet) => T[]) => nonEmpty.flatMap(f);
  return {
    d,
    image: cat((s) => s.image),
    text: cat((s) => s.text),
    label3: Int32Array.from(list((s) => Array.from(s.label3))),
    kind: list((s) => s.kind),
    imageSource: list((s) => s.imageSource),
    textSource: list((s) => s.textSource),
    imageKey: list((s) => s.imageKey),
    textKey: list((s) => s.textKey),
    origin: list((s) => s.origin),
  };
}

/**
 * The mixed-modal embedding of each pair: normalise(image + text). Stand-in for the paper's RA-CM3
 * mixed-modal encoder (not available here): in a joint space the sum of the two unit vectors keeps
 * what both say and, for a mismatched pair, sits between two topics. [n, d]
 */
export function mixedEmbedding(p: PairSet): Float32Array {
  const n = size(p),
    d = p.d;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = p.image[i * d + t] + p.text[i * d + t];
      out[i * d + t] = v;
      s += v * v;
    }
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let t = 0; t < d; t++) out[i * d + t] *= inv;
  }
  return out;
}

/**
 * A pair set as a Dataset for the trainer: views imageSemantic / textSemantic, labels binary (fake = 1)
 * or 3-way (0 / 1 / 2). Not passed through validate(), whose label check is binary.
 */
export function pairsToDataset(p: PairSet, task: 'binary' | '3-way', name: string): Dataset {
  const n = size(p);
  const ids = p.imageSource.map((s, i) => `${name}:${i}:${s}|${p.textSource[i]}`);
  return {
    name,
    ids,
    labels: Int32Array.from(p.label3, (l) => (task === 'binary' ? (l > 0 ? 1 : 0) : l)),
    views: {
      imageSemantic: { modality: 'image', dim: p.d, data: p.image, source: 'clip (normalised)' },
      textSemantic: { modality: 'text', dim: p.d, data: p.text, source: 'clip (normalised)' },
    },
    present: { text: new Uint8Array(n).fill(1), image: new Uint8Array(n).fill(1) },
    meta: aq.table({ id: ids, kind: p.kind }),
  };
}
