/**
 * On-disk feature cache: one file per (dataset, view, extractor, inputs).
 *
 * File format (".fcache", little-endian), documented in docs/FEATURES.md:
 *   bytes 0..7    magic "MMFNDFC1"
 *   bytes 8..11   uint32 H = header length
 *   next H bytes  UTF-8 JSON header: { key, arrays: [{ name, length }],
 *                 payloadBytes, payloadSha256, meta }
 *   payload       the arrays' Float32 values, concatenated in header order
 * A file is accepted only if the magic, the key, the exact file length and
 * the payload's SHA-256 all match; anything else (truncated, corrupted, an
 * older key) is treated as a miss and rebuilt — never half-loaded.
 *
 * Writes are atomic: temp file in the same directory → write → fsync →
 * rename over the final name → fsync the directory. A crash mid-write leaves
 * at worst a stray `*.tmp-*` file, which readers never open.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { endianness } from 'node:os';
import { repoRoot } from '../data/datadir';
import path from 'node:path';

const MAGIC = Buffer.from('MMFNDFC1', 'ascii');

export interface CacheEntry {
  meta: Record<string, unknown>;
  arrays: Record<string, Float32Array>;
}

/** `data/cache/` at the repository root, or MMFND_CACHE_DIR. */
export function defaultCacheDir(): string {
  return process.env.MMFND_CACHE_DIR ?? path.join(repoRoot(), 'data', 'cache');
}

/** SHA-256 hex of a value's JSON (object keys sorted, so key order never changes the hash). */
export function cacheKey(parts: unknown): string {
  return sha256(
    JSON.stringify(parts, (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
        : v,
    ),
  );
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Entry of `file` if it is complete and was written for `key`; else undefined and the reason. */
export async function readCache(file: string, key: string): Promise<{ entry?: CacheEntry; reason?: string }> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    return { reason: 'missing' };
  }
  if (buf.length < 12 || !buf.subarray(0, 8).equals(MAGIC)) return { reason: 'bad magic / too short' };
  const h = buf.readUInt32LE(8);
  if (12 + h > buf.length) return { reason: 'truncated header' };
  let header: { key: string; arrays: { name: string; length: number }[]; payloadBytes: number; payloadSha256: string; meta: Record<string, unknown> };
  try {
    header = JSON.parse(buf.subarray(12, 12 + h).toString('utf8'));
  } catch {
    return { reason: 'unreadable header' };
  }
  if (header.key !== key) return { reason: 'stale key' };
  const want = header.arrays.reduce((s, a) => s + a.length * 4, 0);
  if (header.payloadBytes !== want || buf.length !== 12 + h + want) return { reason: `length ${buf.length}, expected ${12 + h + want}` };
  const payload = buf.subarray(12 + h);
  if (sha256(payload) !== header.payloadSha256) return { reason: 'payload checksum mismatch' };
  const arrays: Record<string, Float32Array> = {};
  let off = 0;
  for (const a of header.arrays) {
    // copy: the payload offset is not 4-byte aligned in general
    arrays[a.name] = new Float32Array(payload.buffer.slice(payload.byteOffset + off, payload.byteOffset + off + a.length * 4));
    off += a.length * 4;
  }
  return { entry: { meta: header.meta, arrays } };
}

export async function writeCacheAtomic(file: string, key: string, entry: CacheEntry): Promise<void> {
  if (endianness() !== 'LE') throw new Error('feature cache: big-endian hosts are not supported');
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const parts = Object.entries(entry.arrays).map(([name, a]) => ({ name, bytes: Buffer.from(a.buffer, a.byteOffset, a.byteLength) }));
  const payloadSha = createHash('sha256');
  for (const p of parts) payloadSha.update(p.bytes);
  const payloadBytes = parts.reduce((s, p) => s + p.bytes.length, 0);
  const header = Buffer.from(
    JSON.stringify({
      key,
      arrays: parts.map((p) => ({ name: p.name, length: p.bytes.length / 4 })),
      payloadBytes,
      payloadSha256: payloadSha.digest('hex'),
      meta: entry.meta,
    }),
    'utf8',
  );
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const fh = await open(tmp, 'w');
  try {
    for (const b of [MAGIC, len, header, ...parts.map((p) => p.bytes)]) await fh.write(b);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await fh.close();
  await rename(tmp, file);
  const dh = await open(dir, 'r');
  await dh.sync().catch(() => {}); // some filesystems refuse a directory fsync: the rename is still atomic
  await dh.close();
}

export interface Cached {
  entry: CacheEntry;
  hit: boolean;
  /** why an existing file was not used (absent on a hit or a plain miss) */
  rejected?: string;
}

/**
 * Load `file` if valid for `key`, else `compute()` and store it. Siblings with
 * the same `prefix` (older keys of the same view) are removed after a write.
 */
export async function cached(file: string, key: string, refresh: boolean, compute: () => Promise<CacheEntry>): Promise<Cached> {
  let rejected: string | undefined;
  if (!refresh) {
    const r = await readCache(file, key);
    if (r.entry) return { entry: r.entry, hit: true };
    if (r.reason !== 'missing') rejected = r.reason;
  }
  const entry = await compute();
  await writeCacheAtomic(file, key, entry);
  await removeStaleSiblings(file);
  return { entry, hit: false, rejected };
}

/** Files are named `<stem>.<key16>.fcache`; remove other keys of the same stem. */
async function removeStaleSiblings(file: string): Promise<void> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const stem = base.replace(/\.[0-9a-f]{16}\.fcache$/, '');
  for (const f of await readdir(dir).catch(() => [] as string[])) {
    if (f !== base && f.startsWith(`${stem}.`) && /^[0-9a-f]{16}\.fcache$/.test(f.slice(stem.length + 1))) await unlink(path.join(dir, f)).catch(() => {});
  }
}

export function cacheFile(cacheDir: string, dataset: string, stem: string, key: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return path.join(cacheDir, 'features', safe(dataset), `${safe(stem)}.${key.slice(0, 16)}.fcache`);
}
