import { afterEach, describe, expect, it, vi } from 'vitest';
import { summary } from '../../../lib/data/dataset';
import { loadWeibo } from '../../../lib/data/loaders/weibo';
import { SHARED, haveShared, put, tempDir } from './helpers';

afterEach(() => vi.restoreAllMocks());

describe.skipIf(!haveShared('weibo'))('Weibo (real data)', () => {
  it('original split: 7,531 train (3,748 rumor) and 1,996 test (1,000 rumor); all image-missing', () => {
    const train = loadWeibo({ dataDir: SHARED, split: 'train', quiet: true });
    expect(summary(train)).toMatchObject({ samples: 7531, fake: 3748, real: 3783, withImage: 0 });
    const test = loadWeibo({ dataDir: SHARED, split: 'test', quiet: true });
    expect(summary(test)).toMatchObject({ samples: 1996, fake: 1000, real: 996, withImage: 0 });
    expect(train.events).toBeUndefined();
    expect(train.notes!.join('\n')).toMatch(/every post is image-missing/);
    expect(train.notes!.join('\n')).toMatch(/50 posts have empty text/);
    expect(JSON.parse(train.meta.get('image_urls', 0) as string)[0]).toMatch(/^http/);
  });

  it('EANN split: 5,415 / 843 / 1,465 posts with 10 / 5 / 15 events', () => {
    const got = (['train', 'validate', 'test'] as const).map((split) => summary(loadWeibo({ dataDir: SHARED, scheme: 'eann', split, quiet: true })));
    expect(got.map((s) => s.samples)).toEqual([5415, 843, 1465]);
    expect(got.map((s) => s.events)).toEqual([10, 5, 15]);
    const all = loadWeibo({ dataDir: SHARED, scheme: 'eann', quiet: true });
    expect(all.eventNames).toHaveLength(30);
    expect(new Set(all.meta.array('split') as string[])).toEqual(new Set(['train', 'validate', 'test']));
  });

  it('says "image-missing" on stderr once per load, not when quiet', () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    loadWeibo({ dataDir: SHARED, split: 'test' });
    loadWeibo({ dataDir: SHARED, split: 'test', quiet: true });
    const lines = spy.mock.calls.map((c) => String(c[0])).filter((s) => s.includes('image-missing'));
    expect(lines).toHaveLength(1);
  });
});

describe('Weibo (crafted files)', () => {
  // upstream's metadata line: 15 '|'-separated fields, post id first
  const meta = (id: string) => `${id}|user|http://weibo.com/x|null|2015-01-01 00:00|true|1|2|0|42|0|3|4|5|微博 weibo.com`;
  const post = (id: string, text: string) => `${meta(id)}\nhttp://img/a.jpg|null\n${text}\n`;
  const make = (rumor: string, testRumor = post('3', '假的')) => {
    const root = tempDir();
    put(root, 'weibo/tweets/train_rumor.txt', rumor);
    put(root, 'weibo/tweets/train_nonrumor.txt', post('2', '真'));
    put(root, 'weibo/tweets/test_rumor.txt', testRumor);
    put(root, 'weibo/tweets/test_nonrumor.txt', post('4', '真的'));
    return root;
  };

  it('reads the three-line format with labels from the file name', () => {
    const ds = loadWeibo({ dataDir: make(post('1', '假')), quiet: true });
    expect(ds.ids).toEqual(['1', '2', '3', '4']);
    expect(Array.from(ds.labels)).toEqual([1, 0, 1, 0]);
    expect(ds.meta.get('time', 0)).toBe('2015-01-01 00:00');
  });

  it('an empty tweets file (0 lines is a multiple of 3) is an error naming it', () => {
    expect(() => loadWeibo({ dataDir: make(post('1', 'a'), ''), quiet: true })).toThrow(/weibo\/tweets\/test_rumor\.txt: empty file/);
    expect(() => loadWeibo({ dataDir: make(post('1', 'a'), '\n\n'), quiet: true })).toThrow(/test_rumor\.txt: empty file/);
  });

  it('a metadata line with the wrong field count: the post is skipped and counted (file:line); strict throws', () => {
    const bad = post('1', 'a') + post('5', 'b').replace('|微博 weibo.com', '') + post('6', 'c');
    const ds = loadWeibo({ dataDir: make(bad), quiet: true });
    expect(ds.ids).toEqual(['1', '6', '2', '3', '4']);
    const notes = ds.notes!.join('\n');
    expect(notes).toMatch(/1 post\(s\) with a malformed metadata line skipped in total/);
    expect(notes).toMatch(/skipped 1 malformed row\(s\) in weibo\/tweets\/train_rumor\.txt: line 4 \(metadata line of post 5 has 14 '\|'-separated fields, expected 15\)/);
    expect(notes).not.toMatch(/\/tmp|mmfnd-data-/); // notes name files relative to the data directory
    expect(() => loadWeibo({ dataDir: make(bad), quiet: true, strict: true })).toThrow(/train_rumor\.txt:4: metadata line of post 5 has 14/);
  });

  it('unknown options are errors naming the option and the known ones; bad values name the accepted ones', () => {
    expect(() => loadWeibo({ dataDir: make(post('1', 'a')), year: 2015 } as never)).toThrow(/weibo: unknown option 'year'; known options: dataDir, quiet, strict, scheme, split/);
    expect(() => loadWeibo({ dataDir: make(post('1', 'a')), scheme: 'EANN' } as never)).toThrow(/weibo: option 'scheme' is "EANN"; expected one of "original", "eann"/);
  });

  it('a truncated post (line count not a multiple of 3) throws naming the file and line', () => {
    const bad = post('1', 'a') + '3|user|u|null|t|true\nhttp://img/b.jpg|null\n';
    expect(() => loadWeibo({ dataDir: make(bad), quiet: true })).toThrow(/train_rumor\.txt: 5 lines is not a multiple of 3 .*line 4/);
  });

  it('a shifted post (missing line) throws naming the file and line', () => {
    const bad = post('1', 'a') + 'http://img/b.jpg|null\ntext\nmore text\n';
    expect(() => loadWeibo({ dataDir: make(bad), quiet: true })).toThrow(/train_rumor\.txt:4: expected a metadata line/);
  });

  it('EANN scheme without the id_event files: error names them', () => {
    expect(() => loadWeibo({ dataDir: make(post('1', 'a')), scheme: 'eann', quiet: true })).toThrow(/train_id_event\.json[\s\S]*docs\/DATA\.md/);
  });
});
