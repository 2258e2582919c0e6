import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summary } from '../../lib/data/dataset';
import { keepImageBearing } from '../../lib/data/image-bearing';
import { loadTwitterMediaEval2016 } from '../../lib/data/loaders/twitter-mediaeval2016';
import { loadForViews } from '../../lib/experiment/real';
import { buildViewsWithReport } from '../../lib/features/pipeline';
import { rawDataset, tempDir as featureTempDir } from '../features/helpers';
import { SHARED, haveShared, put, tempDir } from './loaders/helpers';

const header = 'post_id\tpost_text\tuser_id\timage_id(s)\tusername\ttimestamp\tlabel';
const post = (id: string, img: string, label: string) => `${id}\ttext of post ${id}\t1\t${img}\tu\tWed\t${label}`;

function crafted(): string {
  const root = tempDir();
  put(root, 'twitter-mediaeval2016/train_posts.txt', [header, post('1', 'ev_fake_01', 'fake'), post('2', 'ev_real_01', 'real'), post('3', 'ev_fake_02,ev_fake_09', 'fake'), post('4', 'gone_1', 'real')].join('\n') + '\n');
  put(root, 'twitter-mediaeval2016/test_posts.txt', [header.replace('image_id(s)', 'image_id'), post('5', 'ot_fake_1', 'fake'), post('6', 'ot_real_1', 'real')].join('\n') + '\n');
  for (const f of ['images_train/ev_fake_01.jpg', 'images_train/ev_real_01.png', 'images_train/ev_fake_09.jpg', 'images_test/ot_real_1.jpg']) put(root, `twitter-mediaeval2016/${f}`, 'x');
  return root;
}

describe("Twitter MediaEval images: 'required' | 'any' (crafted files)", () => {
  it("'any' keeps every post; 'required' keeps the posts with an image file and counts the dropped ones per split", () => {
    const root = crafted();
    const all = loadTwitterMediaEval2016({ dataDir: root });
    expect(all.ids).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(loadTwitterMediaEval2016({ dataDir: root, images: 'any' }).ids).toEqual(all.ids);
    const kept = loadTwitterMediaEval2016({ dataDir: root, images: 'required' });
    expect(kept.name).toBe('twitter-mediaeval2016-with-images');
    expect(kept.ids).toEqual(['1', '2', '3', '6']); // post 3: one of its two images exists
    expect(Array.from(kept.present.image)).toEqual([1, 1, 1, 1]);
    expect(Array.from(kept.labels)).toEqual([1, 0, 1, 0]);
    expect(kept.meta.array('split')).toEqual(['train', 'train', 'train', 'test']);
    expect(kept.meta.numRows()).toBe(4);
    expect(kept.notes!.at(-1)).toBe("images: 'required' — only posts with an image file: 4 of 6 kept, 2 dropped (train 3 kept / 1 dropped, test 1 kept / 1 dropped); paper (BMLHF): 8,617 train / 2,059 test");
  });

  it('rejects other values, and a dataset with no image-bearing post', () => {
    expect(() => loadTwitterMediaEval2016({ dataDir: crafted(), images: 'some' } as never)).toThrow(/option 'images' is "some"; expected one of "required", "any"/);
    const none = rawDataset([{ text: 'a', images: [] }, { text: 'b', images: [] }]);
    expect(() => keepImageBearing(none)).toThrow(/keeps no post of 'unit-test'/);
    expect(() => keepImageBearing(none, { mask: new Uint8Array(3) })).toThrow(/mask has 3 rows/);
  });

  it('after the views: the same rows as the loader option, the views read from the whole dataset\'s cache, probes on the kept rows', async () => {
    const root = crafted();
    const cacheDir = path.join(await featureTempDir(), 'cache');
    const opts = { cacheDir, quiet: true, textSemantic: false as const, imagePatternModel: 'none' as const, imageSemanticModel: 'none' as const };
    const whole = await buildViewsWithReport(loadTwitterMediaEval2016({ dataDir: root }), opts);
    expect(whole.report.views[0].status).toBe('computed');
    const { raw, rowFilter } = loadForViews('twitter-mediaeval2016', { dataDir: root, images: 'required' });
    expect(raw.ids).toHaveLength(6);
    const after = await buildViewsWithReport(raw, { ...opts, rowFilter });
    expect(after.report.views[0].status).toBe('cache-hit'); // no refit of the text view for the row selection
    expect(after.dataset.name).toBe('twitter-mediaeval2016-with-images');
    expect(after.dataset.ids).toEqual(loadTwitterMediaEval2016({ dataDir: root, images: 'required' }).ids);
    const d = whole.dataset.views.textPattern!.dim;
    const rowOf = (ds: typeof raw, id: string) => Array.from(ds.views.textPattern!.data.subarray(ds.ids.indexOf(id) * d, (ds.ids.indexOf(id) + 1) * d));
    for (const id of after.dataset.ids) expect(rowOf(after.dataset, id)).toEqual(rowOf(whole.dataset, id));
    const probe = after.report.probes!.find((p) => p.view === 'textPattern')!;
    expect(probe.fitRows + probe.testRows).toBeLessThanOrEqual(4);
    expect(after.dataset.notes!.some((n) => n.startsWith("images: 'required'"))).toBe(true);
  });
});

describe.skipIf(!haveShared('twitter-mediaeval2016'))("Twitter MediaEval images: 'required' (real data)", () => {
  it('13,761 train / 1,117 test posts with an image file (1,868 / 1,111 dropped)', () => {
    const ds = loadTwitterMediaEval2016({ dataDir: SHARED, images: 'required' });
    expect(summary(ds)).toMatchObject({ samples: 13761 + 1117, withImage: 13761 + 1117 });
    expect(ds.notes!.at(-1)).toMatch(/14878 of 17857 kept, 2979 dropped \(train 13761 kept \/ 1868 dropped, test 1117 kept \/ 1111 dropped\)/);
  });
});

describe('which Twitter runs use the image-bearing posts', () => {
  it("the papers' Twitter (catalog 'twitter': BMLHF, CMC, COOLANT, the toolkit) requires images; HMS and 'twitter-all-posts' keep every post", async () => {
    const { catalogDataset } = await import('../../lib/experiment/datasets-catalog');
    const hms = await import('../../lib/papers/hms/common');
    expect(catalogDataset('twitter').dataset).toEqual({ kind: 'real', name: 'twitter-mediaeval2016', options: { images: 'required' } });
    expect(catalogDataset('twitter-all-posts').dataset).toEqual({ kind: 'real', name: 'twitter-mediaeval2016', options: {} });
    expect(hms.datasetByKey('twitter').dataset).toEqual({ kind: 'real', name: 'twitter-mediaeval2016', options: {} });
    for (const key of ['twitter', 'twitter-all-posts']) expect(catalogDataset(key).split('quick', 1)).toMatchObject({ standardise: true });
    expect(catalogDataset('twitter-clip').split('quick', 2)).toMatchObject({ kind: 'kfold', fold: 1, byEvent: true, stratify: true });
    expect(hms.datasetByKey('twitter-clip').split('quick', 2)).toEqual(catalogDataset('twitter-clip').split('quick', 2));
  });
});
