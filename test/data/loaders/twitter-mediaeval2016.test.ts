import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { summary } from '../../../lib/data/dataset';
import { loadTwitterMediaEval2016 } from '../../../lib/data/loaders/twitter-mediaeval2016';
import { eventOfImageId } from '../../../lib/data/loaders/twitter-images';
import { SHARED, haveShared, put, tempDir } from './helpers';

describe('eventOfImageId', () => {
  it('strips the fake/real/video marker and the number, keeps multi-word events', () => {
    expect(eventOfImageId('boston_fake_03')).toBe('boston');
    expect(eventOfImageId('sochi_fake_0')).toBe('sochi');
    expect(eventOfImageId('eclipse_video_01')).toBe('eclipse');
    expect(eventOfImageId('attacks_paris_12')).toBe('attacks_paris');
    expect(eventOfImageId('five_headed_snake_1')).toBe('five_headed_snake');
    expect(eventOfImageId('woman_14_children_2')).toBe('woman_14_children');
    expect(eventOfImageId('pigFish_01')).toBe('pigFish');
    expect(eventOfImageId('elephant')).toBe('elephant');
  });
});

describe.skipIf(!haveShared('twitter-mediaeval2016'))('Twitter MediaEval 2016 (real data)', () => {
  it('train: 15,629 posts, 9,404 fake / 6,225 real, 13,761 with an image file, 17 events', () => {
    const ds = loadTwitterMediaEval2016({ dataDir: SHARED, split: 'train' });
    const s = summary(ds);
    expect(s).toMatchObject({ samples: 15629, fake: 9404, real: 6225, withImage: 13761, events: 17 });
    expect(ds.meta.numRows()).toBe(15629);
    for (const c of ['id', 'text', 'images', 'split', 'text_raw', 'text_cleaned', 'event']) expect(ds.meta.columnNames()).toContain(c);
    // the first post names two images, both on disk
    const imgs = JSON.parse(ds.meta.get('images', 0) as string) as string[];
    expect(ds.meta.get('image_ids', 0)).toBe('boston_fake_03,boston_fake_35');
    expect(imgs).toHaveLength(2);
    expect(imgs.every((p) => existsSync(p))).toBe(true);
    expect(ds.eventNames).toContain('sandy');
    expect(ds.notes!.join('\n')).toMatch(/1868 are image-missing/);
  });

  it('test: 2,228 posts, 1,230 fake / 998 real, 1,117 with an image file, 36 events; header order differs', () => {
    const ds = loadTwitterMediaEval2016({ dataDir: SHARED, split: 'test' });
    expect(summary(ds)).toMatchObject({ samples: 2228, fake: 1230, real: 998, withImage: 1117, events: 36 });
    expect(ds.eventNames).toContain('attacks_paris');
    expect(ds.meta.get('username', 0)).toBe('AlexArtAndros');
    expect(ds.meta.get('image_ids', 0)).toBe('airstrikes_1');
  });

  it("all + text: 'cleaned': both texts kept, ids unique across splits", () => {
    const ds = loadTwitterMediaEval2016({ dataDir: SHARED, text: 'cleaned' });
    expect(ds.ids.length).toBe(15629 + 2228);
    expect(new Set(ds.ids).size).toBe(ds.ids.length);
    expect(ds.meta.get('text', 0)).toBe(ds.meta.get('text_cleaned', 0));
    expect(ds.meta.get('text', 0)).not.toBe(ds.meta.get('text_raw', 0));
    expect(ds.eventNames).toHaveLength(53);
  });
});

describe('Twitter MediaEval 2016 (crafted files)', () => {
  const header = 'post_id\tpost_text\tuser_id\timage_id(s)\tusername\ttimestamp\tlabel';
  const ok = (id: string, img: string, label: string) => `${id}\tsay "hi\t1\t${img}\tu\tWed\t${label}`;
  const make = () => {
    const root = tempDir();
    const dir = `twitter-mediaeval2016`;
    put(root, `${dir}/train_posts.txt`, [header, ok('1', 'ev_fake_01,ev_fake_02', 'fake'), '2\ttruncated li', ok('3', 'ev_real_01', 'real'), ok('4', 'ev_real_02', 'maybe')].join('\n'));
    put(root, `${dir}/images_train/ev_fake_02.PNG`, 'x');
    return root;
  };

  it('counts and skips a truncated line and a bad label, naming the lines; raw quotes survive', () => {
    const ds = loadTwitterMediaEval2016({ dataDir: make(), split: 'train' });
    expect(ds.ids).toEqual(['1', '3']);
    expect(Array.from(ds.labels)).toEqual([1, 0]);
    expect(Array.from(ds.present.image)).toEqual([1, 0]); // any extension; missing image → kept
    expect(ds.meta.get('text', 0)).toBe('say "hi');
    const note = ds.notes!.find((n) => n.startsWith('skipped'))!;
    expect(note).toMatch(/skipped 2 malformed row\(s\) in .*train_posts\.txt: line 3 \(2 tab-separated fields, expected 7\); line 5 \(label 'maybe'/);
  });

  it('strict: the first malformed line throws with file:line', () => {
    expect(() => loadTwitterMediaEval2016({ dataDir: make(), split: 'train', strict: true })).toThrow(/train_posts\.txt:3: 2 tab-separated fields/);
  });

  it('missing file: names the expected path and docs/DATA.md', () => {
    expect(() => loadTwitterMediaEval2016({ dataDir: make(), split: 'test' })).toThrow(/lacks .*test_posts\.txt[\s\S]*docs\/DATA\.md/);
  });

  it('a whitespace-only line is a counted skip, not silently dropped; empty lines hold no post', () => {
    const root = tempDir();
    put(root, 'twitter-mediaeval2016/train_posts.txt', [header, ok('1', 'ev_fake_01', 'fake'), '', '\t\t\t\t\t\t', ok('3', 'ev_real_01', 'real')].join('\n') + '\n');
    const ds = loadTwitterMediaEval2016({ dataDir: root, split: 'train' });
    expect(ds.ids).toEqual(['1', '3']);
    expect(ds.notes!.join('\n')).toMatch(/skipped 1 malformed row\(s\) in twitter-mediaeval2016\/train_posts\.txt: line 4 \(empty post_id\)/);
  });

  it('header-only or empty posts file: an error naming it, not a 0-row split', () => {
    const root = make();
    put(root, 'twitter-mediaeval2016/test_posts.txt', 'post_id\tpost_text\tuser_id\tusername\timage_id\ttimestamp\tlabel\n');
    expect(() => loadTwitterMediaEval2016({ dataDir: root, split: 'test' })).toThrow(/twitter-mediaeval2016\/test_posts\.txt: header only, no posts/);
    expect(() => loadTwitterMediaEval2016({ dataDir: root })).toThrow(/test_posts\.txt: header only/);
    put(root, 'twitter-mediaeval2016/test_posts.txt', '');
    expect(() => loadTwitterMediaEval2016({ dataDir: root, split: 'test' })).toThrow(/test_posts\.txt: empty file/);
  });

  it('unknown options (year: 2015) and bad values are errors naming them', () => {
    expect(() => loadTwitterMediaEval2016({ dataDir: make(), year: 2015 } as never)).toThrow(/twitter-mediaeval2016: unknown option 'year'; known options: dataDir, quiet, strict, split, text/);
    expect(() => loadTwitterMediaEval2016({ dataDir: make(), split: 'dev' } as never)).toThrow(/option 'split' is "dev"; expected one of "train", "test", "all"/);
  });
});

describe('Twitter MediaEval, 2015 layout (crafted files)', () => {
  // MediaEval 2015 names its columns tweetId, tweetText, userId, imageId(s), username, timestamp, label
  // and labels some posts `humor`.
  const h2015 = 'tweetId\ttweetText\tuserId\timageId(s)\tusername\ttimestamp\tlabel';
  const post = (id: string, img: string, label: string) => `${id}\ttext ${id}\t9${id}\t${img}\tuser${id}\tMon Jan 01\t${label}`;
  const make = (test: string[]) => {
    const root = tempDir();
    put(root, 'twitter-mediaeval2016/train_posts.txt', [h2015, post('11', 'sandy_fake_1', 'fake'), post('12', 'sandy_real_2,sandy_real_3', 'real'), post('13', 'eclipse_video_01', 'humor'), '14\tbroken'].join('\n') + '\n');
    put(root, 'twitter-mediaeval2016/test_posts.txt', [h2015, ...test].join('\n') + '\n');
    put(root, 'twitter-mediaeval2016/images_train/sandy_real_3.jpg', 'x');
    return root;
  };

  it('both files in the 2015 layout: columns by name, humor folded into fake and counted, malformed lines counted', () => {
    const ds = loadTwitterMediaEval2016({ dataDir: make([post('21', 'garissa_1', 'humor'), post('22', 'nepal_2', 'real')]) });
    expect(ds.ids).toEqual(['11', '12', '13', '21', '22']);
    expect(Array.from(ds.labels)).toEqual([1, 0, 1, 1, 0]);
    expect(ds.meta.array('split')).toEqual(['train', 'train', 'train', 'test', 'test']);
    expect(ds.meta.get('image_ids', 1)).toBe('sandy_real_2,sandy_real_3');
    expect(Array.from(ds.present.image)).toEqual([0, 1, 0, 0, 0]);
    expect(ds.meta.get('user_id', 0)).toBe('911');
    expect(ds.meta.get('username', 3)).toBe('user21');
    expect(ds.eventNames).toEqual(['eclipse', 'garissa', 'nepal', 'sandy']);
    const notes = ds.notes!.join('\n');
    expect(notes).toMatch(/train_posts\.txt: MediaEval 2015 column names \(tweetId, tweetText, userId, imageId\(s\)/);
    expect(notes).toMatch(/test_posts\.txt: MediaEval 2015 column names/);
    expect(notes).toMatch(/labels: fake → 1, real → 0 \(2 'humor' posts counted as fake\)/);
    expect(notes).toMatch(/skipped 1 malformed row\(s\) in twitter-mediaeval2016\/train_posts\.txt: line 5 \(2 tab-separated fields, expected 7\)/);
  });

  it('one file per layout: a 2016 test file beside a 2015 train file', () => {
    const root = make([]);
    put(root, 'twitter-mediaeval2016/test_posts.txt', 'post_id\tpost_text\tuser_id\tusername\timage_id\ttimestamp\tlabel\n31\tt\t1\tu\tnepal_1\tT\tfake\n');
    const ds = loadTwitterMediaEval2016({ dataDir: root });
    expect(ds.ids).toEqual(['11', '12', '13', '31']);
    expect(ds.notes!.filter((n) => n.includes('2015 column names'))).toHaveLength(1);
  });

  it('a 2015 header lacking a column: the error names it in 2015 terms', () => {
    const root = make([]);
    put(root, 'twitter-mediaeval2016/test_posts.txt', 'tweetId\ttweetText\tuserId\tusername\ttimestamp\tlabel\n1\tt\t1\tu\tT\tfake\n');
    expect(() => loadTwitterMediaEval2016({ dataDir: root, split: 'test' })).toThrow(/test_posts\.txt:1: header lacks column\(s\) imageId\(s\)/);
  });
});
