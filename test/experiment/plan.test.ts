import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plan } from '../../lib/experiment/plan';
import { selectArtefacts } from '../../lib/papers/index';

describe('reproduce --plan', () => {
  it('counts unique runs per dataset × model and the epochs left to train', () => {
    const rows = plan({ profile: 'quick', artefacts: selectArtefacts(['bmlhf/fig2']), cacheDir: path.join(os.tmpdir(), 'mmfnd-no-cache-here') });
    expect(rows).toEqual([
      { dataset: 'synthetic', model: 'SpotFake+', runs: 3, cached: 0, epochsToTrain: 60, estSeconds: null },
      { dataset: 'synthetic', model: 'image-only', runs: 3, cached: 0, epochsToTrain: 60, estSeconds: null },
    ]);
  });
  it('full profile: the paper’s 100 epochs and 5 seeds', () => {
    const rows = plan({ profile: 'full', artefacts: selectArtefacts(['bmlhf/fig2']), cacheDir: path.join(os.tmpdir(), 'mmfnd-no-cache-here') });
    expect(rows.map((r) => [r.runs, r.epochsToTrain])).toEqual([[5, 500], [5, 500]]);
  });
});
