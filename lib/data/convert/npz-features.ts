/**
 * COOLANT's and CAFE's feature files → the workbench layout. Both ship, per
 * split, `<split>_text_with_label.npz` and `<split>_image_with_label.npz`,
 * each with arrays `data` (features, row i = post i; image [N, 1, d] is
 * squeezed as their loaders do) and `label`. There are no post ids: posts
 * are named `<split>-<row>`.
 *
 * Labels: COOLANT reports 0 as real and 1 as fake (its classification
 * report's target names), which is ours. CAFE's training code samples
 * `label == 1` as its "nr" (non-rumour) pairs, so its files likely use 1 =
 * real: the CAFE conversion asks for `fakeLabel` explicitly rather than guess.
 *
 * Sequence features [N, L, d] (L > 1, e.g. token embeddings) need `pool`:
 * 'mean' over L, 'first' (a [CLS]-style first token) or 'flatten' (L·d).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LayoutPost, LayoutView } from './layout';
import { readNpz, type NpyArray } from './npz';

export type NpzFormat = 'coolant' | 'cafe';
export type Pool = 'mean' | 'first' | 'flatten';

export interface NpzConvertOptions {
  format: NpzFormat;
  /** folder holding the <split>_{text,image}_with_label.npz files */
  dir: string;
  /** the label value that means fake in these files (COOLANT: 1 by default; CAFE: required) */
  fakeLabel?: 0 | 1;
  pool?: Pool;
  textView?: string;
  imageView?: string;
  textEncoder?: string;
  imageEncoder?: string;
}

const SPLITS = ['train', 'val', 'test'] as const;

export function convertNpz(o: NpzConvertOptions): { posts: LayoutPost[]; views: LayoutView[]; notes: string[] } {
  if (o.format !== 'coolant' && o.format !== 'cafe') throw new Error(`convert: format '${o.format}', expected coolant or cafe`);
  const fake = o.fakeLabel ?? (o.format === 'coolant' ? 1 : undefined);
  if (fake === undefined) throw new Error(`convert cafe: give --fake-label 0 or 1 (which label value means fake in these files: CAFE's training code treats label 1 as non-rumour, but check your copy)`);
  const splits = SPLITS.filter((s) => existsSync(join(o.dir, `${s}_text_with_label.npz`)));
  if (!splits.length) throw new Error(`${o.dir}: no <split>_text_with_label.npz (split: ${SPLITS.join(', ')}); expected ${o.format}'s feature files`);
  const posts: LayoutPost[] = [];
  const text: Float32Array[] = [], image: Float32Array[] = [];
  let dt = -1, di = -1;
  const notes: string[] = [];
  for (const s of splits) {
    const tPath = join(o.dir, `${s}_text_with_label.npz`), iPath = join(o.dir, `${s}_image_with_label.npz`);
    if (!existsSync(iPath)) throw new Error(`${iPath}: missing (every split needs the text and the image file)`);
    const t = readNpz(tPath), im = readNpz(iPath);
    const tm = matrix(member(t, 'data', tPath), `${tPath}:data`, o.pool), imm = matrix(member(im, 'data', iPath), `${iPath}:data`, o.pool);
    const labels = labelsOf(member(t, 'label', tPath), `${tPath}:label`);
    if (tm.rows !== labels.length || imm.rows !== labels.length) throw new Error(`${s}: ${tm.rows} text rows, ${imm.rows} image rows, ${labels.length} labels; expected equal counts (row i = post i in each file)`);
    if (im.has('label')) {
      const il = labelsOf(im.get('label')!, `${iPath}:label`);
      const bad = il.findIndex((l, i) => l !== labels[i]);
      if (bad >= 0) throw new Error(`${iPath}:label: row ${bad} is ${il[bad]}, but the text file's row ${bad} is ${labels[bad]}: the two files are not row-aligned`);
    }
    if ((dt >= 0 && dt !== tm.cols) || (di >= 0 && di !== imm.cols)) throw new Error(`${s}: feature widths ${tm.cols} / ${imm.cols} differ from the first split's ${dt} / ${di}`);
    [dt, di] = [tm.cols, imm.cols];
    labels.forEach((l, i) => posts.push({ id: `${s}-${i}`, label: l === fake ? 1 : 0, split: s }));
    text.push(tm.data);
    image.push(imm.data);
    notes.push(`${s}: ${labels.length} posts, text ${tm.shape}, image ${imm.shape}`);
  }
  const cat = (parts: Float32Array[]) => {
    const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) (out.set(p, at), (at += p.length));
    return out;
  };
  const src = `${o.format} feature files`;
  const views: LayoutView[] = [
    { view: o.textView ?? 'textSemantic', dim: dt, data: cat(text), encoder: o.textEncoder ?? `${o.format} text features`, source: src },
    { view: o.imageView ?? 'imageSemantic', dim: di, data: cat(image), encoder: o.imageEncoder ?? `${o.format} image features`, source: src },
  ];
  notes.push(`labels: ${fake} = fake in the source files → 1 = fake here`);
  return { posts, views, notes };
}

function member(m: Map<string, NpyArray>, name: string, path: string): NpyArray {
  const a = m.get(name);
  if (!a) throw new Error(`${path}: no array '${name}' (has: ${[...m.keys()].join(', ') || 'none'})`);
  return a;
}

function labelsOf(a: NpyArray, where: string): number[] {
  if (a.shape.length !== 1) throw new Error(`${where}: shape (${a.shape.join(', ')}), expected a 1-D label vector`);
  const out = Array.from(a.data as unknown as ArrayLike<number | bigint>, Number);
  const bad = out.findIndex((l) => l !== 0 && l !== 1);
  if (bad >= 0) throw new Error(`${where}: row ${bad} is ${out[bad]}, expected 0 or 1`);
  return out;
}

/** [N, d], [N, 1, d] (squeezed) or [N, L, d] pooled → [N, d'] float32; non-finite values are an error. */
function matrix(a: NpyArray, where: string, pool?: Pool): { rows: number; cols: number; data: Float32Array; shape: string } {
  if (!/^[fiu]/.test(a.dtype)) throw new Error(`${where}: dtype '${a.dtype}', expected numbers`);
  const shape = a.shape.filter((d, k) => k === 0 || d !== 1);
  const src = a.data as unknown as ArrayLike<number>;
  const show = `(${a.shape.join(', ')})`;
  let rows: number, cols: number, data: Float32Array;
  if (shape.length === 2) [rows, cols, data] = [shape[0], shape[1], Float32Array.from(src)];
  else if (shape.length === 3) {
    const [n, L, d] = shape;
    if (!pool) throw new Error(`${where}: shape ${show} is a sequence per post; choose --pool mean, first or flatten`);
    rows = n;
    cols = pool === 'flatten' ? L * d : d;
    data = new Float32Array(n * cols); // [N, cols]
    for (let i = 0; i < n; i++) {
      if (pool === 'flatten') for (let k = 0; k < L * d; k++) data[i * cols + k] = src[i * L * d + k];
      else if (pool === 'first') for (let k = 0; k < d; k++) data[i * d + k] = src[i * L * d + k];
      else for (let t = 0; t < L; t++) for (let k = 0; k < d; k++) data[i * d + k] += src[i * L * d + t * d + k] / L;
    }
  } else throw new Error(`${where}: shape ${show}, expected [N, d], [N, 1, d] or [N, L, d]`);
  const bad = data.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new Error(`${where}: non-finite value at row ${Math.floor(bad / cols)}, column ${bad % cols}`);
  return { rows, cols, data, shape: show };
}
