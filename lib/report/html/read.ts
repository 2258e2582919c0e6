/**
 * Reads one paper's folder under figures/ into what the report shows:
 * results.json (profile, runs, datasets, artefacts with claims), each
 * artefact's SVG figures and CSV tables (title and note from the .md twin),
 * and the paper's notebook and doc when they exist. Generic over papers: it
 * knows only the layout reproduce writes (lib/experiment/reproduce.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { normaliseClaim, type Claim } from '../../eval/claim';
import { walk } from '../index-md';
import { naturalCompare } from './escape';
import { assignFiles, PAPER_FILES } from './files';

export interface TableData {
  /** file base name, e.g. table1-acc */
  name: string;
  /** path relative to the figures folder, e.g. bmlhf/table1-acc.csv */
  csv: string;
  title: string;
  note: string;
  header: string[];
  rows: string[][];
}

export interface FigureData {
  name: string;
  /** relative to the figures folder */
  file: string;
  svg: string;
}

export interface ArtefactData {
  id: string;
  title: string;
  claims: Claim[];
  differences: string[];
  /** not built: its data is not here (why) */
  skipped?: string;
  figures: FigureData[];
  tables: TableData[];
}

export interface DatasetData {
  /** e.g. "twitter-mediaeval2016" or "synthetic (samples 2000, seed 0)" */
  name: string;
  /** view → extractor, and what it stands in for ("shipped" when the paper's own features are used) */
  encoders: { view: string; extractor: string; standsInFor: string }[];
  notes: string[];
}

export interface PaperData {
  id: string;
  profile: string | null;
  runs: number;
  seeds: number[];
  datasets: DatasetData[];
  /** dataset → why it is absent */
  unavailable: [string, string][];
  artefacts: ArtefactData[];
  /** figures and tables that match no artefact id */
  other: { figures: FigureData[]; tables: TableData[] };
  /** links relative to the figures folder, when the files exist */
  notebook?: string;
  doc?: string;
  /** what was wrong with results.json, if anything */
  problem?: string;
}

export interface ReadOptions {
  /** where notebooks/NN-<paper>.ipynb live (default: <outDir>/../notebooks) */
  notebooksDir?: string;
  /** where docs/papers/<paper>.md live (default: <outDir>/../docs/papers) */
  docsDir?: string;
}

const posix = (p: string) => p.split(path.sep).join('/');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function readJson(file: string): { value?: Json; problem?: string } {
  if (!fs.existsSync(file)) return { problem: 'no results.json (run `npm run reproduce`)' };
  try {
    return { value: JSON.parse(fs.readFileSync(file, 'utf8')) };
  } catch (e) {
    return { problem: `results.json is not valid JSON: ${(e as Error).message}` };
  }
}

/** Title (first heading) and note (the text after the table) of a table's .md twin. */
function mdTitleNote(file: string): { title: string; note: string } {
  if (!fs.existsSync(file)) return { title: '', note: '' };
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const title = (lines.find((l) => /^#+\s/.test(l)) ?? '').replace(/^#+\s+/, '').trim();
  let last = -1;
  lines.forEach((l, i) => {
    if (l.startsWith('|')) last = i;
  });
  const note =
    last < 0
      ? ''
      : lines
          .slice(last + 1)
          .join('\n')
          .trim();
  return { title, note };
}

export function readTable(figuresDir: string, rel: string): TableData {
  const file = path.join(figuresDir, rel);
  const records = parse(fs.readFileSync(file, 'utf8'), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  const [header = [], ...rows] = records;
  const { title, note } = mdTitleNote(file.replace(/\.csv$/, '.md'));
  return {
    name: posix(rel)
      .split('/')
      .slice(1)
      .join('/')
      .replace(/\.csv$/, ''),
    csv: posix(rel),
    title,
    note,
    header,
    rows,
  };
}

function datasetName(spec: Json): string {
  if (!spec || typeof spec !== 'object') return 'dataset';
  const opts = Object.entries(spec.options ?? {}).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  const base = spec.kind === 'real' ? String(spec.name) : 'synthetic';
  return opts.length ? `${base} (${opts.join(', ')})` : base;
}

// "textPattern: char-ngram1-3-tfidf-768 (stand-in for BERT)" / "imageSemantic: clip-vitb32 (shipped)" /
// "textPattern: BERT (user-supplied)" (features from files, lib/data/user-views)
const ENCODER = /^([A-Za-z][\w-]*): (\S.*?) \((?:stand-in for (.+)|(shipped)|(user-supplied))\)$/;

function readDataset(entry: Json): DatasetData {
  const notes: string[] = Array.isArray(entry?.notes) ? entry.notes.map(String) : [];
  const encoders: DatasetData['encoders'] = [];
  const rest: string[] = [];
  for (const n of notes) {
    const m = ENCODER.exec(n);
    if (m)
      encoders.push({
        view: m[1],
        extractor: m[2],
        standsInFor: m[4] ? 'shipped (the paper’s own features)' : m[5] ? 'user-supplied (features from files)' : m[3],
      });
    else rest.push(n);
  }
  return { name: datasetName(entry?.spec), encoders, notes: rest };
}

/** The notebook (NN-<paper>.ipynb or NN-<paper>-….ipynb) of a paper, as a path relative to figuresDir. */
function findNotebook(dir: string, paper: string, figuresDir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const hit = fs
    .readdirSync(dir)
    .filter((f) => {
      const m = /^\d+-(.+)\.ipynb$/.exec(f);
      return m && (m[1] === paper || m[1].startsWith(paper + '-'));
    })
    .sort(naturalCompare)[0];
  return hit ? posix(path.relative(figuresDir, path.join(dir, hit))) : undefined;
}

export function readPaper(figuresDir: string, paper: string, options: ReadOptions = {}): PaperData {
  const dir = path.join(figuresDir, paper);
  const { value: res, problem } = readJson(path.join(dir, 'results.json'));
  const entries: [string, Json][] = Object.entries(res?.artefacts ?? {});
  const ids = entries.map(([id]) => id);
  const files = walk(dir)
    .filter((f) => /\.(svg|csv)$/.test(f))
    .sort(naturalCompare);
  const bases = files.map((f) => f.replace(/\.(svg|csv)$/, ''));
  const byPath = assignFiles(bases, ids),
    byName = assignFiles(
      bases.map((b) => b.split('/').pop()!),
      ids,
    );
  const owner = new Map(bases.map((b) => [b, byPath.get(b) ?? byName.get(b.split('/').pop()!)]));
  const byId = new Map<string | undefined, { figures: FigureData[]; tables: TableData[] }>();
  const slot = (id: string | undefined) => byId.get(id) ?? byId.set(id, { figures: [], tables: [] }).get(id)!;
  for (const f of files) {
    const base = f.replace(/\.(svg|csv)$/, '');
    if (PAPER_FILES.has(base)) continue;
    const rel = `${paper}/${f}`;
    const s = slot(owner.get(base));
    if (f.endsWith('.svg')) s.figures.push({ name: base, file: rel, svg: fs.readFileSync(path.join(figuresDir, rel), 'utf8') });
    else s.tables.push(readTable(figuresDir, rel));
  }
  const artefacts: ArtefactData[] = entries
    .map(([id, e]) => ({
      id,
      title: String(e?.title ?? ''),
      claims: Array.isArray(e?.claims) ? (e.claims as unknown[]).map(normaliseClaim) : [],
      differences: Array.isArray(e?.differences) ? e.differences.map(String) : [],
      ...(e?.skipped ? { skipped: String(e.skipped) } : {}),
      ...slot(id),
    }))
    .sort((a, b) => naturalCompare(a.id, b.id));
  const runs: Json[] = Object.values(res?.runs ?? {});
  const seeds = [...new Set(runs.map((r) => r?.seed).filter((s): s is number => typeof s === 'number'))].sort((a, b) => a - b);
  const root = path.dirname(path.resolve(figuresDir));
  const docsDir = options.docsDir ?? path.join(root, 'docs', 'papers');
  const doc = path.join(docsDir, `${paper}.md`);
  return {
    id: paper,
    profile: typeof res?.profile === 'string' ? res.profile : null,
    runs: runs.length,
    seeds,
    datasets: Object.keys(res?.datasets ?? {})
      .sort(naturalCompare)
      .map((k) => readDataset(res.datasets[k])),
    unavailable: Object.entries(res?.unavailable ?? {})
      .map(([k, v]) => [k, String(v)] as [string, string])
      .sort(([a], [b]) => naturalCompare(a, b)),
    artefacts,
    other: slot(undefined),
    notebook: findNotebook(options.notebooksDir ?? path.join(root, 'notebooks'), paper, figuresDir),
    doc: fs.existsSync(doc) ? posix(path.relative(figuresDir, doc)) : undefined,
    ...(problem ? { problem } : {}),
  };
}

/** Paper folders under figuresDir (sorted), each read. */
export function readPapers(figuresDir: string, options: ReadOptions = {}): PaperData[] {
  if (!fs.existsSync(figuresDir)) return [];
  return fs
    .readdirSync(figuresDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort(naturalCompare)
    .map((p) => readPaper(figuresDir, p, options));
}
