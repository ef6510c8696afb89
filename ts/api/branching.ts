// The branching ratio m of a network's activity by multistep regression (Wilting & Priesemann
// 2018, Nat Commun 9:2325): for lags k = 1..kMax, r_k is the slope of the linear regression of
// A(t + k) on A(t), A the population's spike count per bin; under (sub)sampling r_k = b m^k with
// b unknown, so fitting that exponential gives m free of the sampling bias that the one-step
// slope r_1 carries. m < 1: activity dies out (subcritical); m > 1: it grows; m = 1: critical.
import { fail, shown } from '../errors.js';

export interface BranchingEstimate {
  /** The branching ratio per bin. */
  m: number;
  /** The fit's amplitude b (1 for the whole, unsampled process). */
  b: number;
  /** The regression slopes r_1 .. r_kMax. */
  slopes: number[];
}

/** Slope of the least-squares line of y on x. */
function slope(x: ArrayLike<number>, y: ArrayLike<number>, n: number, offset: number): number {
  let mx = 0;
  let my = 0;
  for (let t = 0; t < n; t++) {
    mx += x[t]!;
    my += y[t + offset]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    const dx = x[t]! - mx;
    sxy += dx * (y[t + offset]! - my);
    sxx += dx * dx;
  }
  return sxy / sxx;
}

/**
 * Estimates m from activity counts (spikes per bin, in time order) with lags up to kMax bins:
 * least squares of r_k = b m^k, searched over m in (0, 2) (golden section; for each m the best b
 * is in closed form). Uncorrelated activity gives b near 0 and m without meaning; slopes that
 * alternate in sign (an oscillation), or fit only at the range's top, are refused with E_NUMERIC.
 */
export function branchingRatio(counts: ArrayLike<number>, kMax = 40): BranchingEstimate {
  if (!(Number.isInteger(kMax) && kMax >= 2)) fail('E_PARAM', 'branchingRatio.kMax', `must be an integer >= 2 (got ${shown(kMax)})`);
  if (!(counts.length > 2 * kMax)) fail('E_PARAM', 'branchingRatio.counts', `needs more than 2 kMax = ${2 * kMax} counts (got ${counts.length})`);
  const slopes = Array.from({ length: kMax }, (_, j) => slope(counts, counts, counts.length - (j + 1), j + 1));
  if (slopes.some((r) => !Number.isFinite(r))) fail('E_PARAM', 'branchingRatio.counts', 'the activity does not vary, so no slope is defined');
  /** The least-squares amplitude for m, and the residual it leaves. */
  const fit = (m: number) => {
    let num = 0;
    let den = 0;
    let p = 1;
    for (let k = 1; k <= kMax; k++) {
      p *= m;
      num += slopes[k - 1]! * p;
      den += p * p;
    }
    const b = num / den;
    p = 1;
    let residual = 0;
    for (let k = 1; k <= kMax; k++) {
      p *= m;
      residual += (slopes[k - 1]! - b * p) ** 2;
    }
    return { b, residual };
  };
  let [lo, hi] = [1e-6, 2];
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = fit(x1).residual;
  let f2 = fit(x2).residual;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    if (f1 < f2) {
      [hi, x2, f2] = [x2, x1, f1];
      x1 = hi - g * (hi - lo);
      f1 = fit(x1).residual;
    } else {
      [lo, x1, f1] = [x1, x2, f2];
      x2 = lo + g * (hi - lo);
      f2 = fit(x2).residual;
    }
  }
  const m = (lo + hi) / 2;
  const b = fit(m).b;
  // Slopes that alternate in sign (an oscillation) or fit only at the top of the range follow no
  // branching process's b m^k with b > 0; uncorrelated activity (b near 0) passes, its m meaningless.
  if (m > 1.999 || (b < 0 && Math.abs(slopes[0]!) > 0.1)) {
    fail('E_NUMERIC', 'branchingRatio.counts', `the regression slopes do not decay as b m^k with b > 0 (r_1..r_4 = ${slopes.slice(0, 4).map((r) => r.toFixed(3)).join(', ')}): the activity may oscillate, which multistep regression cannot read`);
  }
  return { m, b, slopes };
}
