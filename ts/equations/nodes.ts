// The checked expression tree both backends run: names resolved to state variables, per-neuron
// parameters or constants, units gone (values are SI), constant parts folded in f64 with the
// deterministic functions. Every other operation is an f32 operation, done in the order the
// tree gives, so the wasm generator and the reference interpreter compute the same bits.
import { detExp, detLog } from '../model/random/detmath.js';
import { detCos, detExprel, detSin, detTanh } from './detmath.js';

export type UnaryFn = 'exp' | 'log' | 'sin' | 'cos' | 'tanh' | 'exprel' | 'sqrt' | 'abs' | 'floor' | 'ceil';
export type Arith = 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max' | 'pow';
export type Compare = 'lt' | 'gt' | 'le' | 'ge' | 'eq' | 'ne';

export type Node =
  | { op: 'const'; value: number }
  | { op: 'state'; index: number }
  | { op: 'param'; index: number }
  | { op: 'temp'; index: number }
  /** bias + step current (equations that name I_input). */
  | { op: 'input' }
  /** Step times dt (f32), the neuron's index, the time of its last spike. */
  | { op: 't' } | { op: 'i' } | { op: 'lastspike' }
  /** Whether the neuron is not held refractory this step (a boolean). */
  | { op: 'free' }
  | { op: 'neg'; a: Node }
  | { op: Arith; a: Node; b: Node }
  | { op: 'fn'; fn: UnaryFn; a: Node }
  /** A uniform number in [0, 1) or a standard normal one, per neuron and step; `site` tells calls apart. */
  | { op: 'rand' | 'randn'; site: number }
  | { op: Compare; a: Node; b: Node }
  | { op: 'and' | 'or'; a: Node; b: Node }
  | { op: 'not'; a: Node }
  /** c ? a : b, per neuron (c a condition). */
  | { op: 'select'; c: Node; a: Node; b: Node };

export const constant = (value: number): Node => ({ op: 'const', value });
export const ZERO = constant(0);
export const ONE = constant(1);

const isConst = (n: Node): n is { op: 'const'; value: number } => n.op === 'const';

/** A function of one argument in f64, deterministic in every engine. */
export function applyFn(fn: UnaryFn, x: number): number {
  switch (fn) {
    case 'exp': return detExp(x);
    case 'log': return detLog(x);
    case 'sin': return detSin(x);
    case 'cos': return detCos(x);
    case 'tanh': return detTanh(x);
    case 'exprel': return detExprel(x);
    case 'sqrt': return Math.sqrt(x);
    case 'abs': return Math.abs(x);
    case 'floor': return Math.floor(x);
    case 'ceil': return Math.ceil(x);
  }
}

/** General powers: exp(b log a), in f64. */
export const generalPower = (a: number, b: number): number => detExp(b * detLog(a));

function applyArith(op: Arith, a: number, b: number): number {
  switch (op) {
    case 'add': return a + b;
    case 'sub': return a - b;
    case 'mul': return a * b;
    case 'div': return a / b;
    case 'min': return Math.min(a, b);
    case 'max': return Math.max(a, b);
    case 'pow': return generalPower(a, b);
  }
}

// Builders that fold constant operands in f64 (and drop adding 0 and multiplying by 1, which
// integration methods produce), so the tree holds no arithmetic on constants alone.
export function arith(op: Arith, a: Node, b: Node): Node {
  if (isConst(a) && isConst(b)) return constant(applyArith(op, a.value, b.value));
  if (op === 'add' && isConst(b) && b.value === 0) return a;
  if (op === 'add' && isConst(a) && a.value === 0) return b;
  if (op === 'sub' && isConst(b) && b.value === 0) return a;
  if (op === 'mul' && isConst(b) && b.value === 1) return a;
  if (op === 'mul' && isConst(a) && a.value === 1) return b;
  if (op === 'div' && isConst(b) && b.value === 1) return a;
  return { op, a, b };
}

export const add = (a: Node, b: Node) => arith('add', a, b);
export const sub = (a: Node, b: Node) => arith('sub', a, b);
export const mul = (a: Node, b: Node) => arith('mul', a, b);
export const div = (a: Node, b: Node) => arith('div', a, b);

export function neg(a: Node): Node {
  return isConst(a) ? constant(-a.value) : a.op === 'neg' ? a.a : { op: 'neg', a };
}

export function fn(name: UnaryFn, a: Node): Node {
  return isConst(a) ? constant(applyFn(name, a.value)) : { op: 'fn', fn: name, a };
}

/** Whether a node is exactly zero (a folded constant 0). */
export const isZero = (n: Node): boolean => isConst(n) && n.value === 0;

/** Whether anything below `n` satisfies `test`. */
export function mentions(n: Node, test: (n: Node) => boolean): boolean {
  if (test(n)) return true;
  if ('c' in n && mentions(n.c, test)) return true;
  if ('a' in n && mentions(n.a, test)) return true;
  return 'b' in n && mentions(n.b, test);
}

/** The tree with each node that `swap` replaces replaced (bottom-up rebuilding folds again). */
export function substitute(n: Node, swap: (n: Node) => Node | undefined): Node {
  const s = swap(n);
  if (s) return s;
  switch (n.op) {
    case 'neg': return neg(substitute(n.a, swap));
    case 'fn': return fn(n.fn, substitute(n.a, swap));
    case 'not': return { op: 'not', a: substitute(n.a, swap) };
    case 'select': return { op: 'select', c: substitute(n.c, swap), a: substitute(n.a, swap), b: substitute(n.b, swap) };
    case 'add': case 'sub': case 'mul': case 'div': case 'min': case 'max': case 'pow':
      return arith(n.op, substitute(n.a, swap), substitute(n.b, swap));
    case 'lt': case 'gt': case 'le': case 'ge': case 'eq': case 'ne': case 'and': case 'or':
      return { op: n.op, a: substitute(n.a, swap), b: substitute(n.b, swap) };
    default: return n;
  }
}

/**
 * A string that two trees share exactly when they are the same computation (memoised per
 * node); constants are keyed by the f32 value they are used as.
 */
export function treeKey(n: Node, memo: Map<Node, string> = new Map()): string {
  let k = memo.get(n);
  if (k !== undefined) return k;
  if (n.op === 'const') k = Object.is(Math.fround(n.value), -0) ? 'const:-0' : `const:${Math.fround(n.value)}`;
  else k = Object.entries(n).map(([field, value]) => (typeof value === 'object' ? `${field}:(${treeKey(value as Node, memo)})` : `${field}:${String(value)}`)).join(' ');
  memo.set(n, k);
  return k;
}
