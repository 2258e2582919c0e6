/**
 * Converters (npm run convert) on crafted small files in COOLANT's / CAFE's
 * .npz layout and FaKnow's JSON records → the workbench layout, loaded back
 * with the `files` loader.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { convertFaknow } from '../../lib/data/convert/faknow';
import { writeLayout } from '../../lib/data/convert/layout';
import { convertNpz } from '../../lib/data/convert/npz-features';
import { loadDataset } from '../../lib/data/loaders/index';
import { npyBytes, put, tempDir } from './loaders/helpers';

/** A zip (.npz) of members; `deflate` compresses them as np.savez_compressed does. */
function zip(members: Record<string, Uint8Array>, deflate = false, corrupt = false): Buffer {
  const locals: Buffer[] = [], centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, raw] of Object.entries(members)) {
    const data = deflate ? deflateRawSync(raw) : Buffer.from(raw);
    const crc = crc32(raw) ^ (corrupt ? 1 : 0);
    const n = Buffer.from(name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(deflate ? 8 : 0, 8);
    lh.writeUInt32LE(crc >>> 0, 14); lh.writeUInt32LE(data.length, 18); lh.writeUInt32LE(raw.length, 22); lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(deflate ? 8 : 0, 10);
    ch.writeUInt32LE(crc >>> 0, 16); ch.writeUInt32LE(data.length, 20); ch.writeUInt32LE(raw.length, 24); ch.writeUInt16LE(n.length, 28); ch.writeUInt32LE(offset, 42);
    locals.push(lh, n, data);
    centrals.push(ch, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(members).length, 8); end.writeUInt16LE(Object.keys(members).length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const seq = (n: number, f = 0.5) => Float32Array.from({ length: n }, (_, i) => i * f);
const labels = (l: number[]) => npyBytes([l.length], BigInt64Array.from(l.map(BigInt)), '<i8');

/** COOLANT/CAFE files: train 3 posts, test 2; text [N, 4] stored, image [N, 1, 3] deflated */
function npzFolder(o: { textShape?: number[]; imageLabels?: number[]; corrupt?: boolean } = {}): string {
  const dir = tempDir('mmfnd-conv-');
  for (const [split, l] of [['train', [1, 0, 1]], ['test', [0, 1]]] as const) {
    const n = l.length;
    const ts = o.textShape ? [n, ...o.textShape] : [n, 4];
    put(dir, `${split}_text_with_label.npz`, zip({ 'data.npy': npyBytes(ts, seq(ts.reduce((a, b) => a * b))), 'label.npy': labels([...l]) }, false, o.corrupt && split === 'test'));
    put(dir, `${split}_image_with_label.npz`, zip({ 'data.npy': npyBytes([n, 1, 3], seq(n * 3, 2)), 'label.npy': labels(o.imageLabels && split === 'train' ? o.imageLabels : [...l]) }, true));
  }
  return dir;
}

/** write the layout into a data directory and load it back with the `files` loader */
function roundTrip(posts: Parameters<typeof writeLayout>[1], views?: Parameters<typeof writeLayout>[2]) {
  const dataDir = tempDir('mmfnd-conv-data-');
  writeLayout(join(dataDir, 'converted'), posts, views);
  return loadDataset('files', { dataDir, dir: 'converted', quiet: true });
}

describe('COOLANT / CAFE .npz feature files', () => {
  it('COOLANT: both splits, stored and deflated members, [N, 1, d] squeezed; loads back as a dataset with user-supplied views', () => {
    const r = convertNpz({ format: 'coolant', dir: npzFolder(), textEncoder: 'BERT (COOLANT release)' });
    const ds = roundTrip(r.posts, r.views);
    expect(ds.ids).toEqual(['train-0', 'train-1', 'train-2', 'test-0', 'test-1']);
    expect(Array.from(ds.labels)).toEqual([1, 0, 1, 0, 1]);
    expect(ds.meta.array('split')).toEqual(['train', 'train', 'train', 'test', 'test']);
    expect(ds.views.textSemantic!.dim).toBe(4);
    expect(Array.from(ds.views.textSemantic!.data.subarray(12, 16))).toEqual([0, 0.5, 1, 1.5]); // test row 0 = test file row 0
    expect(Array.from(ds.views.imageSemantic!.data.subarray(0, 3))).toEqual([0, 2, 4]);
    expect(ds.views.textSemantic!.source).toBe('BERT (COOLANT release) (user-supplied)');
  });

  it('CAFE: the fake label must be given; 0 flips the labels', () => {
    expect(() => convertNpz({ format: 'cafe', dir: npzFolder() })).toThrow(/convert cafe: give --fake-label 0 or 1/);
    expect(convertNpz({ format: 'cafe', dir: npzFolder(), fakeLabel: 0 }).posts.map((p) => p.label)).toEqual([0, 1, 0, 1, 0]);
  });

  it('sequence features [N, L, d] need a pool; mean pools over L', () => {
    expect(() => convertNpz({ format: 'coolant', dir: npzFolder({ textShape: [2, 2] }) })).toThrow(/train_text_with_label\.npz:data: shape \(3, 2, 2\) is a sequence per post; choose --pool mean, first or flatten/);
    const r = convertNpz({ format: 'coolant', dir: npzFolder({ textShape: [2, 2] }), pool: 'mean' });
    expect(Array.from(r.views[0].data.subarray(0, 2))).toEqual([0.5, 1]); // mean of [0, 0.5] and [1, 1.5]
  });

  it('bad archives: a CRC mismatch, and text / image labels that disagree', () => {
    expect(() => convertNpz({ format: 'coolant', dir: npzFolder({ corrupt: true }) })).toThrow(/test_text_with_label\.npz: member 'data\.npy' fails its size \/ CRC-32 check/);
    expect(() => convertNpz({ format: 'coolant', dir: npzFolder({ imageLabels: [1, 1, 1] }) })).toThrow(/train_image_with_label\.npz:label: row 1 is 1, but the text file's row 1 is 0: the two files are not row-aligned/);
  });

  it('from the command line', () => {
    const out = join(tempDir('mmfnd-conv-'), 'coolant');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join('bin', 'convert.ts'), 'coolant', '--in', npzFolder(), '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\[convert\] train: 3 posts, text \(3, 4\), image \(3, 1, 3\)/);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', join('bin', 'convert.ts'), 'npzz', '--in', 'x', '--out', out], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^convert: unknown format 'npzz'/);
  }, 120_000);
});

describe('FaKnow JSON posts', () => {
  const write = () => {
    const dir = tempDir('mmfnd-conv-');
    const train = put(dir, 'weibo_train.json', JSON.stringify([
      { text: 'fake, with "quotes"\nand a newline', image: 'images/a.jpg', label: 1, domain: 3 },
      { text: 'real', image: 'images/b.jpg', label: 0, domain: 1 },
    ]));
    const test = put(dir, 'weibo_test.json', JSON.stringify([{ text: 'later', image: null, label: 0, domain: 3 }]));
    return { train, test };
  };

  it('records → posts.csv (split from the file name, domain → event); loads back', () => {
    const { train, test } = write();
    const r = convertFaknow({ files: [{ path: train, split: 'train' }, { path: test, split: 'test' }] });
    const ds = roundTrip(r.posts);
    expect(ds.ids).toEqual(['train-0', 'train-1', 'test-0']);
    expect(Array.from(ds.labels)).toEqual([1, 0, 0]);
    expect(ds.meta.array('text')[0]).toBe('fake, with "quotes"\nand a newline');
    expect(ds.eventNames).toEqual(['1', '3']);
    expect(Array.from(ds.events!)).toEqual([1, 0, 1]);
    expect(Array.from(ds.present.image)).toEqual([0, 0, 0]); // image files not copied next to posts.csv: counted, absent
    expect(ds.notes!.join('\n')).toContain('images: 0 of 2 listed files exist');
  });

  it('a malformed record names the file, the record and the field', () => {
    const dir = tempDir('mmfnd-conv-');
    const p = put(dir, 'x_train.json', JSON.stringify([{ text: 'a', label: 1 }, { text: 'b', label: 'fake' }]));
    expect(() => convertFaknow({ files: [{ path: p, split: 'train' }] })).toThrow(/x_train\.json: record 1: field 'label' is "fake", expected 0 or 1/);
  });
});
