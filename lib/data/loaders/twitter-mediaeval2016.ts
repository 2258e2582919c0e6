/**
 * Twitter MediaEval 2016 "Verifying Multimedia Use" corpus (folder
 * `twitter-mediaeval2016/`), text + images.
 *
 * - train_posts.txt and test_posts.txt are tab-separated with a header, but
 *   order their columns differently (`image_id(s)` is 4th in train, `image_id`
 *   5th in test), so columns are found by header name. Tweets contain raw
 *   quote characters: lines are split on tabs only, never with CSV quoting.
 *   Either file may instead carry the MediaEval 2015 header (`tweetId
 *   tweetText userId imageId(s) username timestamp label`), detected from the
 *   header (`tweetId`) and said in the notes. An empty or header-only file is
 *   an error naming it.
 * - Labels: `fake` → 1, `real` → 0 (`humor`, a 2015 label folded into fake
 *   by the 2016 organisers, is accepted as fake and counted in a note).
 * - A post may name several images (comma list); each is looked up by id,
 *   any extension, in images_train/, images_validation/ and images_test/.
 *   Posts whose images are absent are kept and marked image-missing
 *   (`images: 'any'`, the default: a natural missing-image setting), or
 *   dropped and counted per split (`images: 'required'`: the posts the papers
 *   train and test on; dataset name `twitter-mediaeval2016-with-images`).
 * - Event = the image id prefix (see eventOfImageId), of the post's first image.
 * - Text: raw tweet, or the cleaned English translation from
 *   cleaned_{train,test}_text.json (`text: 'cleaned'`); meta keeps both.
 *   The raw text is upstream's, including its literal "\n" escapes.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { FAKE, REAL, validate, type Dataset } from '../dataset';
import { requireDataset } from '../datadir';
import { BaseLoadOptions, SkipLog, buildMeta, imagePresent, indexEvents, readJsonObject, readText, textPresent } from './common';
import { checkOptions } from './options';
import { IMAGES_OPTIONS, keepImageBearing, type ImagesOption } from '../image-bearing';
import { eventOfImageId, indexImages, splitImageIds } from './twitter-images';

export const TWITTER_MEDIAEVAL_DIR = 'twitter-mediaeval2016';
export const TWITTER_MEDIAEVAL_FILES = ['train_posts.txt', 'test_posts.txt'] as const;
const IMAGE_FOLDERS = ['images_train', 'images_validation', 'images_test'];

export interface TwitterMediaEvalOptions extends BaseLoadOptions {
  /** 'train' (dev set), 'test', or both with meta.split telling them apart. Default 'all'. */
  split?: 'train' | 'test' | 'all';
  /** which text goes into meta.text and present.text. Default 'raw'. */
  text?: 'raw' | 'cleaned';
  /** 'any' (default): every post, image-missing ones kept; 'required': only posts with an image file, counted */
  images?: ImagesOption;
}

/** BMLHF's Twitter split (its Sec. 4.1), quoted beside our image-bearing counts */
export const TWITTER_PAPER_IMAGE_BEARING = 'paper (BMLHF): 8,617 train / 2,059 test';

/** The image-bearing posts of a loaded Twitter dataset; `mask` = the loader's own image flags (default present.image). */
export function twitterWithImages(ds: Dataset, mask?: Uint8Array): Dataset {
  return keepImageBearing(ds, { mask, reference: TWITTER_PAPER_IMAGE_BEARING });
}

interface Row {
  id: string;
  raw: string;
  imageIds: string[];
  userId: string;
  username: string;
  timestamp: string;
  label: string;
  split: string;
}

export function loadTwitterMediaEval2016(opts: TwitterMediaEvalOptions = {}): Dataset {
  checkOptions('twitter-mediaeval2016', opts, { split: ['train', 'test', 'all'], text: ['raw', 'cleaned'], images: IMAGES_OPTIONS });
  const split = opts.split ?? 'all';
  const textMode = opts.text ?? 'raw';
  const splits = split === 'all' ? (['train', 'test'] as const) : [split];
  const dir = requireDataset(TWITTER_MEDIAEVAL_DIR, splits.map((s) => `${s}_posts.txt`), opts);
  const skips = new SkipLog(opts.strict, join(dir, '..'));
  const rows: Row[] = [];
  const cleaned = new Map<string, string>();
  const seen = new Set<string>(); // post ids, unique across train + test
  const layouts: string[] = [];
  let humor = 0;
  for (const s of splits) {
    const file = `${s}_posts.txt`;
    const got = readPosts(join(dir, file), s, skips, seen);
    rows.push(...got.rows);
    if (got.names2015) layouts.push(`${file}: MediaEval 2015 column names (tweetId, tweetText, userId, imageId(s), username, timestamp, label)`);
    const cj = join(dir, `cleaned_${s}_text.json`);
    if (existsSync(cj)) for (const [k, v] of Object.entries(readJsonObject(cj))) cleaned.set(k, String(v ?? ''));
  }
  const images = indexImages(IMAGE_FOLDERS.map((f) => join(dir, f)));
  const notes: string[] = [];
  const noCleaned = splits.map((s) => join(dir, `cleaned_${s}_text.json`)).filter((p) => !existsSync(p));
  if (textMode === 'cleaned' && noCleaned.length) {
    throw new Error(`text: 'cleaned' needs ${noCleaned.join(', ')} (missing; see docs/DATA.md)`);
  }

  const n = rows.length;
  const labels = new Int32Array(n);
  const paths: string[][] = [];
  const eventOf: string[] = [];
  let missingCleaned = 0;
  rows.forEach((r, i) => {
    if (r.label === 'humor') humor++;
    labels[i] = r.label === 'real' ? REAL : FAKE;
    paths.push(r.imageIds.map((id) => images.get(id)).filter((p): p is string => p !== undefined));
    eventOf.push(r.imageIds.length ? eventOfImageId(r.imageIds[0]) : 'unknown');
    if (!cleaned.has(r.id)) missingCleaned++;
  });
  const textRaw = rows.map((r) => r.raw);
  const textCleaned = rows.map((r) => cleaned.get(r.id) ?? '');
  const text = textMode === 'cleaned' ? textCleaned : textRaw;
  const { events, eventNames } = indexEvents(eventOf);
  const present = { text: textPresent(text), image: imagePresent(paths) };
  const withImage = present.image.reduce((a, b) => a + b, 0);

  notes.push(...layouts);
  notes.push('labels: fake → 1, real → 0' + (humor ? ` (${humor} 'humor' posts counted as fake)` : ''));
  notes.push(`${withImage} of ${n} posts have at least one image file; the other ${n - withImage} are image-missing (kept, present.image = 0)`);
  notes.push(`events from image id prefixes: ${eventNames.length} (${eventNames.join(', ')})`);
  notes.push(`text: ${textMode}` + (cleaned.size && missingCleaned ? `; ${missingCleaned} posts have no cleaned text` : ''));
  notes.push(...skips.notes());

  const meta = buildMeta(
    { id: rows.map((r) => r.id), text, images: paths, split: rows.map((r) => r.split) },
    {
      label: Array.from(labels),
      text_raw: textRaw,
      text_cleaned: textCleaned,
      image_ids: rows.map((r) => r.imageIds.join(',')),
      event: eventOf,
      user_id: rows.map((r) => r.userId),
      username: rows.map((r) => r.username),
      timestamp: rows.map((r) => r.timestamp),
    },
  );
  const ds = validate({
    name: split === 'all' ? 'twitter-mediaeval2016' : `twitter-mediaeval2016-${split}`,
    ids: rows.map((r) => r.id),
    labels,
    events,
    eventNames,
    views: {},
    present,
    meta,
    notes,
  });
  return opts.images === 'required' ? twitterWithImages(ds) : ds;
}

/** Column names by layout: the 2016 release, and the MediaEval 2015 one (its first column is `tweetId`). */
const COLS_2016 = { id: 'post_id', text: 'post_text', user: 'user_id', name: 'username', time: 'timestamp', label: 'label' };
const COLS_2015 = { id: 'tweetId', text: 'tweetText', user: 'userId', name: 'username', time: 'timestamp', label: 'label' };

/** Posts of one file: header by name, tab split, malformed rows counted in `skips`. */
function readPosts(path: string, split: string, skips: SkipLog, seen: Set<string>): { rows: Row[]; names2015: boolean } {
  const lines = readText(path).split(/\r?\n/);
  if (lines.every((l) => l.trim() === '')) throw new Error(`${path}: empty file (expected a header and posts)`);
  if (lines.slice(1).every((l) => l.trim() === '')) throw new Error(`${path}: header only, no posts`);
  const header = lines[0].split('\t').map((h) => h.trim());
  const names2015 = header.includes('tweetId');
  const COLS = names2015 ? COLS_2015 : COLS_2016;
  const col = (name: string) => header.indexOf(name);
  const imageName = ['image_id(s)', 'image_id', 'imageId(s)'].find((c) => col(c) >= 0);
  const need: Record<string, number> = { ...Object.fromEntries(Object.entries(COLS).map(([k, v]) => [k, col(v)])), image: imageName ? col(imageName) : -1 };
  const absent = Object.entries(need).filter(([, i]) => i < 0).map(([k]) => (k === 'image' ? (names2015 ? 'imageId(s)' : 'image_id(s)') : COLS[k as keyof typeof COLS]));
  if (absent.length) throw new Error(`${path}:1: header lacks column(s) ${absent.join(', ')} (header: ${header.join(' | ')})`);

  const out: Row[] = [];
  for (let ln = 1; ln < lines.length; ln++) {
    const line = lines[ln];
    if (line === '') continue; // an empty line holds no post; a whitespace-only one goes through the checks (and is counted)
    const f = line.split('\t');
    const where = ln + 1; // 1-based line number
    if (f.length !== header.length) {
      skips.skip(path, where, `${f.length} tab-separated fields, expected ${header.length}`);
      continue;
    }
    const id = f[need.id].trim();
    const label = f[need.label].trim().toLowerCase();
    if (!id) { skips.skip(path, where, `empty ${COLS.id}`); continue; }
    if (label !== 'fake' && label !== 'real' && label !== 'humor') { skips.skip(path, where, `label '${f[need.label]}' is not fake/real/humor`); continue; }
    if (seen.has(id)) { skips.skip(path, where, `duplicate ${COLS.id} ${id}`); continue; }
    seen.add(id);
    out.push({
      id, raw: f[need.text], imageIds: splitImageIds(f[need.image]), userId: f[need.user].trim(),
      username: f[need.name].trim(), timestamp: f[need.time].trim(), label, split,
    });
  }
  return { rows: out, names2015 };
}
