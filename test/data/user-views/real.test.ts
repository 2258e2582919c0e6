/**
 * The shared CLIP features presented as if a user supplied them (a views.json
 * in a temp dir pointing at the read-only shared files): the views and a
 * run's numbers equal the dedicated loaders' (lib/data/loaders/verite.ts,
 * twitter-clip-vitb32.ts). Skips, saying why, when the data is absent.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTwitterClipVitB32, loadVerite } from '../../../lib/data/loaders/index';
import { attachUserViews } from '../../../lib/data/user-views/index';
import { runOne } from '../../../lib/experiment/run-one';
import type { DatasetSpec, RunSpec } from '../../../lib/experiment/spec';
import { haveShared, put, SHARED, tempDir } from '../loaders/helpers';

const haveVerite = haveShared('verite');
const haveClip = haveShared('twitter-clip-vitb32');
const opts = { dataDir: SHARED, quiet: true };

function veriteManifest(): string {
  const v = join(SHARED, 'verite');
  const view = (name: string, kind: string) => ({ view: name, file: join(v, `VERITE_clip_${kind}_embeddings_ViTB32.npy`), ids: join(v, 'VERITE_item_ids_ViTB32.npy'), dim: 512, encoder: 'CLIP ViT-B/32', source: 'VERITE upstream' });
  return put(tempDir('mmfnd-uv-real-'), 'views.json', JSON.stringify({ dataset: 'verite', views: [view('textSemantic', 'text'), view('imageSemantic', 'image')] }));
}

function clipManifest(): string {
  const f = join(SHARED, 'twitter-clip-vitb32', '2016', 'test_clip_features.npy');
  return put(tempDir('mmfnd-uv-real-'), 'views.json', JSON.stringify({
    dataset: 'twitter-clip-vitb32',
    views: [
      { view: 'textSemantic', file: f, columns: [0, 512], dim: 512, encoder: 'CLIP ViT-B/32' },
      { view: 'imageSemantic', file: f, columns: [512, 1024], dim: 512, encoder: 'CLIP ViT-B/32' },
    ],
  }));
}

const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** A small run: late fusion on the semantic views only, 3 epochs, fold 0. */
function spec(dataset: DatasetSpec): RunSpec {
  return { dataset, split: { kind: 'kfold', k: 5, fold: 0, val: 0.15, seed: 0 }, model: { name: 'SpotFake+' }, train: { epochs: 3, seed: 1 }, seed: 1, outputs: { missing: true } };
}
const numbers = (r: Awaited<ReturnType<typeof runOne>>) => JSON.stringify({ test: r.test, history: r.history, missing: r.missing, bestEpoch: r.bestEpoch, paramCount: r.paramCount });

describe.skipIf(!haveVerite)('features from files on VERITE (ViT-B/32 features keyed by the item-id file)', () => {
  it('the views are byte-identical to loadVerite({ encoder: ViT-B/32 }), marked user-supplied', () => {
    const ded = loadVerite({ ...opts, encoder: 'ViT-B/32' });
    const user = attachUserViews(loadVerite(opts), veriteManifest());
    for (const v of ['textSemantic', 'imageSemantic']) expect(bytes(user.views[v]!.data).equals(bytes(ded.views[v]!.data))).toBe(true);
    expect(user.views.textSemantic!.source).toBe('CLIP ViT-B/32 (user-supplied)');
    expect(Array.from(user.present.image)).toEqual(Array.from(ded.present.image));
  });

  it('a run gives the same numbers as on the dedicated loader', async () => {
    const features = { imagePatternModel: 'none', imageSemanticModel: 'none', probe: false };
    const a = await runOne(spec({ kind: 'real', name: 'verite', options: { ...opts, encoder: 'ViT-B/32', features } }));
    const b = await runOne(spec({ kind: 'real', name: 'verite', options: { ...opts, userViews: veriteManifest(), features } }));
    expect(numbers(b)).toBe(numbers(a));
    expect(b.notes).toContain('textSemantic: CLIP ViT-B/32 (user-supplied)');
    expect(a.notes).toContain('textSemantic: clip-vitb32 (shipped)');
  }, 600_000);
});

describe.skipIf(!haveClip)('features from files on Twitter-CLIP (one [N, 1024] file, row-aligned, two column ranges)', () => {
  it('the views are byte-identical to loadTwitterClipVitB32()', () => {
    const ded = loadTwitterClipVitB32(opts);
    const user = attachUserViews(ded, clipManifest());
    for (const v of ['textSemantic', 'imageSemantic']) expect(bytes(user.views[v]!.data).equals(bytes(ded.views[v]!.data))).toBe(true);
  });

  it('a run gives the same numbers as on the dedicated loader', async () => {
    const features = { imagePatternModel: 'none', imageSemanticModel: 'none', probe: false };
    const a = await runOne({ ...spec({ kind: 'real', name: 'twitter-clip-vitb32', options: { ...opts, features } }), split: { kind: 'kfold', k: 5, fold: 0, val: 0.15, seed: 0, byEvent: true } });
    const b = await runOne({ ...spec({ kind: 'real', name: 'twitter-clip-vitb32', options: { ...opts, userViews: clipManifest(), features } }), split: { kind: 'kfold', k: 5, fold: 0, val: 0.15, seed: 0, byEvent: true } });
    expect(numbers(b)).toBe(numbers(a));
    expect(b.notes).toContain('imageSemantic: CLIP ViT-B/32 (user-supplied)');
  }, 600_000);
});
