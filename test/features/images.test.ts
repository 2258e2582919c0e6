import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { loadCnn } from '../../lib/features/cnn';
import { decodeRgb } from '../../lib/features/image-decode';
import { buildViewsWithReport } from '../../lib/features/pipeline';
import { makeBrokenImages, makeImage, rawDataset, tempDir } from './helpers';

let dir: string;
beforeAll(async () => {
  await initBackend({ backend: 'wasm', quiet: true });
  dir = await tempDir();
});

describe('image decoding', () => {
  it('decodes by content to size×size RGB', async () => {
    const png = await makeImage(path.join(dir, 'really-a-png.jpg'), 1, 'png');
    const d = await decodeRgb(png, 32);
    expect(d.ok).toBe(true);
    if (d.ok) expect(d.pixels.length).toBe(32 * 32 * 3);
  });

  it('random bytes, a truncated JPEG and a missing file fail without throwing', async () => {
    const { truncated, random } = await makeBrokenImages(dir);
    for (const f of [truncated, random, path.join(dir, 'nope.jpg')]) {
      const d = await decodeRgb(f, 32);
      expect(d.ok).toBe(false);
    }
  });
});

describe('CNN penultimate features', () => {
  it.each([
    ['MobileNetV2', 1280],
    ['InceptionV3', 2048],
  ] as const)('%s gives [B, %i] and leaks no tensor across batches', async (name, dim) => {
    const cnn = await loadCnn(name);
    expect(cnn.dim).toBe(dim);
    const imgs = await Promise.all([0, 1].map(async (s) => decodeRgb(await makeImage(path.join(dir, `${name}-${s}.jpg`), s), cnn.size)));
    const px = new Uint8Array(2 * cnn.size * cnn.size * 3);
    imgs.forEach((d, k) => d.ok && px.set(d.pixels, k * cnn.size * cnn.size * 3));
    await cnn.embed(px, 2); // warm-up (first call may create lasting kernels/state)
    const before = tf.memory().numTensors;
    let y = new Float32Array();
    for (let b = 0; b < 3; b++) y = await cnn.embed(px, 2);
    expect(tf.memory().numTensors).toBe(before);
    expect(y.length).toBe(2 * dim);
    expect(y.every(Number.isFinite)).toBe(true);
    // different images → different embeddings; GAP of ReLU outputs is non-negative
    expect(y.subarray(0, dim)).not.toEqual(y.subarray(dim));
  });
});

describe('image views in the pipeline', () => {
  it('dedupes shared images, means several, and counts undecodable files as image-missing', async () => {
    const a = await makeImage(path.join(dir, 'a.jpg'), 3);
    const b = await makeImage(path.join(dir, 'b.jpg'), 4);
    const { truncated, random } = await makeBrokenImages(dir);
    const ds = rawDataset([
      { text: 'one', images: [a] },
      { text: 'two', images: [a, b] },
      { text: 'three', images: [truncated] },
      { text: 'four', images: [random, b] },
      { text: 'five', images: [] },
    ]);
    let cnnLoads = 0;
    const { dataset, report } = await buildViewsWithReport(ds, {
      cache: false,
      textSemantic: false,
      imageSemanticModel: 'none',
      extractors: { loadCnn: (n) => (cnnLoads++, loadCnn(n)) },
    });
    expect(cnnLoads).toBe(1);
    expect(report.images).toMatchObject({ uniqueFiles: 4, uniqueContents: 4, decoded: 2, rowsLostImage: 1 });
    expect(report.images!.failed.map((f) => path.basename(f.file)).sort()).toEqual(['random.jpg', 'truncated.jpg']);
    expect(Array.from(dataset.present.image)).toEqual([1, 1, 0, 1, 0]);
    expect(Array.from(ds.present.image)).toEqual([1, 1, 1, 1, 0]); // input not mutated
    const v = dataset.views.imagePattern!;
    expect(v.dim).toBe(1280);
    const row = (i: number) => v.data.subarray(i * 1280, (i + 1) * 1280);
    // row 3 = b alone (random skipped); row 1 = mean(a, b)
    for (const k of [0, 100, 1279]) expect(row(1)[k]).toBeCloseTo((row(0)[k] + row(3)[k]) / 2, 5);
    expect(row(2).every((x) => x === 0) && row(4).every((x) => x === 0)).toBe(true);
    expect(report.viewSources.imagePattern).toBe('mobilenetv2-gap-1280 (stand-in for Swin-T)');
  });
});
