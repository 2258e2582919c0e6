/**
 * VERITE benchmark (Papadopoulos et al. 2024), folder `verite/`: real
 * image–caption pairs with CLIP ViT-L/14 features.
 *
 * - VERITE.csv: `,caption,image_path,label` (first column = row id), quoted CSV.
 * - VERITE_clip_{image,text}_embeddings_ViTL14.npy: [1001, 768] float32,
 *   row i = CSV row i → views `imageSemantic` / `textSemantic`, source 'clip-vitl14'.
 * - Labels are 3-way (true / miscaptioned / out-of-context), kept in
 *   meta.label3. Binary mapping: true → real 0; miscaptioned and
 *   out-of-context → fake 1 (both pair a caption with an image it does not
 *   truthfully describe). `classes` keeps only true vs one kind of fake.
 * - The image files themselves are not shipped (meta.image_path is upstream's
 *   relative path), so meta.images is '[]'; the image modality is present
 *   through its CLIP features, so present.image = 1 for every row.
 */
import { join } from 'node:path';
import { FAKE, REAL, validate, type Dataset } from '../dataset';
import { requireDataset } from '../datadir';
import { BaseLoadOptions, SkipLog, assertUniqueIds, buildMeta, parseDelimited, textPresent } from './common';
import { readNpyMatrix } from './npy';

export const VERITE_DIR = 'verite';
export const VERITE_CSV = 'VERITE.csv';
export const VERITE_IMAGE_NPY = 'VERITE_clip_image_embeddings_ViTL14.npy';
export const VERITE_TEXT_NPY = 'VERITE_clip_text_embeddings_ViTL14.npy';
/** CLIP ViT-L/14 embedding width */
const CLIP_L14_DIM = 768;
const LABEL3 = ['true', 'miscaptioned', 'out-of-context'] as const;

export interface VeriteOptions extends BaseLoadOptions {
  /** 'all' (default) or true vs only one kind of fake. */
  classes?: 'all' | 'true-vs-miscaptioned' | 'true-vs-out-of-context';
}

export function loadVerite(opts: VeriteOptions = {}): Dataset {
  const classes = opts.classes ?? 'all';
  const dir = requireDataset(VERITE_DIR, [VERITE_CSV, VERITE_IMAGE_NPY, VERITE_TEXT_NPY], opts);
  const csvPath = join(dir, VERITE_CSV);
  // The CSV is row-aligned with the .npy files, so a bad row cannot be
  // skipped without breaking that alignment: malformed rows throw.
  const rows = readCsv(csvPath);
  const img = readNpyMatrix(join(dir, VERITE_IMAGE_NPY), { rows: rows.length, cols: CLIP_L14_DIM });
  const txt = readNpyMatrix(join(dir, VERITE_TEXT_NPY), { rows: rows.length, cols: CLIP_L14_DIM });

  const keep = rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => classes === 'all' || r.label3 === 'true' || `true-vs-${r.label3}` === classes);
  const n = keep.length;
  const pick = (m: Float32Array, d: number) => {
    const out = new Float32Array(n * d); // [N, d]
    keep.forEach(({ i }, k) => out.set(m.subarray(i * d, (i + 1) * d), k * d));
    return out;
  };
  const ids = keep.map(({ r }) => r.id);
  assertUniqueIds(ids, (k) => `${csvPath} row ${keep[k].i + 1}`);
  const text = keep.map(({ r }) => r.caption);
  const labels = Int32Array.from(keep, ({ r }) => (r.label3 === 'true' ? REAL : FAKE));
  const counts = LABEL3.map((l) => `${keep.filter(({ r }) => r.label3 === l).length} ${l}`).join(' / ');

  return validate({
    name: classes === 'all' ? 'verite' : `verite-${classes}`,
    ids,
    labels,
    views: {
      textSemantic: { modality: 'text', dim: txt.cols, data: pick(txt.data, txt.cols), source: 'clip-vitl14' },
      imageSemantic: { modality: 'image', dim: img.cols, data: pick(img.data, img.cols), source: 'clip-vitl14' },
    },
    present: { text: textPresent(text), image: new Uint8Array(n).fill(1) },
    meta: buildMeta(
      { id: ids, text, images: keep.map(() => []), split: keep.map(() => 'test') },
      { label: Array.from(labels), label3: keep.map(({ r }) => r.label3), image_path: keep.map(({ r }) => r.imagePath) },
    ),
    notes: [
      `labels: true → real 0; miscaptioned, out-of-context → fake 1 (3-way label in meta.label3); classes: ${classes} (${counts})`,
      'image files are not shipped: meta.images is empty, the image modality is its CLIP ViT-L/14 features (present.image = 1)',
      `views from ${VERITE_IMAGE_NPY} / ${VERITE_TEXT_NPY} (${img.dtype}, ${img.cols}-d), row-aligned with ${VERITE_CSV}`,
    ],
  });
}

interface VRow { id: string; caption: string; imagePath: string; label3: string }

function readCsv(path: string): VRow[] {
  const recs = parseDelimited(path);
  if (!recs.length) throw new Error(`${path}: empty file`);
  const header = recs[0].record.map((h) => h.trim());
  const col = (n: string) => header.indexOf(n);
  const [ci, pi, li] = [col('caption'), col('image_path'), col('label')];
  if (ci < 0 || pi < 0 || li < 0) throw new Error(`${path}:1: header must have caption, image_path, label (got ${header.join(', ')})`);
  const idCol = header.indexOf(''); // pandas index column
  const strict = new SkipLog(true);
  return recs.slice(1).map(({ record, info }, k) => {
    if (record.length !== header.length) strict.skip(path, info.lines, `${record.length} fields, expected ${header.length}`);
    const label3 = record[li].trim();
    if (!(LABEL3 as readonly string[]).includes(label3)) strict.skip(path, info.lines, `field 'label' is '${label3}', expected one of ${LABEL3.join(', ')}`);
    return { id: idCol >= 0 ? record[idCol].trim() : String(k), caption: record[ci], imagePath: record[pi], label3 };
  });
}
