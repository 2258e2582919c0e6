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
  const post = (id: string, text: string) => `${id}|user|http://weibo.com/x|null|2015-01-01 00:00|true\nhttp://img/a.jpg|null\n${text}\n`;
  const make = (rumor: string) => {
    const root = tempDir();
    put(root, 'weibo/tweets/train_rumor.txt', rumor);
    put(root, 'weibo/tweets/train_nonrumor.txt', post('2', '真'));
    put(root, 'weibo/tweets/test_rumor.txt', '');
    put(root, 'weibo/tweets/test_nonrumor.txt', '');
    return root;
  };

  it('reads the three-line format with labels from the file name', () => {
    const ds = loadWeibo({ dataDir: make(post('1', '假')), quiet: true });
    expect(ds.ids).toEqual(['1', '2']);
    expect(Array.from(ds.labels)).toEqual([1, 0]);
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
