import { describe, expect, it } from 'vitest';
import { applyScale, fitScale, standardiseParts } from '../../lib/data/standardise';
import { synthetic } from '../../lib/data/synthetic';
import { split } from '../../lib/experiment/datasets';
import { runOne } from '../../lib/experiment/run-one';
import { probeViews } from '../../lib/features/view-quality';
import { loadReal } from '../../lib/experiment/real';
import { catalogDataset } from '../../lib/experiment/datasets-catalog';
import type { RunSpec } from '../../lib/experiment/spec';
import { DATA_DIR_ENV } from '../../lib/data/datadir';
import { defaultCacheDir } from '../../lib/features/cache';

const ds = synthetic({ samples: 400, seed: 5 });

describe('standardisation of dense views (fitted on train only)', () => {
  const parts = split(ds, { kind: 'random', val: 0.15, test: 0.2, seed: 1 });

  it('train columns get mean 0 / std 1 over the rows with the modality; val and test use the training statistics', () => {
    const st = standardiseParts(parts, true);
    for (const name of Object.keys(ds.views)) {
      const v = st.parts.train.views[name]!;
      const pres = st.parts.train.present[v.modality];
      const rows = Array.from(pres.keys()).filter((i) => pres[i]);
      for (const j of [0, v.dim - 1]) {
        const col = rows.map((i) => v.data[i * v.dim + j]);
        const m = col.reduce((a, b) => a + b, 0) / col.length;
        const sd = Math.sqrt(col.reduce((a, b) => a + (b - m) ** 2, 0) / col.length);
        expect(Math.abs(m)).toBeLessThan(1e-4);
        expect(sd).toBeCloseTo(1, 3);
      }
      // test rows: (x − train mean) / train std, whatever the test rows' own statistics
      const s = fitScale(parts.train, name);
      const raw = parts.test.views[name]!, out = st.parts.test.views[name]!;
      const i = Array.from(parts.test.present[v.modality].keys()).find((r) => parts.test.present[v.modality][r])!;
      expect(out.data[i * v.dim]).toBeCloseTo((raw.data[i * v.dim] - s.mean[0]) / s.std[0], 5);
    }
    expect(st.note).toMatch(/^standardised per column by the training split's mean \/ std \(fitted on train only/);
    // the input parts are not mutated
    expect(parts.train.views.textPattern!.data).not.toBe(st.parts.train.views.textPattern!.data);
  });

  it('changing val / test rows never changes the fitted statistics; absent rows stay zero and do not enter the fit', () => {
    const a = fitScale(parts.train, 'imagePattern');
    const train2 = { ...parts.train, present: { ...parts.train.present, image: parts.train.present.image.slice() } };
    const v = train2.views.imagePattern!;
    train2.present.image[0] = 0;
    train2.views = { ...train2.views, imagePattern: { ...v, data: v.data.slice().fill(0, 0, v.dim) } };
    const b = fitScale(train2, 'imagePattern');
    expect(b.rows).toBe(a.rows - 1);
    const out = applyScale(train2, b).views.imagePattern!.data;
    expect(Array.from(out.subarray(0, v.dim)).every((x) => x === 0)).toBe(true);
    expect(() => fitScale(parts.train, 'nope')).toThrow(/has no view 'nope'/);
  });

  it('true passes over a view whose modality no training row has, and says so', () => {
    const noImages = { ...ds, present: { ...ds.present, image: new Uint8Array(ds.labels.length) } };
    const s = split(noImages, { kind: 'random', val: 0.15, test: 0.2, seed: 1, standardise: true });
    expect(s.notes[0]).toMatch(/textPattern \(\d+ rows\), textSemantic \(\d+ rows\); not imagePattern, imageSemantic \(no training row has its modality\)$/);
    expect(() => split(noImages, { kind: 'random', seed: 1, standardise: ['imagePattern'] })).toThrow(/no training row of .* has view 'imagePattern'/);
  });

  it('as a split option: recorded in the split notes, after trainLimit', () => {
    const s = split(ds, { kind: 'random', val: 0.15, test: 0.2, seed: 1, trainLimit: 100, standardise: ['textPattern'] });
    expect(s.notes).toEqual([expect.stringMatching(/: textPattern \((9\d|10\d) rows\)$/)]);
  });
});

// Issue #24 point 8: Twitter text-only sat at 0.553 against its textPattern probe 0.641 (all posts).
describe.skipIf(!process.env[DATA_DIR_ENV])('standardised text views: Twitter text-only reaches its probe (real data; skipped: MMFND_DATA_DIR unset)', () => {
  it('text-only, all training posts, 5 epochs, textPattern + textSemantic standardised: the mean over seeds 1–3 within 0.03 of the textPattern probe', async () => {
    const options = { features: { imagePatternModel: 'none', imageSemanticModel: 'none' } };
    // one seed is noise here (PyTorch-default initialisation: seed 1 0.610, seeds 2 and 3 0.644), so the mean of three is compared
    const accs: number[] = [];
    for (const seed of [1, 2, 3]) {
      const spec: RunSpec = {
        dataset: { kind: 'real', name: 'twitter-mediaeval2016', options },
        split: { ...catalogDataset('twitter-all-posts').split('full', 1), standardise: ['textPattern', 'textSemantic'] },
        model: { name: 'text-only' },
        seed,
        // best epochs 1–2 (measured over 20): 5 epochs select the same weights
        train: { epochs: 5, seed },
      };
      const r = await runOne(spec);
      expect(r.notes.some((n) => n.startsWith('standardised per column'))).toBe(true);
      accs.push(r.test.acc);
    }
    const ds = await loadReal('twitter-mediaeval2016', { features: { ...options.features, probe: false } });
    const probe = (await probeViews({ ...ds, views: { textPattern: ds.views.textPattern } }, { cacheDir: defaultCacheDir() }))[0];
    const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
    console.log(`text-only standardised: test acc ${accs.map((a) => a.toFixed(3)).join(' / ')} (mean ${mean.toFixed(3)}); textPattern probe ${probe.acc!.toFixed(3)}`);
    expect(mean).toBeGreaterThanOrEqual(probe.acc! - 0.03);
  }, 1_800_000);
});
