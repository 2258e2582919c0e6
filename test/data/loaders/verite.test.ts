import { describe, expect, it } from 'vitest';
import { summary } from '../../../lib/data/dataset';
import { loadVerite } from '../../../lib/data/loaders/verite';
import { SHARED, haveShared, npyBytes, put, ramp, tempDir } from './helpers';

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

  it('missing file: names the expected path and docs/DATA.md', () => {
    const root = tempDir();
    put(root, 'verite/VERITE.csv', csv);
    expect(() => loadVerite({ dataDir: root })).toThrow(/verite.*lacks .*VERITE_clip_image_embeddings_ViTL14\.npy[\s\S]*docs\/DATA\.md/);
  });
});
