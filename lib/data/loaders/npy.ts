/**
 * Read a 2-D NumPy `.npy` feature matrix into a Float32Array, checked (and a
 * 1-D integer vector of item ids, readNpyIds).
 *
 * Parsing is npyjs's (1.2): it reads NumPy v1/v2 headers and converts
 * float16 ('<f2') to float32 itself (IEEE half → single, exact), so no
 * local float16 code is needed. npyjs does not check that the payload
 * matches the header's shape, nor reject Fortran order or big-endian data, and
 * it reports errors without a file name: this wrapper adds those checks and
 * rejects NaN / ±Inf with the file, row and column (a NaN that slips in here
 * would only surface as a NaN loss many epochs later).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'npyjs';

export interface NpyMatrix {
  rows: number;
  cols: number;
  /** [rows, cols] row-major */
  data: Float32Array;
  /** NumPy dtype code, e.g. 'f4', 'f2' */
  dtype: string;
}

const FLOAT_CODES = new Set(['f2', 'f4', 'f8']);

export function readNpyMatrix(path: string, expect: { rows?: number; cols?: number } = {}): NpyMatrix {
  const arr = readNpy(path);
  if (!FLOAT_CODES.has(arr.dtype)) throw new Error(`${path}: dtype '${arr.dtype}', expected a float array (f2/f4/f8)`);
  if (arr.fortranOrder) throw new Error(`${path}: Fortran-ordered arrays are not supported; save with np.ascontiguousarray`);
  if (arr.shape.length !== 2) throw new Error(`${path}: shape (${arr.shape.join(', ')}), expected a 2-D matrix [rows, dim]`);
  const [rows, cols] = arr.shape;
  const src = arr.data as Float32Array | Float64Array;
  if (src.length !== rows * cols) {
    throw new Error(`${path}: header says shape (${rows}, ${cols}) = ${rows * cols} values but the file holds ${src.length} (truncated or padded file)`);
  }
  if (expect.rows !== undefined && rows !== expect.rows) throw new Error(`${path}: ${rows} rows, expected ${expect.rows}`);
  if (expect.cols !== undefined && cols !== expect.cols) throw new Error(`${path}: shape (${rows}, ${cols}), expected ${expect.cols} columns (feature dims)`);
  const data = src instanceof Float32Array ? src : Float32Array.from(src);
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      throw new Error(`${path}: non-finite value ${data[k]} at row ${Math.floor(k / cols)}, column ${k % cols}`);
    }
  }
  return { rows, cols, data, dtype: arr.dtype };
}

const INT_CODES = new Set(['i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8']);

/** A 1-D integer .npy (e.g. item ids) as numbers; errors name the file. */
export function readNpyIds(path: string): number[] {
  const arr = readNpy(path);
  if (!INT_CODES.has(arr.dtype)) throw new Error(`${path}: dtype '${arr.dtype}', expected an integer array`);
  if (arr.shape.length !== 1) throw new Error(`${path}: shape (${arr.shape.join(', ')}), expected a 1-D vector of ids`);
  const src = arr.data as unknown as ArrayLike<number | bigint>;
  if (src.length !== arr.shape[0]) throw new Error(`${path}: header says ${arr.shape[0]} values but the file holds ${src.length} (truncated or padded file)`);
  return Array.from(src, (v) => Number(v));
}

/** npyjs's parse of a file, with the checks it lacks; errors name the file. */
function readNpy(path: string): ReturnType<typeof parse> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
  return parseNpyBytes(bytes, path);
}

/** The same for .npy bytes from elsewhere (a member of an .npz); `path` names them in errors. */
export function parseNpyBytes(bytes: Buffer, path: string): ReturnType<typeof parse> {
  // npyjs wants a standalone ArrayBuffer; a Node Buffer may be a view into a pooled one.
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const header = headerText(path, bytes);
  if (/'descr'\s*:\s*'>/.test(header)) throw new Error(`${path}: big-endian .npy data is not supported (header ${header})`);
  try {
    return parse(buf);
  } catch (e) {
    // e.g. a truncated payload: "byte length of Float32Array should be a multiple of 4"
    throw new Error(`${path}: cannot parse .npy (${(e as Error).message}; header ${header})`);
  }
}

/** The header dict as text, for error messages; throws naming the file if it is not .npy. */
function headerText(path: string, b: Buffer): string {
  if (b.length < 10 || b.toString('latin1', 0, 6) !== '\x93NUMPY') throw new Error(`${path}: not a .npy file (bad magic bytes)`);
  const major = b[6];
  const off = major >= 2 ? 12 : 10;
  const len = major >= 2 ? b.readUInt32LE(8) : b.readUInt16LE(8);
  if (off + len > b.length) throw new Error(`${path}: truncated .npy header`);
  return b.toString('latin1', off, off + len).trim();
}
