/**
 * Cost matrices between two point sets given as row-major Float32/64 arrays
 * [n, d] and [m, d]: cosine cost 1 − cos(x, y) (for L2-normalised rows this
 * is ‖x − y‖² / 2, the squared Euclidean cost geomloss uses, halved) and
 * squared Euclidean distance.
 */
type Rows = Float32Array | Float64Array;

function check(X: Rows, n: number, Y: Rows, m: number, d: number, who: string): void {
  if (X.length !== n * d) throw new Error(`${who}: X has ${X.length} values, expected ${n} × ${d}`);
  if (Y.length !== m * d) throw new Error(`${who}: Y has ${Y.length} values, expected ${m} × ${d}`);
}

/** C_ij = 1 − x_i·y_j / (‖x_i‖ ‖y_j‖); a zero row has cost 1 to everything. */
export function cosineCost(X: Rows, n: number, Y: Rows, m: number, d: number): Float64Array {
  check(X, n, Y, m, d, 'cosineCost');
  const nx = rowNorms(X, n, d),
    ny = rowNorms(Y, m, d);
  const C = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += X[i * d + k] * Y[j * d + k];
      const den = nx[i] * ny[j];
      C[i * m + j] = den > 0 ? 1 - dot / den : 1;
    }
  }
  return C;
}

/** C_ij = ‖x_i − y_j‖². */
export function sqEuclideanCost(X: Rows, n: number, Y: Rows, m: number, d: number): Float64Array {
  check(X, n, Y, m, d, 'sqEuclideanCost');
  const C = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const z = X[i * d + k] - Y[j * d + k];
        s += z * z;
      }
      C[i * m + j] = s;
    }
  }
  return C;
}

export function rowNorms(X: Rows, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += X[i * d + k] ** 2;
    out[i] = Math.sqrt(s);
  }
  return out;
}
