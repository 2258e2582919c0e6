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
    // notes name the image folders relative to the data directory (they reach results.json)
    expect(ds.notes!.join('\n')).toMatch(/have an image file in twitter-mediaeval2016\/images_train, twitter-mediaeval2016\/images_validation, twitter-mediaeval2016\/images_test/);
    expect(ds.notes!.join('\n')).not.toContain(SHARED);
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

  it('header-only or empty CSV: the error blames the CSV, not the .npy', () => {
    expect(() => loadTwitterClipVitB32({ dataDir: make(header, npyBytes([2, 1024], f16(), '<f2')), imageDirs: [] })).toThrow(/2016\/test\.csv: header only, no rows/);
    expect(() => loadTwitterClipVitB32({ dataDir: make('', npyBytes([2, 1024], f16(), '<f2')), imageDirs: [] })).toThrow(/2016\/test\.csv: empty file/);
  });

  it('CSV/.npy row counts disagree: the error names both files and the records that span lines', () => {
    const stray = header + '1,"two\nlines ""quoted""",5.0,u,ev_1,t,fake,0\n2,"stray,6.0,v,other_event_2,t,real,1\n3,x",7.0,w,ev_3,t,real,1\n';
    expect(() => loadTwitterClipVitB32({ dataDir: make(stray, npyBytes([3, 1024], new Uint16Array(3 * 1024), '<f2')), imageDirs: [] }))
      .toThrow(/test_clip_features\.npy: 3 rows, expected 2, one per data record of .*2016\/test\.csv; 2 CSV record\(s\) span several lines \(2-3, 4-5\)/);
  });

  it('an unclosed quote is reported at the line where it opened', () => {
    const bad = header + rows + '3,"never closed,7.0,w,ev_3,t,real,1\n4,x,8.0,w,ev_4,t,real,1\n';
    expect(() => loadTwitterClipVitB32({ dataDir: make(bad, npyBytes([2, 1024], f16(), '<f2')), imageDirs: [] })).toThrow(/test\.csv: CSV parse error: Quote Not Closed: the quote that opens a field on line 5 is never closed/);
  });

  it('unknown options and bad years are errors naming them', () => {
    const root = make(header + rows, npyBytes([2, 1024], f16(), '<f2'));
    expect(() => loadTwitterClipVitB32({ dataDir: root, split: 'test' } as never)).toThrow(/twitter-clip-vitb32: unknown option 'split'; known options: dataDir, quiet, strict, year, imageDirs/);
    expect(() => loadTwitterClipVitB32({ dataDir: root, year: 2017 } as never)).toThrow(/option 'year' is 2017; expected one of 2016, 2015/);
    expect(() => loadTwitterClipVitB32({ dataDir: root, year: 2015 })).toThrow(/twitter-clip-vitb32.*lacks .*2015\/test\.csv/);
  });

  it('year 2015: <year>/test.csv with the 2015 column names + float16 .npy; humor (label 0) counted as fake', () => {
    const root = tempDir();
    const h2015 = 'tweetId,tweetText,userId,username,imageId(s),timestamp,label_name,label\n';
    const body = '101,"a ""quoted""\ntweet",1,u,sandy_fake_1,t,fake,0\n102,plain,2,v,"sandy_real_2,sandy_real_3",t,real,1\n103,lol,3,w,eclipse_video_01,t,humor,0\n';
    put(root, 'twitter-clip-vitb32/2015/test.csv', h2015 + body);
    put(root, 'twitter-clip-vitb32/2015/test_clip_features.npy', npyBytes([3, 1024], Uint16Array.from({ length: 3 * 1024 }, (_, i) => half([1, -2, 0.5][i % 3])), '<f2'));
    put(root, 'twitter-mediaeval2016/images_train/sandy_real_3.png', 'x');
    const ds = loadTwitterClipVitB32({ dataDir: root, year: 2015 });
    expect(ds.name).toBe('twitter-clip-vitb32-2015');
    expect(ds.ids).toEqual(['101', '102', '103']);
    expect(Array.from(ds.labels)).toEqual([1, 0, 1]);
    expect(ds.meta.get('text', 0)).toBe('a "quoted"\ntweet');
    expect(ds.meta.get('image_ids', 1)).toBe('sandy_real_2,sandy_real_3');
    expect(JSON.parse(ds.meta.get('images', 1) as string)).toHaveLength(1);
    expect(ds.eventNames).toEqual(['eclipse', 'sandy']);
    expect(Array.from(ds.views.imageSemantic!.data.slice(0, 3))).toEqual([0.5, 1, -2]); // columns 512.. of row 0: 512 % 3 = 2 → 0.5
    const notes = ds.notes!.join('\n');
    expect(notes).toMatch(/MediaEval 2015 test set: twitter-clip-vitb32\/2015\/test\.csv \(2015 column names tweetId, tweetText, imageId\(s\)\)/);
    expect(notes).toMatch(/\(1 'humor' posts, label 0, counted as fake\)/);
    expect(notes).toMatch(/1 of 3 posts have an image file in twitter-mediaeval2016\/images_train/);
    expect(notes).not.toMatch(/mmfnd-data-/);
  });

  it('year 2015 with humor labelled 1 (real): an error naming the line', () => {
    const root = tempDir();
    put(root, 'twitter-clip-vitb32/2015/test.csv', 'tweetId,tweetText,userId,username,imageId(s),timestamp,label_name,label\n1,t,1,u,x_1,t,humor,1\n');
    put(root, 'twitter-clip-vitb32/2015/test_clip_features.npy', npyBytes([1, 1024], new Uint16Array(1024), '<f2'));
    expect(() => loadTwitterClipVitB32({ dataDir: root, year: 2015, imageDirs: [] })).toThrow(/2015\/test\.csv:2: field 'label_name' 'humor' disagrees with label 1/);
  });

  it('float16 NaN (0x7e00): error names the file, row and column', () => {
    const v = f16();
    v[1024 + 700] = 0x7e00;
    expect(() => loadTwitterClipVitB32({ dataDir: make(header + rows, npyBytes([2, 1024], v, '<f2')), imageDirs: [] })).toThrow(/test_clip_features\.npy: non-finite value NaN at row 1, column 700/);
  });
});
