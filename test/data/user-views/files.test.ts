/**
 * Features from files on crafted small files: each format read equally, and
 * one test per bad case asserting its message or its counted skip.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { synthetic } from '../../../lib/data/synthetic';
import { attachUserViews, describeUserViews } from '../../../lib/data/user-views/index';
import { npyBytes, put, tempDir } from '../loaders/helpers';

const N = 12;
const D = 3;
const ds = () => synthetic({ samples: N, seed: 1 }); // ids syn-0 … syn-11
const value = (i: number, k: number) => i + k / 4; // exact in float16 and float32
const matrix = (rows: number[], d = D) => Float32Array.from(rows.flatMap((i) => Array.from({ length: d }, (_, k) => value(i, k))));
const all = Array.from({ length: N }, (_, i) => i);

function manifest(dir: string, view: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  return put(dir, 'views.json', JSON.stringify({ views: [{ view: 'textPattern', dim: D, encoder: 'BERT', ...view }], ...top }));
}
const csv = (rows: number[], ids = rows.map((i) => `syn-${i}`), cell = (i: number, k: number) => String(value(i, k))) =>
  ['id,f0,f1,f2', ...rows.map((i, r) => [ids[r], ...Array.from({ length: D }, (_, k) => cell(i, k))].join(','))].join('\n') + '\n';

describe('features from files: formats', () => {
  it('npy float32 row-aligned, npy float16 with an ids file, CSV and Arrow give the same view, marked user-supplied', () => {
    const dir = tempDir('mmfnd-uv-');
    const expected = matrix(all);
    const views: Float32Array[] = [];
    put(dir, 'a.npy', npyBytes([N, D], expected));
    views.push(attachUserViews(ds(), manifest(dir, { file: 'a.npy' })).views.textPattern!.data);
    // float16, rows in reverse order, keyed by an int64 ids file
    const rev = [...all].reverse();
    const half = (x: number) => { const b = Buffer.alloc(4); b.writeFloatLE(x); const f = b.readUInt32LE(); const e = ((f >>> 23) & 0xff) - 127 + 15; return x === 0 ? 0 : ((f >>> 16) & 0x8000) | (e << 10) | ((f >>> 13) & 0x3ff); };
    put(dir, 'h.npy', npyBytes([N, D], Uint16Array.from(matrix(rev), half), '<f2'));
    put(dir, 'h-ids.txt', rev.map((i) => `syn-${i}`).join('\n') + '\n');
    views.push(attachUserViews(ds(), manifest(dir, { file: 'h.npy', ids: 'h-ids.txt' })).views.textPattern!.data);
    put(dir, 'c.csv', csv(rev));
    views.push(attachUserViews(ds(), manifest(dir, { file: 'c.csv' })).views.textPattern!.data);
    const t = aq.table({ post: rev.map((i) => `syn-${i}`), ...Object.fromEntries(Array.from({ length: D }, (_, k) => [`f${k}`, rev.map((i) => value(i, k))])) });
    writeFileSync(join(dir, 'x.arrow'), aq.toArrowIPC(t) as Uint8Array);
    const out = attachUserViews(ds(), manifest(dir, { file: 'x.arrow', idColumn: 'post', licence: 'CC-BY-4.0' }));
    views.push(out.views.textPattern!.data);
    for (const v of views) expect(Array.from(v)).toEqual(Array.from(expected));
    expect(out.views.textPattern!.source).toBe('BERT (user-supplied)');
    expect(out.notes!.join('\n')).toMatch(/features from files: view textPattern \(text, 3-d\) from x\.arrow \(Arrow, ids in column 'post'\).*encoder BERT; licence CC-BY-4.0/);
  });

  it('columns [from, to) pick a slice of a wider file', () => {
    const dir = tempDir('mmfnd-uv-');
    put(dir, 'w.npy', npyBytes([N, 2 * D], matrix(all, 2 * D)));
    const out = attachUserViews(ds(), manifest(dir, { file: 'w.npy', columns: [D, 2 * D] }));
    expect(out.views.textPattern!.data[0]).toBe(value(0, D));
    expect(out.views.textPattern!.data.length).toBe(N * D);
  });

  it('the fingerprint changes with the encoder name and with the file bytes', () => {
    const dir = tempDir('mmfnd-uv-');
    put(dir, 'a.npy', npyBytes([N, D], matrix(all)));
    const a = JSON.stringify(describeUserViews(manifest(dir, { file: 'a.npy' })));
    const b = JSON.stringify(describeUserViews(manifest(dir, { file: 'a.npy', encoder: 'RoBERTa' })));
    put(dir, 'a.npy', npyBytes([N, D], matrix(all.map((i) => i + 1))));
    const c = JSON.stringify(describeUserViews(manifest(dir, { file: 'a.npy' })));
    expect(new Set([a, b, c]).size).toBe(3);
  });
});

describe('features from files: bad input', () => {
  it('ids matching no post: skipped and counted in the notes', () => {
    const dir = tempDir('mmfnd-uv-');
    put(dir, 'c.csv', csv([...all, 0, 1], [...all.map((i) => `syn-${i}`), 'other-1', 'other-2']));
    const out = attachUserViews(ds(), manifest(dir, { file: 'c.csv' }));
    expect(out.notes!.join('\n')).toContain("2 row(s) matched no post and were skipped (other-1, other-2)");
  });

  it('posts with no row: an error naming how many and which, by default', () => {
    const dir = tempDir('mmfnd-uv-');
    put(dir, 'c.csv', csv(all.slice(2)));
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'c.csv' }))).toThrow(/c\.csv: 2 of 12 posts of dataset '.*' have no row for view 'textPattern' \('syn-0', 'syn-1'\); set "missingRows": "absent"/);
  });

  it('posts with no row + missingRows "absent": that modality missing for them, counted', () => {
    const dir = tempDir('mmfnd-uv-');
    put(dir, 'c.csv', csv(all.slice(2)));
    const out = attachUserViews(ds(), manifest(dir, { file: 'c.csv' }, { missingRows: 'absent' }));
    expect(Array.from(out.present.text.subarray(0, 3))).toEqual([0, 0, 1]);
    expect(Array.from(out.views.textPattern!.data.subarray(0, D))).toEqual([0, 0, 0]);
    expect(out.notes!.join('\n')).toContain('2 post(s) had no row: text-missing (zeros, present.text = 0)');
  });

  it('wrong dimensions: the file width against the manifest dim', () => {
    const dir = tempDir('mmfnd-uv-');
    put(dir, 'a.npy', npyBytes([N, 4], matrix(all, 4)));
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'a.npy' }))).toThrow(/a\.npy: 4 feature columns, but the manifest declares dim 3 for view 'textPattern'/);
  });

  it('NaN in a .npy: file, row and column', () => {
    const dir = tempDir('mmfnd-uv-');
    const m = matrix(all);
    m[5 * D + 1] = NaN;
    put(dir, 'a.npy', npyBytes([N, D], m));
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'a.npy' }))).toThrow(/a\.npy: non-finite value NaN at row 5, column 1/);
  });

  it('Inf in a CSV: file, line and field', () => {
    const dir = tempDir('mmfnd-uv-');
    put(dir, 'c.csv', csv(all, undefined, (i, k) => (i === 3 && k === 2 ? 'Infinity' : String(value(i, k)))));
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'c.csv' }))).toThrow(/c\.csv:5: field 'f2' is 'Infinity', expected a finite number/);
  });

  it('duplicate ids: both places named', () => {
    const dir = tempDir('mmfnd-uv-');
    put(dir, 'c.csv', csv([0, 1, 1], ['syn-0', 'syn-1', 'syn-1']));
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'c.csv' }))).toThrow(/c\.csv: duplicate post id 'syn-1' at line 3 and line 4/);
  });

  it('a row-aligned file with the wrong row count', () => {
    const dir = tempDir('mmfnd-uv-');
    put(dir, 'a.npy', npyBytes([N - 1, D], matrix(all.slice(1))));
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'a.npy' }))).toThrow(/a\.npy: 11 rows, expected 12 \(one per post/);
  });

  it('an ids file of the wrong length', () => {
    const dir = tempDir('mmfnd-uv-');
    put(dir, 'a.npy', npyBytes([N, D], matrix(all)));
    put(dir, 'ids.json', JSON.stringify(all.slice(1).map((i) => `syn-${i}`)));
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'a.npy', ids: 'ids.json' }))).toThrow(/ids\.json: 11 ids, expected 12, one per row of .*a\.npy/);
  });

  it('manifest errors name the field', () => {
    const dir = tempDir('mmfnd-uv-');
    put(dir, 'a.npy', npyBytes([N, D], matrix(all)));
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'a.npy', encoder: undefined }))).toThrow(/views\.json: field 'views\[0\]\.encoder' is undefined; expected a non-empty string/);
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'a.npy', dim: '3' }))).toThrow(/field 'views\[0\]\.dim' is "3"; expected a positive integer/);
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'a.npy', dims: 3 }))).toThrow(/field 'views\[0\]\.dims' is not a view field/);
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'a.npy', view: 'fused' }))).toThrow(/field 'views\[0\]\.modality' is undefined; expected "text" or "image"/);
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'a.parquet' }))).toThrow(/Parquet is not read here; convert it to Arrow IPC/);
    expect(() => attachUserViews(ds(), manifest(dir, { file: 'a.npy' }, { dataset: 'weibo' }))).toThrow(/field 'dataset' is 'weibo', but the features are being attached to dataset/);
  });
});
