import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATA_DIR_ENV, dataDirFromArgv, repoRoot, requireDataset, resolveDataDir } from '../../lib/data/datadir';
import { put, tempDir } from './loaders/helpers';

describe('resolveDataDir', () => {
  it('explicit option > MMFND_DATA_DIR > data/raw under the repo root', () => {
    const env = { [DATA_DIR_ENV]: '/from/env' };
    expect(resolveDataDir({ dataDir: '/explicit', env })).toBe('/explicit');
    expect(resolveDataDir({ env })).toBe('/from/env');
    expect(resolveDataDir({ env: {} })).toBe(join(repoRoot(), 'data', 'raw'));
    expect(resolveDataDir({ dataDir: 'rel/dir', env: {} })).toBe(resolve('rel/dir'));
  });

  it('finds the repo root from a subfolder (notebooks run from notebooks/)', () => {
    expect(repoRoot(join(repoRoot(), 'lib', 'data'))).toBe(repoRoot());
  });

  it('parses --data-dir X and --data-dir=X', () => {
    expect(dataDirFromArgv(['--quick', '--data-dir', '/d'])).toBe('/d');
    expect(dataDirFromArgv(['--data-dir=/e'])).toBe('/e');
    expect(dataDirFromArgv(['--quick'])).toBeUndefined();
    expect(() => dataDirFromArgv(['--data-dir'])).toThrow(/needs a directory/);
  });
});

describe('requireDataset', () => {
  it('missing dataset: names the expected path, the expected files and docs/DATA.md', () => {
    const root = tempDir();
    let msg = '';
    try {
      requireDataset('weibo', ['tweets/train_rumor.txt', 'train_id_event.json'], { dataDir: root });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain(`expected the directory ${join(root, 'weibo')}`);
    expect(msg).toContain('tweets/train_rumor.txt, train_id_event.json');
    expect(msg).toContain('docs/DATA.md');
  });

  it('incomplete dataset: names each missing file; complete: returns the folder', () => {
    const root = tempDir();
    mkdirSync(join(root, 'verite'));
    put(root, 'verite/a.csv', 'x');
    expect(() => requireDataset('verite', ['a.csv', 'b.npy'], { dataDir: root })).toThrow(new RegExp(`incomplete: .*lacks ${join(root, 'verite', 'b.npy')}`));
    expect(requireDataset('verite', ['a.csv'], { dataDir: root })).toBe(join(root, 'verite'));
  });

  it('the env var is honoured and reported', () => {
    const root = tempDir();
    expect(() => requireDataset('x', ['f'], { env: { [DATA_DIR_ENV]: root } })).toThrow(/from MMFND_DATA_DIR/);
  });
});

describe('requireDataset: where the directory came from', () => {
  it('the default data/raw/ passed down by a command is named as the default, not as a chosen --data-dir', () => {
    const dflt = join(repoRoot(), 'data', 'raw');
    expect(() => requireDataset('no-such-dataset', ['x.txt'], { dataDir: dflt, env: {} })).toThrow(/the default data\/raw\//);
    const chosen = tempDir('mmfnd-datadir-src-');
    expect(() => requireDataset('no-such-dataset', ['x.txt'], { dataDir: chosen, env: {} })).toThrow(/from the dataDir option \/ --data-dir/);
  });
});
