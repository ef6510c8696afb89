// Integration methods: each turns the derivatives of a model's state variables into one step's
// update, as trees over the old state (Brian2's state updaters, the same formulas):
//   euler              x + dt f(x, t)
//   rk2                x + dt f(x + dt f(x, t) / 2, t + dt/2)
//   rk4                x + (k1 + 2 k2 + 2 k3 + k4) / 6
//   exponential_euler  x' = A x + B (A, B free of x): -B/A + (x + B/A) exp(A dt)
//   exact              a linear system with constant coefficients, x' = M x + b:
//                      x(t + dt) = e^{M dt} x + (int_0^dt e^{M s} ds) b, both matrices in f64
// Variables marked (unless refractory) keep their value while the neuron is held.
import { detExp } from '../model/random/detmath.js';
import * as n from './nodes.js';
import type { Node } from './nodes.js';

export const METHODS = ['exact', 'exponential_euler', 'euler', 'rk2', 'rk4'] as const;
export type Method = (typeof METHODS)[number];

/** One step: temporaries computed in order, then each state variable's new value. */
export interface StepProgram {
  temps: Node[];
  next: Node[];
}

export interface Derivatives {
  /** f_k: the right-hand side of dx_k/dt over the state (state nodes) and anything else. */
  f: Node[];
  /** Which variables are held while refractory (checkEquations requires a refractory period or condition for these). */
  clamped: boolean[];
  dt: number;
}

/** Why a method cannot integrate these equations: the variable and the reason. */
export class MethodRefusal {
  constructor(readonly variable: number, readonly reason: string) {}
}

const FREE: Node = { op: 'free' };

export function integrate(method: Method, d: Derivatives): StepProgram | MethodRefusal {
  switch (method) {
    case 'euler': return explicit(d, 1);
    case 'rk2': return explicit(d, 2);
    case 'rk4': return explicit(d, 4);
    case 'exponential_euler': return exponentialEuler(d);
    case 'exact': return exact(d);
  }
}

/** Holds a clamped variable: its old value in held neurons. */
function held(d: Derivatives, k: number, value: Node): Node {
  return d.clamped[k] ? { op: 'select', c: FREE, a: value, b: { op: 'state', index: k } } : value;
}

/**
 * dt f: a constant factor or divisor of f takes dt into it (dt (X / C) = X (dt / C), folded),
 * so forward Euler of a hand-written kernel's form gives that kernel's operations.
 */
function timesDt(f: Node, dt: number): Node {
  if (f.op === 'div' && f.b.op === 'const') return n.mul(f.a, n.constant(dt / f.b.value));
  if (f.op === 'mul' && f.b.op === 'const') return n.mul(f.a, n.constant(dt * f.b.value));
  if (f.op === 'mul' && f.a.op === 'const') return n.mul(f.b, n.constant(dt * f.a.value));
  return n.mul(n.constant(dt), f);
}

/** The runge-kutta family; clamped variables have derivative 0 in held neurons at every stage. */
function explicit(d: Derivatives, stages: 1 | 2 | 4): StepProgram {
  const temps: Node[] = [];
  const temp = (node: Node): Node => {
    if (node.op === 'const' || node.op === 'state') return node;
    temps.push(node);
    return { op: 'temp', index: temps.length - 1 };
  };
  /** dt * f(x), at state `x` (nodes per variable) and time t + shift. */
  const slope = (x: Node[], shift: number): Node[] => d.f.map((f, k) => {
    const clamped: Node = d.clamped[k] ? { op: 'select', c: FREE, a: f, b: n.ZERO } : f;
    return temp(timesDt(n.substitute(clamped, (m) => (m.op === 'state' ? x[m.index] : m.op === 't' && shift !== 0 ? n.add(m, n.constant(shift)) : undefined)), d.dt));
  });
  const x: Node[] = d.f.map((_, k) => ({ op: 'state', index: k }));
  const along = (k: Node[], scale: number) => x.map((xi, j) => temp(n.add(xi, scale === 1 ? k[j]! : n.div(k[j]!, n.constant(1 / scale)))));
  const k1 = slope(x, 0);
  if (stages === 1) return { temps, next: x.map((xi, k) => n.add(xi, k1[k]!)) };
  if (stages === 2) {
    const k2 = slope(along(k1, 0.5), d.dt / 2);
    return { temps, next: x.map((xi, k) => n.add(xi, k2[k]!)) };
  }
  const k2 = slope(along(k1, 0.5), d.dt / 2);
  const k3 = slope(along(k2, 0.5), d.dt / 2);
  const k4 = slope(along(k3, 1), d.dt);
  const two = n.constant(2);
  return {
    temps,
    next: x.map((xi, k) => n.add(xi, n.div(n.add(n.add(n.add(k1[k]!, n.mul(two, k2[k]!)), n.mul(two, k3[k]!)), k4[k]!), n.constant(6)))),
  };
}

/** f as sum_k coef_k x_k + rest over the variables `over`; null when f is not linear in them. */
export function linearIn(f: Node, over: (k: number) => boolean): { coef: Map<number, Node>; rest: Node } | null {
  const free = (node: Node) => !n.mentions(node, (m) => m.op === 'state' && over(m.index));
  if (free(f)) return { coef: new Map(), rest: f };
  const combine = (a: { coef: Map<number, Node>; rest: Node }, b: { coef: Map<number, Node>; rest: Node }, op: 'add' | 'sub') => {
    const coef = new Map(a.coef);
    for (const [k, c] of b.coef) coef.set(k, n.arith(op, coef.get(k) ?? n.ZERO, c));
    return { coef, rest: n.arith(op, a.rest, b.rest) };
  };
  const scale = (a: { coef: Map<number, Node>; rest: Node }, by: (c: Node) => Node) =>
    ({ coef: new Map([...a.coef].map(([k, c]) => [k, by(c)])), rest: by(a.rest) });
  switch (f.op) {
    case 'state': return { coef: new Map([[f.index, n.ONE]]), rest: n.ZERO };
    case 'neg': {
      const a = linearIn(f.a, over);
      return a && scale(a, n.neg);
    }
    case 'add': case 'sub': {
      const a = linearIn(f.a, over);
      const b = linearIn(f.b, over);
      return a && b && combine(a, b, f.op);
    }
    case 'mul': {
      if (free(f.a)) {
        const b = linearIn(f.b, over);
        return b && scale(b, (c) => n.mul(f.a, c));
      }
      if (free(f.b)) {
        const a = linearIn(f.a, over);
        return a && scale(a, (c) => n.mul(c, f.b));
      }
      return null;
    }
    case 'div': {
      if (!free(f.b)) return null;
      const a = linearIn(f.a, over);
      return a && scale(a, (c) => n.div(c, f.b));
    }
    default: return null;
  }
}

function exponentialEuler(d: Derivatives): StepProgram | MethodRefusal {
  const temps: Node[] = [];
  const next: Node[] = [];
  for (let k = 0; k < d.f.length; k++) {
    const x: Node = { op: 'state', index: k };
    const split = linearIn(d.f[k]!, (j) => j === k);
    if (!split) return new MethodRefusal(k, 'exponential_euler needs each equation linear in its own variable');
    const a = split.coef.get(k) ?? n.ZERO;
    if (n.mentions(a, (m) => m.op === 'rand' || m.op === 'randn')) return new MethodRefusal(k, 'a random coefficient cannot be integrated by exponential_euler');
    let value: Node;
    if (n.isZero(a)) value = n.add(x, timesDt(split.rest, d.dt)); // an Euler step
    else {
      temps.push(n.div(split.rest, a));
      const ba: Node = { op: 'temp', index: temps.length - 1 };
      value = n.add(n.neg(ba), n.mul(n.add(ba, x), n.fn('exp', n.mul(a, n.constant(d.dt)))));
    }
    next.push(held(d, k, value));
  }
  return { temps, next };
}

function exact(d: Derivatives): StepProgram | MethodRefusal {
  const size = d.f.length;
  const m: number[][] = [];
  const b: Node[] = [];
  for (let k = 0; k < size; k++) {
    const split = linearIn(d.f[k]!, () => true);
    if (!split) return new MethodRefusal(k, "'exact' needs a linear system (use exponential_euler, rk4, rk2 or euler)");
    const row: number[] = [];
    for (let j = 0; j < size; j++) {
      const c = split.coef.get(j) ?? n.ZERO;
      if (c.op !== 'const') return new MethodRefusal(k, "'exact' needs constant coefficients: a coefficient depends on per-neuron parameters, time or another variable");
      row.push(c.value);
    }
    if (n.mentions(split.rest, (x) => ['t', 'lastspike', 'rand', 'randn', 'free'].includes(x.op))) {
      return new MethodRefusal(k, "'exact' needs a constant input term: this equation's depends on time or random numbers");
    }
    m.push(row);
    b.push(split.rest);
  }
  const free = propagate(m, b, d.dt);
  if (!d.clamped.some(Boolean)) return { temps: [], next: free };
  // Held neurons: the clamped rows have derivative 0, the others evolve exactly as before.
  const heldM = m.map((row, k) => (d.clamped[k] ? row.map(() => 0) : row));
  const heldB = b.map((bk, k) => (d.clamped[k] ? n.ZERO : bk));
  const heldNext = propagate(heldM, heldB, d.dt);
  return { temps: [], next: free.map((value, k) => (n.treeKey(value) === n.treeKey(heldNext[k]!) ? value : { op: 'select', c: FREE, a: value, b: heldNext[k]! })) };
}

/** b as c + sum coef_t * node_t with constants c and coef_t (what is not of that form is one term). */
function affineTerms(b: Node): { constant: number; terms: { coef: number; node: Node }[] } {
  switch (b.op) {
    case 'const': return { constant: b.value, terms: [] };
    case 'neg': {
      const a = affineTerms(b.a);
      return { constant: -a.constant, terms: a.terms.map((t) => ({ coef: -t.coef, node: t.node })) };
    }
    case 'add': case 'sub': {
      const a = affineTerms(b.a);
      const c = affineTerms(b.b);
      const sign = b.op === 'add' ? 1 : -1;
      return { constant: a.constant + sign * c.constant, terms: [...a.terms, ...c.terms.map((t) => ({ coef: sign * t.coef, node: t.node }))] };
    }
    case 'mul': case 'div': {
      const scale = (a: ReturnType<typeof affineTerms>, by: number) => ({ constant: a.constant * by, terms: a.terms.map((t) => ({ coef: t.coef * by, node: t.node })) });
      if (b.b.op === 'const') return scale(affineTerms(b.a), b.op === 'mul' ? b.b.value : 1 / b.b.value);
      if (b.op === 'mul' && b.a.op === 'const') return scale(affineTerms(b.b), b.a.value);
      return { constant: 0, terms: [{ coef: 1, node: b }] };
    }
    default: return { constant: 0, terms: [{ coef: 1, node: b }] };
  }
}

/**
 * One exact step of x' = M x + b. With b = c + (per-neuron terms) and M invertible, around the
 * fixed point x* = -M^-1 c: x(t + dt) = x* + Phi (x - x*) + Psi (terms), which for a leaky
 * integrator is the built-in lif's ((v - vRest) P22 + vRest) + I P20, operation for operation.
 */
function propagate(m: number[][], b: Node[], dt: number): Node[] {
  const size = m.length;
  const { phi, psi } = propagators(m, dt);
  const parts = b.map(affineTerms);
  const c = parts.map((p) => p.constant);
  const fixed = solve(m, c.map((x) => -x));
  return m.map((_, k) => {
    let sum: Node = n.ZERO;
    for (let j = 0; j < size; j++) {
      if (phi[k]![j] === 0) continue;
      const x: Node = { op: 'state', index: j };
      const shifted = fixed && fixed[j] !== 0 ? n.sub(x, n.constant(fixed[j]!)) : x;
      sum = n.add(sum, n.mul(shifted, n.constant(phi[k]![j]!)));
    }
    if (fixed) sum = n.add(sum, n.constant(fixed[k]!));
    else {
      const constant = c.reduce((s, cj, j) => s + psi[k]![j]! * cj, 0);
      if (constant !== 0) sum = n.add(sum, n.constant(constant));
    }
    for (let j = 0; j < size; j++) {
      if (psi[k]![j] === 0) continue;
      for (const t of parts[j]!.terms) sum = n.add(sum, n.mul(t.node, n.constant(psi[k]![j]! * t.coef)));
    }
    return sum;
  });
}

/** Phi = e^{M dt} and Psi = int_0^dt e^{M s} ds; for a diagonal M by detExp, as the built-in models compute them. */
function propagators(m: number[][], dt: number): { phi: number[][]; psi: number[][] } {
  const size = m.length;
  const diagonal = m.every((row, r) => row.every((x, c) => r === c || x === 0));
  if (diagonal) {
    const grid = (value: (k: number) => number) => m.map((_, r) => m.map((__, c) => (r === c ? value(r) : 0)));
    const e = m.map((row, k) => detExp(row[k]! * dt));
    return { phi: grid((k) => e[k]!), psi: grid((k) => (m[k]![k] === 0 ? dt : (e[k]! - 1) / m[k]![k]!)) };
  }
  // e^{A dt} of A = [[M, I], [0, 0]] holds Phi and Psi.
  const aug = Array.from({ length: 2 * size }, (_, r) => Array.from({ length: 2 * size }, (_, c) =>
    (r < size && c < size ? m[r]![c]! * dt : r < size && c === r + size ? dt : 0)));
  const e = expm(aug);
  return { phi: e.slice(0, size).map((row) => row.slice(0, size)), psi: e.slice(0, size).map((row) => row.slice(size)) };
}

/** x with M x = y by Gaussian elimination with partial pivoting; null when M is singular. */
function solve(m: number[][], y: number[]): number[] | null {
  const size = m.length;
  const a = m.map((row, r) => [...row, y[r]!]);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (a[pivot]![col] === 0) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = 0; r < size; r++) {
      if (r === col || a[r]![col] === 0) continue;
      const factor = a[r]![col]! / a[col]![col]!;
      for (let k = col; k <= size; k++) a[r]![k]! -= factor * a[col]![k]!;
    }
  }
  return a.map((row, r) => row[size]! / row[r]!);
}

/** The matrix exponential by scaling and squaring a Taylor series (+ - * / only: the same bits everywhere). */
export function expm(a: number[][]): number[][] {
  const size = a.length;
  const norm = Math.max(...a.map((row) => row.reduce((s, x) => s + Math.abs(x), 0)));
  let squarings = 0;
  while (norm / 2 ** squarings > 0.5) squarings++;
  const scaled = a.map((row) => row.map((x) => x / 2 ** squarings));
  const identity = (): number[][] => Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => (r === c ? 1 : 0)));
  const times = (x: number[][], y: number[][]) => x.map((row) => y[0]!.map((_, c) => row.reduce((s, v, k) => s + v * y[k]![c]!, 0)));
  let term = identity();
  let sum = identity();
  for (let k = 1; k <= 20; k++) {
    term = times(term, scaled).map((row) => row.map((x) => x / k));
    sum = sum.map((row, r) => row.map((x, c) => x + term[r]![c]!));
  }
  for (let s = 0; s < squarings; s++) sum = times(sum, sum);
  return sum;
}
