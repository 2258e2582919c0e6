import * as fs from 'node:fs';
import { factClaim, notChecked } from '../../lib/eval/claim';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { reproduce } from '../../lib/experiment/reproduce';
import { numericPath } from '../../lib/backend';
import type { Artefact } from '../../lib/experiment/artefact';
import type { RunSpec } from '../../lib/experiment/spec';

const spec = (model: string): RunSpec => ({
  dataset: { kind: 'synthetic', options: { samples: 300, seed: 3 } },
  split: { kind: 'random', seed: 0 },
  model: { name: model },
  train: { epochs: 2, seed: 1 },
  seed: 1,
});

const artefact = (id: string, model: string): Artefact => ({
  paper: 'toy',
  id,
  title: `toy ${id}`,
  runs: () => [spec(model)],
  build: (ctx) => {
    const acc = ctx.result(spec(model)).test.acc;
    return {
      tables: [{ name: id, title: id, table: aq.table({ model: [model], acc: [acc] }) }],
      numbers: { acc },
      claims: [factClaim({ statement: `${model} beats chance`, on: 'toy' }, acc > 0.5, acc.toFixed(3))],
    };
  },
});

describe('reproduce', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-repro-'));
  const out = path.join(dir, 'figures');
  const cacheDir = path.join(dir, 'cache');
  const run = (artefacts: Artefact[]) => reproduce({ artefacts, outDir: out, cacheDir, jobs: 1, log: () => {} });

  it('writes tables, results.json, claims.md; a second run only re-renders and is byte-identical', async () => {
    const a = artefact('t1', 'text-only');
    const r1 = await run([a]);
    expect(r1.computed).toBe(1);
    const first = fs.readFileSync(path.join(out, 'toy', 'results.json'), 'utf8');
    const r2 = await run([a]);
    expect(r2.cached).toBe(1);
    expect(r2.computed).toBe(0);
    expect(fs.readFileSync(path.join(out, 'toy', 'results.json'), 'utf8')).toBe(first);
    expect(fs.existsSync(path.join(out, 'toy', 't1.md'))).toBe(true);
    const json = JSON.parse(first);
    expect(Object.keys(json.datasets)).toHaveLength(1);
    expect(json.datasets[Object.keys(json.datasets)[0]].spec.kind).toBe('synthetic');
    expect(json.numericPaths).toEqual([await numericPath()]); // which path computed the runs
  });

  it('an --only subset keeps the other artefacts in results.json and claims.md', async () => {
    await run([artefact('t2', 'image-only')]);
    const json = JSON.parse(fs.readFileSync(path.join(out, 'toy', 'results.json'), 'utf8'));
    expect(Object.keys(json.artefacts)).toEqual(['t1', 't2']);
    const claims = fs.readFileSync(path.join(out, 'toy', 'claims.md'), 'utf8');
    expect(claims).toMatch(/text-only beats chance/);
    expect(claims).toMatch(/image-only beats chance/);
  });

  it("rebuilding every artefact drops an earlier file's runs that no artefact asks for any more; a subset keeps them", async () => {
    const runsOf = () =>
      Object.values(JSON.parse(fs.readFileSync(path.join(out, 'toy', 'results.json'), 'utf8')).runs)
        .map((r) => (r as RunSpec).model.name)
        .sort();
    expect(runsOf()).toEqual(['image-only', 'text-only']); // t1 (text-only), then t2 (image-only) as a subset
    await run([artefact('t1', 'image-only'), artefact('t2', 'image-only')]); // t1 changed its spec: text-only is stale
    expect(runsOf()).toEqual(['image-only']);
    await run([artefact('t1', 'text-only')]); // a subset: t2's run stays
    expect(runsOf()).toEqual(['image-only', 'text-only']);
  });

  it('a failing artefact is reported and loses no other result', async () => {
    const bad: Artefact = {
      ...artefact('t3', 'text-only'),
      build: () => {
        throw new Error('boom');
      },
    };
    const r = await run([bad, artefact('t1', 'text-only')]);
    expect(r.artefacts.find((x) => x.id === 't3')?.error).toMatch(/boom/);
    expect(r.artefacts.find((x) => x.id === 't1')?.files.length).toBeGreaterThan(0);
  });
});

describe('reproduce without the data', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-repro-nodata-'));
  const out = path.join(dir, 'figures');
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-empty-data-'));
  const weibo: RunSpec = { ...spec('text-only'), dataset: { kind: 'real', name: 'weibo', options: { dataDir: empty } } };
  const broken: RunSpec = { ...spec('no-such-model'), seed: 2 };

  // one artefact over synthetic + an absent dataset; one that needs only the absent dataset; one whose run fails
  const mixed: Artefact = {
    paper: 'toy',
    id: 'mixed',
    title: 'mixed',
    runs: () => [spec('text-only'), weibo],
    build: (ctx) => {
      const rows = [spec('text-only'), weibo].map((s) => {
        const why = ctx.unavailable(s);
        return { dataset: s.dataset.kind, acc: why ? 'data not available' : ctx.result(s).test.acc.toFixed(3) };
      });
      return {
        tables: [{ name: 'mixed', title: 'mixed', table: aq.from(rows) }],
        numbers: rows,
        claims: [
          ctx.unavailable(weibo)
            ? notChecked({ statement: 'weibo claim', on: 'Weibo' }, ctx.unavailable(weibo)!)
            : factClaim({ statement: 'weibo claim', on: 'Weibo' }, true, ''),
        ],
      };
    },
  };
  const onlyWeibo: Artefact = {
    paper: 'toy',
    id: 'weibo-only',
    title: 'weibo only',
    runs: () => [weibo],
    build: (ctx) => ({ numbers: ctx.result(weibo).test }),
  };
  const failing: Artefact = { paper: 'toy', id: 'failing', title: 'failing', runs: () => [broken], build: (ctx) => ({ numbers: ctx.result(broken).test }) };

  it('skips an absent dataset with one line, writes the rest, marks claims not checked, and reports a failing run without stopping others', async () => {
    const lines: string[] = [];
    const r = await reproduce({ artefacts: [mixed, onlyWeibo, failing], outDir: out, cacheDir: path.join(dir, 'cache'), jobs: 1, log: (l) => lines.push(l) });
    expect(r.skipped).toBe(1);
    expect(r.missingDatasets).toHaveLength(1);
    expect(r.missingDatasets[0].message).toMatch(/data not available, skipped weibo: not found at .*where to get it: docs\/DATA\.md#weibo--/);
    expect(lines.filter((l) => /data not available, skipped/.test(l))).toHaveLength(1);
    expect(r.computed).toBe(1); // the synthetic run; the failing one is reported
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0].spec.model.name).toBe('no-such-model');
    expect(r.failed[0].error).toMatch(/unknown model 'no-such-model'/);
    expect(r.artefacts.find((a) => a.id === 'mixed')?.files.length).toBeGreaterThan(0);
    expect(r.artefacts.find((a) => a.id === 'weibo-only')?.skipped).toMatch(/dataset 'weibo' is not in the data directory/);
    expect(r.artefacts.find((a) => a.id === 'weibo-only')?.error).toBeUndefined();
    expect(r.artefacts.find((a) => a.id === 'failing')?.error).toMatch(/failed: .*unknown model/);
    expect(fs.readFileSync(path.join(out, 'toy', 'mixed.md'), 'utf8')).toMatch(/data not available/);
    const claims = fs.readFileSync(path.join(out, 'toy', 'claims.md'), 'utf8');
    expect(claims).toMatch(/weibo claim \| Weibo \| \*\*not checked\*\*/);
    expect(claims).toMatch(/## Not checked: artefacts whose data is not here[\s\S]*weibo-only/);
    const results = fs.readFileSync(path.join(out, 'toy', 'results.json'), 'utf8');
    expect(results).not.toContain(empty); // no path of this machine in a committed file
    expect(JSON.parse(results).unavailable.weibo).toMatch(/not in the data directory/);
  });
});

describe('runs with extraDatasets and split none', () => {
  it('a run whose extra dataset is absent is skipped as data not available, and ctx.unavailable names it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-repro-extra-'));
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-empty-data-'));
    const withPool: RunSpec = { ...spec('text-only'), extraDatasets: { pool: { kind: 'real', name: 'weibo', options: { dataDir: empty } } } };
    let why: string | undefined;
    const a: Artefact = {
      paper: 'toy',
      id: 'extra',
      title: 'extra',
      runs: () => [withPool],
      build: (ctx) => ((why = ctx.unavailable(withPool)), { numbers: {} }),
    };
    const r = await reproduce({ artefacts: [a], outDir: path.join(dir, 'figures'), cacheDir: path.join(dir, 'cache'), jobs: 1, log: () => {} });
    expect(r.skipped).toBe(1);
    expect(r.failed).toHaveLength(0);
    expect(why).toMatch(/dataset 'weibo' is not in the data directory/);
  });

  it("split { kind: 'none' } hands the whole dataset to test", async () => {
    const { split } = await import('../../lib/experiment/datasets');
    const { synthetic } = await import('../../lib/data/synthetic');
    const ds = synthetic({ samples: 50 });
    const p = split(ds, { kind: 'none' });
    expect([p.train.labels.length, p.val.labels.length, p.test.labels.length]).toEqual([0, 0, 50]);
  });
});
