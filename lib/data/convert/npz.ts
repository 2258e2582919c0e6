/**
 * NumPy .npz archives (np.savez / np.savez_compressed): a zip of .npy
 * members. Read here without a zip dependency: the central directory gives
 * each member's method (stored or deflate), sizes and offset; CRC-32 is
 * checked. Errors name the archive and the member.
 */
import { readFileSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';
import type { parse } from 'npyjs';
import { parseNpyBytes } from '../loaders/npy';

export type NpyArray = ReturnType<typeof parse>;

/** member name without ".npy" → raw bytes */
export function readZipMembers(path: string): Map<string, Buffer> {
  let b: Buffer;
  try {
    b = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
  // End of central directory: the last "PK\5\6" within the final 64 KiB + 22 bytes
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--) if (b.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) throw new Error(`${path}: not an .npz (zip) archive: no end-of-central-directory record`);
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let k = 0; k < count; k++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== 0x02014b50) throw new Error(`${path}: corrupt central directory (entry ${k})`);
    const method = b.readUInt16LE(at + 10);
    const crc = b.readUInt32LE(at + 16);
    let csize = b.readUInt32LE(at + 20);
    let usize = b.readUInt32LE(at + 24);
    const nlen = b.readUInt16LE(at + 28), xlen = b.readUInt16LE(at + 30), clen = b.readUInt16LE(at + 32);
    let local = b.readUInt32LE(at + 42);
    const name = b.toString('utf8', at + 46, at + 46 + nlen);
    // zip64 extra field (id 1): 8-byte sizes / offset where the 4-byte fields say 0xFFFFFFFF
    for (let x = at + 46 + nlen; x + 4 <= at + 46 + nlen + xlen; ) {
      const id = b.readUInt16LE(x), len = b.readUInt16LE(x + 2);
      if (id === 1) {
        let p = x + 4;
        if (usize === 0xffffffff) { usize = Number(b.readBigUInt64LE(p)); p += 8; }
        if (csize === 0xffffffff) { csize = Number(b.readBigUInt64LE(p)); p += 8; }
        if (local === 0xffffffff) local = Number(b.readBigUInt64LE(p));
      }
      x += 4 + len;
    }
    at += 46 + nlen + xlen + clen;
    if (b.readUInt32LE(local) !== 0x04034b50) throw new Error(`${path}: member '${name}': bad local header`);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const raw = b.subarray(start, start + csize);
    if (raw.length !== csize) throw new Error(`${path}: member '${name}' is truncated`);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) data = inflateRawSync(raw);
    else throw new Error(`${path}: member '${name}' uses compression method ${method}; only stored (0) and deflate (8) are read`);
    if (data.length !== usize || crc32(data) !== crc) throw new Error(`${path}: member '${name}' fails its size / CRC-32 check (corrupt archive)`);
    out.set(name.replace(/\.npy$/, ''), data);
  }
  return out;
}

/** The arrays of an .npz by name, parsed (npyjs) with the .npy checks of lib/data/loaders/npy.ts. */
export function readNpz(path: string): Map<string, NpyArray> {
  const out = new Map<string, NpyArray>();
  for (const [name, bytes] of readZipMembers(path)) out.set(name, parseNpyBytes(bytes, `${path}:${name}.npy`));
  return out;
}

/** A float .npy, v1.0, little-endian float32, C order. */
export function npyFloat32(shape: number[], data: Float32Array): Buffer {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head.writeUInt16LE(header.length, 8);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}
