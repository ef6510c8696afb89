// Each integration method on systems with known solutions: the error against the closed form
// shrinks at the method's order as dt halves, and the f32 run agrees with a float64
// implementation of the same scheme, written here, within f32 rounding.
import { describe, expect, it } from 'vitest';
import { simulator } from '../support/helpers.js';

const TAU = 10e-3;

/** Final (x, y) after `seconds`, x0 = 1, y0 = 0, for equations over x (and y) with the method. */
async function final(equations: string, method: string, dt: number, seconds: number): Promise<[number, number]> {
  const net = (await simulator('wasm')).network({ dt });
  const P = net.population(1, { equations, method: method as never, params: { tau: `${TAU} s` } }, { x: 1 });
  await net.run(seconds);
  const y = equations.includes('dy/dt') ? (await P.get('y'))[0]! : 0;
  return [(await P.get('x'))[0]!, y];
}

const DECAY = 'dx/dt = -x / tau : 1';
const OSCILLATOR = `dx/dt = y / tau : 1
                    dy/dt = -x / tau : 1`;

/** One step of each explicit scheme in float64 (Brian2's formulas), for f(x) given as a function. */
type F = (x: number[]) => number[];
const SCHEMES: Record<string, (f: F, x: number[], h: number) => number[]> = {
  euler: (f, x, h) => f(x).map((d, k) => x[k]! + h * d),
  rk2: (f, x, h) => {
    const k1 = f(x).map((d) => h * d);
    return f(x.map((v, k) => v + k1[k]! / 2)).map((d, k) => x[k]! + h * d);
  },
  rk4: (f, x, h) => {
    const k1 = f(x).map((d) => h * d);
    const k2 = f(x.map((v, k) => v + k1[k]! / 2)).map((d) => h * d);
    const k3 = f(x.map((v, k) => v + k2[k]! / 2)).map((d) => h * d);
    const k4 = f(x.map((v, k) => v + k3[k]!)).map((d) => h * d);
    return x.map((v, k) => v + (k1[k]! + 2 * k2[k]! + 2 * k3[k]! + k4[k]!) / 6);
  },
};

const cases = [
  { method: 'euler', order: 1, dts: [0.4e-3, 0.2e-3, 0.1e-3] },
  { method: 'rk2', order: 2, dts: [0.8e-3, 0.4e-3, 0.2e-3] },
  { method: 'rk4', order: 4, dts: [4e-3, 2e-3, 1e-3] },
];

describe.each([
  { system: 'exponential decay', equations: DECAY, exact: (t: number) => [Math.exp(-t / TAU), 0], f: ((x) => [-x[0]! / TAU]) as F },
  { system: 'harmonic oscillator', equations: OSCILLATOR, exact: (t: number) => [Math.cos(t / TAU), -Math.sin(t / TAU)], f: ((x) => [x[1]! / TAU, -x[0]! / TAU]) as F },
])('$system', ({ equations, exact, f }) => {
  const T = 0.04;
  it.each(cases)('$method: error shrinks as dt^$order; equals float64 $method within f32 rounding', async ({ method, order, dts }) => {
    const errors: number[] = [];
    for (const dt of dts) {
      const got = await final(equations, method, dt, T);
      const want = exact(T);
      errors.push(Math.hypot(got[0] - want[0]!, got[1] - want[1]!));
      let x = equations.includes('dy/dt') ? [1, 0] : [1];
      for (let s = 0; s < Math.round(T / dt); s++) x = SCHEMES[method]!(f, x, dt);
      expect(Math.abs(got[0] - x[0]!)).toBeLessThan(2e-6);
      if (x.length > 1) expect(Math.abs(got[1] - x[1]!)).toBeLessThan(2e-6);
    }
    for (let k = 1; k < errors.length; k++) {
      const ratio = errors[k - 1]! / errors[k]!;
      expect(Math.log2(ratio)).toBeGreaterThan(order - 0.3);
      expect(Math.log2(ratio)).toBeLessThan(order + 0.3);
    }
  });

  it('exact: the closed form within f32 rounding at any dt', async () => {
    for (const dt of [2e-3, 0.1e-3]) {
      const got = await final(equations, 'exact', dt, T);
      const want = exact(T);
      expect(Math.abs(got[0] - want[0]!)).toBeLessThan(2e-6 + 1e-7 * (T / dt));
      expect(Math.abs(got[1] - want[1]!)).toBeLessThan(2e-6 + 1e-7 * (T / dt));
    }
  });
});

describe('exponential_euler', () => {
  it('is exact for linear decay, and first order for a coupled system (each variable frozen in the others)', async () => {
    const got = await final(DECAY, 'exponential_euler', 1e-3, 0.04);
    expect(Math.abs(got[0] - Math.exp(-4))).toBeLessThan(1e-6);
    const errors: number[] = [];
    for (const dt of [0.4e-3, 0.2e-3, 0.1e-3]) {
      const got2 = await final(OSCILLATOR, 'exponential_euler', dt, 0.04);
      errors.push(Math.hypot(got2[0] - Math.cos(4), got2[1] + Math.sin(4)));
    }
    for (let k = 1; k < errors.length; k++) expect(Math.log2(errors[k - 1]! / errors[k]!)).toBeCloseTo(1, 0);
  });
});
