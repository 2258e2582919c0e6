/**
 * Entropic optimal transport by Sinkhorn's algorithm in the log domain
 * (Peyré & Cuturi, "Computational Optimal Transport", §4.4), in plain JS
 * over Float64Arrays: the problems here are a few thousand points against a
 * few hundred, and no maintained npm OT library fits (searched: none ships
 * Sinkhorn with dual potentials), so this is the small tested solver.
 *
 *   min_P ⟨P, C⟩ + ε KL(P ‖ a ⊗ b)   s.t.  P 1 = a,  Pᵀ 1 = b
 *
 * Dual potentials (f, g), updated alternately (the log-domain iterations):
 *   f_i = −ε log Σ_j b_j exp((g_j − C_ij) / ε)
 *   g_j = −ε log Σ_i a_i exp((f_i − C_ij) / ε)
 * and the plan P_ij = a_i b_j exp((f_i + g_j − C_ij) / ε). Working with
 * log-sum-exp keeps small ε (sharp plans) finite where the kernel
 * exp(−C/ε) underflows. At convergence ⟨a, f⟩ + ⟨b, g⟩ is the entropic OT
 * value; the potentials are unique up to f + c, g − c. ε-scaling (anneal ε
 * from max C down, warm-starting the potentials, as geomloss does) makes
 * small ε converge in tens of sweeps instead of exp(max C / ε).
 */

export interface SinkhornOptions {
  /** entropic regularisation ε, in the units of the cost */
  epsilon?: number;
  maxIter?: number;
  /** stop when Σ_j |(Pᵀ1)_j − b_j| < tol (the row marginal is exact after each f-update) */
  tol?: number;
  /** ε-scaling factor per annealing stage (1 = none) */
  scaling?: number;
}

export const SINKHORN_DEFAULTS: Required<SinkhornOptions> = { epsilon: 0.05, maxIter: 2000, tol: 1e-6, scaling: 0.5 };

export interface SinkhornResult {
  /** [n] dual potential of the source side */
  f: Float64Array;
  /** [m] dual potential of the target side */
  g: Float64Array;
  /** transport cost ⟨P, C⟩ of the entropic plan */
  cost: number;
  /** the entropic OT value ⟨a, f⟩ + ⟨b, g⟩ */
  dual: number;
  iterations: number;
  converged: boolean;
  /** Σ_j |(Pᵀ1)_j − b_j| at the end */
  marginalError: number;
  n: number;
  m: number;
  epsilon: number;
}

const uniform = (n: number) => new Float64Array(n).fill(1 / n);

function checkWeights(w: Float64Array, len: number, name: string): void {
  if (w.length !== len) throw new Error(`sinkhorn: weights '${name}' have ${w.length} entries, expected ${len}`);
  let s = 0;
  for (const x of w) {
    if (!(x > 0) || !Number.isFinite(x)) throw new Error(`sinkhorn: weights '${name}' must be positive and finite, got ${x}`);
    s += x;
  }
  if (Math.abs(s - 1) > 1e-9) throw new Error(`sinkhorn: weights '${name}' must sum to 1, got ${s}`);
}

/**
 * Sinkhorn on a row-major cost matrix C [n, m]; `a` [n] and `b` [m] are
 * probability weights (uniform by default).
 */
export function sinkhorn(C: Float64Array, n: number, m: number, options: SinkhornOptions & { a?: Float64Array; b?: Float64Array } = {}): SinkhornResult {
  const { epsilon: eps, maxIter, tol, scaling } = { ...SINKHORN_DEFAULTS, ...options };
  if (!(scaling > 0 && scaling <= 1)) throw new Error(`sinkhorn: option 'scaling' must be in (0, 1], got ${scaling}`);
  if (!(n >= 1 && m >= 1) || C.length !== n * m) throw new Error(`sinkhorn: cost has ${C.length} entries, expected ${n} × ${m}`);
  if (!(eps > 0)) throw new Error(`sinkhorn: option 'epsilon' must be > 0, got ${eps}`);
  for (let k = 0; k < C.length; k++) if (!Number.isFinite(C[k])) throw new Error(`sinkhorn: cost entry (${Math.floor(k / m)}, ${k % m}) is ${C[k]}`);
  const a = options.a ?? uniform(n),
    b = options.b ?? uniform(m);
  checkWeights(a, n, 'a');
  checkWeights(b, m, 'b');
  const la = a.map(Math.log),
    lb = b.map(Math.log);
  const f = new Float64Array(n),
    g = new Float64Array(m);
  const col = new Float64Array(m);
  // ε-scaling (as geomloss): solve at a large ε first and anneal geometrically down to ε, warm-starting
  // the potentials; plain Sinkhorn at a small ε needs ~exp(max C / ε) iterations
  let cmax = 0;
  for (const c of C) cmax = Math.max(cmax, Math.abs(c));
  const stages: number[] = [];
  for (let e = cmax; scaling < 1 && e > eps; e *= scaling) stages.push(e);
  stages.push(eps);
  let it = 0,
    err = Infinity;
  for (const [s, e] of stages.entries()) {
    const last = s === stages.length - 1;
    // intermediate stages only warm-start: a few sweeps each
    const budget = last ? maxIter : Math.min(maxIter, 20);
    for (let k = 1; k <= budget; k++) {
      it++;
      updateG(C, f, g, la, n, m, e);
      updateF(C, f, g, lb, n, m, e);
      // the column marginal (the row marginal is exact after an f-update): every 10th sweep, as it costs one
      if (last && (k % 10 === 0 || k === budget)) {
        err = columnError(C, f, g, la, lb, b, n, m, e, col);
        if (err < tol) break;
      }
    }
  }
  let cost = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) cost += planEntry(C, f, g, la, lb, i, j, m, eps) * C[i * m + j];
  let dual = 0;
  for (let i = 0; i < n; i++) dual += a[i] * f[i];
  for (let j = 0; j < m; j++) dual += b[j] * g[j];
  return { f, g, cost, dual, iterations: it, converged: err < tol, marginalError: err, n, m, epsilon: eps };
}

/** f_i = −ε log Σ_j b_j exp((g_j − C_ij)/ε), by a row-wise log-sum-exp */
function updateF(C: Float64Array, f: Float64Array, g: Float64Array, lb: Float64Array, n: number, m: number, eps: number): void {
  for (let i = 0; i < n; i++) {
    let mx = -Infinity;
    const off = i * m;
    for (let j = 0; j < m; j++) mx = Math.max(mx, (g[j] - C[off + j]) / eps + lb[j]);
    let s = 0;
    for (let j = 0; j < m; j++) s += Math.exp((g[j] - C[off + j]) / eps + lb[j] - mx);
    f[i] = -eps * (mx + Math.log(s));
  }
}

/** g_j = −ε log Σ_i a_i exp((f_i − C_ij)/ε), by a column-wise log-sum-exp */
function updateG(C: Float64Array, f: Float64Array, g: Float64Array, la: Float64Array, n: number, m: number, eps: number): void {
  const mx = new Float64Array(m).fill(-Infinity),
    s = new Float64Array(m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) mx[j] = Math.max(mx[j], (f[i] - C[i * m + j]) / eps + la[i]);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) s[j] += Math.exp((f[i] - C[i * m + j]) / eps + la[i] - mx[j]);
  for (let j = 0; j < m; j++) g[j] = -eps * (mx[j] + Math.log(s[j]));
}

const planEntry = (C: Float64Array, f: Float64Array, g: Float64Array, la: Float64Array, lb: Float64Array, i: number, j: number, m: number, eps: number) =>
  Math.exp((f[i] + g[j] - C[i * m + j]) / eps + la[i] + lb[j]);

function columnError(
  C: Float64Array,
  f: Float64Array,
  g: Float64Array,
  la: Float64Array,
  lb: Float64Array,
  b: Float64Array,
  n: number,
  m: number,
  eps: number,
  col: Float64Array,
): number {
  col.fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) col[j] += planEntry(C, f, g, la, lb, i, j, m, eps);
  let e = 0;
  for (let j = 0; j < m; j++) e += Math.abs(col[j] - b[j]);
  return e;
}

/** The entropic plan P [n, m] of a result (row-major), for inspection and tests. */
export function transportPlan(C: Float64Array, r: SinkhornResult, a?: Float64Array, b?: Float64Array): Float64Array {
  const la = (a ?? uniform(r.n)).map(Math.log),
    lb = (b ?? uniform(r.m)).map(Math.log);
  const P = new Float64Array(r.n * r.m);
  for (let i = 0; i < r.n; i++) for (let j = 0; j < r.m; j++) P[i * r.m + j] = planEntry(C, r.f, r.g, la, lb, i, j, r.m, r.epsilon);
  return P;
}

/**
 * LAVA's calibrated gradient (Just et al., ICLR 2023, Eq. 7) of the OT value
 * with respect to the mass of source point i:
 *   g_i = f_i − (1 / (n − 1)) Σ_{j ≠ i} f_j
 * It removes the free constant of the potentials (f + c gives the same g),
 * and measures how the OT distance moves when mass shifts onto point i from
 * the others: the most negative points pull the source toward the target.
 * Note it is an increasing affine map of f_i (n/(n−1) f_i − Σf/(n−1)), so it
 * ranks points exactly as f does; it is kept as the paper's quantity.
 */
export function calibratedPotentials(f: Float64Array): Float64Array {
  const n = f.length;
  if (n < 2) throw new Error(`calibratedPotentials: need at least 2 points, got ${n}`);
  let sum = 0;
  for (const x of f) sum += x;
  return f.map((fi) => fi - (sum - fi) / (n - 1));
}
