/**
 * data/manifest.json: every file each dataset should have, with its size and
 * SHA-256, and the check of a data directory against it.
 *
 * The manifest is generated from a known-good copy of the datasets
 * (`npm run data:check -- --data-dir <dir> --write-manifest`); image folders
 * are listed file by file so a half-copied folder shows up. Hashing streams
 * each file (constant memory, whatever the file size).
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoRoot } from './datadir';

export interface FileEntry {
  size: number;
  sha256: string;
}

export interface DatasetEntry {
  /** what it is and where it comes from (one line; docs/DATA.md has the rest) */
  description?: string;
  /** path relative to the dataset folder ('/'-separated) → expected size and hash */
  files: Record<string, FileEntry>;
}

export interface Manifest {
  version: 1;
  datasets: Record<string, DatasetEntry>;
}

export interface DatasetCheck {
  name: string;
  dir: string;
  expected: number;
  present: number;
  missing: string[];
  corrupted: { file: string; reason: string }[];
}

export function defaultManifestPath(): string {
  return join(repoRoot(), 'data', 'manifest.json');
}

export function loadManifest(path: string = defaultManifestPath()): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (e) {
    throw new Error(`cannot read manifest ${path}: ${(e as Error).message}`);
  }
  if (m.version !== 1 || !m.datasets || typeof m.datasets !== 'object') throw new Error(`${path}: not a version-1 data manifest`);
  return m;
}

/** SHA-256 of a file, hex, read as a stream. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => h.update(chunk))
      .on('error', (e) => reject(new Error(`cannot read ${path}: ${e.message}`)))
      .on('end', () => resolvePromise(h.digest('hex')));
  });
}

/**
 * Check one dataset folder. `hash: false` compares sizes only (fast); a size
 * mismatch is reported without hashing since it already proves corruption.
 */
export async function verifyDataset(dataDir: string, name: string, entry: DatasetEntry, opts: { hash?: boolean } = {}): Promise<DatasetCheck> {
  const dir = join(dataDir, name);
  const out: DatasetCheck = { name, dir, expected: 0, present: 0, missing: [], corrupted: [] };
  for (const [rel, want] of Object.entries(entry.files).sort(([a], [b]) => a.localeCompare(b))) {
    out.expected++;
    const p = join(dir, ...rel.split('/'));
    if (!existsSync(p) || !statSync(p).isFile()) {
      out.missing.push(rel);
      continue;
    }
    const size = statSync(p).size;
    if (size !== want.size) {
      out.corrupted.push({ file: rel, reason: `size ${size} bytes, expected ${want.size}` });
      continue;
    }
    if (opts.hash !== false) {
      const got = await sha256File(p);
      if (got !== want.sha256) {
        out.corrupted.push({ file: rel, reason: `sha256 ${got.slice(0, 12)}…, expected ${want.sha256.slice(0, 12)}…` });
        continue;
      }
    }
    out.present++;
  }
  return out;
}

export async function verifyAll(dataDir: string, manifest: Manifest, opts: { hash?: boolean; only?: string[] } = {}): Promise<DatasetCheck[]> {
  const out: DatasetCheck[] = [];
  for (const [name, entry] of Object.entries(manifest.datasets)) {
    if (opts.only && !opts.only.includes(name)) continue;
    out.push(await verifyDataset(dataDir, name, entry, opts));
  }
  return out;
}

/** Every file under `dir` (recursive, dotfiles skipped), '/'-separated, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      if (f.name.startsWith('.')) continue;
      const p = join(d, f.name);
      if (f.isDirectory()) walk(p);
      else if (f.isFile()) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Manifest entry of a dataset folder as it is now (used to (re)generate data/manifest.json). */
export async function buildDatasetEntry(dir: string, description?: string): Promise<DatasetEntry> {
  const files: Record<string, FileEntry> = {};
  for (const rel of listFiles(dir)) {
    const p = join(dir, ...rel.split('/'));
    files[rel] = { size: statSync(p).size, sha256: await sha256File(p) };
  }
  return description ? { description, files } : { files };
}
