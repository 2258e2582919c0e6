/** A sparse vector: sorted, unique indices with their values. */
export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

/** Sparse vector from a Map index → value (sorted, so the result is deterministic). */
export function fromMap(m: Map<number, number>): SparseVec {
  const idx = Int32Array.from(m.keys()).sort();
  const val = new Float32Array(idx.length);
  for (let i = 0; i < idx.length; i++) val[i] = m.get(idx[i])!;
  return { idx, val };
}

/** In-place L2 normalisation of a dense row; an all-zero row stays zero (never NaN). */
export function l2normalise(row: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < row.length; i++) s += row[i] * row[i];
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < row.length; i++) row[i] *= inv;
  }
  return row;
}
