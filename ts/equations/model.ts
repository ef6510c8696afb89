// A neuron model written as equations, checked: its state variables and parameters with their
// dimensions, one step of integration, the threshold, the reset and refractoriness, all as
// trees both backends run. Built once per population (shared parameters are folded in).
import { fail, shown } from '../errors.js';
import { checkKeys } from '../model/params.js';
import { isPlainObject } from '../model/plain-data.js';
import { integrate, MethodRefusal, METHODS, type Method, type StepProgram } from './integrate.js';
import type { Node } from './nodes.js';
import { shareSubtrees } from './shared-subtrees.js';
import { parseEquations, parseExpression, parseStatements, SourceText, type EquationLine } from './parse.js';
import { declaredDim, RESERVED, Resolver, type Binding, type StateVariable } from './resolve.js';
import { dimEqual, parseQuantity, sharedQuantity, showDim, type Dim } from './units.js';

/** What a description gives for an equation model (`model: {...}` of a population). */
export interface EquationSpec {
  equations: string;
  threshold?: string;
  reset?: string;
  /** A time ('5 ms', or seconds) or a condition ('v > -40*mV') under which the neuron is held. */
  refractory?: string | number;
  method?: Method;
}

export const EQUATION_KEYS = ['equations', 'threshold', 'reset', 'refractory', 'method'];

/** The name that gives an equation model the populations' input currents (bias + current steps). */
export const INPUT_NAME = 'I_input';

export interface CheckedEquations {
  spec: EquationSpec;
  states: StateVariable[];
  /** Parameters declared in the equations (`tau : second`): one value per neuron. */
  params: { name: string; dim: Dim }[];
  /** The dimension of I_input, when the equations read it. */
  input: Dim | null;
  method: Method;
  step: StepProgram;
  threshold: Node | null;
  /** Assignments to state variables in order (each sees the ones before it). */
  reset: { index: number; value: Node }[];
  /** Steps a neuron is held after its spike step, or the condition that holds it. */
  refractory: { steps: number } | { condition: Node } | null;
  usesLastspike: boolean;
  /** Shared parameters used, by name (SI values), for the description's readers. */
  shared: Record<string, number>;
}

/**
 * Checks an equation model given in a description. `params` holds the shared parameters (a
 * number, dimensionless; or a quantity such as '20 ms') and the per-neuron ones the equations
 * declare; the per-neuron ones are returned for the usual checks of value specs.
 */
export function checkEquations(path: string, spec: unknown, params: Record<string, unknown>, paramsPath: string, dt: number, size: number): CheckedEquations {
  if (!isPlainObject(spec)) fail('E_MODEL', path, `must be a model name or {equations, threshold, reset, refractory, method} (got ${shown(spec)})`);
  checkKeys(path, spec, EQUATION_KEYS);
  const s = spec as unknown as EquationSpec;
  if (typeof s.equations !== 'string') fail('E_EQUATION', `${path}.equations`, `must be a string of equations (got ${shown(s.equations)})`);
  for (const key of ['threshold', 'reset'] as const) {
    if (s[key] !== undefined && typeof s[key] !== 'string') fail('E_EQUATION', `${path}.${key}`, `must be a string (got ${shown(s[key])})`);
  }
  const method = s.method ?? 'exact';
  if (!METHODS.includes(method)) fail('E_EQUATION', `${path}.method`, `must be one of ${METHODS.join(', ')} (got ${shown(method)})`);

  const src = new SourceText(`${path}.equations`, s.equations);
  const lines = parseEquations(src);
  if (lines.length === 0) src.error({ line: 1, column: 1 }, 'no equations');
  const names = new Map<string, Binding>();
  const states: StateVariable[] = [];
  const declaredParams: { name: string; dim: Dim }[] = [];
  let input: Dim | null = null;
  for (const line of lines) {
    if (RESERVED.includes(line.name)) src.error(line, `${shown(line.name)} is a built-in name and cannot be defined`);
    if (names.has(line.name)) src.error(line, `${line.name} is defined twice`);
    const allowed = line.kind === 'differential' ? ['unless refractory'] : line.kind === 'parameter' ? ['constant', 'shared'] : ['constant over dt'];
    for (const flag of line.flags) {
      if (!allowed.includes(flag)) src.error(line, `the flag (${flag}) is not supported here${allowed.length ? ` (supported: ${allowed.map((f) => `(${f})`).join(', ')})` : ''}`);
    }
    const dim = declaredDim(line, src);
    if (line.kind === 'differential') {
      names.set(line.name, { kind: 'state', index: states.length, dim });
      states.push({ name: line.name, dim, clamped: line.flags.includes('unless refractory') });
    } else if (line.kind === 'parameter') {
      if (line.flags.includes('shared')) src.error(line, `a (shared) parameter is given in params, not declared: remove the line ${line.name} and give its value with its unit`);
      if (line.name === INPUT_NAME) {
        input = dim;
        names.set(line.name, { kind: 'input', dim });
      } else {
        names.set(line.name, { kind: 'param', index: declaredParams.length, dim });
        declaredParams.push({ name: line.name, dim });
      }
    } else names.set(line.name, { kind: 'subexpression', line });
  }
  if (states.length === 0) src.error(lines[0]!, 'a neuron model needs at least one differential equation (dx/dt = ...)');

  // Shared parameters: every name of params that the equations do not declare.
  const shared: Record<string, number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (declaredParams.some((p) => p.name === name) || (name === 'bias' && input)) continue;
    if (names.has(name)) fail('E_PARAM', `${paramsPath}.${name}`, `${name} is a ${names.get(name)!.kind === 'state' ? 'state variable' : 'subexpression'} of the equations, not a parameter (set state variables in init)`);
    if (RESERVED.includes(name)) fail('E_PARAM', `${paramsPath}.${name}`, `${name} is a built-in name`);
    const q = sharedQuantity(`${paramsPath}.${name}`, value, `per-neuron values need a declaration '${name} : unit' in the equations`);
    names.set(name, { kind: 'shared', value: q.value, dim: q.dim });
    shared[name] = q.value;
  }

  const resolver = new Resolver(src, names, dt, size);
  const f = lines.filter((l) => l.kind === 'differential').map((line, k) => resolver.derivative(line, states[k]!.dim).node);
  // Subexpressions no equation uses are still checked.
  for (const line of lines) if (line.kind === 'subexpression') resolver.typed({ kind: 'name', name: line.name, line: line.line, column: line.column });
  for (const name of Object.keys(shared)) {
    if (!usedNames(lines, s).has(name)) fail('E_PARAM', `${paramsPath}.${name}`, `is not used by the equations, threshold, reset or refractory condition`);
  }

  const threshold = s.threshold === undefined ? null : condition(resolver, new SourceText(`${path}.threshold`, s.threshold));
  const reset = s.reset === undefined ? [] : parseStatements(new SourceText(`${path}.reset`, s.reset)).map((st) => {
    const bound = names.get(st.target);
    const resetSrc = new SourceText(`${path}.reset`, s.reset!);
    if (bound?.kind !== 'state') resetSrc.error(st, `a reset sets state variables (${states.map((v) => v.name).join(', ')}); ${shown(st.target)} is ${bound ? `a ${bound.kind}` : 'not one'}`);
    const target = resolver.typed({ kind: 'name', name: st.target, line: st.line, column: st.column }, resetSrc);
    return { index: (bound as { index: number }).index, value: resolver.statement(st, target, resetSrc) };
  });
  const refractory = refractoriness(path, s.refractory, resolver, dt);
  if (resolver.usesRefractoryFlag && !refractory) fail('E_EQUATION', path, 'not_refractory is used but no refractory period or condition is given');
  if (states.some((v) => v.clamped) && !refractory) fail('E_EQUATION', `${path}.equations`, '(unless refractory) needs a refractory period or condition');

  const integrated = integrate(method, { f, clamped: states.map((v) => v.clamped), dt });
  if (integrated instanceof MethodRefusal) {
    const line = lines.filter((l) => l.kind === 'differential')[integrated.variable]!;
    return src.error(line, `d${line.name}/dt: ${integrated.reason}`);
  }
  const step = shareSubtrees(integrated);
  return {
    spec: s, states, params: declaredParams, input, method, step, threshold, reset, refractory,
    usesLastspike: resolver.usesLastspike, shared,
  };
}

function condition(resolver: Resolver, src: SourceText) {
  const value = resolver.typed(parseExpression(src), src);
  if (!value.boolean) src.error({ line: 1, column: 1 }, `must be a condition such as 'v > vThresh' (got a value in ${showDim(value.dim)})`);
  return value.node;
}

function refractoriness(path: string, given: unknown, resolver: Resolver, dt: number): CheckedEquations['refractory'] {
  if (given === undefined) return null;
  if (typeof given === 'number') {
    if (!Number.isFinite(given) || given < 0) fail('E_PARAM', `${path}.refractory`, `must be a time >= 0 (got ${shown(given)})`);
    return { steps: Math.max(Math.round(given / dt) - 1, 0) };
  }
  if (typeof given !== 'string') return fail('E_PARAM', `${path}.refractory`, `must be a time ('5 ms') or a condition ('v > -40*mV') (got ${shown(given)})`);
  let time: number | undefined;
  try {
    const q = parseQuantity(`${path}.refractory`, given);
    if (!dimEqual(q.dim, [0, 0, 1, 0, 0, 0, 0])) fail('E_UNITS', `${path}.refractory`, `a refractory period is a time (got ${showDim(q.dim)})`);
    time = q.value;
  } catch (e) {
    if ((e as { code?: string }).code === 'E_UNITS' && /a refractory period/.test((e as Error).message)) throw e;
  }
  if (time !== undefined) {
    if (time < 0) fail('E_PARAM', `${path}.refractory`, `must be >= 0 (got ${shown(given)})`);
    return { steps: Math.max(Math.round(time / dt) - 1, 0) };
  }
  return { condition: condition(resolver, new SourceText(`${path}.refractory`, given)) };
}

/** Every name written anywhere in the model's texts. */
function usedNames(lines: EquationLine[], s: EquationSpec): Set<string> {
  const texts = [s.threshold, s.reset, typeof s.refractory === 'string' ? s.refractory : undefined];
  const words = new Set<string>();
  for (const text of texts) for (const m of (text ?? '').replace(/#.*/g, '').matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) words.add(m[0]);
  const collect = (e: import('./parse.js').Expr | null): void => {
    if (!e) return;
    if (e.kind === 'name') words.add(e.name);
    if (e.kind === 'unary') collect(e.arg);
    if (e.kind === 'binary') {
      collect(e.left);
      collect(e.right);
    }
    if (e.kind === 'call') e.args.forEach(collect);
  };
  lines.forEach((l) => collect(l.expr));
  return words;
}
