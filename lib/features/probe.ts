/**
 * Linear probe: L2-regularised logistic regression, as scikit-learn's
 * LogisticRegression(solver='lbfgs') minimises it, so probe numbers can be
 * checked against it:
 *
 *   min_{w,b}  C · Σ_i [softplus(z_i) − t_i z_i] + ½‖w‖²,   z = X w + b,  t ∈ {0, 1}
 *
 * solved by L-BFGS (memory 10, Armijo backtracking) from w = 0, so a fit is
 * deterministic. The penalty strength C is picked on a validation set that
 * the caller carves from the training data (never the test set), then the
 * probe is refitted on the fit rows. A design is dense (a feature view) or
 * sparse (the full TF-IDF reference); dense designs are standardised with
 * the fit rows' mean / std, so one C grid serves L2-normalised text views
 * and unnormalised CNN activations alike.
 */
import type { Csr } from './csr';

/** X of the probe: z = X w (mul) and g = Xᵀ r (tmul) over its n rows. */
export interface Design {
  n: number;
  d: number;
  mul(w: Float64Array, z: Float64Array): void;
  tmul(r: Float64Array, g: Float64Array): void;
}

/** Rows `rows` of a dense [N, d] view, standardised by (mean, std). */
export function denseDesign(data: Float32Array, d: number, rows: ArrayLike<number>, scale: { mean: Float64Array; std: Float64Array }): Design {
  const n = rows.length;
  const x = new Float32Array(n * d); // [n, d]
  for (let i = 0; i < n; i++) {
    const src = rows[i] * d;
    for (let j = 0; j < d; j++) x[i * d + j] = (data[src + j] - scale.mean[j]) / scale.std[j];
  }
  return {
    n,
    d,
    mul(w, z) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0, o = i * d; j < d; j++) s += x[o + j] * w[j];
        z[i] = s;
      }
    },
    tmul(r, g) {
      g.fill(0);
      for (let i = 0; i < n; i++) {
        const ri = r[i];
        if (ri === 0) continue;
        for (let j = 0, o = i * d; j < d; j++) g[j] += ri * x[o + j];
      }
    },
  };
}

/** Column mean and std (std 0 → 1) of `rows` of a dense [N, d] view. */
export function columnScale(data: Float32Array, d: number, rows: ArrayLike<number>): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(d),
    sq = new Float64Array(d);
  for (let i = 0; i < rows.length; i++) for (let j = 0, o = rows[i] * d; j < d; j++) mean[j] += data[o + j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(rows.length, 1);
  for (let i = 0; i < rows.length; i++) for (let j = 0, o = rows[i] * d; j < d; j++) sq[j] += (data[o + j] - mean[j]) ** 2;
  const std = sq.map((s) => Math.sqrt(s / Math.max(rows.length, 1)) || 1);
  return { mean, std };
}

/** Rows `rows` of a CSR matrix (used as they are: TF-IDF rows are already L2-normalised). */
export function csrDesign(x: Csr, rows: ArrayLike<number>): Design {
  const n = rows.length;
  return {
    n,
    d: x.nCols,
    mul(w, z) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let p = x.ptr[rows[i]], e = x.ptr[rows[i] + 1]; p < e; p++) s += x.val[p] * w[x.idx[p]];
        z[i] = s;
      }
    },
    tmul(r, g) {
      g.fill(0);
      for (let i = 0; i < n; i++) for (let p = x.ptr[rows[i]], e = x.ptr[rows[i] + 1]; p < e; p++) g[x.idx[p]] += r[i] * x.val[p];
    },
  };
}

export interface Logistic {
  /** [d] weights, then the bias */
  w: Float64Array;
  b: number;
  iterations: number;
}

export const PROBE_FIT = { maxIter: 500, gtol: 1e-4, memory: 10 };

const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Fit on the design's rows; `t[i]` ∈ {0, 1} is the label of design row i. `init`: warm start. */
export function fitLogistic(x: Design, t: ArrayLike<number>, C: number, init?: Logistic): Logistic {
  const { n, d } = x;
  const D = d + 1; // parameters: w, then b
  const z = new Float64Array(n),
    r = new Float64Array(n),
    gw = new Float64Array(d);
  const evaluate = (p: Float64Array, g: Float64Array): number => {
    x.mul(p, z);
    const b = p[d];
    let f = 0,
      gb = 0;
    for (let i = 0; i < n; i++) {
      const zi = z[i] + b;
      f += softplus(zi) - t[i] * zi;
      r[i] = C * (sigmoid(zi) - t[i]);
      gb += r[i];
    }
    x.tmul(r, gw);
    let reg = 0;
    for (let j = 0; j < d; j++) {
      reg += p[j] * p[j];
      g[j] = gw[j] + p[j];
    }
    g[d] = gb;
    return C * f + 0.5 * reg;
  };
  const p = new Float64Array(D);
  if (init) {
    p.set(init.w);
    p[d] = init.b;
  }
  const g = new Float64Array(D);
  let f = evaluate(p, g);
  const S: Float64Array[] = [],
    Y: Float64Array[] = [],
    rho: number[] = [];
  const dir = new Float64Array(D),
    pNew = new Float64Array(D),
    gNew = new Float64Array(D),
    alpha = new Float64Array(PROBE_FIT.memory);
  let it = 0;
  for (; it < PROBE_FIT.maxIter; it++) {
    let gmax = 0;
    for (let j = 0; j < D; j++) gmax = Math.max(gmax, Math.abs(g[j]));
    if (gmax <= PROBE_FIT.gtol) break;
    // two-loop recursion: dir = −H g
    dir.set(g);
    for (let m = S.length - 1; m >= 0; m--) {
      alpha[m] = rho[m] * dot(S[m], dir);
      axpy(-alpha[m], Y[m], dir);
    }
    const gamma = S.length ? dot(S[S.length - 1], Y[Y.length - 1]) / dot(Y[Y.length - 1], Y[Y.length - 1]) : 1 / Math.max(gmax, 1);
    for (let j = 0; j < D; j++) dir[j] *= gamma;
    for (let m = 0; m < S.length; m++) axpy(alpha[m] - rho[m] * dot(Y[m], dir), S[m], dir);
    for (let j = 0; j < D; j++) dir[j] = -dir[j];
    let slope = dot(g, dir);
    if (slope >= 0) {
      // not a descent direction (curvature noise): restart from steepest descent
      S.length = Y.length = rho.length = 0;
      for (let j = 0; j < D; j++) dir[j] = -g[j] / Math.max(gmax, 1);
      slope = dot(g, dir);
    }
    let step = 1,
      fNew = 0,
      ok = false;
    for (let ls = 0; ls < 40; ls++, step *= 0.5) {
      for (let j = 0; j < D; j++) pNew[j] = p[j] + step * dir[j];
      fNew = evaluate(pNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) {
        ok = true;
        break;
      }
    }
    if (!ok) break; // no decrease possible at float precision: converged as far as it goes
    const s = new Float64Array(D),
      y = new Float64Array(D);
    for (let j = 0; j < D; j++) {
      s[j] = pNew[j] - p[j];
      y[j] = gNew[j] - g[j];
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (S.length === PROBE_FIT.memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const rel = (f - fNew) / Math.max(Math.abs(f), 1);
    p.set(pNew);
    g.set(gNew);
    f = fNew;
    if (rel < 1e-12) break;
  }
  return { w: p.slice(0, d), b: p[d], iterations: it };
}

/** Predicted labels (1 = fake when the logit is > 0) of the design's rows. */
export function predictLogistic(x: Design, m: Logistic): Uint8Array {
  const z = new Float64Array(x.n);
  x.mul(m.w, z);
  return Uint8Array.from(z, (v) => (v + m.b > 0 ? 1 : 0));
}

/** Accuracy and macro-F1 (mean of the fake and real F1; a class never predicted nor present scores 0). */
export function scores(pred: ArrayLike<number>, t: ArrayLike<number>): { acc: number; macroF1: number } {
  const c = [
    [0, 0],
    [0, 0],
  ]; // c[truth][pred]
  for (let i = 0; i < t.length; i++) c[t[i]][pred[i]]++;
  const f1 = (k: number) => {
    const tp = c[k][k],
      fp = c[1 - k][k],
      fn = c[k][1 - k];
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  };
  return { acc: t.length ? (c[0][0] + c[1][1]) / t.length : 0, macroF1: (f1(0) + f1(1)) / 2 };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < y.length; j++) y[j] += a * x[j];
}
