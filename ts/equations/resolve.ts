// From parsed equations to the checked model: every name resolved (state variable,
// subexpression, per-neuron parameter, shared parameter, unit, t, dt, i, N, lastspike), the
// dimensions of every equation and statement checked, and each right-hand side turned into the
// tree both backends run (ts/equations/nodes.ts).
import { shown } from '../errors.js';
import { SourceText, type EquationLine, type Expr, type Place, type Statement } from './parse.js';
import * as n from './nodes.js';
import type { Node } from './nodes.js';
import { DIMENSIONLESS, dimEqual, dimPower, dimTimes, isDimensionless, lookupUnit, parseQuantity, showDim, type Dim } from './units.js';

export interface Typed {
  node: Node;
  dim: Dim;
  boolean: boolean;
  /** A bare literal 0, which matches any dimension (0 volts is 0). */
  zero?: boolean;
}

export interface StateVariable {
  name: string;
  dim: Dim;
  /** `(unless refractory)`: held while the neuron is refractory. */
  clamped: boolean;
}

const SECOND: Dim = [0, 0, 1, 0, 0, 0, 0];
const FUNCTIONS: Record<string, number> = { exp: 1, log: 1, sqrt: 1, abs: 1, sin: 1, cos: 1, tanh: 1, exprel: 1, floor: 1, ceil: 1, clip: 3, int: 1, rand: 0, randn: 0 };
/** Brian2 functions spikewasm does not run, refused by name. */
const REFUSED_FUNCTIONS = ['tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'log10', 'expm1', 'log1p', 'sign', 'timestep', 'poisson', 'round'];
/** Names an equation may not define: the built-in variables and functions. */
export const RESERVED = ['t', 'dt', 'i', 'N', 'lastspike', 'not_refractory', 'xi', 'pi', 'inf', 'True', 'False', ...Object.keys(FUNCTIONS), ...REFUSED_FUNCTIONS];

/** What a name in an expression stands for. */
export type Binding =
  | { kind: 'state'; index: number; dim: Dim }
  | { kind: 'param'; index: number; dim: Dim }
  | { kind: 'input'; dim: Dim }
  | { kind: 'shared'; value: number; dim: Dim }
  | { kind: 'subexpression'; line: EquationLine };

/**
 * Resolves names and checks dimensions of expressions in one model. Subexpressions are inlined
 * where they are used (the tree then reads the state they depend on at each use).
 */
export class Resolver {
  private readonly inlined = new Map<string, Typed>();
  private readonly inProgress = new Set<string>();
  /** rand()/randn() call sites so far: each draws its own numbers. */
  randomSites = 0;
  usesLastspike = false;
  usesT = false;
  usesRefractoryFlag = false;

  constructor(
    private readonly src: SourceText,
    private readonly names: Map<string, Binding>,
    private readonly dt: number,
    private readonly size: number,
  ) {}

  /** An expression of `src` (the text it came from, for errors). */
  typed(e: Expr, src: SourceText = this.src): Typed {
    const err = (place: Place, message: string): never => src.error(place, message);
    switch (e.kind) {
      case 'number':
        return { node: n.constant(e.value), dim: DIMENSIONLESS, boolean: false, zero: e.value === 0 };
      case 'name':
        return this.name(e.name, e, src);
      case 'unary': {
        const a = this.typed(e.arg, src);
        if (e.op === 'not') {
          if (!a.boolean) err(e, `'not' needs a condition, got a value in ${showDim(a.dim)}`);
          return { node: { op: 'not', a: a.node }, dim: DIMENSIONLESS, boolean: true };
        }
        this.numeric(a, e, src, `unary ${e.op}`);
        return e.op === '-' ? { ...a, node: n.neg(a.node) } : a;
      }
      case 'binary':
        return this.binary(e, src);
      case 'call':
        return this.call(e, src);
    }
  }

  private numeric(a: Typed, place: Place, src: SourceText, what: string): void {
    if (a.boolean) src.error(place, `${what} needs a value, got a condition`);
  }

  private name(name: string, place: Place, src: SourceText): Typed {
    const bound = this.names.get(name);
    if (bound) {
      switch (bound.kind) {
        case 'state': return { node: { op: 'state', index: bound.index }, dim: bound.dim, boolean: false };
        case 'param': return { node: { op: 'param', index: bound.index }, dim: bound.dim, boolean: false };
        case 'input': return { node: { op: 'input' }, dim: bound.dim, boolean: false };
        case 'shared': return { node: n.constant(bound.value), dim: bound.dim, boolean: false };
        case 'subexpression': return this.subexpression(bound.line, place, src);
      }
    }
    switch (name) {
      case 't': this.usesT = true; return { node: { op: 't' }, dim: SECOND, boolean: false };
      case 'dt': return { node: n.constant(this.dt), dim: SECOND, boolean: false };
      case 'N': return { node: n.constant(this.size), dim: DIMENSIONLESS, boolean: false };
      case 'i': return { node: { op: 'i' }, dim: DIMENSIONLESS, boolean: false };
      case 'lastspike': this.usesLastspike = true; return { node: { op: 'lastspike' }, dim: SECOND, boolean: false };
      case 'not_refractory': this.usesRefractoryFlag = true; return { node: { op: 'free' }, dim: DIMENSIONLESS, boolean: true };
      case 'pi': return { node: n.constant(Math.PI), dim: DIMENSIONLESS, boolean: false };
      case 'e': return { node: n.constant(Math.E), dim: DIMENSIONLESS, boolean: false };
      case 'inf': return { node: n.constant(Infinity), dim: DIMENSIONLESS, boolean: false };
    }
    if (name === 'xi' || name.startsWith('xi_')) src.error(place, `white noise (${name}) is not supported yet: draw noise with randn() in a reset or use a Poisson input`);
    const unit = lookupUnit(name);
    if (unit) return { node: n.constant(unit.scale), dim: unit.dim, boolean: false };
    return src.error(place, `unknown identifier ${shown(name)}: not a variable, parameter or unit of this model (give shared constants in params)`);
  }

  private subexpression(line: EquationLine, place: Place, src: SourceText): Typed {
    const done = this.inlined.get(line.name);
    if (done) return done;
    if (this.inProgress.has(line.name)) src.error(place, `subexpression ${line.name} refers to itself`);
    this.inProgress.add(line.name);
    const value = this.typed(line.expr!, this.src);
    this.inProgress.delete(line.name);
    this.expectDim(value, declaredDim(line, this.src), line, this.src, `subexpression ${line.name}`);
    this.inlined.set(line.name, value);
    return value;
  }

  /** Checks that a value has the dimension `dim`. */
  expectDim(value: Typed, dim: Dim, place: Place, src: SourceText, what: string): void {
    if (value.boolean) src.error(place, `${what} must be a value in ${showDim(dim)}, not a condition`);
    if (!dimEqual(value.dim, dim) && !value.zero) {
      src.unitsError(place, `${what}: the left side is in ${showDim(dim)}, the right side in ${showDim(value.dim)}`);
    }
  }

  private binary(e: Expr & { kind: 'binary' }, src: SourceText): Typed {
    const a = this.typed(e.left, src);
    const b = this.typed(e.right, src);
    if (e.op === 'and' || e.op === 'or') {
      if (!a.boolean || !b.boolean) src.error(e, `'${e.op}' joins conditions, not values`);
      return { node: { op: e.op, a: a.node, b: b.node }, dim: DIMENSIONLESS, boolean: true };
    }
    this.numeric(a, e.left, src, `'${e.op}'`);
    this.numeric(b, e.right, src, `'${e.op}'`);
    const sameDims = (what: string): Dim => {
      if (dimEqual(a.dim, b.dim) || b.zero) return a.dim;
      if (a.zero) return b.dim;
      return src.unitsError(e, `${what} needs both sides in the same unit: the left is in ${showDim(a.dim)}, the right in ${showDim(b.dim)}`);
    };
    switch (e.op) {
      case '+': case '-': {
        const dim = sameDims(`'${e.op}'`);
        return { node: n.arith(e.op === '+' ? 'add' : 'sub', a.node, b.node), dim, boolean: false };
      }
      case '*': return { node: n.mul(a.node, b.node), dim: dimTimes(a.dim, b.dim), boolean: false };
      case '/': return { node: n.div(a.node, b.node), dim: dimTimes(a.dim, b.dim, -1), boolean: false };
      case '**': return this.power(a, b, e, src);
      default: {
        sameDims(`the comparison '${e.op}'`);
        const op = ({ '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge', '==': 'eq', '!=': 'ne' } as const)[e.op];
        return { node: { op, a: a.node, b: b.node }, dim: DIMENSIONLESS, boolean: true };
      }
    }
  }

  private power(a: Typed, b: Typed, e: Place, src: SourceText): Typed {
    if (!isDimensionless(b.dim)) src.unitsError(e, `an exponent must be dimensionless (got ${showDim(b.dim)})`);
    if (b.node.op !== 'const') {
      if (!isDimensionless(a.dim)) src.unitsError(e, `a quantity in ${showDim(a.dim)} can only be raised to a constant power`);
      return { node: n.arith('pow', a.node, b.node), dim: DIMENSIONLESS, boolean: false };
    }
    const p = b.node.value;
    const dim = dimPower(a.dim, p);
    if (Number.isInteger(p) && Math.abs(p) <= 16) {
      // Whole powers multiply (exact, and cheap): x**3 = (x*x)*x, x**-1 = 1/x.
      let node: Node = n.ONE;
      for (let k = 0; k < Math.abs(p); k++) node = k === 0 ? a.node : n.mul(node, a.node);
      return { node: p < 0 ? n.div(n.ONE, node) : node, dim, boolean: false };
    }
    if (p === 0.5) return { node: n.fn('sqrt', a.node), dim, boolean: false };
    return { node: n.arith('pow', a.node, b.node), dim, boolean: false };
  }

  private call(e: Expr & { kind: 'call' }, src: SourceText): Typed {
    if (REFUSED_FUNCTIONS.includes(e.fn)) src.error(e, `the function ${e.fn}() is not supported (supported: ${Object.keys(FUNCTIONS).join(', ')})`);
    const arity = FUNCTIONS[e.fn];
    if (arity === undefined) src.error(e, `unknown function ${e.fn}() (supported: ${Object.keys(FUNCTIONS).join(', ')})`);
    if (e.args.length !== arity) src.error(e, `${e.fn}() takes ${arity} argument${arity === 1 ? '' : 's'}, got ${e.args.length}`);
    if (e.fn === 'rand' || e.fn === 'randn') {
      return { node: { op: e.fn, site: this.randomSites++ }, dim: DIMENSIONLESS, boolean: false };
    }
    const args = e.args.map((arg) => this.typed(arg, src));
    if (e.fn === 'int') {
      // Brian2's int() of a condition; truncating a value is not supported.
      if (!args[0]!.boolean) src.error(e, 'int() turns a condition into 1 or 0, as in int(v > v_th): its argument must be a comparison');
      return { node: { op: 'select', c: args[0]!.node, a: n.ONE, b: n.ZERO }, dim: DIMENSIONLESS, boolean: false };
    }
    args.forEach((arg, k) => this.numeric(arg, e.args[k]!, src, `${e.fn}()`));
    const x = args[0]!;
    switch (e.fn) {
      case 'clip': {
        const [, lo, hi] = args as [Typed, Typed, Typed];
        for (const bound of [lo, hi]) {
          if (!dimEqual(bound.dim, x.dim) && !bound.zero) src.unitsError(e, `clip() needs its bounds in the unit of its value: ${showDim(x.dim)}, got ${showDim(bound.dim)}`);
        }
        return { node: n.arith('min', n.arith('max', x.node, lo.node), hi.node), dim: x.dim, boolean: false };
      }
      case 'sqrt': return { node: n.fn('sqrt', x.node), dim: dimPower(x.dim, 0.5), boolean: false };
      case 'abs': case 'floor': case 'ceil': return { node: n.fn(e.fn, x.node), dim: x.dim, boolean: false };
      default:
        if (!isDimensionless(x.dim)) src.unitsError(e, `${e.fn}() needs a dimensionless argument (got ${showDim(x.dim)})`);
        return { node: n.fn(e.fn as n.UnaryFn, x.node), dim: DIMENSIONLESS, boolean: false };
    }
  }

  /** The right-hand side of `dx/dt = ... : unit`, checked to be in the line's unit per second. */
  derivative(line: EquationLine, dim: Dim, src: SourceText = this.src): Typed {
    const value = this.typed(line.expr!, src);
    this.expectDim(value, dimTimes(dim, SECOND, -1), line, src, `d${line.name}/dt`);
    return value;
  }

  /** A statement's new value for its target (`x += e` is x + e), checked against the target's unit. */
  statement(s: Statement, target: Typed, src: SourceText): Node {
    const value = this.typed(s.expr, src);
    if (s.op === '*=' || s.op === '/=') {
      if (!isDimensionless(value.dim)) src.unitsError(s, `${s.op} scales ${s.target}, so its right side must be dimensionless (got ${showDim(value.dim)})`);
      return n.arith(s.op === '*=' ? 'mul' : 'div', target.node, value.node);
    }
    this.expectDim(value, target.dim, s, src, `${s.target} ${s.op}`);
    if (s.op === '=') return value.node;
    return n.arith(s.op === '+=' ? 'add' : 'sub', target.node, value.node);
  }
}

/** The dimension an equation line's unit declares (`src`: the equations' text). */
export function declaredDim(line: EquationLine, src: SourceText): Dim {
  if (line.unit === 'boolean' || line.unit === 'integer') src.error(line.unitPlace, `${line.unit} variables are not supported: state variables and parameters are numbers with a unit`);
  try {
    return parseQuantity('unit', line.unit).dim;
  } catch (e) {
    return src.error(line.unitPlace, `${shown(line.unit)} is not a unit (${(e as Error).message.replace(/^unit: /, '')})`);
  }
}
