// Ridge regression in float64, for trained linear readouts (ts/api/readout.ts): features and
// targets are centred, so the intercept is the mean and is not shrunk (as scikit-learn's Ridge
// does), and the weights solve (Xc^T Xc + lambda I) W = Xc^T Yc by Cholesky factorisation.
import { fail } from '../errors.js';

export interface RidgeFit {
  /** weights[k * outputs + o]: feature k's weight for output o. */
  weights: Float64Array;
  /** One intercept per output. */
  intercepts: Float64Array;
  features: number;
  outputs: number;
}

/** Fits `targets` (rows x outputs) from `rows` (rows x features), row-major, with penalty lambda > 0. */
export function fitRidge(rows: Float64Array, targets: Float64Array, count: number, lambda: number): RidgeFit {
  const features = rows.length / count;
  const outputs = targets.length / count;
  const meanX = columnMeans(rows, count, features);
  const meanY = columnMeans(targets, count, outputs);
  // A = Xc^T Xc + lambda I and B = Xc^T Yc, accumulated row by row.
  const A = new Float64Array(features * features);
  const B = new Float64Array(features * outputs);
  const x = new Float64Array(features);
  for (let r = 0; r < count; r++) {
    for (let k = 0; k < features; k++) x[k] = rows[r * features + k]! - meanX[k]!;
    for (let i = 0; i < features; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      for (let j = 0; j <= i; j++) A[i * features + j]! += xi * x[j]!;
      for (let o = 0; o < outputs; o++) B[i * outputs + o]! += xi * (targets[r * outputs + o]! - meanY[o]!);
    }
  }
  for (let i = 0; i < features; i++) A[i * features + i]! += lambda;
  const weights = choleskySolve(A, B, features, outputs);
  const intercepts = Float64Array.from(meanY, (m, o) => m - meanX.reduce((s, mx, k) => s + mx * weights[k * outputs + o]!, 0));
  return { weights, intercepts, features, outputs };
}

/** The fit's outputs for one feature vector. */
export function applyRidge(fit: RidgeFit, x: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(fit.intercepts);
  for (let k = 0; k < fit.features; k++) {
    const xk = x[k]!;
    if (xk === 0) continue;
    for (let o = 0; o < fit.outputs; o++) out[o]! += xk * fit.weights[k * fit.outputs + o]!;
  }
  return out;
}

function columnMeans(m: Float64Array, count: number, columns: number): Float64Array {
  const mean = new Float64Array(columns);
  for (let r = 0; r < count; r++) for (let k = 0; k < columns; k++) mean[k]! += m[r * columns + k]!;
  return mean.map((s) => s / count);
}

/** Solves A X = B for symmetric positive definite A (its lower triangle used), n x n, B n x m. */
function choleskySolve(A: Float64Array, B: Float64Array, n: number, m: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      if (i === j && !(s > 0)) fail('E_NUMERIC', 'readout.train.lambda', `the features are (nearly) collinear for this penalty (pivot ${s} at feature ${i}): raise lambda`);
      L[i * n + j] = i === j ? Math.sqrt(s) : s / L[j * n + j]!;
    }
  }
  const X = Float64Array.from(B);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < n; i++) {
      let s = X[i * m + c]!;
      for (let k = 0; k < i; k++) s -= L[i * n + k]! * X[k * m + c]!;
      X[i * m + c] = s / L[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = X[i * m + c]!;
      for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * X[k * m + c]!;
      X[i * m + c] = s / L[i * n + i]!;
    }
  }
  return X;
}
