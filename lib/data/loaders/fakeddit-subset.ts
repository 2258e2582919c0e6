/**
 * Fakeddit (Nakamura et al. 2020) 10,000-line slices, folder `fakeddit-subset/`.
 *
 * - multimodal_{train,validate,test_public}.tsv: tab-separated with header.
 *   The files were written by pandas, which quotes a field holding a tab, a
 *   newline or a quote (`"…"`, inner quotes doubled): a few titles span two or
 *   three physical lines and ~3% of titles are quoted. So they are parsed as
 *   TSV *with* CSV quoting (csv-parse), which joins those rows and unescapes
 *   the quotes; splitting on newlines would tear each multi-line row into two
 *   malformed halves. Rows that are still malformed (wrong field count, bad
 *   or inconsistent labels, empty or duplicate id) are skipped and counted;
 *   the note names the first few line numbers. An unclosed quote throws,
 *   naming the line where it opened.
 * - Quoting's failure mode: one stray `"` opening a title joins every line up
 *   to the next quote-before-tab into one record (a 38-line "title" full of
 *   tabs, 37 posts gone, and a field count that still matches). Every record
 *   that spans lines is therefore checked (a field holding a line break and
 *   a tab — no real title holds a tab —, or more than MAX_LINES lines; see
 *   spanProblem): such a record is re-read line by line (each line parsed on
 *   its own, a line whose quote never closes split on tabs as it stands) and
 *   counted in the notes; with `strict` it throws.
 * - Empty or header-only files are errors naming the file.
 * - Labels: `2_way_label` 1 = true content → real 0; 0 → fake 1. The 3- and
 *   6-way labels are kept in meta (6-way 0 = true, consistent with 2-way 1).
 * - Text: `clean_title` (default, what the Fakeddit baselines use) or `title`.
 * - images/<id>.jpg exists for 100 train ids; every other post is image-missing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE, REAL, validate, type Dataset } from '../dataset';
import { requireDataset } from '../datadir';
import { BaseLoadOptions, SkipLog, buildMeta, imagePresent, readText, textPresent } from './common';
import { parseDelimitedText, spanProblem, type Rec } from './delimited';
import { checkOptions } from './options';

export const FAKEDDIT_DIR = 'fakeddit-subset';
export const FAKEDDIT_SPLITS = { train: 'multimodal_train.tsv', validate: 'multimodal_validate.tsv', test: 'multimodal_test_public.tsv' } as const;
type Split = keyof typeof FAKEDDIT_SPLITS;
const NEED = ['id', 'title', 'clean_title', '2_way_label', '3_way_label', '6_way_label'];
const EXTRA = ['subreddit', 'domain', 'created_utc', 'image_url', 'author'];
/** Longest record a real title makes: the slices hold records of 2–3 lines; more is suspect. */
const MAX_LINES = 10;

export interface FakedditOptions extends BaseLoadOptions {
  split?: Split | 'all';
  /** meta.text source: 'clean' = clean_title (default), 'raw' = title */
  text?: 'clean' | 'raw';
}

interface FRow { f: Record<string, string>; split: Split; l2: number; l3: number; l6: number }

export function loadFakedditSubset(opts: FakedditOptions = {}): Dataset {
  checkOptions('fakeddit-subset', opts, { split: ['train', 'validate', 'test', 'all'], text: ['clean', 'raw'] });
  const split = opts.split ?? 'all';
  const splits: Split[] = split === 'all' ? ['train', 'validate', 'test'] : [split];
  const dir = requireDataset(FAKEDDIT_DIR, splits.map((s) => FAKEDDIT_SPLITS[s]), opts);
  const skips = new SkipLog(opts.strict, join(dir, '..'));
  const seen = new Set<string>();
  const rows: FRow[] = [];
  const notes = ['labels: 2_way_label 1 (true content) → real 0, 0 → fake 1; 3_way_label / 6_way_label kept in meta'];
  let reread = 0;
  for (const s of splits) {
    const { rows: r, multiline, suspect } = readTsv(join(dir, FAKEDDIT_SPLITS[s]), s, skips, seen, opts.strict);
    rows.push(...r);
    if (multiline.length) notes.push(`${FAKEDDIT_SPLITS[s]}: ${multiline.length} row(s) span several lines (quoted newlines in the title), parsed whole: lines ${multiline.join(', ')}`);
    for (const x of suspect) notes.push(`${FAKEDDIT_SPLITS[s]}: ${x.reason}; re-read line by line: ${x.kept} of ${x.lines} line(s) kept as rows, ${x.lines - x.kept} skipped (counted below)`);
    reread += suspect.length;
  }
  const imgDir = join(dir, 'images');
  const files = existsSync(imgDir) ? new Set(readdirSync(imgDir)) : new Set<string>();
  const images = rows.map((r) => (files.has(`${r.f.id}.jpg`) ? [join(imgDir, `${r.f.id}.jpg`)] : []));
  const text = rows.map((r) => (opts.text === 'raw' ? r.f.title : r.f.clean_title));
  const present = { text: textPresent(text), image: imagePresent(images) };
  const withImage = present.image.reduce((a, b) => a + b, 0);
  notes.push(`${withImage} of ${rows.length} posts have an image file (images/<id>.jpg); the rest are image-missing`);
  notes.push(skips.total() ? `${skips.total()} malformed row(s) skipped in total` : reread ? `no malformed rows after re-reading ${reread} record(s) line by line` : 'no malformed rows');
  notes.push(...skips.notes());

  const labels = Int32Array.from(rows, (r) => (r.l2 === 1 ? REAL : FAKE));
  const extra: Record<string, unknown[]> = {
    label: Array.from(labels),
    title: rows.map((r) => r.f.title),
    clean_title: rows.map((r) => r.f.clean_title),
    label_2way: rows.map((r) => r.l2),
    label_3way: rows.map((r) => r.l3),
    label_6way: rows.map((r) => r.l6),
  };
  for (const c of EXTRA) extra[c] = rows.map((r) => r.f[c] ?? '');
  return validate({
    name: split === 'all' ? 'fakeddit-subset' : `fakeddit-subset-${split}`,
    ids: rows.map((r) => r.f.id),
    labels,
    views: {},
    present,
    meta: buildMeta({ id: rows.map((r) => r.f.id), text, images, split: rows.map((r) => r.split) }, extra),
    notes,
  });
}

/** Number in 0..max (integer, possibly written "1.0"), else NaN. */
function labelOf(s: string | undefined, max: number): number {
  const v = Number((s ?? '').trim());
  return Number.isInteger(v) && v >= 0 && v <= max && (s ?? '').trim() !== '' ? v : NaN;
}

interface Suspect { reason: string; lines: number; kept: number }

function readTsv(path: string, split: Split, skips: SkipLog, seen: Set<string>, strict?: boolean): { rows: FRow[]; multiline: string[]; suspect: Suspect[] } {
  const text = readText(path);
  const recs = parseDelimitedText(text, path, '\t');
  if (!recs.length) throw new Error(`${path}: empty file (expected a header and rows)`);
  if (recs.length === 1) throw new Error(`${path}: header only, no rows (line ${recs[0].end} is the last)`);
  const header = recs[0].record.map((h) => h.trim());
  const absent = NEED.filter((c) => !header.includes(c));
  if (absent.length) throw new Error(`${path}:1: header lacks ${absent.join(', ')}`);
  const rows: FRow[] = [];
  const multiline: string[] = [];
  const suspect: Suspect[] = [];
  let lines: string[] | undefined;
  for (const rec of recs.slice(1)) {
    const bad = spanProblem(rec, header, '\t', MAX_LINES);
    if (!bad) {
      const kept = addRow(rec, header, path, split, skips, seen, rows);
      if (kept && rec.start !== rec.end) multiline.push(`${rec.start}-${rec.end}`);
      continue;
    }
    if (strict) throw new Error(`${path}:${rec.start}-${rec.end}: ${bad.reason}`);
    lines = lines ?? text.split(/\r?\n/);
    let kept = 0;
    for (let ln = rec.start; ln <= rec.end; ln++) {
      if (lines[ln - 1].trim() === '') continue;
      if (addRow({ record: lineFields(lines[ln - 1]), start: ln, end: ln }, header, path, split, skips, seen, rows)) kept++;
    }
    suspect.push({ reason: bad.reason, lines: rec.end - rec.start + 1, kept });
  }
  return { rows, multiline, suspect };
}

/** One physical line's fields: quote-aware when its quotes balance on the line, else split on tabs as it stands. */
function lineFields(line: string): string[] {
  try {
    const r = parseDelimitedText(line, '(line)', '\t');
    if (r.length === 1 && r[0].start === r[0].end) return r[0].record;
  } catch {
    /* the stray quote of this line never closes on it: read it literally */
  }
  return line.split('\t');
}

/** Checks one record and appends it to `rows`; false when skipped (counted in `skips`). */
function addRow(rec: Rec, header: string[], path: string, split: Split, skips: SkipLog, seen: Set<string>, rows: FRow[]): boolean {
  const { record } = rec;
  const where = rec.start === rec.end ? `${rec.start}` : `${rec.start}-${rec.end}`;
  if (record.length !== header.length) { skips.skip(path, where, `${record.length} fields, expected ${header.length}`); return false; }
  const f: Record<string, string> = {};
  header.forEach((h, k) => (f[h] = record[k]));
  f.id = f.id.trim();
  const [l2, l3, l6] = [labelOf(f['2_way_label'], 1), labelOf(f['3_way_label'], 2), labelOf(f['6_way_label'], 5)];
  if (!f.id) { skips.skip(path, where, 'empty id'); return false; }
  if ([l2, l3, l6].some(Number.isNaN)) { skips.skip(path, where, `bad label field(s) 2/3/6-way = '${f['2_way_label']}' / '${f['3_way_label']}' / '${f['6_way_label']}'`); return false; }
  if ((l2 === 1) !== (l6 === 0)) { skips.skip(path, where, `2_way_label ${l2} contradicts 6_way_label ${l6}`); return false; }
  if (seen.has(f.id)) { skips.skip(path, where, `duplicate id ${f.id}`); return false; }
  seen.add(f.id);
  rows.push({ f, split, l2, l3, l6 });
  return true;
}
