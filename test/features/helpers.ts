/** Small fixtures for the feature tests: generated images and a synthetic raw dataset. */
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as aq from 'arquero';
import sharp from 'sharp';
import type { Dataset } from '../../lib/data/dataset';

export async function tempDir(prefix = 'mmfnd-features-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** A 64×48 gradient JPEG (or PNG) generated with sharp. */
export async function makeImage(file: string, seed = 0, format: 'jpeg' | 'png' = 'jpeg'): Promise<string> {
  const w = 64,
    h = 48;
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 3;
      px[o] = (x * 4 + seed * 37) & 255;
      px[o + 1] = (y * 5 + seed * 11) & 255;
      px[o + 2] = ((x ^ y) * 3 + seed) & 255;
    }
  const img = sharp(px, { raw: { width: w, height: h, channels: 3 } });
  await (format === 'jpeg' ? img.jpeg({ quality: 90 }) : img.png()).toFile(file);
  return file;
}

/** A real JPEG cut to half its bytes, and a .jpg of random bytes. */
export async function makeBrokenImages(dir: string): Promise<{ truncated: string; random: string }> {
  const good = await makeImage(path.join(dir, 'good-for-truncation.jpg'), 9);
  const bytes = await readFile(good);
  const truncated = path.join(dir, 'truncated.jpg');
  await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  const random = path.join(dir, 'random.jpg');
  let s = 12345;
  await writeFile(random, Buffer.from(Array.from({ length: 4096 }, () => (s = (s * 1103515245 + 12345) >>> 0) >>> 24)));
  return { truncated, random };
}

/** A raw dataset per the loader contract: meta {id, text, images, split}, present masks, no views. */
export function rawDataset(rows: { text: string; images: string[]; split?: string }[], name = 'unit-test'): Dataset {
  const n = rows.length;
  return {
    name,
    ids: rows.map((_, i) => `p${i}`),
    labels: Int32Array.from(rows, (_, i) => i % 2),
    views: {},
    present: { text: Uint8Array.from(rows, (r) => (r.text ? 1 : 0)), image: Uint8Array.from(rows, (r) => (r.images.length ? 1 : 0)) },
    meta: aq.table({
      id: rows.map((_, i) => `p${i}`),
      text: rows.map((r) => r.text),
      images: rows.map((r) => JSON.stringify(r.images)),
      split: rows.map((r) => r.split ?? 'train'),
    }),
  };
}
