/**
 * Compressed sparse row matrices and the two sparse × dense products the
 * randomized SVD needs (X·M and Xᵀ·M). Written once here because neither
 * tfjs nor ml-matrix has sparse matrices; the dense work (QR, eigen) is
 * left to those libraries.
 */
import type { SparseVec } from './sparse';

export interface Csr {
  nRows: number;
  nCols: number;
  /** [nRows + 1] start of each row in idx / val */
  ptr: Int32Array;
  /** [nnz] column of each non-zero */
  idx: Int32Array;
  /** [nnz] */
  val: Float32Array;
}

/** CSR from sparse rows; `colOf` maps a row's index to a column (−1 drops it). */
export function csrFromRows(rows: readonly SparseVec[], nCols: number, colOf?: Int32Array): Csr {
  const ptr = new Int32Array(rows.length + 1);
  let nnz = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!colOf) nnz += r.idx.length;
    else for (let k = 0; k < r.idx.length; k++) if (colOf[r.idx[k]] >= 0) nnz++;
    ptr[i + 1] = nnz;
  }
  const idx = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  let p = 0;
  for (const r of rows) {
    for (let k = 0; k < r.idx.length; k++) {
      const c = colOf ? colOf[r.idx[k]] : r.idx[k];
      if (c < 0) continue;
      if (c >= nCols) throw new Error(`csrFromRows: column ${c} outside [0, ${nCols})`);
      idx[p] = c;
      val[p++] = r.val[k];
    }
  }
  return { nRows: rows.length, nCols, ptr, idx, val };
}

/** Rows scaled to unit L2 norm in place (an empty row stays empty). */
export function csrNormaliseRows(x: Csr): Csr {
  for (let i = 0; i < x.nRows; i++) {
    let s = 0;
    for (let p = x.ptr[i]; p < x.ptr[i + 1]; p++) s += x.val[p] * x.val[p];
    if (s > 0) {
      const inv = 1 / Math.sqrt(s);
      for (let p = x.ptr[i]; p < x.ptr[i + 1]; p++) x.val[p] *= inv;
    }
  }
  return x;
}

/** X [n, d] · M [d, l] → [n, l], all row-major. */
export function csrMul(x: Csr, m: Float32Array, l: number, out: Float32Array = new Float32Array(x.nRows * l)): Float32Array {
  if (m.length !== x.nCols * l) throw new Error(`csrMul: M has ${m.length} values, expected ${x.nCols} × ${l}`);
  out.fill(0);
  for (let i = 0; i < x.nRows; i++) {
    const o = i * l;
    for (let p = x.ptr[i]; p < x.ptr[i + 1]; p++) {
      const v = x.val[p];
      const r = x.idx[p] * l;
      for (let j = 0; j < l; j++) out[o + j] += v * m[r + j];
    }
  }
  return out;
}

/** Xᵀ [d, n] · Q [n, l] → [d, l], without forming Xᵀ. */
export function csrTMul(x: Csr, q: Float32Array, l: number, out: Float32Array = new Float32Array(x.nCols * l)): Float32Array {
  if (q.length !== x.nRows * l) throw new Error(`csrTMul: Q has ${q.length} values, expected ${x.nRows} × ${l}`);
  out.fill(0);
  for (let i = 0; i < x.nRows; i++) {
    const r = i * l;
    for (let p = x.ptr[i]; p < x.ptr[i + 1]; p++) {
      const v = x.val[p];
      const o = x.idx[p] * l;
      for (let j = 0; j < l; j++) out[o + j] += v * q[r + j];
    }
  }
  return out;
}
