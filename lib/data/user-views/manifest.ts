/**
 * `views.json`: the manifest that declares per-post features computed
 * elsewhere (a BERT or CLIP run on another machine) for a registered dataset.
 *
 *   {
 *     "dataset": "verite",                      // optional: the registered dataset it is for (checked)
 *     "missingRows": "error" | "absent",        // posts with no feature row: an error (default), or
 *                                               // that modality is missing for them (zeros, present = 0)
 *     "views": [{
 *       "view": "textSemantic",                 // view name the models read
 *       "modality": "text",                     // optional when the name starts with text / image
 *       "file": "text.npy",                     // .npy (float16/32/64), .csv or .arrow, relative to the manifest
 *       "ids": "ids.npy",                       // optional: .npy integers, .txt (one a line) or .json array;
 *                                               // without it (and for .npy) row i is the dataset's post i
 *       "idColumn": "id",                       // .csv / .arrow: the column holding post ids (default "id")
 *       "columns": [0, 512],                    // optional: feature columns [from, to) of a wider file
 *       "dim": 512,                             // required: checked against the file
 *       "encoder": "BERT-base-uncased",         // required: what produced the features (reaches notes, reports, run hash)
 *       "licence": "CC-BY-4.0", "source": "…"   // optional, copied into the dataset notes
 *     }]
 *   }
 *
 * Every problem is an error naming the manifest and the field (`views[1].dim`).
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { readText } from '../loaders/common';
import type { Modality } from '../dataset';

export interface UserViewDecl {
  view: string;
  modality: Modality;
  /** absolute path */
  file: string;
  ids?: string;
  idColumn: string;
  columns?: [number, number];
  dim: number;
  encoder: string;
  licence?: string;
  source?: string;
}

export interface UserViewsManifest {
  path: string;
  dataset?: string;
  missingRows: 'error' | 'absent';
  views: UserViewDecl[];
}

const TOP = ['dataset', 'missingRows', 'views', 'description'];
const FIELDS = ['view', 'modality', 'file', 'ids', 'idColumn', 'columns', 'dim', 'encoder', 'licence', 'license', 'source'];

export function readManifest(path: string): UserViewsManifest {
  const text = readText(path);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: invalid JSON (${(e as Error).message})`);
  }
  return parseManifest(raw, path);
}

export function parseManifest(raw: unknown, path: string): UserViewsManifest {
  const bad = (field: string, msg: string): never => {
    throw new Error(`${path}: field '${field}' ${msg}`);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${path}: expected a JSON object with a 'views' list`);
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!TOP.includes(k)) bad(k, `is not a manifest field (known: ${TOP.join(', ')})`);
  if (o.dataset !== undefined && typeof o.dataset !== 'string') bad('dataset', `is ${JSON.stringify(o.dataset)}; expected a dataset name`);
  const missingRows = o.missingRows ?? 'error';
  if (missingRows !== 'error' && missingRows !== 'absent') bad('missingRows', `is ${JSON.stringify(missingRows)}; expected "error" or "absent"`);
  if (!Array.isArray(o.views) || o.views.length === 0) bad('views', 'must be a non-empty list');
  const base = dirname(resolve(path));
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const seen = new Set<string>();
  const views = (o.views as unknown[]).map((v, i): UserViewDecl => {
    const f = (k: string) => `views[${i}].${k}`;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return bad(`views[${i}]`, 'must be an object');
    const d = v as Record<string, unknown>;
    for (const k of Object.keys(d)) if (!FIELDS.includes(k)) bad(f(k), `is not a view field (known: ${FIELDS.join(', ')})`);
    const str = (k: string, required: boolean): string | undefined => {
      const x = d[k];
      if (x === undefined && !required) return undefined;
      if (typeof x !== 'string' || !x.trim()) return bad(f(k), `is ${JSON.stringify(x)}; expected a non-empty string`);
      return x;
    };
    const view = str('view', true)!;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(view)) bad(f('view'), `is '${view}'; expected an identifier (letters, digits, _)`);
    if (seen.has(view)) bad(f('view'), `'${view}' is declared twice`);
    seen.add(view);
    const modality = (str('modality', false) ?? (view.startsWith('text') ? 'text' : view.startsWith('image') ? 'image' : undefined)) as Modality | undefined;
    if (modality !== 'text' && modality !== 'image') bad(f('modality'), `is ${JSON.stringify(modality)}; expected "text" or "image" (required when the view name does not start with text / image)`);
    const file = str('file', true)!;
    if (/\.parquet$/i.test(file)) bad(f('file'), `'${file}': Parquet is not read here; convert it to Arrow IPC (pyarrow: feather.write_feather(table, 'x.arrow', compression='uncompressed')), .npy or .csv`);
    if (!/\.(npy|csv|arrow|feather|ipc)$/i.test(file)) bad(f('file'), `'${file}': expected a .npy, .csv or .arrow file`);
    const dim = d.dim;
    if (!Number.isInteger(dim) || (dim as number) < 1) bad(f('dim'), `is ${JSON.stringify(dim)}; expected a positive integer (the feature width)`);
    let columns: [number, number] | undefined;
    if (d.columns !== undefined) {
      const c = d.columns as number[];
      if (!Array.isArray(c) || c.length !== 2 || !c.every((x) => Number.isInteger(x) && x >= 0) || c[1] <= c[0]) bad(f('columns'), `is ${JSON.stringify(c)}; expected [from, to) with 0 ≤ from < to`);
      columns = [c[0], c[1]] as [number, number];
      if (columns[1] - columns[0] !== dim) bad(f('columns'), `${JSON.stringify(c)} is ${columns[1] - columns[0]} columns wide, but dim is ${dim}`);
    }
    const ids = str('ids', false);
    return {
      view,
      modality: modality as Modality,
      file: at(file),
      ...(ids ? { ids: at(ids) } : {}),
      idColumn: str('idColumn', false) ?? 'id',
      ...(columns ? { columns } : {}),
      dim: dim as number,
      encoder: str('encoder', true)!.trim(),
      licence: str('licence', false) ?? str('license', false),
      source: str('source', false),
    };
  });
  return { path: resolve(path), dataset: o.dataset as string | undefined, missingRows: missingRows as 'error' | 'absent', views };
}
