/**
 * Image-bearing posts: the rows of a dataset that have an image, every
 * dropped row counted per split in the notes (no row leaves unseen).
 *
 * Papers that use a dataset's images train, select and test on the posts
 * that have one (BMLHF's Twitter split: 8,617 train / 2,059 test); the
 * all-posts set stays available as a natural missing-image setting. The
 * mask is given explicitly so the same rows are kept whether the filter runs
 * in the loader (before any feature view exists) or after the views were
 * built from the cache of the whole dataset (lib/experiment/real.ts).
 */
import { subset, type Dataset } from './dataset';

export type ImagesOption = 'required' | 'any';
export const IMAGES_OPTIONS: readonly ImagesOption[] = ['required', 'any'];

export interface ImageBearingOptions {
  /** 1 = the row has an image file (the loader's `present.image`) */
  mask?: Uint8Array;
  /** name of the kept dataset; default `<name>-with-images` */
  name?: string;
  /** what the paper reports for the same selection, quoted beside our counts */
  reference?: string;
}

/** Kept / total rows per meta.split value (one 'all' group when there is no split column). */
function countsBySplit(ds: Dataset, mask: Uint8Array): { split: string; kept: number; total: number }[] {
  const col = ds.meta.numRows() === ds.labels.length ? ds.meta.column('split') : undefined;
  const by = new Map<string, { kept: number; total: number }>();
  for (let i = 0; i < ds.labels.length; i++) {
    const s = col ? String(col.at(i)) : 'all';
    const e = by.get(s) ?? by.set(s, { kept: 0, total: 0 }).get(s)!;
    e.total++;
    e.kept += mask[i] ? 1 : 0;
  }
  return [...by].map(([split, e]) => ({ split, ...e }));
}

export function keepImageBearing(ds: Dataset, opts: ImageBearingOptions = {}): Dataset {
  const mask = opts.mask ?? ds.present.image;
  if (mask.length !== ds.labels.length) throw new Error(`keepImageBearing: mask has ${mask.length} rows, dataset '${ds.name}' has ${ds.labels.length}`);
  const rows: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) rows.push(i);
  if (rows.length === 0) throw new Error(`images: 'required' keeps no post of '${ds.name}': none has an image file`);
  const counts = countsBySplit(ds, mask);
  const per = counts.map((c) => `${c.split} ${c.kept} kept / ${c.total - c.kept} dropped`).join(', ');
  const note = `images: 'required' — only posts with an image file: ${rows.length} of ${ds.labels.length} kept, ${ds.labels.length - rows.length} dropped (${per})` + (opts.reference ? `; ${opts.reference}` : '');
  const out = subset(ds, rows, opts.name ?? `${ds.name}-with-images`);
  return { ...out, notes: [...(ds.notes ?? []), note] };
}
