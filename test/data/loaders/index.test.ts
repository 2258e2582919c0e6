import { describe, expect, it } from 'vitest';
import { DATASET_NAMES, loadDataset } from '../../../lib/data/loaders/index';
import { SHARED, haveShared } from './helpers';

describe('loadDataset registry', () => {
  it('lists the five loaders', () => {
    expect(DATASET_NAMES).toEqual(['twitter-mediaeval2016', 'weibo', 'verite', 'twitter-clip-vitb32', 'fakeddit-subset']);
  });

  it('unknown name: error lists the valid ones', () => {
    expect(() => loadDataset('twitter2015')).toThrow(/unknown dataset 'twitter2015'; valid names: twitter-mediaeval2016, weibo, verite, twitter-clip-vitb32, fakeddit-subset/);
  });

  it.skipIf(!haveShared('verite'))('dispatches by name with typed options; meta has the common columns', () => {
    const ds = loadDataset('verite', { dataDir: SHARED, classes: 'true-vs-out-of-context' });
    expect(ds.name).toBe('verite-true-vs-out-of-context');
    expect(ds.meta.columnNames().slice(0, 4)).toEqual(['id', 'text', 'images', 'split']);
  });
});
