import { describe, expect, it } from 'vitest';
import { summary } from '../../../lib/data/dataset';
import { loadVerite } from '../../../lib/data/loaders/verite';
import { readNpyMatrix } from '../../../lib/data/loaders/npy';
import { SHARED, haveShared, npyBytes, put, ramp, tempDir } from './helpers';

const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe.skipIf(!haveShared('verite'))('VERITE (real data)', () => {
  it('1,001 rows: 338 true / 338 miscaptioned / 325 out-of-context; CLIP ViT-L/14 views 768-d', () => {
    const ds = loadVerite({ dataDir: SHARED });
    expect(summary(ds)).toMatchObject({ samples: 1001, real: 338, fake: 663, withImage: 1001, views: 'textSemantic:768 imageSemantic:768' });
    const l3 = ds.meta.array('label3') as string[];
    expect(['true', 'miscaptioned', 'out-of-context'].map((l) => l3.filter((x) => x === l).length)).toEqual([338, 338, 325]);
    expect(ds.views.imageSemantic!.source).toBe('clip-vitl14');
    expect(ds.ids.slice(0, 3)).toEqual(['0', '1', '2']);
  });

  it('classes: true vs one kind of fake', () => {
    expect(summary(loadVerite({ dataDir: SHARED, classes: 'true-vs-miscaptioned' }))).toMatchObject({ samples: 676, fake: 338 });
    expect(summary(loadVerite({ dataDir: SHARED, classes: 'true-vs-out-of-context' }))).toMatchObject({ samples: 663, fake: 325 });
  });

  it("encoder 'ViT-B/32': the _ViTB32.npy twins, 512-d, item ids checked row by row; notes name the encoder", () => {
    const ds = loadVerite({ dataDir: SHARED, encoder: 'ViT-B/32' });
    expect(ds.name).toBe('verite-vitb32');
    expect(summary(ds)).toMatchObject({ samples: 1001, real: 338, fake: 663, views: 'textSemantic:512 imageSemantic:512' });
    expect(ds.views.textSemantic!.source).toBe('clip-vitb32');
    const raw = readNpyMatrix(`${SHARED}/verite/VERITE_clip_image_embeddings_ViTB32.npy`);
    expect(bytes(ds.views.imageSemantic!.data).equals(bytes(raw.data))).toBe(true);
    expect(ds.ids).toEqual(loadVerite({ dataDir: SHARED }).ids);
    const notes = ds.notes!.join('\n');
    expect(notes).toMatch(/the image modality is its CLIP ViT-B\/32 features/);
    expect(notes).toMatch(/views from VERITE_clip_image_embeddings_ViTB32\.npy \/ VERITE_clip_text_embeddings_ViTB32\.npy \(f4, 512-d\)/);
    expect(notes).toMatch(/row alignment checked: VERITE_item_ids_ViTB32\.npy holds CSV row i's id at row i for all 1001 rows/);
  });

  it('the default (ViT-L/14) keeps its bytes and notes', () => {
    const ds = loadVerite({ dataDir: SHARED, encoder: 'ViT-L/14' });
    const raw = readNpyMatrix(`${SHARED}/verite/VERITE_clip_text_embeddings_ViTL14.npy`);
    expect(bytes(ds.views.textSemantic!.data).equals(bytes(raw.data))).toBe(true);
    expect(ds.notes).toEqual(loadVerite({ dataDir: SHARED }).notes);
    expect(ds.notes!.slice(1)).toEqual([
      'image files are not shipped: meta.images is empty, the image modality is its CLIP ViT-L/14 features (present.image = 1)',
      'views from VERITE_clip_image_embeddings_ViTL14.npy / VERITE_clip_text_embeddings_ViTL14.npy (f4, 768-d), row-aligned with VERITE.csv',
    ]);
  });
});

describe('VERITE (crafted files)', () => {
  const csv = ',caption,image_path,label\n0,"a, quoted caption",images/true_0.jpg,true\n1,b,images/true_0.jpg,miscaptioned\n2,c,images/false_0.jpg,out-of-context\n';
  const make = (opts: { img?: Uint8Array; txt?: Uint8Array; csvText?: string } = {}) => {
    const root = tempDir();
    put(root, 'verite/VERITE.csv', opts.csvText ?? csv);
    put(root, 'verite/VERITE_clip_image_embeddings_ViTL14.npy', opts.img ?? npyBytes([3, 768], ramp(3 * 768)));
    put(root, 'verite/VERITE_clip_text_embeddings_ViTL14.npy', opts.txt ?? npyBytes([3, 768], ramp(3 * 768, 0.02)));
    return root;
  };

  it('loads a well-formed tiny copy; rows aligned with the .npy', () => {
    const ds = loadVerite({ dataDir: make() });
    expect(Array.from(ds.labels)).toEqual([0, 1, 1]);
    expect(ds.meta.get('text', 0)).toBe('a, quoted caption');
    expect(ds.views.textSemantic!.data[768]).toBeCloseTo(ramp(3 * 768, 0.02)[768]);
  });

  it('NaN in a .npy: error names the file, row and column', () => {
    const v = ramp(3 * 768);
    v[768 + 5] = NaN;
    expect(() => loadVerite({ dataDir: make({ img: npyBytes([3, 768], v) }) })).toThrow(/VERITE_clip_image_embeddings_ViTL14\.npy: non-finite value NaN at row 1, column 5/);
  });

  it('wrong dims .npy: error names the file and the shape', () => {
    expect(() => loadVerite({ dataDir: make({ txt: npyBytes([3, 512], ramp(3 * 512)) }) })).toThrow(/VERITE_clip_text_embeddings_ViTL14\.npy: shape \(3, 512\), expected 768 columns/);
  });

  it('row count mismatch between CSV and .npy is an error', () => {
    expect(() => loadVerite({ dataDir: make({ img: npyBytes([2, 768], ramp(2 * 768)) }) })).toThrow(/VERITE_clip_image_embeddings_ViTL14\.npy: 2 rows, expected 3/);
  });

  it('truncated .npy payload: error names the file', () => {
    expect(() => loadVerite({ dataDir: make({ img: npyBytes([3, 768], ramp(3 * 768), '<f4', 8) }) })).toThrow(/VERITE_clip_image_embeddings_ViTL14\.npy: (cannot parse|header says)/);
  });

  it('unknown label / wrong field count: error names the line and field', () => {
    expect(() => loadVerite({ dataDir: make({ csvText: csv.replace('miscaptioned', 'satire') }) })).toThrow(/VERITE\.csv:3: field 'label' is 'satire'/);
    expect(() => loadVerite({ dataDir: make({ csvText: csv.replace('2,c,', '2,c,x,') }) })).toThrow(/VERITE\.csv:4: 5 fields, expected 4/);
  });

  it('header-only or empty CSV: the error blames the CSV, not the .npy', () => {
    expect(() => loadVerite({ dataDir: make({ csvText: ',caption,image_path,label\n' }) })).toThrow(/verite\/VERITE\.csv: header only, no rows/);
    expect(() => loadVerite({ dataDir: make({ csvText: '' }) })).toThrow(/VERITE\.csv: empty file/);
  });

  it('a stray quote in the CSV: the count error names both files and the joined lines; an unclosed one names its line', () => {
    const stray = csv.replace('1,b,', '1,"b,').replace('2,c,', '2,c",');
    expect(() => loadVerite({ dataDir: make({ csvText: stray }) })).toThrow(/ViTL14\.npy: 3 rows, expected 2, one per data record of .*VERITE\.csv; 1 CSV record\(s\) span several lines \(3-4\)/);
    expect(() => loadVerite({ dataDir: make({ csvText: csv.replace('1,b,', '1,"b,') }) })).toThrow(/VERITE\.csv: CSV parse error: Quote Not Closed: the quote that opens a field on line 3/);
  });

  it('unknown options and bad values are errors naming them', () => {
    expect(() => loadVerite({ dataDir: make(), year: 2015 } as never)).toThrow(/verite: unknown option 'year'; known options: dataDir, quiet, strict, classes, encoder, dir, prefix/);
    expect(() => loadVerite({ dataDir: make(), encoder: 'ViT-B/16' } as never)).toThrow(/verite: option 'encoder' is "ViT-B\/16"; expected one of "ViT-L\/14", "ViT-B\/32"/);
    expect(() => loadVerite({ dataDir: make(), dir: '../verite' })).toThrow(/verite: option 'dir' is '\.\.\/verite'; expected one folder/);
  });

  const b32 = (root: string, ids?: number[]) => {
    put(root, 'verite/VERITE_clip_image_embeddings_ViTB32.npy', npyBytes([3, 512], ramp(3 * 512)));
    put(root, 'verite/VERITE_clip_text_embeddings_ViTB32.npy', npyBytes([3, 512], ramp(3 * 512, 0.03)));
    if (ids) put(root, 'verite/VERITE_item_ids_ViTB32.npy', npyBytes([ids.length], BigInt64Array.from(ids.map(BigInt)), '<i8'));
    return root;
  };

  it("encoder 'ViT-B/32': 512-d views beside the L/14 files, item ids checked", () => {
    const ds = loadVerite({ dataDir: b32(make(), [0, 1, 2]), encoder: 'ViT-B/32' });
    expect(ds.name).toBe('verite-vitb32');
    expect(ds.views.textSemantic!.dim).toBe(512);
    expect(ds.views.imageSemantic!.source).toBe('clip-vitb32');
    expect(ds.views.textSemantic!.data[512]).toBeCloseTo(ramp(3 * 512, 0.03)[512]);
    expect(ds.notes!.join('\n')).toMatch(/CLIP ViT-B\/32 features[\s\S]*row alignment checked: VERITE_item_ids_ViTB32\.npy/);
    expect(loadVerite({ dataDir: b32(make(), [0, 1, 2]), encoder: 'ViT-B/32', classes: 'true-vs-out-of-context' }).name).toBe('verite-vitb32-true-vs-out-of-context');
  });

  it('ViT-B/32 item ids out of order or short: errors name the file, row and CSV line', () => {
    expect(() => loadVerite({ dataDir: b32(make(), [0, 2, 1]), encoder: 'ViT-B/32' })).toThrow(/VERITE_item_ids_ViTB32\.npy: row 1 holds item id 2, but row 1 of .*VERITE\.csv \(line 3\) has id '1'/);
    expect(() => loadVerite({ dataDir: b32(make(), [0, 1]), encoder: 'ViT-B/32' })).toThrow(/VERITE_item_ids_ViTB32\.npy: 2 item ids, expected 3/);
    expect(() => loadVerite({ dataDir: make(), encoder: 'ViT-B/32' })).toThrow(/lacks .*VERITE_clip_image_embeddings_ViTB32\.npy/);
  });

  it('another VERITE-schema set: dir + prefix, float16 features, no item-id file; named after its folder', () => {
    const root = tempDir();
    const half = (x: number) => (x === 1 ? 0x3c00 : x === -2 ? 0xc000 : 0x3800); // 1, -2, 0.5
    put(root, 'newsclip-mini/NEWS.csv', ',caption,image_path,label\n7,one,a.jpg,true\n8,two,b.jpg,out-of-context\n');
    put(root, 'newsclip-mini/NEWS_clip_image_embeddings_ViTL14.npy', npyBytes([2, 768], Uint16Array.from({ length: 2 * 768 }, (_, i) => half([1, -2, 0.5][i % 3])), '<f2'));
    put(root, 'newsclip-mini/NEWS_clip_text_embeddings_ViTL14.npy', npyBytes([2, 768], Uint16Array.from({ length: 2 * 768 }, () => 0x3c00), '<f2'));
    const ds = loadVerite({ dataDir: root, dir: 'newsclip-mini', prefix: 'NEWS' });
    expect(ds.name).toBe('newsclip-mini-NEWS');
    expect(ds.ids).toEqual(['7', '8']);
    expect(Array.from(ds.labels)).toEqual([0, 1]);
    expect(Array.from(ds.views.imageSemantic!.data.slice(0, 3))).toEqual([1, -2, 0.5]);
    expect(ds.views.textSemantic!.source).toBe('clip-vitl14');
    const notes = ds.notes!.join('\n');
    expect(notes).toMatch(/views from newsclip-mini\/NEWS_clip_image_embeddings_ViTL14\.npy \/ newsclip-mini\/NEWS_clip_text_embeddings_ViTL14\.npy \(f2, 768-d\), row-aligned with newsclip-mini\/NEWS\.csv/);
    expect(notes).toMatch(/CLIP ViT-L\/14 features/);
    expect(notes).not.toMatch(/item_ids|mmfnd-data-/);
    expect(() => loadVerite({ dataDir: root, dir: 'newsclip-mini' })).toThrow(/dataset 'newsclip-mini' is incomplete: .*lacks .*VERITE\.csv/);
  });

  it('missing file: names the expected path and docs/DATA.md', () => {
    const root = tempDir();
    put(root, 'verite/VERITE.csv', csv);
    expect(() => loadVerite({ dataDir: root })).toThrow(/verite.*lacks .*VERITE_clip_image_embeddings_ViTL14\.npy[\s\S]*docs\/DATA\.md/);
  });
});
