import { describe, expect, it } from 'vitest';
import { DATASET_NAMES, loadDataset } from '../../../lib/data/loaders/index';
import { SHARED, haveShared } from './helpers';

describe('loadDataset registry', () => {
  it('lists the six loaders', () => {
    expect(DATASET_NAMES).toEqual(['twitter-mediaeval2016', 'weibo', 'verite', 'twitter-clip-vitb32', 'fakeddit-subset', 'files']);
  });

  it('unknown name: error lists the valid ones', () => {
    expect(() => loadDataset('twitter2015')).toThrow(/unknown dataset 'twitter2015'; valid names: twitter-mediaeval2016, weibo, verite, twitter-clip-vitb32, fakeddit-subset, files/);
  });

  it('every loader rejects an unknown option before reading any file, naming it and the known ones', () => {
    for (const name of DATASET_NAMES) {
      expect(() => loadDataset(name, { dataDir: '/nonexistent', year2: 1 })).toThrow(new RegExp(`^${name}: unknown option 'year2'; known options: dataDir, quiet, strict, `));
    }
    // `year` belongs to twitter-clip-vitb32 only
    expect(() => loadDataset('twitter-mediaeval2016', { year: 2015 })).toThrow(/unknown option 'year'/);
  });

  it.skipIf(!haveShared('verite'))('dispatches by name with typed options; meta has the common columns', () => {
    const ds = loadDataset('verite', { dataDir: SHARED, classes: 'true-vs-out-of-context' });
    expect(ds.name).toBe('verite-true-vs-out-of-context');
    expect(ds.meta.columnNames().slice(0, 4)).toEqual(['id', 'text', 'images', 'split']);
  });
});
