// NIR's neuron nodes as populations written as equations, integrated by forward Euler at the
// conventions' dt, as the exporters' own simulators integrate them (docs/nir.md). Parameters
// the same for every neuron are shared, the others per neuron; the state starts at 0.
import { fail } from '../errors.js';
import type { EquationModelDescription, PopulationDescription } from '../model/description.js';
import type { NirConventions } from './conventions.js';
import type { NirNode } from './graph.js';

export const NEURON_TYPES = ['LIF', 'CubaLIF', 'IF', 'LI', 'CubaLI', 'I'];
const SPIKING = ['LIF', 'CubaLIF', 'IF'];
/** The neuron nodes without spikes of their own: a Threshold node reading their v makes them spike. */
export const THRESHOLDED_TYPES = ['LI', 'CubaLI', 'I'];

export interface NirNeurons {
  readonly shape: readonly number[];
  /** Spikes (LIF, CubaLIF, IF, or a leaky or plain integrator read by a Threshold node). */
  readonly spiking: boolean;
  readonly population: PopulationDescription;
  /** The state variable arriving spikes add to, and the factor per neuron that turns an input of 1 into that jump. */
  readonly onPre: string;
  readonly inputFactor: Float64Array;
}

/**
 * A neuron node as a population. `bias`: the constant input the Affine and convolution nodes
 * before it add (or null); `threshold`: the values of a Threshold node that reads this node's v.
 */
export function nirNeurons(node: NirNode, name: string, c: NirConventions, bias: Float64Array | null, threshold: Float64Array | null): NirNeurons {
  const { shape, n } = nodeShape(node);
  const value = (key: string, fallback?: number): Float64Array => {
    const a = node.params[key];
    if (a === undefined) return new Float64Array(n).fill(fallback ?? fail('E_FORMAT', `${node.path}/${key}`, 'is missing'));
    const v = a.values as readonly number[];
    return v.length === 1 ? new Float64Array(n).fill(v[0]!) : Float64Array.from(v);
  };
  const declared: string[] = [];
  const params: Record<string, unknown> = {};
  /** A parameter by name: shared when every neuron has the same value, else one value each. */
  const param = (key: string, values: Float64Array, unit: '1' | 'second' | 'hertz', path: string): string => {
    if ((unit !== '1') && values.some((x) => !(x > 0))) fail('E_PARAM', path, `must be > 0 for every neuron`);
    if (values.every((x) => x === values[0])) params[key] = unit === '1' ? values[0] : `${values[0]} ${unit === 'second' ? 's' : 'Hz'}`;
    else {
      declared.push(`${key} : ${unit}`);
      params[key] = Array.from(values);
    }
    return key;
  };
  const type = node.type;
  const held = c.spike === 'held';
  if (bias !== null) param('i_bias', bias, '1', `${node.path} (bias of the nodes before it)`);
  const drive = [held ? 'i_in' : null, bias !== null ? 'i_bias' : null].filter((x) => x !== null);
  const input = drive.length === 0 ? null : drive.length === 1 ? drive[0]! : `(${drive.join(' + ')})`;
  const r = value('r');
  const equations: string[] = [];
  let tau: Float64Array | null = null;
  let inputFactor: Float64Array;
  let onPre = 'v';
  if (type === 'LIF' || type === 'LI') {
    tau = value('tau');
    param('tau', tau, 'second', `${node.path}/tau`);
    if (input !== null) param('r', r, '1', `${node.path}/r`);
    param('v_leak', value('v_leak'), '1', `${node.path}/v_leak`);
    equations.push(`dv/dt = (v_leak - v${input === null ? '' : ` + r*${input}`}) / tau : 1`);
    inputFactor = r.map((x, i) => x / tau![i]!);
  } else if (type === 'CubaLIF' || type === 'CubaLI') {
    tau = value('tau_mem');
    const tauSyn = value('tau_syn');
    const wIn = value('w_in', 1);
    param('tau_mem', tau, 'second', `${node.path}/tau_mem`);
    param('tau_syn', tauSyn, 'second', `${node.path}/tau_syn`);
    param('r', r, '1', `${node.path}/r`);
    if (input !== null) param('w_in', wIn, '1', `${node.path}/w_in`);
    param('v_leak', value('v_leak'), '1', `${node.path}/v_leak`);
    equations.push(`disyn/dt = (${input === null ? '' : `w_in*${input} `}- isyn) / tau_syn : 1`);
    equations.push('dv/dt = (v_leak - v + r*isyn) / tau_mem : 1');
    inputFactor = wIn.map((x, i) => x / tauSyn[i]!);
    onPre = 'isyn';
  } else {
    // IF and I: dv/dt = r·I, so r is a rate.
    if (input !== null) param('r', r, 'hertz', `${node.path}/r`);
    equations.push(`dv/dt = ${input === null ? '0' : `r*${input}`} : 1`);
    inputFactor = r;
  }
  if (held) {
    // The input of one step, held over the next: forward Euler clears it in one step exactly.
    equations.push('di_in/dt = -i_in / dt : 1');
    inputFactor = new Float64Array(n).fill(1);
    onPre = 'i_in';
  }
  const model: EquationModelDescription = { equations: [...equations, ...declared].join('\n'), method: 'euler' };
  const spiking = SPIKING.includes(type) || threshold !== null;
  if (SPIKING.includes(type)) {
    param('v_threshold', value('v_threshold'), '1', `${node.path}/v_threshold`);
    model.threshold = 'v > v_threshold';
    model.reset = resetStatement(node, c, tau, param, value);
  } else if (threshold !== null) {
    param('theta', threshold, '1', `${node.path} (the Threshold node reading it)`);
    model.threshold = 'v > theta';
  }
  return { shape, spiking, population: { name, size: n, model, params } as PopulationDescription, onPre, inputFactor };
}

function resetStatement(node: NirNode, c: NirConventions, tau: Float64Array | null, param: (k: string, v: Float64Array, u: '1', p: string) => string, value: (k: string, f?: number) => Float64Array): string {
  if (c.reset === 'zero') {
    const vReset = value('v_reset', 0);
    return vReset.every((x) => x === 0) ? 'v = 0' : `v = ${param('v_reset', vReset, '1', `${node.path}/v_reset`)}`;
  }
  // A reset one step late subtracts the threshold after that step's decay (1 - dt/tau): the
  // same as subtracting threshold / (1 - dt/tau) now. An IF does not decay.
  if (c.resetLatency === 0 || tau === null) return 'v -= v_threshold';
  const tauName = node.type === 'LIF' ? 'tau' : 'tau_mem';
  if (tau.some((t) => c.dt >= t)) fail('E_PARAM', `${node.path}/${tauName}`, `a time constant ≤ dt (${c.dt} s) has no one-step decay to defer the reset through`);
  return `v -= v_threshold / (1 - dt/${tauName})`;
}

/** The node's shape: its parameters' (each has one value per neuron, or one for all). */
export function nodeShape(node: NirNode): { shape: readonly number[]; n: number } {
  let shape: readonly number[] = [1];
  for (const a of Object.values(node.params)) if (a.values.length > shape.reduce((x, y) => x * y, 1)) shape = a.shape;
  const n = shape.reduce((x, y) => x * y, 1);
  for (const [key, a] of Object.entries(node.params)) {
    if (a.values.length !== 1 && a.values.length !== n) fail('E_FORMAT', `${node.path}/${key}`, `has ${a.values.length} values where the node has ${n} neurons`);
  }
  return { shape, n };
}
