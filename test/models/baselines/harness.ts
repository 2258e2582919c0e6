/**
 * The checks every baseline passes (shapes, finite loss, gradients into both
 * encoders, a short training run beating chance, no tensor leak, seeded
 * determinism), as one describe block per model file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../../lib/backend';
import { synthetic } from '../../../lib/data/synthetic';
import { makeBatch, disposeBatch, type Batch } from '../../../lib/data/batch';
import { applySplit, splitIndices } from '../../../lib/data/splits';
import type { Dataset } from '../../../lib/data/dataset';
import type { Model } from '../../../lib/models/model';
import { train } from '../../../lib/train/trainer';

export type Factory = (dims: Record<string, number>, seed: number, ds: Dataset) => Model;

export const dimsOf = (ds: Dataset): Record<string, number> => Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));

export function firstRows(ds: Dataset, n: number): Batch {
  return makeBatch(
    ds,
    Int32Array.from({ length: n }, (_, i) => i),
  );
}

export async function setup(): Promise<void> {
  await initBackend({ quiet: true });
}

export function describeBaseline(name: string, make: Factory): void {
  describe(`${name}: contract`, () => {
    let ds: Dataset;
    beforeAll(async () => {
      await setup();
      ds = synthetic({ samples: 300 });
    });

    it('forward: logits [B, 2], branches {text, image} [B, 2], embedding [B, d]; groups {text, image}', () => {
      const m = make(dimsOf(ds), 0, ds);
      tf.tidy(() => {
        const b = firstRows(ds, 32);
        const out = m.forward(b, true);
        expect(out.logits.shape).toEqual([32, 2]);
        expect(Object.keys(out.branches ?? {}).sort()).toEqual(['image', 'text']);
        for (const l of Object.values(out.branches!)) expect(l.shape).toEqual([32, 2]);
        expect(out.embedding!.shape[0]).toBe(32);
        expect(out.embedding!.rank).toBe(2);
      });
      const g = m.groups();
      expect(Object.keys(g).sort()).toEqual(['image', 'text']);
      const all = new Set(m.variables().map((v) => v.name));
      for (const vs of Object.values(g)) {
        expect(vs.length).toBeGreaterThan(0);
        for (const v of vs) expect(all.has(v.name)).toBe(true);
      }
      const text = new Set(g.text.map((v) => v.name));
      expect(g.image.some((v) => text.has(v.name))).toBe(false);
      expect(m.paramCount()).toBeGreaterThan(0);
      m.dispose();
    });

    it('loss: every named term is a finite scalar', () => {
      const m = make(dimsOf(ds), 0, ds);
      tf.tidy(() => {
        const b = firstRows(ds, 64);
        const losses = m.loss(m.forward(b, true), b);
        expect(Object.keys(losses)).toContain('total');
        for (const [k, v] of Object.entries(losses)) {
          expect(v.rank, k).toBe(0);
          expect(Number.isFinite(v.dataSync()[0]), k).toBe(true);
        }
      });
      m.dispose();
    });

    it('gradients of the total loss reach both encoders', () => {
      const m = make(dimsOf(ds), 0, ds);
      tf.tidy(() => {
        const b = firstRows(ds, 64);
        const { grads } = tf.variableGrads(() => m.loss(m.forward(b, true), b).total, m.variables());
        for (const [group, vs] of Object.entries(m.groups())) {
          const mag = vs.reduce((s, v) => s + (grads[v.name] ? tf.sum(tf.abs(grads[v.name])).dataSync()[0] : 0), 0);
          expect(mag, `gradient magnitude into the ${group} encoder`).toBeGreaterThan(0);
          expect(Number.isFinite(mag)).toBe(true);
        }
      });
      m.dispose();
    });

    it('same seed → identical logits; another seed → different ones', () => {
      const run = (seed: number) => {
        const m = make(dimsOf(ds), seed, ds);
        const b = firstRows(ds, 16);
        const logits = tf.tidy(() => m.forward(b, false).logits.dataSync().slice());
        disposeBatch(b);
        m.dispose();
        return Array.from(logits);
      };
      expect(run(3)).toEqual(run(3));
      expect(run(4)).not.toEqual(run(3));
    });
  });

  describe(`${name}: training`, () => {
    it('8 epochs on 600 synthetic posts beat chance on validation, with no tensor leak across epochs', async () => {
      await setup();
      const ds = synthetic({ samples: 600, seed: 1 });
      const split = applySplit(ds, splitIndices(ds, { seed: 0 }));
      const m = make(dimsOf(ds), 0, split.train);
      const counts: number[] = [];
      const res = train(m, split, { epochs: 8, progress: false, recordSteps: false, onEpochEnd: () => void counts.push(tf.memory().numTensors) });
      const hist = res.history.objects() as Record<string, number>[];
      for (const row of hist) for (const [k, v] of Object.entries(row)) expect(Number.isFinite(v), `${k} at epoch ${row.epoch}`).toBe(true);
      expect(res.bestValue).toBeGreaterThan(0.6);
      // Adam's slots exist from the first step on; after that the count must not grow
      expect(
        counts.slice(1).every((c) => c === counts[1]),
        `tensor counts per epoch: ${counts.join(', ')}`,
      ).toBe(true);
      m.dispose();
    });
  });
}
