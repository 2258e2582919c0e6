/**
 * buildViews: adds the four BMLHF views to a dataset from its raw `meta`
 * (text, images), with stand-ins for the paper's extractors:
 *
 *   textPattern   char-n-gram TF-IDF → LSA 768 (stand-in for BERT)
 *   textSemantic  mean wink word vectors, 100-d, or — mostly non-Latin-script
 *                 texts (Weibo) — jieba word 1–2-gram TF-IDF → LSA 256 (stand-in for CLIP text)
 *   imagePattern  MobileNetV2 GAP 1280-d (stand-in for Swin-T)
 *   imageSemantic InceptionV3 GAP 2048-d (stand-in for CLIP image)
 *
 * A view the dataset already ships (e.g. CLIP features set by the loader) is
 * never overwritten. Then every view gets a linear probe (view-quality.ts),
 * reported and added to the notes. The input dataset is not mutated: views, present masks
 * and notes of the result are new objects.
 */
import * as aq from 'arquero';
import type { Dataset, FeatureView } from '../data/dataset';
import { defaultCacheDir, sha256 } from './cache';
import { loadCnn, type CnnName } from './cnn';
import { imageView, inventoryImages, type ImageCtx } from './image-views';
import { imagesOf, textsOf, trainRows } from './meta';
import { progressQuiet } from './progress';
import { fitTextPattern } from './text-pattern';
import { mostlyNonLatin, textPatternView, textSemanticView, textSemanticWordsView, type TextBuilt, type TextCtx } from './text-views';
import { probeNote, probeViews } from './view-quality';
import { fitWordTfidf, loadJieba } from './word-tfidf';
import type { BuildReport, BuildViewsOptions, Extractors, ViewReport } from './types';
import { loadWinkVectors } from './word-vectors';

export type { BuildReport, BuildViewsOptions, Extractors, ViewReport } from './types';

export const STAND_INS: Record<string, string> = {
  textPattern: 'BERT',
  textSemantic: 'CLIP text',
  imagePattern: 'Swin-T',
  imageSemantic: 'CLIP image',
};

export const DEFAULT_EXTRACTORS: Extractors = { fitTextPattern, loadWordVectors: loadWinkVectors, loadCnn, loadSegmenter: loadJieba, fitWordTfidf };

export async function buildViews(ds: Dataset, opts: BuildViewsOptions = {}): Promise<Dataset> {
  return (await buildViewsWithReport(ds, opts)).dataset;
}

export async function buildViewsWithReport(ds: Dataset, opts: BuildViewsOptions = {}): Promise<{ dataset: Dataset; report: BuildReport }> {
  const ex: Extractors = { ...DEFAULT_EXTRACTORS, ...opts.extractors };
  const quiet = progressQuiet(opts.quiet);
  const cacheDir = opts.cache === false ? undefined : (opts.cacheDir ?? defaultCacheDir());
  const refresh = Boolean(opts.refresh);
  const views: Dataset['views'] = { ...ds.views };
  const present = { text: ds.present.text.slice(), image: ds.present.image.slice() };
  const reports: ViewReport[] = [];
  const notes: string[] = [];
  const report: BuildReport = { views: reports, fitRows: 0, viewSources: {}, notes };
  const shipped = (name: string) => {
    const v = ds.views[name]!;
    reports.push({
      view: name,
      dim: v.dim,
      source: v.source,
      standIn: STAND_INS[name] ?? '-',
      rowsPresent: countPresent(present[v.modality]),
      seconds: 0,
      status: 'shipped',
      note: 'shipped by the loader, kept as is',
    });
  };

  // ---- text ----
  const texts = textsOf(ds);
  const found = opts.fitRows ? Array.from(opts.fitRows) : trainRows(ds);
  // no train rows (Twitter CLIP, VERITE ship only 'test'): an LSA fitted on nothing would give zero rows
  const fitRows = found && found.length > 0 ? found : undefined;
  if (!opts.fitRows && !fitRows)
    notes.push(
      `text views: no ${found ? "'train' rows in meta.split" : 'meta.split column'} — IDF and LSA fitted on ALL rows (unsupervised, but transductive: pass fitRows for a strict split)`,
    );
  const tctx: TextCtx = { ds, texts, textsHash: sha256(JSON.stringify(texts)), fitRows: fitRows ?? texts.map((_, i) => i), cacheDir, refresh, quiet, ex };
  report.fitRows = tctx.fitRows.length;
  const references: Record<string, TextBuilt['reference']> = {};
  if (ds.views.textPattern) shipped('textPattern');
  else {
    const r = await textPatternView(tctx, opts.textPattern ?? {}, STAND_INS.textPattern);
    views.textPattern = r.view;
    references.textPattern = r.reference;
    reports.push(r.report);
  }
  const semantic = opts.textSemantic ?? 'auto';
  if (ds.views.textSemantic) shipped('textSemantic');
  else if (semantic === false) reports.push(skipped('textSemantic', 'disabled by option'));
  else if (semantic === 'words' || ((semantic === 'auto' || semantic === true) && mostlyNonLatin(texts))) {
    const r = await textSemanticWordsView(tctx, STAND_INS.textSemantic);
    views.textSemantic = r.view;
    references.textSemantic = r.reference;
    reports.push(r.report);
  } else {
    try {
      const r = await textSemanticView(tctx, STAND_INS.textSemantic);
      views.textSemantic = r.view;
      reports.push(r.report);
      report.textSemantic = { tokenCoverage: r.extra.tokenCoverage, nonLatinRows: r.extra.nonLatinRows, zeroRows: r.extra.zeroRows };
    } catch (e) {
      // wink is an optional dependency: a missing package skips the view, loudly
      if (!/not installed/.test((e as Error).message)) throw e;
      reports.push(skipped('textSemantic', (e as Error).message));
    }
  }

  // ---- images ----
  const wanted: [string, CnnName | 'none'][] = [
    ['imagePattern', opts.imagePatternModel ?? 'MobileNetV2'],
    ['imageSemantic', opts.imageSemanticModel ?? 'InceptionV3'],
  ];
  const todo = wanted.filter(([name, m]) => !ds.views[name] && m !== 'none') as [string, CnnName][];
  if (todo.length > 0) {
    const inv = await inventoryImages(ds);
    const refs = imagesOf(ds);
    const ictx: ImageCtx = { ds, inv, cacheDir, refresh, quiet, batchSize: opts.batchSize ?? 16, failOn: opts.failOn ?? 'warning', ex };
    const built: FeatureView[] = [];
    let failed: { file: string; reason: string }[] = [];
    let decoded = inv.contents.length;
    const imgPresent = present.image.slice();
    for (const [name, model] of todo) {
      const r = await imageView(ictx, name, model, STAND_INS[name]);
      views[name] = r.view;
      built.push(r.view);
      reports.push(r.report);
      // a row that references no image file keeps the loader's flag: VERITE ships CLIP image features
      // but no files, and the CNN views' absence must not hide the shipped view (zeros in the CNN views)
      for (let i = 0; i < imgPresent.length; i++) if (refs[i].length > 0) imgPresent[i] &= r.extra.present[i];
      if (r.extra.failed.length > failed.length) failed = r.extra.failed;
      decoded = Math.min(decoded, r.extra.decoded);
    }
    let lost = 0;
    for (let i = 0; i < imgPresent.length; i++) if (present.image[i] && !imgPresent[i]) lost++;
    present.image = imgPresent;
    // a row image-missing in one CNN view is image-missing in all (dataset contract: absent ⇒ zeros)
    for (const v of built) for (let i = 0; i < imgPresent.length; i++) if (!imgPresent[i]) v.data.fill(0, i * v.dim, (i + 1) * v.dim);
    for (const rep of reports) if (rep.status !== 'shipped' && built.some((v) => views[rep.view] === v)) rep.rowsPresent = countPresent(imgPresent);
    report.images = {
      uniqueFiles: inv.files.length,
      uniqueContents: inv.contents.length,
      decoded,
      failed: [...inv.unreadable, ...failed],
      rowsLostImage: lost,
    };
    if (report.images.failed.length)
      notes.push(`images: ${report.images.failed.length} of ${inv.files.length} files unreadable/undecodable → ${lost} posts marked image-missing`);
  }
  for (const [name, m] of wanted) {
    if (ds.views[name]) shipped(name);
    else if (m === 'none') reports.push(skipped(name, 'disabled by option'));
  }

  const kept: Dataset = opts.rowFilter ? opts.rowFilter({ ...ds, views, present }) : { ...ds, views, present };
  if (opts.probe !== false) {
    // the full sparse references are row-aligned with the whole dataset: only without a row filter
    report.probes = await probeViews(kept, { cacheDir, refresh, references: opts.rowFilter ? {} : references });
    notes.push(...report.probes.map(probeNote));
  }

  // a user-supplied view's source already says so ("BERT (user-supplied)", lib/data/user-views)
  const shippedAs = (src: string) => (src.endsWith(' (user-supplied)') ? src : `${src} (shipped)`);
  for (const r of reports)
    if (r.status !== 'skipped') report.viewSources[r.view] = r.status === 'shipped' ? shippedAs(r.source) : `${r.source} (stand-in for ${r.standIn})`;
  const sourceNotes = Object.entries(report.viewSources).map(([k, v]) => `${k}: ${v}`);
  const dataset: Dataset = { ...kept, notes: [...(kept.notes ?? []), ...sourceNotes, ...notes] };
  return { dataset, report };
}

function skipped(view: string, note: string): ViewReport {
  return { view, dim: 0, source: '-', standIn: STAND_INS[view] ?? '-', rowsPresent: 0, seconds: 0, status: 'skipped', note };
}

function countPresent(m: Uint8Array): number {
  return m.reduce((s, x) => s + x, 0);
}

/** Report as an Arquero table (one row per view) for notebooks. */
export function reportTable(report: BuildReport): aq.ColumnTable {
  return aq.from(report.views.map((v) => ({ ...v, seconds: Math.round(v.seconds * 100) / 100 })));
}
