/**
 * FaKnow's JSON posts → the workbench layout. FaKnow's datasets read a JSON
 * file of records (pandas `read_json(orient='records')`): a list of objects,
 * one per post, with the text field(s), a `label`, and for multimodal models
 * an image path relative to the JSON file's folder (field names are chosen
 * by the user's model, so they are options here); `domain` (when present)
 * becomes the event. One file per split (the split is taken from the file
 * name: train / val / test, else given). Every malformed record is an error
 * naming the file and the record index.
 */
import { readText } from '../loaders/common';
import type { LayoutPost } from './layout';

export interface FaknowOptions {
  /** files with their split */
  files: { path: string; split: 'train' | 'val' | 'test' }[];
  textField?: string;
  imageField?: string;
  labelField?: string;
  idField?: string;
  eventField?: string;
  /** the label value meaning fake (default 1) */
  fakeLabel?: 0 | 1;
}

export function splitOfName(path: string): 'train' | 'val' | 'test' | undefined {
  const b = path.split(/[\\/]/).pop()!.toLowerCase();
  return /train/.test(b) ? 'train' : /val|dev/.test(b) ? 'val' : /test/.test(b) ? 'test' : undefined;
}

export function convertFaknow(o: FaknowOptions): { posts: LayoutPost[]; notes: string[] } {
  const f = { text: o.textField ?? 'text', image: o.imageField ?? 'image', label: o.labelField ?? 'label', id: o.idField ?? 'id', event: o.eventField ?? 'domain' };
  const fake = o.fakeLabel ?? 1;
  const posts: LayoutPost[] = [];
  const notes: string[] = [];
  for (const { path, split } of o.files) {
    let recs: unknown;
    try {
      recs = JSON.parse(readText(path));
    } catch (e) {
      throw new Error(`${path}: invalid JSON (${(e as Error).message})`);
    }
    if (!Array.isArray(recs)) throw new Error(`${path}: expected a JSON list of post records (FaKnow's orient='records')`);
    let images = 0;
    recs.forEach((r, i) => {
      const at = `${path}: record ${i}`;
      if (!r || typeof r !== 'object' || Array.isArray(r)) throw new Error(`${at}: expected an object`);
      const o2 = r as Record<string, unknown>;
      const label = o2[f.label];
      if (label !== 0 && label !== 1) throw new Error(`${at}: field '${f.label}' is ${JSON.stringify(label)}, expected 0 or 1`);
      const text = o2[f.text];
      if (typeof text !== 'string') throw new Error(`${at}: field '${f.text}' is ${JSON.stringify(text)}, expected a string`);
      const img = o2[f.image];
      if (img !== undefined && img !== null && typeof img !== 'string') throw new Error(`${at}: field '${f.image}' is ${JSON.stringify(img)}, expected an image path`);
      if (img) images++;
      const id = o2[f.id] ?? `${split}-${i}`;
      if (typeof id !== 'string' && typeof id !== 'number') throw new Error(`${at}: field '${f.id}' is ${JSON.stringify(id)}, expected a string or number`);
      posts.push({ id: String(id), label: label === fake ? 1 : 0, split, text, images: img ? [img as string] : [], ...(o2[f.event] !== undefined ? { event: String(o2[f.event]) } : {}) });
    });
    notes.push(`${path.split(/[\\/]/).pop()}: ${recs.length} posts → ${split} (${images} with an image path)`);
  }
  notes.push(`labels: ${fake} = fake in the source → 1 = fake here; image paths are kept relative: copy or link the image folder next to posts.csv`);
  return { posts, notes };
}
