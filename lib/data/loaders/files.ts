/**
 * A dataset in the workbench's own file layout, folder `<dataDir>/<dir>/`
 * (what `npm run convert` writes, and the shortest way to add a dataset):
 *
 * - posts.csv: header with `id` and `label` (1 = fake, 0 = real), optional
 *   `text`, `images` (image paths relative to the folder, `;`-separated),
 *   `split` (train / val / test), `event`. A malformed row is an error
 *   naming its line (labels must not be guessed).
 * - views.json (optional): per-post features (docs/FEATURES-FROM-FILES.md),
 *   attached by post id; without it the feature pipeline builds stand-ins
 *   from `text` and `images`.
 *
 * Modality presence: text where the `text` field is non-blank, else (no
 * `text` column) where a text view has a row; images where a listed file
 * exists, else (no `images` column) where an image view has a row.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { validate, type Dataset } from '../dataset';
import { requireDataset } from '../datadir';
import { attachUserViews } from '../user-views/attach';
import { BaseLoadOptions, assertUniqueIds, buildMeta, imagePresent, indexEvents, textPresent } from './common';
import { parseDelimited } from './delimited';
import { checkOptions } from './options';

export interface FilesOptions extends BaseLoadOptions {
  /** the folder under the data directory */
  dir?: string;
}

export const FILES_POSTS = 'posts.csv';
export const FILES_VIEWS = 'views.json';

export function loadFiles(opts: FilesOptions = {}): Dataset {
  checkOptions('files', opts, { dir: 'string' });
  const name = opts.dir;
  if (!name || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new Error(`files: option 'dir' is ${JSON.stringify(name)}; expected one folder name under the data directory (letters, digits, . _ -)`);
  const dir = requireDataset(name, [FILES_POSTS], opts);
  const csv = join(dir, FILES_POSTS);
  const recs = parseDelimited(csv);
  if (recs.length < 2) throw new Error(`${csv}: ${recs.length ? 'header only, no rows' : 'empty file'} (expected a header with id, label)`);
  const header = recs[0].record.map((h) => h.trim());
  const col = (c: string) => header.indexOf(c);
  if (col('id') < 0 || col('label') < 0) throw new Error(`${csv}:1: header must have id and label (got ${header.join(', ')})`);
  const known = ['id', 'label', 'text', 'images', 'split', 'event'];
  const extra = header.filter((h) => !known.includes(h));
  if (extra.length) throw new Error(`${csv}:1: unknown column(s) ${extra.join(', ')} (known: ${known.join(', ')})`);
  const rows = recs.slice(1).map(({ record, start }) => {
    if (record.length !== header.length) throw new Error(`${csv}:${start}: ${record.length} fields, expected ${header.length}`);
    const get = (c: string) => (col(c) < 0 ? undefined : record[col(c)]);
    const label = get('label')!.trim();
    if (label !== '0' && label !== '1') throw new Error(`${csv}:${start}: field 'label' is '${label}', expected 1 (fake) or 0 (real)`);
    const split = get('split')?.trim() ?? 'train';
    if (!['train', 'val', 'test'].includes(split)) throw new Error(`${csv}:${start}: field 'split' is '${split}', expected train, val or test`);
    const images = (get('images') ?? '').split(';').map((s) => s.trim()).filter(Boolean);
    return { id: get('id')!.trim(), label: Number(label), text: get('text') ?? '', images, split, event: get('event')?.trim() ?? '', line: start };
  });
  const ids = rows.map((r) => r.id);
  rows.forEach((r) => {
    if (!r.id) throw new Error(`${csv}:${r.line}: field 'id' is empty`);
  });
  assertUniqueIds(ids, (i) => `${csv} line ${rows[i].line}`);
  const n = rows.length;
  const images = rows.map((r) => r.images.map((p) => join(dir, p)).filter((p) => existsSync(p)));
  const listed = rows.reduce((s, r) => s + r.images.length, 0);
  const found = images.reduce((s, l) => s + l.length, 0);
  const text = rows.map((r) => r.text);
  const hasEvents = col('event') >= 0;
  const { events, eventNames } = indexEvents(rows.map((r) => r.event));
  const ds: Dataset = {
    name,
    ids,
    labels: Int32Array.from(rows, (r) => r.label),
    ...(hasEvents ? { events, eventNames } : {}),
    views: {},
    present: { text: col('text') >= 0 ? textPresent(text) : new Uint8Array(n).fill(1), image: col('images') >= 0 ? imagePresent(images) : new Uint8Array(n).fill(1) },
    meta: buildMeta({ id: ids, text, images, split: rows.map((r) => r.split) }, { label: rows.map((r) => r.label) }),
    notes: [
      `${FILES_POSTS}: ${n} posts (${rows.filter((r) => r.label === 1).length} fake), splits ${['train', 'val', 'test'].map((s) => `${s} ${rows.filter((r) => r.split === s).length}`).join(' / ')}`,
      ...(col('images') >= 0 ? [`images: ${found} of ${listed} listed files exist`] : []),
    ],
  };
  const manifest = join(dir, FILES_VIEWS);
  return validate(existsSync(manifest) ? attachUserViews(ds, manifest) : ds);
}
