/**
 * docs/ADD-A-THING.md, done on toy examples: a dataset in the files layout
 * with a catalog entry, a model, a balancing method and a paper, each
 * registered the way the page says (the registration lines are the page's)
 * and run through the same pipeline as the papers (in-process: jobs 1).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BALANCING_METHODS } from '../../lib/balance/index';
import { writeLayout } from '../../lib/data/convert/layout';
import { runCustomSpec } from '../../lib/experiment/custom';
import { DATASET_CATALOG, type CatalogDataset } from '../../lib/experiment/datasets-catalog';
import { dimsOf, MODELS } from '../../lib/experiment/models';
import { reproduce } from '../../lib/experiment/reproduce';
import { PAPERS, selectArtefacts } from '../../lib/papers/index';
import { rng } from '../../lib/util/random';
import { SLOW_LEADER_DEFAULTS, slowLeader } from '../../docs/walkthroughs/toy-balancer';
import { SumOfHeads } from '../../docs/walkthroughs/toy-model';
import { toyTable } from '../../docs/walkthroughs/toy-paper';
import { tempDir } from '../data/loaders/helpers';

const page = fs.readFileSync(path.join('docs', 'ADD-A-THING.md'), 'utf8');
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** the page's registration line, checked verbatim */
const shown = (line: string) => expect(norm(page)).toContain(norm(line));

const quiet = { jobs: 1, log: () => {} };

describe('docs/ADD-A-THING.md walkthroughs', () => {
  it('a new dataset: files layout + views.json, a catalog entry, a spec that names it', async () => {
    const dataDir = tempDir('mmfnd-walk-');
    const r = rng(3);
    const n = 60;
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    // toy features: the label shifts the first text column (a clear signal) and nothing in the image
    const view = (dim: number, signal: number) =>
      Float32Array.from({ length: n * dim }, (_, k) => r.next() - 0.5 + (k % dim === 0 ? signal * labels[Math.floor(k / dim)] : 0));
    writeLayout(
      path.join(dataDir, 'toy'),
      labels.map((label, i) => ({ id: `p${i}`, label, split: 'train', text: `post ${i}` })),
      [
        { view: 'textPattern', dim: 4, data: view(4, 2), encoder: 'toy text encoder' },
        { view: 'imageSemantic', dim: 3, data: view(3, 0), encoder: 'toy image encoder' },
      ],
    );
    const entry: CatalogDataset = {
      key: 'toy',
      label: 'Toy',
      dataset: { kind: 'real', name: 'files', options: { dir: 'toy', features: { imagePatternModel: 'none', textSemantic: false, probe: false } } },
      split: (_p, seed) => ({ kind: 'kfold', k: 2, fold: (seed - 1) % 2, val: 0.25, seed: 0 }),
      epochs: { quick: 3 },
    };
    shown(
      `{ key: 'toy', label: 'Toy', dataset: { kind: 'real', name: 'files', options: { dir: 'toy', features: { imagePatternModel: 'none', textSemantic: false, probe: false } } }, split: (_p, seed) => ({ kind: 'kfold', k: 2, fold: (seed - 1) % 2, val: 0.25, seed: 0 }), epochs: { quick: 3 } }`,
    );
    (DATASET_CATALOG as CatalogDataset[]).push(entry);
    process.env.MMFND_DATA_DIR_PREV = process.env.MMFND_DATA_DIR ?? '';
    process.env.MMFND_DATA_DIR = dataDir; // the catalog entry names no path: the data directory does
    try {
      const out = await runCustomSpec(
        { name: 'toy-dataset', runs: [{ dataset: 'toy', model: 'SpotFake+', seeds: [1, 2] }] },
        { out: path.join(dataDir, 'out'), cacheDir: path.join(dataDir, 'cache'), ...quiet },
      );
      expect(out.report.failed).toEqual([]);
      expect(out.report.computed).toBe(2);
      expect(out.rows[0].acc as number).toBeGreaterThan(0.6); // the text signal is learnt
      const notes = JSON.stringify(JSON.parse(fs.readFileSync(path.join(out.dir, 'results.json'), 'utf8')).datasets);
      expect(notes).toContain('textPattern: toy text encoder (user-supplied)');
    } finally {
      (DATASET_CATALOG as CatalogDataset[]).pop();
      process.env.MMFND_DATA_DIR = process.env.MMFND_DATA_DIR_PREV || undefined;
      if (!process.env.MMFND_DATA_DIR) delete process.env.MMFND_DATA_DIR;
      delete process.env.MMFND_DATA_DIR_PREV;
    }
  }, 300_000);

  it('a new model and a new balancing method: registered, then run from a spec with the method on the model', async () => {
    shown(`'sum-of-heads': (ds, options, seed) => new SumOfHeads({ dims: dimsOf(ds), seed, ...options }),`);
    shown(`'slow-leader': { make: (o) => slowLeader(o), defaults: SLOW_LEADER_DEFAULTS, paper: 'toy walkthrough' },`);
    MODELS['sum-of-heads'] = (ds, options, seed) => new SumOfHeads({ dims: dimsOf(ds), seed, ...options });
    BALANCING_METHODS['slow-leader'] = { make: (o) => slowLeader(o), defaults: SLOW_LEADER_DEFAULTS, paper: 'toy walkthrough' };
    const tmp = tempDir('mmfnd-walk-');
    try {
      const spec = {
        name: 'toy-model',
        runs: [
          {
            label: 'joint',
            dataset: { kind: 'synthetic', options: { samples: 300, seed: 0 } },
            model: 'sum-of-heads',
            seeds: [1],
            epochs: 10,
            train: { lr: 0.01 },
          },
          {
            label: 'slow leader',
            dataset: { kind: 'synthetic', options: { samples: 300, seed: 0 } },
            model: 'sum-of-heads',
            balancer: { name: 'slow-leader', options: { factor: 0.25 } },
            seeds: [1],
            epochs: 10,
            train: { lr: 0.01 },
          },
        ],
      };
      const out = await runCustomSpec(spec, { out: path.join(tmp, 'out'), cacheDir: path.join(tmp, 'cache'), ...quiet });
      expect(out.report.failed).toEqual([]);
      const [joint, slow] = out.rows;
      for (const r of out.rows) expect(r.acc as number, JSON.stringify(out.rows)).toBeGreaterThan(0.6);
      expect(typeof joint['text head acc']).toBe('number'); // the model's branches reach the per-modality report
      expect(slow.acc).not.toBe(joint.acc); // the method changed training
      expect(() => slowLeader({ factor: 2 })).toThrow(/slow-leader: option 'factor' must be in \(0, 1\]/);
    } finally {
      delete MODELS['sum-of-heads'];
      delete BALANCING_METHODS['slow-leader'];
    }
  }, 300_000);

  it('a new paper: listed in PAPERS, selected by --only, built with its table and claim', async () => {
    shown('toy: [toyTable],');
    PAPERS.toy = [toyTable];
    const tmp = tempDir('mmfnd-walk-');
    try {
      const artefacts = selectArtefacts(['toy']);
      expect(artefacts).toEqual([toyTable]);
      const report = await reproduce({ artefacts, outDir: path.join(tmp, 'figures'), cacheDir: path.join(tmp, 'cache'), ...quiet });
      expect(report.failed).toEqual([]);
      for (const f of ['table1.md', 'table1.csv', 'results.json', 'claims.md']) expect(fs.existsSync(path.join(tmp, 'figures', 'toy', f))).toBe(true);
      expect(fs.readFileSync(path.join(tmp, 'figures', 'toy', 'claims.md'), 'utf8')).toContain('late fusion is at least as accurate as text-only');
    } finally {
      delete PAPERS.toy;
    }
  }, 300_000);
});
