import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../lib/data/datadir';
import { buildDatasetEntry, loadManifest, sha256File, verifyAll, verifyDataset } from '../../lib/data/manifest';
import { SHARED, haveShared, put, tempDir } from './loaders/helpers';

describe('manifest checks (crafted files)', () => {
  it('sha256 is streamed and matches the known digest', async () => {
    const p = put(tempDir(), 'a.txt', 'abc');
    expect(await sha256File(p)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('reports present / missing / corrupted (size or hash) files by name', async () => {
    const good = tempDir();
    put(good, 'ds/a.txt', 'abc');
    put(good, 'ds/img/1.jpg', 'xyz');
    put(good, 'ds/img/2.jpg', '123');
    const entry = await buildDatasetEntry(join(good, 'ds'));
    expect(Object.keys(entry.files)).toEqual(['a.txt', 'img/1.jpg', 'img/2.jpg']);

    const bad = tempDir();
    put(bad, 'ds/a.txt', 'abd'); // same size, other hash
    put(bad, 'ds/img/1.jpg', 'xyzw'); // other size
    const c = await verifyDataset(bad, 'ds', entry);
    expect(c).toMatchObject({ expected: 3, present: 0, missing: ['img/2.jpg'] });
    expect(c.corrupted.map((x) => x.file)).toEqual(['a.txt', 'img/1.jpg']);
    expect(c.corrupted[0].reason).toMatch(/sha256/);
    expect(c.corrupted[1].reason).toMatch(/size 4 bytes, expected 3/);
    // sizes only: the same-size edit is not noticed
    expect((await verifyDataset(bad, 'ds', entry, { hash: false })).corrupted.map((x) => x.file)).toEqual(['img/1.jpg']);
  });
});

describe('data/manifest.json', () => {
  const m = loadManifest();
  it('lists the five datasets, every image file included', () => {
    expect(Object.keys(m.datasets)).toEqual(['twitter-mediaeval2016', 'weibo', 'verite', 'twitter-clip-vitb32', 'fakeddit-subset']);
    const n = (d: string) => Object.keys(m.datasets[d].files).length;
    expect([n('twitter-mediaeval2016'), n('weibo'), n('verite'), n('twitter-clip-vitb32'), n('fakeddit-subset')]).toEqual([522, 7, 7, 2, 103]);
    expect(Object.keys(m.datasets['twitter-mediaeval2016'].files).filter((f) => f.startsWith('images_')).length).toBe(517);
  });

  it.skipIf(!haveShared('weibo'))('the shared datasets verify clean (hashed)', async () => {
    const checks = await verifyAll(SHARED, m);
    for (const c of checks) expect({ name: c.name, missing: c.missing, corrupted: c.corrupted, present: c.present }).toEqual({ name: c.name, missing: [], corrupted: [], present: c.expected });
  });
});

describe('bin/data-check.ts', () => {
  const run = (args: string[]) => {
    try {
      return { code: 0, out: execFileSync(join(repoRoot(), 'node_modules', '.bin', 'tsx'), [join(repoRoot(), 'bin', 'data-check.ts'), ...args], { encoding: 'utf8' }) };
    } catch (e) {
      const err = e as { status: number; stdout: string };
      return { code: err.status, out: err.stdout };
    }
  };

  it('exit 1 with a per-dataset table when files are missing or corrupted', () => {
    const dir = tempDir();
    put(dir, 'verite/VERITE.csv', 'not the real file');
    const r = run(['--data-dir', dir, '--dataset', 'verite', '--dataset', 'weibo']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/verite\s+\[PROBLEM\]/);
    expect(r.out).toMatch(/corrupted\s+1/);
    expect(r.out).toMatch(/missing\s+6/);
    expect(r.out).toMatch(/corrupted files: VERITE\.csv \(size 17 bytes/);
    expect(r.out).toMatch(/weibo\s+\[PROBLEM\][\s\S]*folder not found: all 7 files missing/);
    expect(r.out).toMatch(/docs\/DATA\.md/);
  });

  it.skipIf(!haveShared('weibo'))('exit 0 on the shared datasets', () => {
    const r = run([`--data-dir=${SHARED}`]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/5 of 5 datasets complete/);
  });
});

