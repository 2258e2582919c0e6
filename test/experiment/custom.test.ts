/**
 * `--spec` / runCustomSpec(): a user's run spec, validated (errors name the
 * field), executed through reproduce() (cache, pool), written as a table and
 * results.json under <out>/<name>/; the same numbers from the CLI and from
 * the library function. Synthetic data always; Twitter-CLIP when present.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCustomSpec, runCustomSpec } from '../../lib/experiment/custom';
import { haveShared, npyBytes, put, SHARED, tempDir } from '../data/loaders/helpers';

const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join('bin', 'reproduce.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, MMFND_QUIET: '1' },
    timeout: 900_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const rowsOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')).artefacts.results.numbers.rows;

const SYNTH = {
  name: 'synthetic-ogm',
  runs: [
    { label: 'joint', dataset: { kind: 'synthetic', options: { samples: 300, seed: 0 } }, model: 'SpotFake+', seeds: [1, 2], epochs: 2, missing: true },
    {
      label: 'OGM-GE',
      dataset: { kind: 'synthetic', options: { samples: 300, seed: 0 } },
      model: 'SpotFake+',
      balancer: 'ogm-ge',
      seeds: [1, 2],
      epochs: 2,
      missing: true,
      missingRate: { rates: [0, 0.5] },
    },
  ],
};

describe('spec validation: errors name the field', () => {
  const bad = (run: Record<string, unknown>) => () => parseCustomSpec({ runs: [{ dataset: 'synthetic', model: 'SpotFake+', ...run }] }, 'my.json');
  it('unknown model, balancer, dataset', () => {
    expect(bad({ model: 'GPT' })).toThrow(/^my\.json: runs\[0\]\.model: unknown model 'GPT' \(known: .*SpotFake\+/);
    expect(bad({ balancer: 'ogm' })).toThrow(/runs\[0\]\.balancer: unknown balancer 'ogm' \(known: .*ogm-ge/);
    expect(bad({ dataset: 'twiter' })).toThrow(/runs\[0\]\.dataset: unknown dataset 'twiter' \(catalog keys: .*twitter-clip/);
    expect(bad({ dataset: { kind: 'real', name: 'reddit' } })).toThrow(/runs\[0\]\.dataset\.name: unknown dataset "reddit" \(registered: .*verite/);
  });
  it('unknown options and fields', () => {
    expect(bad({ epoch: 3 })).toThrow(/runs\[0\]\.epoch: unknown field \(known: label, dataset/);
    expect(bad({ train: { learningRate: 1 } })).toThrow(/runs\[0\]\.train\.learningRate: unknown training option/);
    expect(bad({ balancer: { name: 'ogm-ge', options: { alphaa: 1 } } })).toThrow(/runs\[0\]\.balancer\.options: .*alphaa/);
    expect(bad({ missingRate: { rate: [0.5] } })).toThrow(/runs\[0\]\.missingRate\.rate: unknown field/);
    expect(() => parseCustomSpec({ name: 'x', runs: [], extra: 1 }, 'my.json')).toThrow(/my\.json: extra: unknown field/);
  });
  it('wrong types', () => {
    expect(bad({ epochs: '3' })).toThrow(/runs\[0\]\.epochs: is "3"; expected a positive integer/);
    expect(bad({ seeds: [1, 1.5] })).toThrow(/runs\[0\]\.seeds: is \[1,1\.5\]; expected non-negative integers/);
    expect(bad({ missing: 'yes' })).toThrow(/runs\[0\]\.missing: is "yes"; expected a boolean/);
    expect(bad({ train: { lr: '1e-3' } })).toThrow(/runs\[0\]\.train\.lr: is "1e-3"; expected a number/);
    expect(bad({ userViews: 'nope/views.json' })).toThrow(/runs\[0\]\.userViews: features from files attach to a real dataset/);
  });
  it('train.optimizer / train.schedule and the balancing preset: validated, errors naming the field', () => {
    const train = (run: Record<string, unknown>) =>
      parseCustomSpec({ runs: [{ dataset: 'synthetic', model: 'SpotFake+', ...run }] }, 'my.json').runs[0].specs[0].train;
    const sgd = { optimizer: { kind: 'sgd', momentum: 0.9 }, schedule: { kind: 'step', every: 70, gamma: 0.1 } };
    expect(train({ train: { lr: 1e-2, ...sgd } })).toMatchObject({ lr: 1e-2, ...sgd });
    expect(train({ train: { optimizer: { kind: 'adam' } } }).optimizer).toEqual({ kind: 'adam' });
    expect(bad({ train: { optimizer: 'sgd' } })).toThrow(/runs\[0\]\.train\.optimizer: is "sgd"; expected \{ "kind": "adam" \}/);
    expect(bad({ train: { optimizer: { kind: 'rmsprop' } } })).toThrow(/runs\[0\]\.train\.optimizer\.kind: is "rmsprop"; expected "adam" or "sgd"/);
    expect(bad({ train: { optimizer: { kind: 'sgd', momentum: 1 } } })).toThrow(/runs\[0\]\.train\.optimizer\.momentum: is 1; expected a number in \[0, 1\)/);
    expect(bad({ train: { optimizer: { kind: 'adam', momentum: 0.9 } } })).toThrow(/runs\[0\]\.train\.optimizer\.momentum: unknown field for kind 'adam'/);
    expect(bad({ train: { ...sgd, schedule: { kind: 'cosine' } } })).toThrow(/runs\[0\]\.train\.schedule\.kind: is "cosine"; expected "step"/);
    expect(bad({ train: { ...sgd, schedule: { kind: 'step', every: 0.5, gamma: 0.1 } } })).toThrow(
      /runs\[0\]\.train\.schedule\.every: is 0\.5; expected a positive integer/,
    );
    expect(bad({ train: { ...sgd, schedule: { kind: 'step', every: 5, gamma: -1 } } })).toThrow(
      /runs\[0\]\.train\.schedule\.gamma: is -1; expected a number > 0/,
    );
    expect(bad({ train: { schedule: sgd.schedule } })).toThrow(/runs\[0\]\.train\.schedule: needs "optimizer": \{ "kind": "sgd"/);
    // presets: the authors' settings fill what train does not give; train overrides
    expect(train({ balancer: 'ogm-ge', preset: 'authors' })).toMatchObject({ lr: 1e-3, weightDecay: 1e-4, batchSize: 64, ...sgd });
    expect(train({ balancer: 'ogm-ge', preset: 'authors', train: { lr: 5e-3 } })).toMatchObject({ lr: 5e-3, weightDecay: 1e-4, optimizer: sgd.optimizer });
    const uniform = train({ balancer: 'ogm-ge', preset: 'uniform' });
    expect([uniform.lr, uniform.weightDecay, uniform.batchSize, uniform.optimizer, uniform.schedule]).toEqual([1e-3, 1e-3, 64, undefined, undefined]);
    expect(bad({ balancer: 'ogm-ge', preset: 'author' })).toThrow(/runs\[0\]\.preset: is "author"; expected one of authors, uniform/);
    expect(bad({ preset: 'authors' })).toThrow(/runs\[0\]\.preset: 'authors' is a balancing method's preset: give a balancer/);
  });
  it('userViews: a path or { manifest, missingRows }, fingerprinted into the dataset options (so into the run hash)', () => {
    const tmp = tempDir('mmfnd-custom-');
    put(tmp, 'f.npy', npyBytes([2, 3], new Float32Array(6)));
    put(tmp, 'views.json', JSON.stringify({ views: [{ view: 'textPattern', file: 'f.npy', dim: 3, encoder: 'BERT' }] }));
    const at = (userViews: unknown) =>
      parseCustomSpec({ dataset: { kind: 'real', name: 'verite' }, model: 'text-only', userViews }, path.join(tmp, 'spec.json')).runs[0].specs[0]
        .dataset as unknown;
    const a = at('views.json') as { options: { userViews: { manifest: string; fingerprint: { views: { textPattern: { encoder: string } } } } } };
    expect(a.options.userViews.manifest).toBe(path.join(tmp, 'views.json'));
    expect(a.options.userViews.fingerprint.views.textPattern.encoder).toBe('BERT');
    const b = at({ manifest: 'views.json', missingRows: 'absent' }) as {
      options: { userViews: { missingRows: string; fingerprint: { missingRows: string } } };
    };
    expect([b.options.userViews.missingRows, b.options.userViews.fingerprint.missingRows]).toEqual(['absent', 'absent']);
    expect(() => at({ manifest: 'views.json', missing: 'absent' })).toThrow(/runs\[0\]\.userViews\.missing: unknown field/);
    expect(() => at('nope.json')).toThrow(/runs\[0\]\.userViews: cannot read .*nope\.json/);
  });
  it('one run, a list, or { name, runs }; seeds expand to one spec each with the missing switch and per-modality outputs', () => {
    const one = parseCustomSpec({ dataset: 'twitter-clip', model: 'SpotFake+', balancer: 'ogm-ge', seeds: [1, 2], missing: true }, 'x.json', 'x');
    expect(one.name).toBe('x');
    expect(one.runs[0].specs.map((s) => [s.seed, s.split.kind === 'kfold' && s.split.fold, s.train.epochs, s.outputs])).toEqual([
      [1, 0, 10, { missing: true, modality: true }],
      [2, 1, 10, { missing: true, modality: true }],
    ]);
    expect(
      parseCustomSpec([
        { dataset: 'synthetic', model: 'text-only' },
        { dataset: 'synthetic', model: 'image-only' },
      ]).runs.length,
    ).toBe(2);
  });
});

describe('a spec on synthetic data, from the library and the CLI', () => {
  it('writes the table and results.json; the same numbers both ways; a second call is cached', async () => {
    const tmp = tempDir('mmfnd-custom-');
    const file = put(tmp, 'synthetic-ogm.json', JSON.stringify(SYNTH));
    const lib = await runCustomSpec(file, { out: path.join(tmp, 'lib'), cacheDir: path.join(tmp, 'cache-lib'), jobs: 1, log: () => {} });
    expect(lib.report.computed).toBe(4);
    expect(lib.dir).toBe(path.join(tmp, 'lib', 'synthetic-ogm'));
    for (const f of ['results.md', 'results.csv', 'results.json']) expect(fs.existsSync(path.join(lib.dir, f))).toBe(true);
    expect(lib.rows.map((r) => r.run)).toEqual(['joint', 'OGM-GE']);
    for (const k of ['acc', 'acc std', 'macroF1', 'text-only acc', 'image-only acc', 'text head acc', 'image (other masked) acc', 'text shapley acc'])
      expect(typeof lib.rows[0][k]).toBe('number');
    expect(typeof lib.rows[1]['acc @ missing 0.5']).toBe('number');
    expect(fs.readFileSync(path.join(lib.dir, 'results.csv'), 'utf8').split('\n')[0]).toMatch(/^run,dataset,model,balancer,seeds,acc,acc std,macroF1/);
    // the CLI computes the same runs independently (its own cache) and gets the same numbers
    const r = cli(['--spec', file, '--out', path.join(tmp, 'cli'), '--cache', path.join(tmp, 'cache-cli'), '--jobs', '1']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/4 runs \(0 cached, 4 computed/);
    expect(rowsOf(path.join(tmp, 'cli', 'synthetic-ogm'))).toEqual(lib.rows);
    // and from the library again: all cached
    const again = await runCustomSpec(file, { out: path.join(tmp, 'lib'), cacheDir: path.join(tmp, 'cache-cli'), jobs: 1, log: () => {} });
    expect([again.report.cached, again.report.computed]).toEqual([4, 0]);
    expect(again.rows).toEqual(lib.rows);
  }, 600_000);

  it('a bad spec from the CLI: one line naming the field, exit 2', () => {
    const tmp = tempDir('mmfnd-custom-');
    const file = put(tmp, 'bad.json', JSON.stringify({ runs: [{ dataset: 'synthetic', model: 'SpotFake+', balancer: 'nope' }] }));
    const r = cli(['--spec', file, '--out', tmp]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toMatch(/^reproduce: .*bad\.json: runs\[0\]\.balancer: unknown balancer 'nope'/);
  });
});

describe.skipIf(!haveShared('twitter-clip-vitb32'))('a spec with a balancing method on Twitter-CLIP (real data)', () => {
  it('the library computes it, the CLI reads the same cache and writes the same numbers', async () => {
    const tmp = tempDir('mmfnd-custom-');
    const spec = {
      name: 'ogm-twitter-clip',
      runs: [
        {
          dataset: {
            kind: 'real',
            name: 'twitter-clip-vitb32',
            options: { dataDir: SHARED, features: { imagePatternModel: 'none', imageSemanticModel: 'none', probe: false } },
          },
          split: { kind: 'kfold', k: 5, fold: 0, val: 0.15, seed: 0, byEvent: true },
          model: 'SpotFake+',
          balancer: 'ogm-ge',
          seeds: [1],
          epochs: 2,
          missing: true,
        },
      ],
    };
    const file = put(tmp, 'ogm-twitter-clip.json', JSON.stringify(spec));
    const cache = path.join(tmp, 'cache');
    const lib = await runCustomSpec(file, { out: path.join(tmp, 'lib'), cacheDir: cache, jobs: 1, log: () => {} });
    expect(lib.report.computed).toBe(1);
    expect(lib.report.failed).toEqual([]);
    const r = cli(['--spec', file, '--out', path.join(tmp, 'cli'), '--cache', cache, '--jobs', '1']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/1 runs \(1 cached, 0 computed/);
    expect(rowsOf(path.join(tmp, 'cli', 'ogm-twitter-clip'))).toEqual(lib.rows);
    expect(lib.rows[0]).toMatchObject({ dataset: 'twitter-clip-vitb32', balancer: 'ogm-ge' });
    expect(typeof lib.rows[0]['image-only acc']).toBe('number');
  }, 900_000);
});
