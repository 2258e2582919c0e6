import { describe, expect, it } from 'vitest';
import { summary } from '../../../lib/data/dataset';
import { loadTwitterClipVitB32 } from '../../../lib/data/loaders/twitter-clip-vitb32';
import { readNpyMatrix } from '../../../lib/data/loaders/npy';
import { SHARED, haveShared, npyBytes, put, tempDir } from './helpers';

describe.skipIf(!haveShared('twitter-clip-vitb32'))('Twitter CLIP ViT-B/32 (real data)', () => {
  it('1,098 rows × 1,024 float16 dims → two 512-d views; 0 = fake upstream mapped to 1', () => {
    const ds = loadTwitterClipVitB32({ dataDir: SHARED });
    const raw = readNpyMatrix(`${SHARED}/twitter-clip-vitb32/2016/test_clip_features.npy`);
    expect([raw.rows, raw.cols, raw.dtype]).toEqual([1098, 1024, 'f2']);
    expect(summary(ds)).toMatchObject({ samples: 1098, fake: 630, real: 468, views: 'textSemantic:512 imageSemantic:512' });
    expect(ds.meta.get('label_upstream', 0)).toBe(0);
    expect(ds.labels[0]).toBe(1);
    expect(ds.views.imageSemantic!.data[0]).toBe(raw.data[512]);
    expect(ds.views.textSemantic!.source).toBe('clip-vitb32');
    // embedded newlines stay inside one tweet
    expect((ds.meta.array('text') as string[]).filter((t) => t.includes('\n')).length).toBe(3);
    expect(ds.eventNames).toContain('attacks_paris');
  });
});

describe('Twitter CLIP ViT-B/32 (crafted files)', () => {
  const half = (x: number) => (x === 1 ? 0x3c00 : x === -2 ? 0xc000 : x === 0.5 ? 0x3800 : 0);
  const make = (csv: string, npy: Uint8Array) => {
    const root = tempDir();
    put(root, 'twitter-clip-vitb32/2016/test.csv', csv);
    put(root, 'twitter-clip-vitb32/2016/test_clip_features.npy', npy);
    return root;
  };
  const header = 'post_id,post_text,user_id,username,image_id,timestamp,label_name,label\n';
  const rows = '1,"two\nlines ""quoted""",5.0,u,ev_1,t,fake,0\n2,plain,6.0,v,other_event_2,t,real,1\n';
  const f16 = () => Uint16Array.from({ length: 2 * 1024 }, (_, i) => half([1, -2, 0.5][i % 3]));

  it('float16 .npy widened exactly; labels mapped; quoted newlines kept', () => {
    const ds = loadTwitterClipVitB32({ dataDir: make(header + rows, npyBytes([2, 1024], f16(), '<f2')), imageDirs: [] });
    expect(Array.from(ds.views.textSemantic!.data.slice(0, 3))).toEqual([1, -2, 0.5]);
    expect(Array.from(ds.labels)).toEqual([1, 0]);
    expect(ds.meta.get('text', 0)).toBe('two\nlines "quoted"');
    expect(ds.eventNames).toEqual(['ev', 'other_event']);
  });

  it('label_name contradicting label: error names the line', () => {
    const bad = header + rows.replace('real,1', 'fake,1');
    expect(() => loadTwitterClipVitB32({ dataDir: make(bad, npyBytes([2, 1024], f16(), '<f2')), imageDirs: [] })).toThrow(/test\.csv:4: field 'label_name' 'fake' disagrees with label 1/);
  });

  it('wrong dims: error names the .npy and its shape', () => {
    expect(() => loadTwitterClipVitB32({ dataDir: make(header + rows, npyBytes([2, 512], f16().subarray(0, 1024), '<f2')), imageDirs: [] })).toThrow(/test_clip_features\.npy: shape \(2, 512\), expected 1024 columns/);
  });

  it('float16 NaN (0x7e00): error names the file, row and column', () => {
    const v = f16();
    v[1024 + 700] = 0x7e00;
    expect(() => loadTwitterClipVitB32({ dataDir: make(header + rows, npyBytes([2, 1024], v, '<f2')), imageDirs: [] })).toThrow(/test_clip_features\.npy: non-finite value NaN at row 1, column 700/);
  });
});
