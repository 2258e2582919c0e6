/**
 * A real dataset's identity in a run's hash is a fingerprint of what its loader reads: two data directories
 * holding different content under the same folder name hash differently and never share a cached result;
 * the same content elsewhere (a copy) hashes the same.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { datasetFingerprint, loadDataset as loadRaw } from '../../lib/data/loaders/index';
import { synthetic } from '../../lib/data/synthetic';
import { setRealLoader } from '../../lib/experiment/datasets';
import { localExecutor } from '../../lib/experiment/executor';
import { dataStamper } from '../../lib/experiment/fingerprints';
import { loadReal } from '../../lib/experiment/real';
import { reproduce } from '../../lib/experiment/reproduce';
import { specHash, type RunSpec } from '../../lib/experiment/spec';
import type { Artefact } from '../../lib/experiment/artefact';
import { put, tempDir } from '../data/loaders/helpers';

// upstream Weibo's three-line post format (see test/data/loaders/weibo.test.ts)
const post = (id: string, text: string) => `${id}|user|http://weibo.com/x|null|2015-01-01 00:00|true|1|2|0|42|0|3|4|5|微博 weibo.com\nnull\n${text}\n`;
function weiboDir(rumourText: string): string {
  const root = tempDir('mmfnd-fp-');
  put(root, 'weibo/tweets/train_rumor.txt', post('1', rumourText));
  put(root, 'weibo/tweets/train_nonrumor.txt', post('2', '真'));
  put(root, 'weibo/tweets/test_rumor.txt', post('3', '假的'));
  put(root, 'weibo/tweets/test_nonrumor.txt', post('4', '真的'));
  return root;
}

const spec: RunSpec = {
  dataset: { kind: 'real', name: 'weibo' },
  split: { kind: 'random', seed: 0 },
  model: { name: 'text-only' },
  train: { epochs: 1, seed: 1 },
  seed: 1,
};

describe('data fingerprints in run hashes', () => {
  const a = weiboDir('假');
  const b = weiboDir('另一个假的'); // same folder name, other content
  const copy = weiboDir('假'); // same content, another directory
  afterAll(() => {
    for (const d of [a, b, copy]) fs.rmSync(d, { recursive: true, force: true });
    setRealLoader(loadReal);
  });

  it('different content under the same folder name: different fingerprints and spec hashes; a copy: the same', () => {
    expect(datasetFingerprint('weibo', { dataDir: a })).not.toBe(datasetFingerprint('weibo', { dataDir: b }));
    expect(datasetFingerprint('weibo', { dataDir: a })).toBe(datasetFingerprint('weibo', { dataDir: copy }));
    const [ha, hb, hc] = [a, b, copy].map((d) => specHash(dataStamper(d)(spec)));
    expect(ha).not.toBe(hb);
    expect(ha).toBe(hc);
    // synthetic specs are untouched: their hashes stay what they were
    const syn: RunSpec = { ...spec, dataset: { kind: 'synthetic', options: { samples: 100 } } };
    expect(dataStamper(a)(syn)).toEqual(syn);
  });

  it('a run planned on one directory refuses the data of another (the fingerprint is checked at load)', async () => {
    const planned = dataStamper(a)(spec).dataset as { fingerprint?: string };
    expect(planned.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    await expect(loadReal('weibo', { quiet: true }, { dataDir: b, fingerprint: planned.fingerprint })).rejects.toThrow(
      /fingerprint .* planned on data with fingerprint/,
    );
  });

  it('reproduce over two data directories with one run cache: the second computes its own run instead of reading the first', async () => {
    // the views are stubbed (a tiny synthetic set seeded by the posts' text length), so only the data plumbing is under test
    setRealLoader(async (name, _options, ctx) => {
      const raw = loadRaw(name, { dataDir: ctx.dataDir, quiet: true });
      expect(datasetFingerprint(name, { dataDir: ctx.dataDir })).toBe(ctx.fingerprint);
      return synthetic({ samples: 120, seed: (raw.meta.array('text') as string[]).join('').length });
    });
    const artefact: Artefact = {
      paper: 'toy',
      id: 'weibo',
      title: 'weibo',
      runs: () => [spec],
      build: (ctx) => ({
        tables: [{ name: 'w', title: 'w', table: aq.table({ acc: [ctx.result(spec).test.acc] }) }],
        numbers: { hash: ctx.result(spec).hash },
      }),
    };
    const work = tempDir('mmfnd-fp-run-');
    const cacheDir = path.join(work, 'cache');
    const run = (dataDir: string) =>
      reproduce({ artefacts: [artefact], outDir: path.join(work, 'out'), cacheDir, dataDir, executor: localExecutor(1, { dataDir }), log: () => {} });
    const first = await run(a);
    expect([first.computed, first.cached, first.failed.length]).toEqual([1, 0, 0]);
    const second = await run(b);
    expect([second.computed, second.cached, second.failed.length]).toEqual([1, 0, 0]);
    const again = await run(a);
    expect([again.computed, again.cached]).toEqual([0, 1]);
    const files = fs.readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(2);
    const stored = files.map((f) => JSON.parse(fs.readFileSync(path.join(cacheDir, f), 'utf8')) as { spec: RunSpec });
    expect(new Set(stored.map((r) => (r.spec.dataset as { fingerprint?: string }).fingerprint))).toEqual(
      new Set([a, b].map((d) => datasetFingerprint('weibo', { dataDir: d }))),
    );
    fs.rmSync(work, { recursive: true, force: true });
  });
});
