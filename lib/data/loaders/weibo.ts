/**
 * Weibo rumor dataset of Jin et al. (ACM MM 2017), folder `weibo/`, text only.
 *
 * - tweets/{train,test}_{rumor,nonrumor}.txt: three lines per post — a
 *   `|`-separated metadata line (post id first), a `|`-separated line of image
 *   URLs ending in `null`, then the text. Because every post is exactly three
 *   lines, a bad line would shift every later post: a structural error
 *   (line count not a multiple of 3, a metadata line without a numeric id,
 *   a URL line without the `null` terminator) is a thrown error naming the
 *   file and line, never a skip. An empty file is an error too (0 lines is a
 *   multiple of 3, and an empty test_rumor.txt would lose every test rumour).
 *   A metadata line whose field count is not upstream's 15 (an id, user,
 *   URL, …, the client name) does not shift later posts: that post is
 *   skipped and counted in the notes (thrown with `strict`).
 * - Labels by file name: *_rumor.txt → fake 1, *_nonrumor.txt → real 0.
 * - scheme 'original' (default): the train/test files as shipped. scheme
 *   'eann': the EANN split {train,validate,test}_id_event.json (post id →
 *   event id), which also gives `events` (event names are the numeric ids as
 *   strings). EANN posts are drawn from both original files.
 * - No image files exist here (URLs only): every post is image-missing. The
 *   loader says so once per load: a note, and one stderr line unless quiet.
 */
import { join } from 'node:path';
import { FAKE, REAL, validate, type Dataset } from '../dataset';
import { requireDataset } from '../datadir';
import { BaseLoadOptions, SkipLog, buildMeta, dataRel, indexEvents, readJsonObject, readText, textPresent, warnOnce } from './common';
import { checkOptions } from './options';

export const WEIBO_DIR = 'weibo';
export const WEIBO_TWEET_FILES = ['train_rumor', 'train_nonrumor', 'test_rumor', 'test_nonrumor'].map((f) => `tweets/${f}.txt`);
export const WEIBO_EANN_FILES = ['train', 'validate', 'test'].map((s) => `${s}_id_event.json`);
/** `|`-separated fields of an upstream metadata line (all 9,527 posts have 15) */
export const WEIBO_META_FIELDS = 15;

export interface WeiboOptions extends BaseLoadOptions {
  /** 'original': train/test files; 'eann': the EANN train/validate/test split with events. Default 'original'. */
  scheme?: 'original' | 'eann';
  /** a split of the scheme ('validate' only with 'eann'), or 'all'. Default 'all'. */
  split?: 'train' | 'validate' | 'test' | 'all';
}

interface Post {
  id: string;
  text: string;
  label: number;
  imageUrls: string[];
  user: string;
  time: string;
  file: string;
  origSplit: string;
}

export function loadWeibo(opts: WeiboOptions = {}): Dataset {
  checkOptions('weibo', opts, { scheme: ['original', 'eann'], split: ['train', 'validate', 'test', 'all'] });
  const scheme = opts.scheme ?? 'original';
  const split = opts.split ?? 'all';
  if (scheme === 'original' && split === 'validate') throw new Error(`weibo: the original scheme has no 'validate' split (use scheme: 'eann')`);
  const dir = requireDataset(WEIBO_DIR, scheme === 'eann' ? [...WEIBO_TWEET_FILES, ...WEIBO_EANN_FILES] : WEIBO_TWEET_FILES, opts);

  const root = join(dir, '..');
  const skips = new SkipLog(opts.strict, root);
  const all = new Map<string, Post>();
  for (const rel of WEIBO_TWEET_FILES) {
    for (const p of readTweets(join(dir, rel), rel, skips)) {
      const prev = all.get(p.id);
      if (prev) throw new Error(`weibo: post id ${p.id} appears in both ${prev.file} and ${p.file}`);
      all.set(p.id, p);
    }
  }

  let posts: Post[];
  let splitOf: string[];
  let eventOf: string[] | undefined;
  const notes = ['labels: *_rumor.txt → fake 1, *_nonrumor.txt → real 0'];
  if (scheme === 'original') {
    posts = [...all.values()].filter((p) => split === 'all' || p.origSplit === split);
    splitOf = posts.map((p) => p.origSplit);
  } else {
    posts = [];
    splitOf = [];
    eventOf = [];
    for (const s of ['train', 'validate', 'test']) {
      if (split !== 'all' && split !== s) continue;
      const file = join(dir, `${s}_id_event.json`);
      let unknown = 0;
      for (const [id, ev] of Object.entries(readJsonObject(file))) {
        const p = all.get(id);
        if (!p) { unknown++; continue; }
        if (typeof ev !== 'number' && typeof ev !== 'string') throw new Error(`${file}: event of post ${id} is ${JSON.stringify(ev)}, expected a number`);
        posts.push(p);
        splitOf.push(s);
        eventOf.push(String(ev));
      }
      if (unknown) notes.push(`${dataRel(root, file)}: ${unknown} post ids not found in tweets/*.txt (skipped)`);
    }
  }

  const n = posts.length;
  const text = posts.map((p) => p.text);
  const labels = Int32Array.from(posts, (p) => p.label);
  const ev = eventOf ? indexEvents(eventOf) : undefined;
  if (ev) notes.push(`EANN split with ${ev.eventNames.length} events`);
  const msg = `weibo: no image files in this dataset (image URLs only): every post is image-missing (present.image = 0 for all ${n})`;
  notes.push(msg);
  warnOnce(opts.quiet, msg);
  const emptyText = text.filter((t) => !t.trim()).length;
  if (emptyText) notes.push(`${emptyText} posts have empty text (present.text = 0)`);
  if (skips.total()) notes.push(`${skips.total()} post(s) with a malformed metadata line skipped in total (before the split)`, ...skips.notes());

  const meta = buildMeta(
    { id: posts.map((p) => p.id), text, images: posts.map(() => []), split: splitOf },
    {
      label: Array.from(labels),
      ...(eventOf ? { event: eventOf } : {}),
      original_split: posts.map((p) => p.origSplit),
      image_urls: posts.map((p) => JSON.stringify(p.imageUrls)),
      user: posts.map((p) => p.user),
      time: posts.map((p) => p.time),
    },
  );
  return validate({
    name: `weibo${scheme === 'eann' ? '-eann' : ''}${split === 'all' ? '' : `-${split}`}`,
    ids: posts.map((p) => p.id),
    labels,
    events: ev?.events,
    eventNames: ev?.eventNames,
    views: {},
    present: { text: textPresent(text), image: new Uint8Array(n) },
    meta,
    notes,
  });
}

/** Posts of one tweets/*.txt file; structural problems throw with file:line. */
function readTweets(path: string, rel: string, skips: SkipLog): Post[] {
  const lines = readText(path).split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new Error(`${path}: empty file (expected three lines per post)`);
  if (lines.length % 3 !== 0) {
    throw new Error(`${path}: ${lines.length} lines is not a multiple of 3 (metadata / image URLs / text per post); the last post starts at line ${lines.length - (lines.length % 3) + 1} and is truncated`);
  }
  const label = /_nonrumor\.txt$/.test(rel) ? REAL : FAKE;
  const origSplit = /^tweets\/test_/.test(rel) ? 'test' : 'train';
  const out: Post[] = [];
  for (let i = 0; i < lines.length; i += 3) {
    const metaF = lines[i].split('|');
    if (!/^\d+$/.test(metaF[0].trim())) {
      throw new Error(`${path}:${i + 1}: expected a metadata line starting with a numeric post id, got '${lines[i].slice(0, 60)}' (three lines per post: is a line missing above?)`);
    }
    const urls = lines[i + 1].split('|').map((u) => u.trim());
    if (urls[urls.length - 1] !== 'null') {
      throw new Error(`${path}:${i + 2}: expected the image-URL line ending in '|null', got '${lines[i + 1].slice(0, 60)}'`);
    }
    if (metaF.length !== WEIBO_META_FIELDS) {
      skips.skip(path, i + 1, `metadata line of post ${metaF[0].trim()} has ${metaF.length} '|'-separated fields, expected ${WEIBO_META_FIELDS}`);
      continue;
    }
    out.push({
      id: metaF[0].trim(),
      text: lines[i + 2],
      label,
      imageUrls: urls.slice(0, -1).filter((u) => u.length > 0),
      user: metaF[1] ?? '',
      time: metaF[4] ?? '',
      file: rel,
      origSplit,
    });
  }
  return out;
}
