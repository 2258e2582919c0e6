/**
 * Results must not depend on where the data directory is: the same files
 * read from two different paths give identical datasets — ids, labels,
 * views and the notes that runs copy into results.json — and no note names
 * a path of this machine.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASET_NAMES, loadDataset } from '../../../lib/data/loaders/index';
import { SHARED, haveShared } from './helpers';

const twoPaths = () => {
  const a = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-dir-a-'));
  const b = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-other-dir-b-'));
  for (const d of [a, b]) for (const name of fs.readdirSync(SHARED)) fs.symlinkSync(path.join(SHARED, name), path.join(d, name));
  return [a, b];
};

describe.skipIf(!haveShared('verite'))('loaders: the same data at two paths gives the same bytes', () => {
  const [a, b] = haveShared('verite') ? twoPaths() : ['', ''];
  for (const name of DATASET_NAMES) {
    it.skipIf(!haveShared(name))(name, () => {
      const x = loadDataset(name, { dataDir: a }), y = loadDataset(name, { dataDir: b });
      expect(y.notes).toEqual(x.notes);
      expect(JSON.stringify(y.ids)).toBe(JSON.stringify(x.ids));
      expect(Array.from(y.labels)).toEqual(Array.from(x.labels));
      for (const [v, view] of Object.entries(x.views)) expect(Buffer.from(y.views[v]!.data.buffer).equals(Buffer.from(view!.data.buffer))).toBe(true);
      const notes = JSON.stringify(x.notes ?? []);
      for (const p of [a, b, SHARED, path.resolve(SHARED), os.tmpdir()]) expect(notes).not.toContain(p);
    });
  }
});
