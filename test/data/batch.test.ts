import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { makeBatch } from '../../lib/data/batch';
import { synthetic } from '../../lib/data/synthetic';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('makeBatch', () => {
  const ds = synthetic({ samples: 40, seed: 2 });
  const idx = Int32Array.from([3, 7, 11, 19]);

  it("per-row drops zero that row's views of the modality and its present flag, and nothing else", () => {
    tf.tidy(() => {
      const full = makeBatch(ds, idx);
      const b = makeBatch(ds, idx, ['image', null, 'text', null]);
      for (const [name, x] of Object.entries(b.views)) {
        const m = ds.views[name]!.modality, rows = x.arraySync() as number[][], ref = full.views[name].arraySync() as number[][];
        rows.forEach((r, i) => {
          const off = (i === 0 && m === 'image') || (i === 2 && m === 'text');
          expect(r.every((v) => v === 0), `${name} row ${i}`).toBe(off);
          if (!off) expect(r).toEqual(ref[i]);
        });
      }
      expect(Array.from(b.present.image.dataSync())).toEqual([0, ...Array.from(full.present.image.dataSync()).slice(1)]);
      const t = Array.from(full.present.text.dataSync());
      t[2] = 0;
      expect(Array.from(b.present.text.dataSync())).toEqual(t);
      expect(Array.from(b.labels.dataSync())).toEqual(Array.from(full.labels.dataSync()));
    });
  });

  it('a per-row drop list of the wrong length is an error naming both lengths', () => {
    expect(() => makeBatch(ds, idx, ['text'])).toThrow(/1 per-row drops for a batch of 4 rows/);
  });
});
