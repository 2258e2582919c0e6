/**
 * Small pieces the real-data loaders share: reading a text file, counting
 * skipped rows, turning per-row strings into event indices, and building the
 * Arquero meta table with the columns every loader promises
 * (`id`, `text`, `images`, `split`), and naming files in notes.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import * as aq from 'arquero';

/** Options every loader accepts. */
export interface BaseLoadOptions {
  /** data directory (else MMFND_DATA_DIR, else data/raw/); see lib/data/datadir.ts */
  dataDir?: string;
  /** no stderr lines (notes are still returned in `Dataset.notes`) */
  quiet?: boolean;
  /** throw on the first malformed row instead of skipping and counting it */
  strict?: boolean;
}

/** UTF-8 text of a file, BOM stripped; errors name the file. */
export function readText(path: string): string {
  let s: string;
  try {
    s = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** JSON object of a file; errors name the file. */
export function readJsonObject(path: string): Record<string, unknown> {
  const s = readText(path);
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch (e) {
    throw new Error(`${path}: invalid JSON (${(e as Error).message})`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${path}: expected a JSON object (id → value)`);
  return v as Record<string, unknown>;
}

/**
 * A file as notes name it: relative to the data directory (`weibo/tweets/
 * test_rumor.txt`), so notes, which reach results.json, are the same bytes
 * on every machine. A path outside the data directory keeps only its last
 * two segments, marked with `…/`.
 */
export function dataRel(root: string, path: string): string {
  const r = relative(root, path);
  if (r && !r.startsWith('..') && !isAbsolute(r)) return r.split(sep).join('/');
  return `…/${path.split(sep).filter(Boolean).slice(-2).join('/')}`;
}

/**
 * Counts malformed rows per file. Rows are skipped (not guessed at) so one
 * bad line never shifts labels; the note lists the first few line numbers so
 * a user can look at them. With `strict`, the first one throws instead.
 * Errors name the file by its full path; notes name it relative to `root`
 * (the data directory, see dataRel) when one is given.
 */
export class SkipLog {
  private byFile = new Map<string, { count: number; first: string[] }>();
  constructor(private strict = false, private root?: string, private show = 5) {}

  skip(file: string, line: number | string, reason: string): void {
    if (this.strict) throw new Error(`${file}:${line}: ${reason}`);
    const e = this.byFile.get(file) ?? { count: 0, first: [] };
    e.count++;
    if (e.first.length < this.show) e.first.push(`line ${line} (${reason})`);
    this.byFile.set(file, e);
  }

  total(): number {
    let n = 0;
    for (const e of this.byFile.values()) n += e.count;
    return n;
  }

  countFor(file: string): number {
    return this.byFile.get(file)?.count ?? 0;
  }

  notes(): string[] {
    const out: string[] = [];
    for (const [file, e] of this.byFile) {
      const more = e.count > e.first.length ? `, … ${e.count - e.first.length} more` : '';
      const name = this.root === undefined ? file : dataRel(this.root, file);
      out.push(`skipped ${e.count} malformed row(s) in ${name}: ${e.first.join('; ')}${more}`);
    }
    return out;
  }
}

/** Per-row group names → indices into a sorted list of the distinct names. */
export function indexEvents(names: readonly string[]): { events: Int32Array; eventNames: string[] } {
  const eventNames = [...new Set(names)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const at = new Map(eventNames.map((n, i) => [n, i]));
  return { events: Int32Array.from(names, (n) => at.get(n)!), eventNames };
}

/** 1 where the text has a non-space character. */
export function textPresent(texts: readonly string[]): Uint8Array {
  return Uint8Array.from(texts, (t) => (t.trim().length > 0 ? 1 : 0));
}

/** 1 where at least one image file was resolved. */
export function imagePresent(images: readonly string[][]): Uint8Array {
  return Uint8Array.from(images, (l) => (l.length > 0 ? 1 : 0));
}

export interface MetaBase {
  id: string[];
  text: string[];
  /** resolved absolute paths of image files that exist, per row */
  images: string[][];
  split: string[];
}

/**
 * The meta table: the four common columns first (`images` as a JSON array
 * string, so the table stays flat and serialisable), then loader extras.
 */
export function buildMeta(base: MetaBase, extra: Record<string, unknown[]> = {}): aq.ColumnTable {
  const n = base.id.length;
  for (const [k, col] of Object.entries({ ...base, ...extra })) {
    if (col.length !== n) throw new Error(`meta column '${k}' has ${col.length} rows, expected ${n}`);
  }
  return aq.table({
    id: base.id,
    text: base.text,
    images: base.images.map((l) => JSON.stringify(l)),
    split: base.split,
    ...extra,
  });
}

/** Check that ids are unique; errors name the first duplicate and its source. */
export function assertUniqueIds(ids: readonly string[], where: (i: number) => string): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const j = seen.get(id);
    if (j !== undefined) throw new Error(`duplicate id '${id}': ${where(j)} and ${where(i)}`);
    seen.set(id, i);
  });
}

/** One line on stderr unless quiet (a loader's single "heads up"). */
export function warnOnce(quiet: boolean | undefined, msg: string): void {
  if (!quiet) process.stderr.write(`${msg}\n`);
}
