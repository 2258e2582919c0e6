/**
 * A dataset's identity for caches: a fingerprint of the folders its loader reads, so that two data
 * directories holding different content under the same dataset folder name (VERITE and a VERITE-schema
 * set such as FIGMENTS, a re-downloaded Twitter corpus) never share a cached run.
 *
 * What goes in: every file under the folders (recursively, sorted by path relative to the data
 * directory) with its size, and the SHA-256 of the content of every file that is not an image. Images
 * count by path and size only — hashing gigabytes of pictures would cost more than the runs they key;
 * a replaced image of the same size is the one change it does not see (the feature cache, keyed by image
 * content, still rebuilds that image's views). Modification times are not read: copying a data directory
 * elsewhere keeps its fingerprint. Absent folders count as absent (the loader reports them).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

const IMAGE = /\.(jpe?g|png|gif|webp|bmp|tiff?)$/i;

/** process-wide memo: a reproduce probes each dataset once, a worker process loads each one once */
const memo = new Map<string, string>();

/**
 * 16 hex digits over the listing of `folders` (names relative to `dataDir`, or absolute paths) — see above.
 */
export function dataFingerprint(dataDir: string, folders: readonly string[]): string {
  const root = resolve(dataDir);
  const dirs = [...new Set(folders.map((f) => (isAbsolute(f) ? resolve(f) : join(root, f))))].sort();
  const key = `${root}\0${dirs.join('\0')}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const h = createHash('sha256');
  for (const dir of dirs) {
    const name = relative(root, dir).replace(/\\/g, '/');
    if (!existsSync(dir)) {
      h.update(`absent ${name}\n`);
      continue;
    }
    for (const file of listFiles(dir)) {
      const rel = relative(root, file).replace(/\\/g, '/');
      const size = statSync(file).size;
      const content = IMAGE.test(file) ? '-' : createHash('sha256').update(readFileSync(file)).digest('hex');
      h.update(`${rel}\t${size}\t${content}\n`);
    }
  }
  const fp = h.digest('hex').slice(0, 16);
  memo.set(key, fp);
  return fp;
}

/** every regular file under dir (following no links out of it), sorted by path */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() || (e.isSymbolicLink() && statSync(p).isFile())) out.push(p);
    }
  };
  if (statSync(dir).isDirectory()) walk(dir);
  else out.push(dir);
  return out;
}
