/**
 * VERITE benchmark (Papadopoulos et al. 2024), folder `verite/`: real
 * image–caption pairs with CLIP features in two encoders' spaces.
 *
 * - VERITE.csv: `,caption,image_path,label` (first column = row id), quoted
 *   CSV. An empty or header-only CSV is an error naming it.
 * - option `encoder`: 'ViT-L/14' (default) reads
 *   VERITE_clip_{image,text}_embeddings_ViTL14.npy, [1001, 768] float32,
 *   source 'clip-vitl14'; 'ViT-B/32' reads the `_ViTB32.npy` twins,
 *   [1001, 512], source 'clip-vitb32' (the space of twitter-clip-vitb32).
 *   Row i = CSV row i → views `imageSemantic` / `textSemantic`. Where an
 *   item-id file `VERITE_item_ids_<ViTL14|ViTB32>.npy` exists (upstream ships
 *   one for B/32), row i's item id must equal CSV row i's id, else it throws.
 * - options `dir` / `prefix`: another set with VERITE's schema (same CSV and
 *   .npy layout, float16 or float32 features) is read from
 *   `<dataDir>/<dir>/<prefix>.csv` + `<prefix>_clip_…_<tag>.npy` (defaults
 *   'verite' / 'VERITE'); its Dataset is named after `dir` (+ `-<prefix>` unless VERITE).
 * - Labels are 3-way (true / miscaptioned / out-of-context), kept in
 *   meta.label3. Binary mapping: true → real 0; miscaptioned and
 *   out-of-context → fake 1 (both pair a caption with an image it does not
 *   truthfully describe). `classes` keeps only true vs one kind of fake.
 * - The image files themselves are not shipped (meta.image_path is upstream's
 *   relative path), so meta.images is '[]'; the image modality is present
 *   through its CLIP features, so present.image = 1 for every row.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE, REAL, validate, type Dataset } from '../dataset';
import { requireDataset } from '../datadir';
import { BaseLoadOptions, SkipLog, assertUniqueIds, buildMeta, textPresent } from './common';
import { parseDelimited, type Rec } from './delimited';
import { readNpyIds, readNpyMatrix } from './npy';
import { checkOptions } from './options';
import { csvRowCountCheck } from './row-aligned';

export const VERITE_DIR = 'verite';
/** Per encoder: file-name tag, embedding width, view source. */
export const VERITE_ENCODERS = {
  'ViT-L/14': { tag: 'ViTL14', dim: 768, source: 'clip-vitl14' },
  'ViT-B/32': { tag: 'ViTB32', dim: 512, source: 'clip-vitb32' },
} as const;
type Encoder = keyof typeof VERITE_ENCODERS;
const LABEL3 = ['true', 'miscaptioned', 'out-of-context'] as const;

export interface VeriteOptions extends BaseLoadOptions {
  /** 'all' (default) or true vs only one kind of fake. */
  classes?: 'all' | 'true-vs-miscaptioned' | 'true-vs-out-of-context';
  /** whose CLIP features: 'ViT-L/14' (default, 768-d) or 'ViT-B/32' (512-d) */
  encoder?: Encoder;
  /** folder under the data directory holding a VERITE-schema set (default 'verite') */
  dir?: string;
  /** file-name stem of its CSV and .npy files (default 'VERITE') */
  prefix?: string;
}

export function loadVerite(opts: VeriteOptions = {}): Dataset {
  checkOptions('verite', opts, { classes: ['all', 'true-vs-miscaptioned', 'true-vs-out-of-context'], encoder: Object.keys(VERITE_ENCODERS), dir: 'string', prefix: 'string' });
  const classes = opts.classes ?? 'all';
  const encoder: Encoder = opts.encoder ?? 'ViT-L/14';
  const enc = VERITE_ENCODERS[encoder];
  const folder = opts.dir ?? VERITE_DIR;
  const prefix = opts.prefix ?? 'VERITE';
  // one plain name each: the folder names the Dataset, and notes must not carry paths
  for (const [k, v] of [['dir', folder], ['prefix', prefix]]) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v)) throw new Error(`verite: option '${k}' is '${v}'; expected one folder / file name (letters, digits, . _ -), relative to the data directory`);
  }
  const csvFile = `${prefix}.csv`;
  const imgFile = `${prefix}_clip_image_embeddings_${enc.tag}.npy`;
  const txtFile = `${prefix}_clip_text_embeddings_${enc.tag}.npy`;
  const idsFile = `${prefix}_item_ids_${enc.tag}.npy`;
  const dir = requireDataset(folder, [csvFile, imgFile, txtFile], opts);
  const csvPath = join(dir, csvFile);
  // The CSV is row-aligned with the .npy files, so a bad row cannot be
  // skipped without breaking that alignment: malformed rows throw.
  const { rows, recs } = readCsv(csvPath);
  const img = readNpyMatrix(join(dir, imgFile), { cols: enc.dim });
  csvRowCountCheck(join(dir, imgFile), img.rows, csvPath, recs);
  const txt = readNpyMatrix(join(dir, txtFile), { cols: enc.dim });
  csvRowCountCheck(join(dir, txtFile), txt.rows, csvPath, recs);
  const idsChecked = checkItemIds(join(dir, idsFile), rows, csvPath);

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

  const base = `${folder}${prefix === 'VERITE' ? '' : `-${prefix}`}${encoder === 'ViT-L/14' ? '' : `-${enc.tag.toLowerCase()}`}`;
  const shown = (f: string) => (folder === VERITE_DIR ? f : `${folder}/${f}`);
  return validate({
    name: classes === 'all' ? base : `${base}-${classes}`,
    ids,
    labels,
    views: {
      textSemantic: { modality: 'text', dim: txt.cols, data: pick(txt.data, txt.cols), source: enc.source },
      imageSemantic: { modality: 'image', dim: img.cols, data: pick(img.data, img.cols), source: enc.source },
    },
    present: { text: textPresent(text), image: new Uint8Array(n).fill(1) },
    meta: buildMeta(
      { id: ids, text, images: keep.map(() => []), split: keep.map(() => 'test') },
      { label: Array.from(labels), label3: keep.map(({ r }) => r.label3), image_path: keep.map(({ r }) => r.imagePath) },
    ),
    notes: [
      `labels: true → real 0; miscaptioned, out-of-context → fake 1 (3-way label in meta.label3); classes: ${classes} (${counts})`,
      `image files are not shipped: meta.images is empty, the image modality is its CLIP ${encoder} features (present.image = 1)`,
      `views from ${shown(imgFile)} / ${shown(txtFile)} (${img.dtype}, ${img.cols}-d), row-aligned with ${shown(csvFile)}`,
      ...(idsChecked ? [`row alignment checked: ${shown(idsFile)} holds CSV row i's id at row i for all ${rows.length} rows`] : []),
    ],
  });
}

interface VRow { id: string; caption: string; imagePath: string; label3: string; where: string }

function readCsv(path: string): { rows: VRow[]; recs: Rec[] } {
  const recs = parseDelimited(path);
  if (!recs.length) throw new Error(`${path}: empty file (expected a header and one row per .npy row)`);
  if (recs.length === 1) throw new Error(`${path}: header only, no rows (line ${recs[0].end} is the last)`);
  const header = recs[0].record.map((h) => h.trim());
  const col = (n: string) => header.indexOf(n);
  const [ci, pi, li] = [col('caption'), col('image_path'), col('label')];
  if (ci < 0 || pi < 0 || li < 0) throw new Error(`${path}:1: header must have caption, image_path, label (got ${header.join(', ')})`);
  const idCol = header.indexOf(''); // pandas index column
  const strict = new SkipLog(true);
  const rows = recs.slice(1).map(({ record, start, end }, k) => {
    const where = start === end ? `${start}` : `${start}-${end}`;
    if (record.length !== header.length) strict.skip(path, where, `${record.length} fields, expected ${header.length}`);
    const label3 = record[li].trim();
    if (!(LABEL3 as readonly string[]).includes(label3)) strict.skip(path, where, `field 'label' is '${label3}', expected one of ${LABEL3.join(', ')}`);
    return { id: idCol >= 0 ? record[idCol].trim() : String(k), caption: record[ci], imagePath: record[pi], label3, where };
  });
  return { rows, recs: recs.slice(1) };
}

/**
 * Where the item-id file exists: row i of the features must be the item of
 * CSV row i (its id column, else i). False when there is no such file.
 */
function checkItemIds(path: string, rows: readonly VRow[], csvPath: string): boolean {
  if (!existsSync(path)) return false;
  const ids = readNpyIds(path);
  if (ids.length !== rows.length) throw new Error(`${path}: ${ids.length} item ids, expected ${rows.length}, one per data record of ${csvPath}`);
  ids.forEach((v, i) => {
    if (String(v) !== rows[i].id) throw new Error(`${path}: row ${i} holds item id ${v}, but row ${i} of ${csvPath} (line ${rows[i].where}) has id '${rows[i].id}': the features are not row-aligned with the CSV`);
  });
  return true;
}
