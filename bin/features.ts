/**
 * npm run features -- --dataset <name> [--data-dir DIR] [--refresh] [--no-cache]
 *                     [--image-pattern MobileNetV2|InceptionV3|none]
 *                     [--image-semantic InceptionV3|MobileNetV2|none]
 *                     [--no-text-semantic] [--batch N] [--quiet]
 *                     [--text raw|cleaned]   (loader option; Twitter MediaEval only)
 *                     [--images any|required] (loader option; Twitter MediaEval only: 'required' keeps the
 *                                             image-bearing posts after the views are built, probes on them)
 *                     [--scheme original|eann] (loader option; Weibo only — BMLHF uses eann)
 *                     [--reduction lsa|projection] [--text-semantic auto|wink|words] [--no-probe]
 *
 * Loads a dataset, builds the four feature views (cached under data/cache/),
 * and prints a summary to stdout: per view dim, source, rows present, time;
 * images decoded / failed; the linear probe of every view (view quality). Progress bars go to stderr.
 */
import { parseArgs } from 'node:util';
import { initBackend } from '../lib/backend';
import { DATASET_NAMES, isDatasetName } from '../lib/data/loaders/index';
import { loadForViews } from '../lib/experiment/real';
import type { CnnName } from '../lib/features/cnn';
import { buildViewsWithReport } from '../lib/features/pipeline';

const CNN_CHOICES = ['MobileNetV2', 'InceptionV3', 'none'];

function cnnOpt(flag: string, v: string | undefined): CnnName | 'none' | undefined {
  if (v === undefined) return undefined;
  if (!CNN_CHOICES.includes(v)) throw new Error(`--${flag}: '${v}' is not one of ${CNN_CHOICES.join(', ')}`);
  return v as CnnName | 'none';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string' },
      'data-dir': { type: 'string' },
      refresh: { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
      'image-pattern': { type: 'string' },
      'image-semantic': { type: 'string' },
      'no-text-semantic': { type: 'boolean', default: false },
      batch: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      text: { type: 'string' },
      images: { type: 'string' },
      scheme: { type: 'string' },
      reduction: { type: 'string' },
      'text-semantic': { type: 'string' },
      'no-probe': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.dataset) throw new Error('usage: npm run features -- --dataset <name> [--data-dir DIR] [--refresh]');
  // every user mistake is rejected before the compute backend starts (seconds) or a file is read
  if (!isDatasetName(values.dataset)) throw new Error(`--dataset: unknown dataset '${values.dataset}' (known: ${DATASET_NAMES.join(', ')})`);
  const reduction = values.reduction;
  if (reduction !== undefined && reduction !== 'lsa' && reduction !== 'projection')
    throw new Error(`--reduction: '${reduction}' is not one of lsa, projection`);
  const semantic = values['text-semantic'];
  if (semantic !== undefined && !['auto', 'wink', 'words'].includes(semantic))
    throw new Error(`--text-semantic: '${semantic}' is not one of auto, wink, words`);
  const imagePatternModel = cnnOpt('image-pattern', values['image-pattern']);
  const imageSemanticModel = cnnOpt('image-semantic', values['image-semantic']);
  const t0 = performance.now();
  const loaderOpts: Record<string, unknown> = {};
  if (values['data-dir']) loaderOpts.dataDir = values['data-dir'];
  if (values.text) loaderOpts.text = values.text;
  if (values.scheme) loaderOpts.scheme = values.scheme;
  if (values.images) loaderOpts.images = values.images;
  const { raw: ds, rowFilter } = loadForViews(values.dataset, loaderOpts);
  await initBackend({ quiet: values.quiet });
  const tLoad = (performance.now() - t0) / 1000;
  const { dataset, report } = await buildViewsWithReport(ds, {
    refresh: values.refresh,
    cache: !values['no-cache'],
    quiet: values.quiet,
    imagePatternModel,
    imageSemanticModel,
    textSemantic: values['no-text-semantic'] ? false : ((semantic as 'auto' | 'wink' | 'words' | undefined) ?? 'auto'),
    textPattern: reduction ? { reduction } : undefined,
    probe: !values['no-probe'],
    batchSize: values.batch ? Number(values.batch) : undefined,
    rowFilter,
  });
  const n = ds.labels.length; // views are built (and their rows counted) on the loaded posts, before a row filter
  console.log(
    `dataset ${dataset.name}: ${dataset.labels.length} posts${rowFilter ? ` (of ${n} loaded; views built on all, probes on the kept rows)` : ''} (loaded in ${tLoad.toFixed(1)} s); IDF fitted on ${report.fitRows} rows`,
  );
  console.table(
    report.views.map((v) => ({
      view: v.view,
      dim: v.dim,
      source: v.source,
      'stand-in for': v.standIn,
      'rows present': `${v.rowsPresent}/${n}`,
      status: v.status,
      s: Number(v.seconds.toFixed(2)),
      note: v.note ?? '',
    })),
  );
  if (report.textSemantic) {
    const t = report.textSemantic;
    console.log(`textSemantic: token coverage ${(t.tokenCoverage * 100).toFixed(1)}%, ${t.zeroRows} text rows zero (${t.nonLatinRows} non-Latin script)`);
  }
  if (report.images) {
    const im = report.images;
    console.log(
      `images: ${im.uniqueFiles} unique files, ${im.uniqueContents} unique contents, ${im.decoded} decoded, ${im.failed.length} failed → ${im.rowsLostImage} posts marked image-missing`,
    );
    for (const f of im.failed) console.log(`  failed: ${f.file}: ${f.reason}`);
  }
  for (const note of report.notes.filter((n) => !n.startsWith('probe '))) console.log(`note: ${note}`);
  if (report.probes) {
    const f = (x: number | undefined) => (x === undefined ? '–' : Number(x.toFixed(3)));
    console.log(`view quality (linear probe, ${report.probes[0]?.protocol ?? '-'}):`);
    console.table(
      report.probes.map((p) => ({
        view: p.view,
        source: p.source,
        'fit/test rows': `${p.fitRows}/${p.testRows}`,
        acc: f(p.acc),
        'macro-F1': f(p.macroF1),
        majority: f(p.majority),
        C: p.C ? [...new Set(p.C)].join('/') : '–',
        'full sparse acc': f(p.reference?.acc),
        'full sparse F1': f(p.reference?.macroF1),
        status: p.status,
        s: Number(p.seconds.toFixed(1)),
        note: p.note ?? '',
      })),
    );
  }
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(`features: ${(e as Error).message}`);
  process.exit(1);
});
