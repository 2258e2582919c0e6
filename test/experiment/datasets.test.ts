import { describe, expect, it } from 'vitest';
import { synthetic } from '../../lib/data/synthetic';
import { split } from '../../lib/experiment/datasets';

const ds = synthetic({ samples: 600, seed: 4, events: 12 });

describe('experiment splits', () => {
  it('trainLimit trims only the training rows', () => {
    const full = split(ds, { kind: 'random', seed: 0 });
    const cut = split(ds, { kind: 'random', seed: 0, trainLimit: 100 });
    expect(cut.train.labels.length).toBeGreaterThanOrEqual(100);
    expect(cut.train.labels.length).toBeLessThanOrEqual(102);
    expect(cut.test.labels).toEqual(full.test.labels);
    expect(cut.val.labels).toEqual(full.val.labels);
  });
});
