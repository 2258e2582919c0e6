/**
 * MediaEval Twitter test sets with CLIP ViT-B/32 features
 * (TIBHannover/MM-FakeNews-Detection), folder `twitter-clip-vitb32/<year>/`:
 * option `year` 2016 (default) or 2015 (the MediaEval 2015 test set, same
 * layout).
 *
 * - test.csv: quoted CSV whose tweets contain embedded newlines (so it is
 *   parsed with CSV quoting, unlike the raw MediaEval .txt files); header
 *   `post_id,post_text,user_id,username,image_id,timestamp,label_name,label`,
 *   or with the 2015 names `tweetId`, `tweetText`, `userId`, `imageId(s)`
 *   (either is accepted for either year: columns are found by name). A
 *   `label_name` of `humor` (2015) must come with label 0 and counts as fake.
 *   An empty or header-only CSV is an error naming it.
 * - test_clip_features.npy: [N, 1024] float16 (N = 1098 for 2016), row i = CSV row i:
 *   columns 0–511 the CLIP text embedding, 512–1023 the image embedding →
 *   views textSemantic / imageSemantic, source 'clip-vitb32'. npyjs widens
 *   float16 to float32 exactly.
 * - Label convention upstream: 0 = fake, 1 = real (the opposite of ours);
 *   mapped here to 1 = fake, 0 = real, and cross-checked against label_name.
 * - Only a test split exists upstream; meta.split is 'test' (use k-fold CV).
 * - Events from the image id prefix, as for the MediaEval loader. Image files
 *   are resolved from the sibling twitter-mediaeval2016/images_* folders when
 *   present (same image ids); the image modality is present via its CLIP
 *   features either way (present.image = 1).
 */
import { join, relative } from 'node:path';
import { FAKE, REAL, validate, type Dataset } from '../dataset';
import { requireDataset, resolveDataDir } from '../datadir';
import { BaseLoadOptions, SkipLog, assertUniqueIds, buildMeta, dataRel, indexEvents, textPresent } from './common';
import { parseDelimited, type Rec } from './delimited';
import { readNpyMatrix } from './npy';
import { checkOptions } from './options';
import { csvRowCountCheck } from './row-aligned';
import { eventOfImageId, indexImages, splitImageIds } from './twitter-images';

export const TWITTER_CLIP_DIR = 'twitter-clip-vitb32';
export const TWITTER_CLIP_FILES = ['2016/test.csv', '2016/test_clip_features.npy'] as const;
export const TWITTER_CLIP_YEARS = [2016, 2015] as const;
/** CLIP ViT-B/32 embedding width; the file holds text then image */
const D = 512;

export interface TwitterClipOptions extends BaseLoadOptions {
  /** which MediaEval test set: 2016 (default) or 2015, read from `<year>/` */
  year?: 2016 | 2015;
  /** folders to resolve image ids in; default the sibling twitter-mediaeval2016/images_{train,validation,test} */
  imageDirs?: string[];
}

export function loadTwitterClipVitB32(opts: TwitterClipOptions = {}): Dataset {
  checkOptions('twitter-clip-vitb32', opts, { year: TWITTER_CLIP_YEARS, imageDirs: 'string[]' });
  const year = opts.year ?? 2016;
  const files = [`${year}/test.csv`, `${year}/test_clip_features.npy`];
  const dir = requireDataset(TWITTER_CLIP_DIR, files, opts);
  const csvPath = join(dir, files[0]);
  const { rows, recs, humor, names2015 } = readCsv(csvPath);
  const feats = readNpyMatrix(join(dir, files[1]), { cols: 2 * D });
  csvRowCountCheck(join(dir, files[1]), feats.rows, csvPath, recs);
  const n = rows.length;
  const textData = new Float32Array(n * D); // [N, 512]
  const imageData = new Float32Array(n * D); // [N, 512]
  for (let i = 0; i < n; i++) {
    textData.set(feats.data.subarray(i * 2 * D, i * 2 * D + D), i * D);
    imageData.set(feats.data.subarray(i * 2 * D + D, (i + 1) * 2 * D), i * D);
  }
  const root = resolveDataDir(opts);
  const rel = (p: string) => dataRel(root, p);
  const imageDirs = opts.imageDirs ?? ['images_train', 'images_validation', 'images_test'].map((f) => join(root, 'twitter-mediaeval2016', f));
  const images = indexImages(imageDirs);
  const paths = rows.map((r) => splitImageIds(r.imageId).map((id) => images.get(id)).filter((p): p is string => !!p));
  const withFile = paths.filter((p) => p.length).length;
  const ids = rows.map((r) => r.id);
  assertUniqueIds(ids, (i) => `${csvPath} line ${rows[i].line}`);
  const eventOf = rows.map((r) => eventOfImageId(splitImageIds(r.imageId)[0] ?? 'unknown'));
  const { events, eventNames } = indexEvents(eventOf);
  const labels = Int32Array.from(rows, (r) => r.label);
  const text = rows.map((r) => r.text);

  return validate({
    name: year === 2016 ? 'twitter-clip-vitb32' : `twitter-clip-vitb32-${year}`,
    ids,
    labels,
    events,
    eventNames,
    views: {
      textSemantic: { modality: 'text', dim: D, data: textData, source: 'clip-vitb32' },
      imageSemantic: { modality: 'image', dim: D, data: imageData, source: 'clip-vitb32' },
    },
    present: { text: textPresent(text), image: new Uint8Array(n).fill(1) },
    meta: buildMeta(
      { id: ids, text, images: paths, split: rows.map(() => 'test') },
      { label: Array.from(labels), label_upstream: rows.map((r) => r.upstream), image_ids: rows.map((r) => r.imageId), event: eventOf },
    ),
    notes: [
      ...(year === 2016 ? [] : [`MediaEval ${year} test set: ${rel(csvPath)}${names2015 ? ' (2015 column names tweetId, tweetText, imageId(s))' : ''}`]),
      'labels: upstream 0 = fake, 1 = real, mapped to ours (fake → 1, real → 0)' + (humor ? ` (${humor} 'humor' posts, label 0, counted as fake)` : ''),
      `views: text = columns 0–${D - 1}, image = ${D}–${2 * D - 1} of the ${feats.dtype} .npy`,
      `${eventNames.length} events from image id prefixes; ${withFile} of ${n} posts have an image file in ${imageDirs.map(rel).join(', ')} (image modality present via CLIP features for all)`,
    ],
  });
}

interface CRow { id: string; text: string; imageId: string; label: number; upstream: number; line: number }

/** Column → its 2016 name, then the 2015 name. */
const COLS = { id: ['post_id', 'tweetId'], text: ['post_text', 'tweetText'], image: ['image_id', 'imageId(s)', 'image_id(s)'], labelName: ['label_name'], label: ['label'] } as const;

function readCsv(path: string): { rows: CRow[]; recs: Rec[]; humor: number; names2015: boolean } {
  const recs = parseDelimited(path);
  if (!recs.length) throw new Error(`${path}: empty file (expected a header and one row per .npy row)`);
  if (recs.length === 1) throw new Error(`${path}: header only, no rows (line ${recs[0].end} is the last)`);
  const header = recs[0].record.map((h) => h.trim());
  const at: Record<string, number> = {};
  const absent: string[] = [];
  for (const [k, names] of Object.entries(COLS)) {
    const j = (names as readonly string[]).map((nm) => header.indexOf(nm)).find((x) => x >= 0);
    if (j === undefined) absent.push(names.join(' / '));
    else at[k] = j;
  }
  if (absent.length) throw new Error(`${path}:1: header lacks ${absent.join(', ')}`);
  // Row-aligned with the .npy: a malformed row cannot be skipped, so it throws.
  const strict = new SkipLog(true);
  let humor = 0;
  const rows = recs.slice(1).map(({ record: f, start, end }) => {
    const where = start === end ? `${start}` : `${start}-${end}`;
    if (f.length !== header.length) strict.skip(path, where, `${f.length} fields, expected ${header.length}`);
    const up = f[at.label].trim();
    const name = f[at.labelName].trim();
    if (up !== '0' && up !== '1') strict.skip(path, where, `field 'label' is '${up}', expected 0 (fake) or 1 (real)`);
    const label = up === '0' ? FAKE : REAL;
    if (name === 'humor' && label === FAKE) humor++;
    else if (name !== (label === FAKE ? 'fake' : 'real')) strict.skip(path, where, `field 'label_name' '${name}' disagrees with label ${up} (upstream: 0 = fake, 1 = real; 'humor' = 0)`);
    return { id: f[at.id].trim(), text: f[at.text], imageId: f[at.image].trim(), label, upstream: Number(up), line: end };
  });
  return { rows, recs: recs.slice(1), humor, names2015: header.includes('tweetId') };
}
