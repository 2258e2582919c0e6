/**
 * Feature-extractor throughput: images/s for each nsfwjs CNN (embedding only,
 * and sharp decode + embedding), posts/s for each text extractor (IDF fit
 * excluded; wink load time reported in the note, not in the rate).
 *
 * Inputs are generated (seeded), so the suite needs no dataset: 640×480
 * JPEGs (a typical tweet photo size) and tweet-length texts, English and
 * Chinese. Single-threaded wasm, as the pipeline runs it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { initBackend } from '../lib/backend';
import { loadCnn, type CnnName } from '../lib/features/cnn';
import { decodeRgb } from '../lib/features/image-decode';
import { fitTextPattern, transformTextPattern } from '../lib/features/text-pattern';
import { loadWinkVectors, meanWordVectors } from '../lib/features/word-vectors';
import { rng } from '../lib/util/random';
import type { BenchOptions, BenchRow, BenchSuite } from './types';

const BATCH = 16;
const EN =
  'breaking news photo shark highway flood storm hurricane sandy boston bomb suspect police fake real viral picture eclipse nepal earthquake video shared'.split(
    ' ',
  );
const ZH = '地震谣言转发真相照片网友警方消息今天曝光视频官方辟谣事件'.split('');

function texts(n: number, seed: number): string[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const len = 8 + r.int(16);
    if (i % 4 === 3) return Array.from({ length: len * 2 }, () => ZH[r.int(ZH.length)]).join('');
    return Array.from({ length: len }, () => EN[r.int(EN.length)]).join(' ') + ' http://t.co/x' + r.int(1e6);
  });
}

/** calls `step` (which processes `per` items) until `seconds` pass; items/s */
async function rate(seconds: number, per: number, step: () => unknown): Promise<number> {
  await step(); // warm-up
  let items = 0;
  const t0 = performance.now();
  do {
    await step();
    items += per;
  } while (performance.now() - t0 < seconds * 1000);
  return items / ((performance.now() - t0) / 1000);
}

async function imageRows(opts: BenchOptions, dir: string): Promise<BenchRow[]> {
  const r = rng(1);
  const files: string[] = [];
  for (let k = 0; k < BATCH; k++) {
    const px = Buffer.from(Array.from({ length: 640 * 480 * 3 }, (_, i) => ((i % 1920) / 8 + r.int(64)) & 255));
    files.push(
      await sharp(px, { raw: { width: 640, height: 480, channels: 3 } })
        .jpeg()
        .toFile(path.join(dir, `${k}.jpg`))
        .then(() => path.join(dir, `${k}.jpg`)),
    );
  }
  const rows: BenchRow[] = [];
  for (const name of ['MobileNetV2', 'InceptionV3'] as CnnName[]) {
    const cnn = await loadCnn(name);
    const decodeBatch = async () => {
      const dec = await Promise.all(files.map((f) => decodeRgb(f, cnn.size)));
      const px = new Uint8Array(BATCH * cnn.size * cnn.size * 3);
      dec.forEach((d, k) => d.ok && px.set(d.pixels, k * cnn.size * cnn.size * 3));
      return px;
    };
    const px = await decodeBatch();
    const workload = `${name} → ${cnn.dim}-d, batch ${BATCH}`;
    rows.push({ workload, impl: 'embed only (tfjs wasm)', value: await rate(opts.seconds, BATCH, () => cnn.embed(px, BATCH)), unit: 'images/s', ref: true });
    rows.push({
      workload,
      impl: 'sharp decode 640×480 JPEG + embed',
      value: await rate(opts.seconds, BATCH, async () => cnn.embed(await decodeBatch(), BATCH)),
      unit: 'images/s',
    });
  }
  return rows;
}

async function textRows(opts: BenchOptions): Promise<BenchRow[]> {
  const fit = texts(2000, 2);
  const batch = texts(1000, 3);
  const model = fitTextPattern(fit);
  const rows: BenchRow[] = [
    {
      workload: 'text extractors, tweet-length posts (¼ Chinese)',
      impl: 'textPattern: char 1–3-gram TF-IDF → LSA 768 (transform; fit on 2,000 posts not timed)',
      value: await rate(opts.seconds, batch.length, () => transformTextPattern(model, batch)),
      unit: 'posts/s',
      ref: true,
    },
  ];
  try {
    const t0 = performance.now();
    const wv = await loadWinkVectors();
    const load = (performance.now() - t0) / 1000;
    rows.push({
      workload: rows[0].workload,
      impl: 'textSemantic: mean wink-sg-100d',
      value: await rate(opts.seconds, batch.length, () => meanWordVectors(batch, wv)),
      unit: 'posts/s',
      note: `one-off vector load ${load.toFixed(1)} s`,
    });
  } catch (e) {
    rows.push({ workload: rows[0].workload, impl: 'textSemantic: mean wink-sg-100d', value: NaN, unit: 'posts/s', note: (e as Error).message });
  }
  return rows;
}

export const featuresSuite: BenchSuite = {
  name: 'features',
  description: 'feature extractors: images/s per nsfwjs CNN, posts/s per text extractor',
  async run(opts) {
    await initBackend({ quiet: true });
    const dir = await mkdtemp(path.join(tmpdir(), 'mmfnd-bench-features-'));
    try {
      return [...(await textRows(opts)), ...(await imageRows(opts, dir))];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default featuresSuite;
