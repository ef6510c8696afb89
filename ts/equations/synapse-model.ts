// A synapse model written as equations, as Brian2's Synapses writes it, checked: its per-synapse
// variables, the event-driven ones with their closed-form decay between a synapse's events, and
// the statements run when a presynaptic spike arrives (onPre) and when a postsynaptic spike
// reaches the synapse (onPost), as trees both backends run. In these trees `state k` is
// synapse variable k and `param k` is outside read k (a neuron variable of either side, or a
// modulator); every operation is done in f64 and a variable is rounded to f32 when it is stored.
import { fail, shown } from '../errors.js';
import { checkKeys } from '../model/params.js';
import { isPlainObject } from '../model/plain-data.js';
import type { SynapseModelDescription } from '../model/description.js';
import { MAX_FADE_STEPS } from '../model/plasticity.js';
import { integrate, MethodRefusal, METHODS, type Method, type StepProgram } from './integrate.js';
import * as n from './nodes.js';
import type { Node } from './nodes.js';
import { parseEquations, parseStatements, SourceText, type EquationLine, type Expr, type Statement } from './parse.js';
import { declaredDim, RESERVED, Resolver, type Binding } from './resolve.js';
import { evaluate } from './evaluate.js';
import { shareSubtrees } from './shared-subtrees.js';
import { DIMENSIONLESS, parseQuantity, sharedQuantity, type Dim } from './units.js';

/** The keys of a synapse model; dendriticDelay is read with the projection's delays (ts/model/build-projections.ts). */
export const SYNAPSE_KEYS = ['model', 'onPre', 'onPost', 'params', 'method', 'dendriticDelay'];

export interface SynapseVariable {
  name: string;
  dim: Dim;
  /**
   * An event-driven variable, dx/dt = (rest - x) / tau: brought to the event's step by
   * x = rest + (x - rest) * exp(-steps dt / tau) before the statements run; `table` is the
   * decay's fade table (0..3: abi K_FADE_PLUS, K_FADE_MINUS, K_FADE_X, K_FADE_Y).
   */
  decay: { table: number; rest: number } | null;
}

/** A value the statements read from outside the synapse. */
export type OutsideRead =
  | { name: string; side: 'pre' | 'post'; slot: number }
  | { name: string; modulator: number };

/** One statement: a synapse variable's new value, or a value added to the post neuron's target. */
export type SynapseStatement = { variable: number; value: Node } | { deliver: Node };

/** A neuron population as a synapse model sees it. */
export interface SynapseSide {
  name: string;
  /** The f32 state variables by slot, with their dimensions. */
  variables: { name: string; slot: number; dim: Dim }[];
  /** The per-neuron parameters of an equation model, by slot (what a summed variable sets). */
  perNeuron: { name: string; slot: number; dim: Dim }[];
}

/**
 * The clock-driven variables and their step: in `step`, state k is clock variable
 * `variables[k]`, and `param reads.length + v` is synapse variable v as it was before the step.
 */
export interface ClockDriven {
  variables: number[];
  step: StepProgram;
}

/** A summed variable: every step, each post neuron's parameter `slot` is set to the sum of `value` over its synapses. */
export interface SummedVariable {
  name: string;
  slot: number;
  value: Node;
}

export interface SynapseContext {
  pre: SynapseSide;
  post: SynapseSide;
  /** What onPre may add to: a variable of an equation population or a built-in receptor. */
  targets: { name: string; dim: Dim }[];
  modulators: readonly string[];
  dt: number;
}

export interface CheckedSynapse {
  spec: SynapseModelDescription;
  variables: SynapseVariable[];
  /** The index of `w` among the variables (the projection's weights), or -1. */
  weight: number;
  reads: OutsideRead[];
  /** The time constants (s) of the event-driven decays, by fade table. */
  taus: number[];
  onPre: SynapseStatement[];
  onPost: SynapseStatement[];
  clock: ClockDriven | null;
  summed: SummedVariable[];
  /** The target onPre adds to, or null. */
  target: string | null;
  /** Shared parameters used, by name (SI values). */
  shared: Record<string, number>;
}

/** Distinct event-driven time constants a projection may have (the plasticity block's four fade tables). */
const MAX_DECAYS = 4;
/** Names a synapse's statements cannot use (they mean something for neurons only, or are not run yet). */
const NEURON_ONLY = ['i', 'N', 'lastspike', 'not_refractory', 'rand', 'randn', 'exprel'];

export function checkSynapseModel(path: string, spec: unknown, ctx: SynapseContext): CheckedSynapse {
  if (!isPlainObject(spec)) fail('E_MODEL', path, `must be {model, onPre, onPost, params} (got ${shown(spec)})`);
  checkKeys(path, spec, SYNAPSE_KEYS);
  const s = spec as SynapseModelDescription;
  for (const key of ['model', 'onPre', 'onPost'] as const) {
    if (s[key] !== undefined && typeof s[key] !== 'string') fail('E_EQUATION', `${path}.${key}`, `must be a string (got ${shown(s[key])})`);
  }
  if (s.params !== undefined && !isPlainObject(s.params)) fail('E_PARAM', `${path}.params`, `must be an object of shared parameters (got ${shown(s.params)})`);
  const modelSrc = new SourceText(`${path}.model`, s.model ?? '');
  const lines = parseEquations(modelSrc);
  const preSrc = new SourceText(`${path}.onPre`, s.onPre ?? '');
  const postSrc = new SourceText(`${path}.onPost`, s.onPost ?? '');
  const preStatements = parseStatements(preSrc);
  const postStatements = parseStatements(postSrc);

  const names = new Map<string, Binding>();
  const variables: SynapseVariable[] = [];
  const eventDriven: EquationLine[] = [];
  const clockDriven: EquationLine[] = [];
  const summedLines: EquationLine[] = [];
  const method = s.method ?? 'exact';
  if (!METHODS.includes(method)) fail('E_EQUATION', `${path}.method`, `must be one of ${METHODS.join(', ')} (got ${shown(method)})`);
  for (const line of lines) {
    if (RESERVED.includes(line.name)) modelSrc.error(line, `${shown(line.name)} is a built-in name and cannot be defined`);
    if (names.has(line.name)) modelSrc.error(line, `${line.name} is defined twice`);
    const summing = line.kind === 'subexpression' && line.flags.includes('summed');
    if (summing && !line.name.endsWith('_post')) modelSrc.error(line, 'a summed variable sets a variable of the post neuron: name it x_post');
    if (!summing && /_(pre|post)$/.test(line.name)) modelSrc.error(line, 'a synapse variable cannot end in _pre or _post (those name neuron variables)');
    const allowed = line.kind === 'differential' ? ['event-driven', 'clock-driven'] : line.kind === 'parameter' ? [] : ['summed'];
    for (const flag of line.flags) {
      if (!allowed.includes(flag)) modelSrc.error(line, `the flag (${flag}) is not supported here${allowed.length ? ` (supported: ${allowed.map((f) => `(${f})`).join(', ')})` : ''}`);
    }
    if (line.kind === 'differential' && line.flags.length !== 1) {
      modelSrc.error(line, 'a synapse equation is (event-driven), brought up to date at each of the synapse\'s events, or (clock-driven), integrated every step');
    }
    const dim = declaredDim(line, modelSrc);
    if (summing) {
      summedLines.push(line);
      continue;
    }
    if (line.kind === 'subexpression') {
      names.set(line.name, { kind: 'subexpression', line });
      continue;
    }
    names.set(line.name, { kind: 'state', index: variables.length, dim });
    variables.push({ name: line.name, dim, decay: null });
    if (line.kind === 'differential') (line.flags[0] === 'event-driven' ? eventDriven : clockDriven).push(line);
  }

  // Shared parameters.
  const shared: Record<string, number> = {};
  const paramsPath = `${path}.params`;
  for (const [name, value] of Object.entries(s.params ?? {})) {
    if (names.has(name)) fail('E_PARAM', `${paramsPath}.${name}`, `${name} is a variable of the synapse model, not a parameter (set initial values with init)`);
    if (RESERVED.includes(name)) fail('E_PARAM', `${paramsPath}.${name}`, `${name} is a built-in name`);
    const q = sharedQuantity(`${paramsPath}.${name}`, value, `per-synapse values need a declaration '${name} : unit' in the model`);
    names.set(name, { kind: 'shared', value: q.value, dim: q.dim });
    shared[name] = q.value;
  }

  // Names from outside: x_pre, x_post (or a bare x of the post neuron, as Brian2 reads it), modulators.
  const reads: OutsideRead[] = [];
  const used = new Set<string>();
  const texts: [SourceText, Expr[]][] = [
    [modelSrc, lines.flatMap((l) => (l.expr ? [l.expr] : []))],
    [preSrc, preStatements.map((st) => st.expr)],
    [postSrc, postStatements.map((st) => st.expr)],
  ];
  for (const [src, exprs] of texts) {
    for (const e of exprs) {
      forEachName(e, (name, place) => {
        used.add(name);
        if (NEURON_ONLY.includes(name)) src.error(place, `${name} is not available in synapse statements`);
        if (names.has(name)) return;
        const read = outsideRead(name, ctx);
        if (read) names.set(name, { kind: 'param', index: reads.push(read) - 1, dim: read.dim });
      });
    }
  }
  for (const name of Object.keys(shared)) if (!used.has(name)) fail('E_PARAM', `${paramsPath}.${name}`, 'is not used by the synapse model or its statements');

  const resolver = new Resolver(modelSrc, names, ctx.dt, 0);
  const taus: number[] = [];
  for (const line of eventDriven) {
    const k = (names.get(line.name) as { index: number }).index;
    const value = resolver.derivative(line, variables[k]!.dim);
    const { tau, rest } = linearDecay(value.node, k) ?? modelSrc.error(line, `d${line.name}/dt: an event-driven equation must be a decay, (rest - ${line.name}) / tau with constant rest and tau > 0`);
    if (40 * tau / ctx.dt > MAX_FADE_STEPS) modelSrc.error(line, `d${line.name}/dt: time constant too long (at most ${MAX_FADE_STEPS / 40} steps)`);
    let table = taus.indexOf(tau);
    if (table < 0) {
      if (taus.length === MAX_DECAYS) modelSrc.error(line, `at most ${MAX_DECAYS} different time constants among the event-driven variables`);
      table = taus.push(tau) - 1;
    }
    variables[k]!.decay = { table, rest };
  }
  for (const line of lines) if (line.kind === 'subexpression' && !summedLines.includes(line)) resolver.typed({ kind: 'name', name: line.name, line: line.line, column: line.column });
  const clock = clockDriven.length === 0 ? null : integrateClockDriven(clockDriven, names, variables, reads.length, resolver, modelSrc, method, ctx.dt);
  const summed = summedLines.map((line): SummedVariable => {
    const name = line.name.slice(0, -'_post'.length);
    const into = ctx.post.perNeuron.find((q) => q.name === name)
      ?? modelSrc.error(line, `${name} is not a parameter of population '${ctx.post.name}' (a summed variable sets a per-neuron parameter declared '${name} : unit' in its equations${ctx.post.perNeuron.length ? `; it has ${ctx.post.perNeuron.map((q) => q.name).join(', ')}` : ''})`);
    if (summedLines.some((other) => other !== line && other.name === line.name)) modelSrc.error(line, `${line.name} is summed twice`);
    const value = resolver.typed(line.expr!);
    resolver.expectDim(value, declaredDim(line, modelSrc), line, modelSrc, line.name);
    resolver.expectDim(value, into.dim, line, modelSrc, `${line.name} (the post neuron's ${name})`);
    if (n.mentions(value.node, (m) => m.op === 'state' && variables[m.index]!.decay !== null)) {
      modelSrc.error(line, `${line.name} reads an event-driven variable, which is only up to date at the synapse's events`);
    }
    return { name, slot: into.slot, value: value.node };
  });

  let target: string | null = null;
  const statements = (src: SourceText, list: Statement[], pre: boolean): SynapseStatement[] => list.map((st) => {
    const bound = names.get(st.target);
    if (bound?.kind === 'state') {
      const current = resolver.typed({ kind: 'name', name: st.target, line: st.line, column: st.column }, src);
      return { variable: bound.index, value: resolver.statement(st, current, src) };
    }
    const name = st.target.replace(/_post$/, '');
    const into = ctx.targets.find((t) => t.name === name);
    if (!into) {
      const what = bound?.kind === 'param' ? 'a value read from a neuron' : bound ? `a ${bound.kind}` : 'not a variable of the synapse';
      src.error(st, `${shown(st.target)} is ${what}: statements set synapse variables (${variables.map((v) => v.name).join(', ') || 'none'})${pre ? ` or add to a variable of the post neuron (${ctx.targets.map((t) => t.name).join(', ') || 'none'})` : ''}`);
    }
    if (!pre) src.error(st, `onPost cannot add to the post neuron's ${name}: only onPre delivers to the target`);
    if (st.op !== '+=' && st.op !== '-=') src.error(st, `a post neuron's ${name} can only be added to (+= or -=): it receives what arrives, as a spike's weight does`);
    if (target !== null && target !== name) src.error(st, `onPre adds to ${target} already: a projection delivers to one variable of its target`);
    target = name;
    const value = resolver.typed(st.expr, src);
    resolver.expectDim(value, into.dim, st, src, `${name} ${st.op}`);
    return { deliver: st.op === '-=' ? n.neg(value.node) : value.node };
  });
  const onPre = statements(preSrc, preStatements, true);
  const onPost = statements(postSrc, postStatements, false);
  return { spec: s, variables, weight: variables.findIndex((v) => v.name === 'w'), reads, taus, onPre, onPost, clock, summed, target, shared };
}

/**
 * The step of the clock-driven equations by `method`, the other synapse variables held at their
 * value before the step (ClockDriven says how the tree names them).
 */
function integrateClockDriven(
  lines: EquationLine[], names: Map<string, Binding>, variables: SynapseVariable[], reads: number,
  resolver: Resolver, src: SourceText, method: Method, dt: number,
): ClockDriven {
  const clockVars = lines.map((line) => (names.get(line.name) as { index: number }).index);
  const f = lines.map((line, k) => {
    const value = resolver.derivative(line, variables[clockVars[k]!]!.dim);
    if (n.mentions(value.node, (m) => m.op === 'state' && variables[m.index]!.decay !== null)) {
      src.error(line, `d${line.name}/dt reads an event-driven variable, which is only up to date at the synapse's events`);
    }
    // States the step integrates are clock variables; every other synapse variable is held.
    return n.substitute(value.node, (m) => {
      if (m.op !== 'state') return undefined;
      const k = clockVars.indexOf(m.index);
      return k >= 0 ? { op: 'state', index: k } : { op: 'param', index: reads + m.index };
    });
  });
  const step = integrate(method, { f, clamped: f.map(() => false), dt });
  if (step instanceof MethodRefusal) {
    const line = lines[step.variable]!;
    return src.error(line, `d${line.name}/dt: ${step.reason}`);
  }
  return { variables: clockVars, step: shareSubtrees(step) };
}

/** An outside name's read, with its dimension, or undefined. */
function outsideRead(name: string, ctx: SynapseContext): (OutsideRead & { dim: Dim }) | undefined {
  const m = /^(.+)_(pre|post)$/.exec(name);
  const [base, side] = m ? [m[1]!, m[2] as 'pre' | 'post'] : [name, 'post' as const];
  const found = ctx[side].variables.find((v) => v.name === base);
  if (found) return { name, side, slot: found.slot, dim: found.dim };
  const modulator = m ? -1 : ctx.modulators.indexOf(name);
  if (modulator >= 0) return { name, modulator, dim: DIMENSIONLESS };
  return undefined;
}

/** Calls `visit` with every name an expression reads. */
function forEachName(e: Expr, visit: (name: string, place: Expr) => void): void {
  if (e.kind === 'name') visit(e.name, e);
  else if (e.kind === 'unary') forEachName(e.arg, visit);
  else if (e.kind === 'binary') {
    forEachName(e.left, visit);
    forEachName(e.right, visit);
  } else if (e.kind === 'call') {
    visit(e.fn, e);
    e.args.forEach((a) => forEachName(a, visit));
  }
}

/**
 * dx/dt = a x + b with constants a < 0 and b, found by evaluating the tree at three values of x:
 * tau = -1/a, rest = -b/a. Undefined when the tree reads anything but x, or is not linear in it.
 */
const PIECEWISE = new Set(['select', 'lt', 'gt', 'le', 'ge', 'eq', 'ne', 'and', 'or', 'not', 'min', 'max', 'abs', 'floor', 'ceil']);

function linearDecay(f: Node, k: number): { tau: number; rest: number } | undefined {
  if (n.mentions(f, (m) => (m.op === 'state' && m.index !== k) || (m.op !== 'state' && m.op !== 'const' && !('a' in m)))) return undefined;
  // Piecewise operations can look linear at the three points tried below and are not.
  if (n.mentions(f, (m) => PIECEWISE.has(m.op) || (m.op === 'fn' && PIECEWISE.has(m.fn)))) return undefined;
  const at = (x: number) => evaluate(f, { state: (i) => (i === k ? x : NaN), param: () => NaN, temp: () => NaN, t: NaN });
  const b = at(0);
  const a = at(1) - b;
  const check = at(2);
  if (!(a < 0) || !Number.isFinite(b) || Math.abs(check - (b + 2 * a)) > 1e-9 * (Math.abs(b) + 2 * Math.abs(a))) return undefined;
  return { tau: -1 / a, rest: -b / a };
}

/** The dimension of a neuron state variable, from its unit text (dimensionless where it has none). */
export function stateDim(unit: string | undefined): Dim {
  return unit ? parseQuantity('unit', unit).dim : DIMENSIONLESS;
}
