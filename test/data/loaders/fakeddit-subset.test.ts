import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
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

  it('a stray quote on line 50 of a copy (the measured case): lines 50-87 re-read, no post lost, counted; strict throws', () => {
    const lines = readFileSync(`${SHARED}/fakeddit-subset/multimodal_train.tsv`, 'utf8').split('\n');
    const ti = lines[0].split('\t').indexOf('title');
    const f = lines[49].split('\t');
    f[ti] = `"${f[ti]}`;
    lines[49] = f.join('\t');
    const root = tempDir();
    put(root, 'fakeddit-subset/multimodal_train.tsv', lines.join('\n'));
    const ds = loadFakedditSubset({ dataDir: root, split: 'train' });
    expect(ds.ids.length).toBe(9995); // as the intact file: the 37 swallowed posts are back
    const notes = ds.notes!.join('\n');
    expect(notes).toMatch(/multimodal_train\.tsv: one record spans lines 50-87 and its field 'title' holds 37 line break\(s\) and 555 tab\(s\) \(9315 characters\): a quote opened on line 50 .*re-read line by line: 38 of 38 line\(s\) kept as rows/);
    expect(notes).not.toMatch(/^no malformed rows$/m);
    expect(ds.meta.get('title', ds.ids.indexOf(f[lines[0].split('\t').indexOf('id')]))).toBe(f[ti]); // the stray quote kept literally
    expect(() => loadFakedditSubset({ dataDir: root, split: 'train', strict: true })).toThrow(/multimodal_train\.tsv:50-87: one record spans lines 50-87/);
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

  it('an unclosed quote is reported at the line where it opened, not where the file ends', () => {
    const body = [
      row('aa', '"multi\nline"', '1', '0'), // lines 2-4 (clean_title and title both span two lines), closed
      row('bb', 'Open', '0', '2').replace('\tOpen\t', '\t"Open\t'), // line 5: never closed
      row('cc', 'x', '1', '0'), // line 6
      row('dd', 'y', '1', '0'), // line 7
    ];
    expect(() => loadFakedditSubset({ dataDir: make(body), split: 'train' })).toThrow(/multimodal_train\.tsv: TSV parse error: Quote Not Closed: the quote that opens a field on line 5 is never closed \(the record runs from line 5 to the end of the file, line 7\)/);
  });

  it('a stray quote that joins rows into one record: re-read line by line and counted; strict throws naming the lines', () => {
    const body = [
      row('aa', 'ok', '1', '0'), // line 2
      row('bb', 'Stray start', '0', '2').replace('\tStray start\t', '\t"Stray start\t'), // line 3: opens a quoted title
      row('cc', 'plain', '1', '0'), // line 4
      row('dd', 'She said "hi"', '0', '2').replace('\tshe said "hi"\t', '\tshe said hi\t'), // line 5: its title's quote ends the runaway title, so the field count still matches (16)
      row('ee', 'after', '1', '0'), // line 6
    ];
    const ds = loadFakedditSubset({ dataDir: make(body), split: 'train' });
    expect(ds.ids).toEqual(['aa', 'bb', 'cc', 'dd', 'ee']);
    expect(ds.meta.get('title', 1)).toBe('"Stray start');
    expect(ds.meta.get('title', 3)).toBe('She said "hi"');
    const notes = ds.notes!.join('\n');
    expect(notes).toMatch(/multimodal_train\.tsv: one record spans lines 3-5 and its field 'title' holds 2 line break\(s\) and 30 tab\(s\) .*a quote opened on line 3 joined the rows between; re-read line by line: 3 of 3 line\(s\) kept as rows, 0 skipped/);
    expect(notes).toMatch(/no malformed rows after re-reading 1 record\(s\) line by line/);
    expect(() => loadFakedditSubset({ dataDir: make(body), split: 'train', strict: true })).toThrow(/multimodal_train\.tsv:3-5: one record spans lines 3-5 .*quote opened on line 3/);
  });

  it('a re-read line that is itself malformed is a counted skip', () => {
    const body = [
      row('bb', 'Stray', '0', '2').replace('\tStray\t', '\t"Stray\t'), // line 2
      'short\tline', // line 3
      row('dd', 'She said "hi"', '0', '2'), // line 4
    ];
    const ds = loadFakedditSubset({ dataDir: make(body), split: 'train' });
    expect(ds.ids).toEqual(['bb', 'dd']);
    const notes = ds.notes!.join('\n');
    expect(notes).toMatch(/lines 2-4 .*re-read line by line: 2 of 3 line\(s\) kept as rows, 1 skipped/);
    expect(notes).toMatch(/skipped 1 malformed row\(s\) in fakeddit-subset\/multimodal_train\.tsv: line 3 \(2 fields, expected 16\)/);
  });

  it('a record spanning more than 10 lines is suspect even without a tab in it', () => {
    const title = `"${Array.from({ length: 11 }, (_, k) => `part ${k}`).join('\n')}"`;
    const body = [row('aa', 'x', '1', '0').replace('\tx\t', `\t${title}\t`)]; // lines 2-12
    expect(() => loadFakedditSubset({ dataDir: make(body), split: 'train', strict: true })).toThrow(/multimodal_train\.tsv:2-12: one record spans 11 lines \(2-12; at most 10 expected\), field 'clean_title'/);
  });

  it('empty or header-only files are errors naming the file', () => {
    const root = tempDir();
    put(root, 'fakeddit-subset/multimodal_validate.tsv', header + '\n');
    expect(() => loadFakedditSubset({ dataDir: root, split: 'validate' })).toThrow(/multimodal_validate\.tsv: header only, no rows/);
    put(root, 'fakeddit-subset/multimodal_validate.tsv', '');
    expect(() => loadFakedditSubset({ dataDir: root, split: 'validate' })).toThrow(/multimodal_validate\.tsv: empty file/);
  });

  it('notes name files relative to the data directory', () => {
    const ds = loadFakedditSubset({ dataDir: make([row('aa', 't', '1', '0'), 'x\ty']), split: 'train' });
    expect(ds.notes!.join('\n')).toMatch(/skipped 1 malformed row\(s\) in fakeddit-subset\/multimodal_train\.tsv: line 3/);
    expect(ds.notes!.join('\n')).not.toMatch(/mmfnd-data-/);
  });
});
