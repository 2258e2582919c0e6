/**
 * The one dataset type every source returns: the synthetic generator, the
 * real-data loaders, and the subsets the splitters cut.
 *
 * Labels: 1 = fake, 0 = real — everywhere in the workbench. Loaders whose
 * upstream files use another convention (Fakeddit 2-way, Twitter CLIP) map
 * to this one at load time and say so in their file header.
 *
 * Feature views are dense row-major Float32Arrays [N, dim]. A view belongs to
 * one modality; a sample whose modality is absent has `present[modality][i]
 * = 0` and zeros in that modality's views (models may also mask explicitly).
 */
import * as aq from 'arquero';

export type Label = 0 | 1;
export const FAKE = 1;
export const REAL = 0;

export type Modality = 'text' | 'image';
export const MODALITIES: readonly Modality[] = ['text', 'image'];

/** Canonical view names of the four-view papers (BMLHF): pattern + semantic per modality. */
export const VIEW_NAMES = ['textPattern', 'textSemantic', 'imagePattern', 'imageSemantic'] as const;
export interface FeatureView {
  modality: Modality;
  dim: number;
  /** [N, dim] row-major */
  data: Float32Array;
  /** what produced it, e.g. 'synthetic', 'char-ngram-tfidf', 'mobilenetv2-penultimate', 'clip-vitl14' */
  source: string;
}

export interface SequenceView {
  modality: Modality;
  /** tokens per sample */
  length: number;
  dim: number;
  /** [N, length, dim] row-major */
  data: Float32Array;
  /** [N, length]: 1 where a token is real, 0 for padding */
  mask: Uint8Array;
  source: string;
}

export interface Dataset {
  name: string;
  /** sample ids, unique */
  ids: string[];
  /** [N], 1 = fake, 0 = real */
  labels: Int32Array;
  /** [N] event / group id per sample (index into `eventNames`), or absent */
  events?: Int32Array;
  eventNames?: string[];
  views: Partial<Record<string, FeatureView>>;
  sequences?: Partial<Record<string, SequenceView>>;
  /** per-sample modality-present mask */
  present: Record<Modality, Uint8Array>;
  /** free-form per-sample metadata (text, image ids, split, ...) */
  meta: aq.ColumnTable;
  /** human-readable notes: which stand-in replaces which paper feature, counts of skipped rows, ... */
  notes?: string[];
}

export function size(ds: Dataset): number {
  return ds.labels.length;
}

/** Rows `idx` of a dataset: views, labels, masks and metadata, copied. */
export function subset(ds: Dataset, idx: ArrayLike<number>, name = ds.name): Dataset {
  const n = idx.length;
  const pick32 = (a: Int32Array) => Int32Array.from({ length: n }, (_, i) => a[idx[i]]);
  const pick8 = (a: Uint8Array) => Uint8Array.from({ length: n }, (_, i) => a[idx[i]]);
  const views: Dataset['views'] = {};
  for (const [k, v] of Object.entries(ds.views)) {
    if (!v) continue;
    const out = new Float32Array(n * v.dim);
    for (let i = 0; i < n; i++) out.set(v.data.subarray(idx[i] * v.dim, (idx[i] + 1) * v.dim), i * v.dim);
    views[k] = { ...v, data: out };
  }
  let sequences: Dataset['sequences'];
  if (ds.sequences) {
    sequences = {};
    for (const [k, s] of Object.entries(ds.sequences)) {
      if (!s) continue;
      const w = s.length * s.dim;
      const data = new Float32Array(n * w);
      const mask = new Uint8Array(n * s.length);
      for (let i = 0; i < n; i++) {
        data.set(s.data.subarray(idx[i] * w, (idx[i] + 1) * w), i * w);
        mask.set(s.mask.subarray(idx[i] * s.length, (idx[i] + 1) * s.length), i * s.length);
      }
      sequences[k] = { ...s, data, mask };
    }
  }
  const rows = Array.from(idx as ArrayLike<number>);
  return {
    name,
    ids: rows.map((i) => ds.ids[i]),
    labels: pick32(ds.labels),
    events: ds.events && pick32(ds.events),
    eventNames: ds.eventNames,
    views,
    sequences,
    present: { text: pick8(ds.present.text), image: pick8(ds.present.image) },
    meta: ds.meta.numRows() === ds.labels.length ? takeRows(ds.meta, rows) : ds.meta,
    notes: ds.notes,
  };
}

function takeRows(t: aq.ColumnTable, rows: number[]): aq.ColumnTable {
  const cols: Record<string, unknown[]> = {};
  for (const name of t.columnNames()) {
    const col = t.column(name)!;
    cols[name] = rows.map((r) => col.at(r));
  }
  return aq.table(cols);
}

/**
 * Check shapes and values; throws an error naming the dataset and field.
 * Loaders call it before returning, so a NaN in a feature file surfaces at
 * load time, with its row, instead of as a NaN loss many epochs later.
 */
export function validate(ds: Dataset): Dataset {
  const n = ds.labels.length;
  const where = `dataset '${ds.name}'`;
  if (ds.ids.length !== n) throw new Error(`${where}: ${ds.ids.length} ids but ${n} labels`);
  for (let i = 0; i < n; i++) {
    if (ds.labels[i] !== 0 && ds.labels[i] !== 1) throw new Error(`${where}: label of row ${i} (id ${ds.ids[i]}) is ${ds.labels[i]}, expected 0 (real) or 1 (fake)`);
  }
  if (ds.events && ds.events.length !== n) throw new Error(`${where}: events has ${ds.events.length} entries, expected ${n}`);
  for (const m of MODALITIES) {
    if (ds.present[m].length !== n) throw new Error(`${where}: present.${m} has ${ds.present[m].length} entries, expected ${n}`);
  }
  for (const [k, v] of Object.entries(ds.views)) {
    if (!v) continue;
    if (v.data.length !== n * v.dim) throw new Error(`${where}: view '${k}' has ${v.data.length} values, expected ${n} × ${v.dim}`);
    const bad = v.data.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) {
      const row = Math.floor(bad / v.dim);
      throw new Error(`${where}: view '${k}' has a non-finite value (${v.data[bad]}) at row ${row} (id ${ds.ids[row]}), column ${bad % v.dim}`);
    }
  }
  return ds;
}

/** Counts of the kind a dataset report prints. */
export function summary(ds: Dataset): Record<string, number | string> {
  const n = size(ds);
  let fake = 0, text = 0, image = 0;
  for (let i = 0; i < n; i++) {
    fake += ds.labels[i];
    text += ds.present.text[i];
    image += ds.present.image[i];
  }
  return {
    name: ds.name,
    samples: n,
    fake,
    real: n - fake,
    withText: text,
    withImage: image,
    events: ds.eventNames?.length ?? 0,
    views: Object.entries(ds.views).map(([k, v]) => `${k}:${v!.dim}`).join(' '),
  };
}
