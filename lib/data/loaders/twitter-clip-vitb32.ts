/**
 * MediaEval 2016 Twitter test set with CLIP ViT-B/32 features
 * (TIBHannover/MM-FakeNews-Detection), folder `twitter-clip-vitb32/2016/`.
 *
 * - test.csv: quoted CSV whose tweets contain embedded newlines (so it is
 *   parsed with CSV quoting, unlike the raw MediaEval .txt files); header
 *   `post_id,post_text,user_id,username,image_id,timestamp,label_name,label`.
 * - test_clip_features.npy: [1098, 1024] float16, row i = CSV row i:
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
import { BaseLoadOptions, SkipLog, assertUniqueIds, buildMeta, indexEvents, parseDelimited, textPresent } from './common';
import { readNpyMatrix } from './npy';
import { eventOfImageId, indexImages, splitImageIds } from './twitter-images';

export const TWITTER_CLIP_DIR = 'twitter-clip-vitb32';
export const TWITTER_CLIP_FILES = ['2016/test.csv', '2016/test_clip_features.npy'] as const;
/** CLIP ViT-B/32 embedding width; the file holds text then image */
const D = 512;

export interface TwitterClipOptions extends BaseLoadOptions {
  /** folders to resolve image ids in; default the sibling twitter-mediaeval2016/images_{train,validation,test} */
  imageDirs?: string[];
}

export function loadTwitterClipVitB32(opts: TwitterClipOptions = {}): Dataset {
  const dir = requireDataset(TWITTER_CLIP_DIR, TWITTER_CLIP_FILES, opts);
  const csvPath = join(dir, TWITTER_CLIP_FILES[0]);
  const rows = readCsv(csvPath);
  const feats = readNpyMatrix(join(dir, TWITTER_CLIP_FILES[1]), { rows: rows.length, cols: 2 * D });
  const n = rows.length;
  const textData = new Float32Array(n * D); // [N, 512]
  const imageData = new Float32Array(n * D); // [N, 512]
  for (let i = 0; i < n; i++) {
    textData.set(feats.data.subarray(i * 2 * D, i * 2 * D + D), i * D);
    imageData.set(feats.data.subarray(i * 2 * D + D, (i + 1) * 2 * D), i * D);
  }
  const root = resolveDataDir(opts);
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
    name: 'twitter-clip-vitb32',
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
      'labels: upstream 0 = fake, 1 = real, mapped to ours (fake → 1, real → 0)',
      `views: text = columns 0–${D - 1}, image = ${D}–${2 * D - 1} of the ${feats.dtype} .npy`,
      `${eventNames.length} events from image id prefixes; ${withFile} of ${n} posts have an image file in ${imageDirs.map((d) => relative(root, d)).join(', ')} (image modality present via CLIP features for all)`,
    ],
  });
}

interface CRow { id: string; text: string; imageId: string; label: number; upstream: number; line: number }

function readCsv(path: string): CRow[] {
  const recs = parseDelimited(path);
  if (!recs.length) throw new Error(`${path}: empty file`);
  const header = recs[0].record.map((h) => h.trim());
  const need = ['post_id', 'post_text', 'image_id', 'label_name', 'label'];
  const absent = need.filter((c) => !header.includes(c));
  if (absent.length) throw new Error(`${path}:1: header lacks ${absent.join(', ')}`);
  const c = (name: string) => header.indexOf(name);
  // Row-aligned with the .npy: a malformed row cannot be skipped, so it throws.
  const strict = new SkipLog(true);
  return recs.slice(1).map(({ record: f, info }) => {
    if (f.length !== header.length) strict.skip(path, info.lines, `${f.length} fields, expected ${header.length}`);
    const up = f[c('label')].trim();
    const name = f[c('label_name')].trim();
    if (up !== '0' && up !== '1') strict.skip(path, info.lines, `field 'label' is '${up}', expected 0 (fake) or 1 (real)`);
    const label = up === '0' ? FAKE : REAL;
    if (name !== (label === FAKE ? 'fake' : 'real')) strict.skip(path, info.lines, `field 'label_name' '${name}' disagrees with label ${up} (upstream: 0 = fake, 1 = real)`);
    return { id: f[c('post_id')].trim(), text: f[c('post_text')], imageId: f[c('image_id')].trim(), label, upstream: Number(up), line: info.lines };
  });
}
