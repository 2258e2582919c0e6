/**
 * Rows of several datasets with the same views, one after the other (e.g.
 * all training posts plus image-only and text-only copies of a budget).
 * Metadata is not carried (the pieces may disagree on columns); ids get a
 * '#<part>' suffix after the first part so they stay unique.
 */
import * as aq from 'arquero';
import type { Dataset } from './dataset';

export function concatDatasets(parts: Dataset[], name = parts[0]?.name ?? 'concat'): Dataset {
  if (!parts.length) throw new Error('concatDatasets: no parts');
  const keys = Object.keys(parts[0].views).sort();
  parts.forEach((p, i) => {
    const k = Object.keys(p.views).sort();
    if (k.join() !== keys.join()) throw new Error(`concatDatasets: part ${i} has views ${k.join(', ')}, part 0 has ${keys.join(', ')}`);
    if (p.sequences) throw new Error(`concatDatasets: part ${i} has token sequences (not supported)`);
  });
  const cat32 = (xs: Int32Array[]) => {
    const out = new Int32Array(xs.reduce((s, x) => s + x.length, 0));
    let off = 0;
    for (const x of xs) (out.set(x, off), (off += x.length));
    return out;
  };
  const cat8 = (xs: Uint8Array[]) => {
    const out = new Uint8Array(xs.reduce((s, x) => s + x.length, 0));
    let off = 0;
    for (const x of xs) (out.set(x, off), (off += x.length));
    return out;
  };
  const views: Dataset['views'] = {};
  for (const k of keys) {
    const v0 = parts[0].views[k]!;
    const data = new Float32Array(parts.reduce((s, p) => s + p.views[k]!.data.length, 0));
    let off = 0;
    for (const p of parts) (data.set(p.views[k]!.data, off), (off += p.views[k]!.data.length));
    views[k] = { ...v0, data };
  }
  const events = parts.every((p) => p.events) ? cat32(parts.map((p) => p.events!)) : undefined;
  return {
    name,
    ids: parts.flatMap((p, i) => (i === 0 ? p.ids : p.ids.map((id) => `${id}#${i}`))),
    labels: cat32(parts.map((p) => p.labels)),
    events,
    eventNames: events ? parts[0].eventNames : undefined,
    views,
    present: { text: cat8(parts.map((p) => p.present.text)), image: cat8(parts.map((p) => p.present.image)) },
    meta: aq.table({}),
    notes: parts[0].notes,
  };
}
