/**
 * Features from files, attached to a loaded dataset by post id: each view a
 * views.json declares replaces (or adds) that view of the dataset, with the
 * source "<encoder> (user-supplied)" so notes, the report's encoder table and
 * every run's hash say whose features they are.
 *
 * Matching (counted, never silent):
 * - a file row whose id matches no post is skipped and counted (the file may
 *   cover more posts than this dataset, e.g. a class subset);
 * - a post with no row is an error, unless the manifest (or the caller) says
 *   `missingRows: "absent"`: then that modality is missing for it (zeros in
 *   the view, present = 0) and counted;
 * - without ids, row i is post i and the counts must agree.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { validate, type Dataset, type FeatureView } from '../dataset';
import { readManifest, type UserViewDecl, type UserViewsManifest } from './manifest';
import { readFeatureRows } from './read';

export const USER_SUPPLIED = 'user-supplied';

export interface UserViewsOptions {
  /** path of views.json */
  manifest: string;
  /** overrides the manifest's missingRows */
  missingRows?: 'error' | 'absent';
  /** what describeUserViews() gave when the run spec was built: the files must still match it */
  fingerprint?: Record<string, unknown>;
}

/** The source string of a user-supplied view: "BERT (user-supplied)". */
export const userSource = (encoder: string) => `${encoder} (${USER_SUPPLIED})`;

export function attachUserViews(ds: Dataset, opts: UserViewsOptions | string): Dataset {
  const o: UserViewsOptions = typeof opts === 'string' ? { manifest: opts } : opts;
  const m = readManifest(o.manifest);
  const base = baseName(ds.name);
  if (m.dataset && m.dataset !== ds.name && m.dataset !== base) throw new Error(`${m.path}: field 'dataset' is '${m.dataset}', but the features are being attached to dataset '${ds.name}'`);
  if (o.fingerprint) {
    const now = describeUserViews(o.manifest, o.missingRows);
    if (JSON.stringify(now) !== JSON.stringify(o.fingerprint)) throw new Error(`${m.path}: the manifest or its files changed since the run spec was built (fingerprint ${JSON.stringify(now)} ≠ ${JSON.stringify(o.fingerprint)}); rebuild the spec`);
  }
  const missingRows = o.missingRows ?? m.missingRows;
  const views: Dataset['views'] = { ...ds.views };
  const present = { text: ds.present.text.slice(), image: ds.present.image.slice() };
  const notes: string[] = [];
  for (const d of m.views) {
    const { view, absent, note } = oneView(ds, d, m, missingRows);
    for (const i of absent) present[d.modality][i] = 0;
    views[d.view] = view;
    notes.push(note);
  }
  return validate({ ...ds, views, present, notes: [...(ds.notes ?? []), ...notes] });
}

function oneView(ds: Dataset, d: UserViewDecl, m: UserViewsManifest, missingRows: 'error' | 'absent'): { view: FeatureView; absent: number[]; note: string } {
  const n = ds.labels.length;
  const r = readFeatureRows(d);
  const data = new Float32Array(n * d.dim); // [N, dim]
  const absent: number[] = [];
  let unmatched: string[] = [];
  if (!r.ids) {
    if (r.rows !== n) throw new Error(`${d.file}: ${r.rows} rows, expected ${n} (one per post of dataset '${ds.name}', in its order); or give an ids file ('ids' in ${basename(m.path)}) to match rows by post id`);
    data.set(r.data);
  } else {
    const at = new Map(ds.ids.map((id, i) => [id, i]));
    const got = new Uint8Array(n);
    r.ids.forEach((id, k) => {
      const i = at.get(id);
      if (i === undefined) {
        unmatched.push(id);
        return;
      }
      got[i] = 1;
      data.set(r.data.subarray(k * d.dim, (k + 1) * d.dim), i * d.dim);
    });
    for (let i = 0; i < n; i++) if (!got[i]) absent.push(i);
    if (absent.length && missingRows === 'error') {
      const show = absent.slice(0, 5).map((i) => `'${ds.ids[i]}'`).join(', ');
      throw new Error(`${d.ids ?? d.file}: ${absent.length} of ${n} posts of dataset '${ds.name}' have no row for view '${d.view}' (${show}${absent.length > 5 ? ', …' : ''}); set "missingRows": "absent" in ${basename(m.path)} to treat them as ${d.modality}-missing`);
    }
    if (unmatched.length === r.rows) throw new Error(`${d.ids ?? d.file}: none of its ${r.rows} ids matches a post of dataset '${ds.name}' (first: '${r.ids[0]}', the dataset's first: '${ds.ids[0]}')`);
    unmatched = unmatched.slice(0, 5).concat(unmatched.length > 5 ? [`… ${unmatched.length - 5} more`] : []);
  }
  const skippedCount = r.ids ? r.rows - (n - absent.length) : 0;
  const file = basename(d.file);
  const detail = [
    `view ${d.view} (${d.modality}, ${d.dim}-d) from ${file}${d.columns ? ` columns ${d.columns[0]}–${d.columns[1] - 1}` : ''} (${r.format}${d.ids ? `, ids ${basename(d.ids)}` : r.ids ? `, ids in column '${d.idColumn}'` : ', row i = post i'}), declared in ${basename(m.path)}`,
    `encoder ${d.encoder}`,
    ...(d.licence ? [`licence ${d.licence}`] : []),
    ...(d.source ? [`source ${d.source}`] : []),
    ...(skippedCount ? [`${skippedCount} row(s) matched no post and were skipped (${unmatched.join(', ')})`] : []),
    ...(absent.length ? [`${absent.length} post(s) had no row: ${d.modality}-missing (zeros, present.${d.modality} = 0)`] : []),
  ];
  return { view: { modality: d.modality, dim: d.dim, data, source: userSource(d.encoder) }, absent, note: `features from files: ${detail.join('; ')}` };
}

/** A dataset's registry name, from a name like 'verite-true-vs-miscaptioned' (for the manifest's dataset check). */
function baseName(name: string): string {
  return name.replace(/-(true-vs-.*|vitb32|2015)$/, '');
}

/**
 * What a run's hash must change with: per view its encoder, width, modality,
 * columns and the bytes of its files (sha-256, 16 hex), and missingRows.
 */
export function describeUserViews(manifest: string, missingRows?: 'error' | 'absent'): Record<string, unknown> {
  const m = readManifest(manifest);
  const sha = (p: string) => {
    let b: Buffer;
    try {
      b = readFileSync(p);
    } catch (e) {
      throw new Error(`cannot read ${p} (declared in ${m.path}): ${(e as Error).message}`);
    }
    return createHash('sha256').update(b).digest('hex').slice(0, 16);
  };
  const views = Object.fromEntries(
    m.views.map((d) => [d.view, { encoder: d.encoder, dim: d.dim, modality: d.modality, ...(d.columns ? { columns: d.columns } : {}), file: sha(d.file), ...(d.ids ? { ids: sha(d.ids) } : {}), ...(d.idColumn !== 'id' ? { idColumn: d.idColumn } : {}) }]),
  );
  return { missingRows: missingRows ?? m.missingRows, views };
}
