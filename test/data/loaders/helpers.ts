/**
 * Test helpers for the real-data loaders: where the shared datasets are
 * (MMFND_DATA_DIR when set, else ../shared/datasets relative to the repo
 * root — a git worktree sits one level deeper than a clone, so the variable
 * is how its tests reach the data; tests skip with a printed reason when it
 * is absent) and writers for small crafted bad-input files in
 * a temp dir (no data is ever copied from the shared folder).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DATA_DIR_ENV, repoRoot } from '../../../lib/data/datadir';

export const SHARED = process.env[DATA_DIR_ENV]?.trim() ? resolve(process.env[DATA_DIR_ENV]!.trim()) : resolve(repoRoot(), '..', 'shared', 'datasets');

/** true when the shared copy of `name` exists; otherwise prints why its tests skip. */
export function haveShared(name: string): boolean {
  const ok = existsSync(join(SHARED, name));
  if (!ok) console.log(`skipping ${name} tests on real data: ${join(SHARED, name)} not found (see docs/DATA.md)`);
  return ok;
}

export function tempDir(prefix = 'mmfnd-data-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write `text` to root/rel, creating folders. */
export function put(root: string, rel: string, text: string | Uint8Array): string {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

/**
 * A NumPy v1 .npy file. `descr` '<f4' takes float values; '<f2' takes raw
 * IEEE half bit patterns (Uint16Array). `truncate` drops bytes off the end.
 */
export function npyBytes(shape: number[], data: Float32Array | Uint16Array, descr = '<f4', truncate = 0): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const all = Buffer.concat([head, Buffer.from(header, 'latin1'), body]);
  return all.subarray(0, all.length - truncate);
}

/** Deterministic finite values. */
export function ramp(n: number, scale = 0.01): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => ((i % 97) - 48) * scale);
}
