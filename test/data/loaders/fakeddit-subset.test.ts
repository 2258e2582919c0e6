import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { summary } from '../../../lib/data/dataset';
import { loadFakedditSubset } from '../../../lib/data/loaders/fakeddit-subset';
import { SHARED, haveShared, put, tempDir } from './helpers';

describe.skipIf(!haveShared('fakeddit-subset'))('Fakeddit subset (real data)', () => {
  // Each file has 10,000 lines (header + 9,999). pandas quoted the titles that
  // hold newlines, so 4 / 2 / 1 records span 2–3 lines: parsed with quoting
  // that gives 9,995 / 9,996 / 9,998 rows and no malformed row at all.
  it('train: 9,995 rows (4 multi-line titles joined), 0 malformed, 100 with an image', () => {
    const ds = loadFakedditSubset({ dataDir: SHARED, split: 'train' });
    expect(summary(ds)).toMatchObject({ samples: 9995, fake: 5932, real: 4063, withImage: 100 });
    const notes = ds.notes!.join('\n');
    expect(notes).toMatch(/no malformed rows/);
    expect(notes).toMatch(/4 row\(s\) span several lines .*3752-3753/);
    const i = ds.ids.indexOf('ss4jn');
    expect(ds.meta.get('title', i)).toBe('"Daddy, what did you do in the Great War?" British \narmy  1915');
    const img = JSON.parse(ds.meta.get('images', ds.present.image.indexOf(1)) as string) as string[];
    expect(existsSync(img[0])).toBe(true);
  });

  it('validate 9,996 and test 9,998 rows; 2-way 1 (true) → real; 3/6-way kept', () => {
    expect(summary(loadFakedditSubset({ dataDir: SHARED, split: 'validate' }))).toMatchObject({ samples: 9996, real: 3955, withImage: 0 });
    const test = loadFakedditSubset({ dataDir: SHARED, split: 'test' });
    expect(summary(test)).toMatchObject({ samples: 9998, real: 3963, fake: 6035 });
    const l6 = test.meta.array('label_6way') as number[];
    expect(l6.every((v, k) => (v === 0) === (test.labels[k] === 0))).toBe(true);
  });
});

describe('Fakeddit subset (crafted files)', () => {
  const header = 'author\tclean_title\tcreated_utc\tdomain\thasImage\tid\timage_url\tlinked_submission_id\tnum_comments\tscore\tsubreddit\ttitle\tupvote_ratio\t2_way_label\t3_way_label\t6_way_label';
  const row = (id: string, title: string, l2: string, l6: string) => `a\t${title.toLowerCase()}\t1.0\td\tTrue\t${id}\thttp://x\t\t1.0\t1\tsub\t${title}\t0.9\t${l2}\t${l2 === '1' ? '0' : '2'}\t${l6}`;
  const make = (body: string[]) => {
    const root = tempDir();
    put(root, 'fakeddit-subset/multimodal_train.tsv', [header, ...body].join('\n') + '\n');
    put(root, 'fakeddit-subset/images/aa.jpg', 'x');
    return root;
  };

  it('counts and skips malformed rows (wrong column count, bad label, contradiction, duplicate) with line numbers', () => {
    const body = [
      row('aa', 'Fine "quoted" title', '1', '0'), // line 2
      'b\ttoo few\tcolumns', // line 3
      row('cc', 'x', '7', '0'), // line 4
      row('dd', 'y', '1', '3'), // line 5
      row('aa', 'again', '0', '2'), // line 6
      row('ee', '"multi\nline"', '0', '2'), // lines 7-8
    ];
    const ds = loadFakedditSubset({ dataDir: make(body), split: 'train' });
    expect(ds.ids).toEqual(['aa', 'ee']);
    expect(Array.from(ds.labels)).toEqual([0, 1]);
    expect(Array.from(ds.present.image)).toEqual([1, 0]);
    expect(ds.meta.get('title', 1)).toBe('multi\nline');
    const notes = ds.notes!.join('\n');
    expect(notes).toMatch(/4 malformed row\(s\) skipped in total/);
    expect(notes).toMatch(/line 3 \(3 fields, expected 16\); line 4 \(bad label.*; line 5 \(2_way_label 1 contradicts 6_way_label 3\); line 6 \(duplicate id aa\)/);
  });

  it('a truncated last line is a counted skip; strict mode throws with file:line', () => {
    const body = [row('aa', 't', '1', '0'), row('bb', 't', '0', '2').slice(0, 30)];
    const ds = loadFakedditSubset({ dataDir: make(body), split: 'train' });
    expect(ds.ids).toEqual(['aa']);
    expect(ds.notes!.join('\n')).toMatch(/skipped 1 malformed row\(s\) in .*multimodal_train\.tsv: line 3 \(/);
    expect(() => loadFakedditSubset({ dataDir: make(body), split: 'train', strict: true })).toThrow(/multimodal_train\.tsv:3: \d+ fields, expected 16/);
  });

  it('an unclosed quote throws naming the file and line', () => {
    const unclosed = row('aa', 'title', '1', '0').replace('\ttitle\t', '\t"title\t');
    expect(() => loadFakedditSubset({ dataDir: make([unclosed]), split: 'train' })).toThrow(/multimodal_train\.tsv: TSV parse error: Quote Not Closed.*line 2/);
  });
});
