/**
 * npm run convert -- <format> … --out DIR
 *
 * Other projects' data files → the workbench's own layout (posts.csv +
 * views.json + one .npy per view; lib/data/loaders/files.ts). Put DIR in the
 * data directory and use it as { "kind": "real", "name": "files", "options": { "dir": "<DIR's name>" } }.
 */
import { parseArgs } from 'node:util';
import { convertFaknow, splitOfName } from '../lib/data/convert/faknow';
import { writeLayout } from '../lib/data/convert/layout';
import { convertNpz, type Pool } from '../lib/data/convert/npz-features';
import { UsageError } from './usage';

const HELP = `usage: npm run convert -- <format> [options] --out <dir>
  coolant --in <dir>   COOLANT's {train,test}_{text,image}_with_label.npz (arrays data, label; 1 = fake)
  cafe --in <dir> --fake-label 0|1
                       CAFE's files of the same names (which label value means fake must be given)
      [--pool mean|first|flatten]   for [N, L, d] sequence features
      [--text-view V] [--image-view V] [--text-encoder NAME] [--image-encoder NAME]
  faknow --in <file.json> [--in …]   FaKnow's JSON post records, one file per split (split from the name)
      [--text-field text] [--image-field image] [--label-field label] [--id-field id] [--event-field domain]
      [--fake-label 1]
  --out <dir>          the folder to write (posts.csv, views.json, <view>.npy)
  -h, --help           this text`;

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        in: { type: 'string', multiple: true },
        out: { type: 'string' },
        'fake-label': { type: 'string' },
        pool: { type: 'string' },
        'text-view': { type: 'string' },
        'image-view': { type: 'string' },
        'text-encoder': { type: 'string' },
        'image-encoder': { type: 'string' },
        'text-field': { type: 'string' },
        'image-field': { type: 'string' },
        'label-field': { type: 'string' },
        'id-field': { type: 'string' },
        'event-field': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const a = parsed.values;
  if (a.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const [format, ...rest] = parsed.positionals;
  if (!format || rest.length) throw new UsageError(`give one format (coolant, cafe or faknow)${rest.length ? `, got also ${rest.join(' ')}` : ''}`);
  if (!a.in?.length) throw new UsageError('--in is required');
  if (!a.out) throw new UsageError('--out is required');
  const fake =
    a['fake-label'] === undefined
      ? undefined
      : a['fake-label'] === '0'
        ? 0
        : a['fake-label'] === '1'
          ? 1
          : (() => {
              throw new UsageError(`--fake-label must be 0 or 1, got '${a['fake-label']}'`);
            })();
  if (a.pool !== undefined && !['mean', 'first', 'flatten'].includes(a.pool)) throw new UsageError(`--pool must be mean, first or flatten, got '${a.pool}'`);
  let files: string[], notes: string[];
  if (format === 'coolant' || format === 'cafe') {
    if (a.in.length !== 1) throw new UsageError(`${format}: give one --in folder`);
    const r = convertNpz({
      format,
      dir: a.in[0],
      fakeLabel: fake,
      pool: a.pool as Pool | undefined,
      textView: a['text-view'],
      imageView: a['image-view'],
      textEncoder: a['text-encoder'],
      imageEncoder: a['image-encoder'],
    });
    files = writeLayout(a.out, r.posts, r.views);
    notes = r.notes;
  } else if (format === 'faknow') {
    const inputs = a.in.map((path) => {
      const split = splitOfName(path);
      if (!split) throw new UsageError(`${path}: cannot tell its split from the name (train / val / test)`);
      return { path, split };
    });
    const r = convertFaknow({
      files: inputs,
      textField: a['text-field'],
      imageField: a['image-field'],
      labelField: a['label-field'],
      idField: a['id-field'],
      eventField: a['event-field'],
      fakeLabel: fake,
    });
    files = writeLayout(a.out, r.posts);
    notes = r.notes;
  } else throw new UsageError(`unknown format '${format}' (coolant, cafe, faknow)`);
  for (const n of notes) process.stderr.write(`[convert] ${n}\n`);
  process.stderr.write(`[convert] wrote ${files.join(', ')}\n`);
  return 0;
}

try {
  process.exit(main());
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`convert: ${e.message}\n\n${HELP}\n`);
    process.exit(2);
  }
  process.stderr.write(`[convert] ${(e as Error).message}\n`);
  process.exit(1);
}
