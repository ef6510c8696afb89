// Projections that couple instead of carrying spikes (docs/couplings.md): electrical synapses
// (gap junctions) and graded chemical synapses. Checked here against their populations; the
// kernel's assembly/synapses/couplings.ts runs them through the projection's synapses.
import * as abi from '../../assembly/abi.js';
import { fail, shown } from '../errors.js';
import { stateDim } from '../equations/synapse-model.js';
import { dimEqual, dimTimes, showDim, unitText, type Dim } from '../equations/units.js';
import type { ElectricalDescription, GradedDescription, ProjectionDescription } from './description.js';
import { checkKeys, checkNumber } from './params.js';
import { isPlainObject } from './plain-data.js';
import type { PlannedPopulation } from './plan-population.js';

/** What the image's coupling record holds (abi CP_*). */
export interface Coupling {
  kind: typeof abi.COUPLING_ELECTRICAL | typeof abi.COUPLING_GRADED;
  /** P_PARAMS slot of the receiving population's current. */
  current: number;
  /** State slots of the membrane potential in the pre and post populations. */
  voltagePre: number;
  voltagePost: number;
  /** Graded synapses' sigmoid and reversal potential (0 for electrical). */
  eRev: number;
  vTh: number;
  invSlope: number;
}

/** The keys a coupling projection takes: no receptor, synapse, delay, plasticity or stp, which act on spikes. */
const COUPLING_PROJECTION_KEYS = ['name', 'pre', 'post', 'rule', 'weight', 'electrical', 'graded'];

/** A population's f32 state variable `name`, with its slot and dimension. */
function voltageOf(path: string, pop: PlannedPopulation, name: string): { slot: number; dim: Dim } {
  const slot = pop.model.stateVars.findIndex((v) => v.name === name && v.type === 'f32');
  if (slot < 0) {
    const names = pop.model.stateVars.filter((v) => v.type === 'f32').map((v) => v.name);
    fail('E_MODEL', path, `population '${pop.name}' has no state variable ${shown(name)} to read as its membrane potential (has: ${names.join(', ') || 'none'})`);
  }
  return { slot, dim: stateDim(pop.model.stateVars[slot]!.unit) };
}

/**
 * Checks a projection's `electrical` or `graded` against its populations (`samePopulation`: pre
 * and post are slices of one population); returns the coupling and the unit of its weights
 * (the conductances: the current's unit per volt of the membrane potential).
 */
export function planCoupling(path: string, desc: ProjectionDescription, source: PlannedPopulation, target: PlannedPopulation, samePopulation: boolean): { coupling: Coupling; weightUnit: string } {
  if (desc.electrical !== undefined && desc.graded !== undefined) fail('E_PARAM', `${path}.graded`, 'a projection is electrical or graded, not both');
  const electrical = desc.electrical !== undefined;
  const key = electrical ? 'electrical' : 'graded';
  for (const spiking of ['receptor', 'synapse', 'init', 'delay', 'plasticity', 'stp'] as const) {
    if (desc[spiking] !== undefined) fail('E_PARAM', `${path}.${spiking}`, `${electrical ? 'an electrical' : 'a graded'} projection acts every step, not through spikes: it takes no ${spiking}`);
  }
  checkKeys(path, desc, COUPLING_PROJECTION_KEYS);
  const spec: unknown = electrical ? desc.electrical : desc.graded;
  if (!isPlainObject(spec)) fail('E_PARAM', `${path}.${key}`, `must be an object such as { current: 'Igap' } (got ${shown(spec)})`);
  checkKeys(`${path}.${key}`, spec, electrical ? ['current', 'voltage'] : ['current', 'voltage', 'eRev', 'vTh', 'vSlope']);
  const s = spec as unknown as ElectricalDescription & Partial<GradedDescription>;
  if (electrical && !samePopulation) fail('E_MODEL', `${path}.post`, 'an electrical synapse joins neurons of one population: pre and post must be slices of the same population');
  const equations = target.model.equations;
  if (!equations) fail('E_MODEL', `${path}.post`, `${target.model.name} population '${target.name}' has no parameter to take a coupling current: write its model as equations with a per-neuron parameter such as 'Igap : amp' read in its equations (docs/couplings.md)`);
  if (typeof s.current !== 'string') fail('E_PARAM', `${path}.${key}.current`, `must name a per-neuron parameter of population '${target.name}' (got ${shown(s.current)})`);
  const current = equations.params.findIndex((q) => q.name === s.current);
  if (current < 0) fail('E_MODEL', `${path}.${key}.current`, `population '${target.name}' declares no per-neuron parameter ${shown(s.current)} (declares: ${equations.params.map((q) => q.name).join(', ') || 'none'}); add '${s.current} : amp' to its equations`);
  const voltage = s.voltage ?? 'v';
  if (typeof voltage !== 'string') fail('E_PARAM', `${path}.${key}.voltage`, `must name a state variable (got ${shown(voltage)})`);
  const post = voltageOf(`${path}.${key}.voltage`, target, voltage);
  const pre = voltageOf(`${path}.${key}.voltage`, source, voltage);
  if (!dimEqual(pre.dim, post.dim)) fail('E_UNITS', `${path}.${key}.voltage`, `${voltage} is in ${showDim(pre.dim)} in '${source.name}' but in ${showDim(post.dim)} in '${target.name}'`);
  const volts = unitText(post.dim);
  const weightUnit = unitText(dimTimes(equations.params[current]!.dim, post.dim, -1));
  const coupling: Coupling = { kind: abi.COUPLING_ELECTRICAL, current, voltagePre: pre.slot, voltagePost: post.slot, eRev: 0, vTh: 0, invSlope: 0 };
  if (!electrical) {
    coupling.kind = abi.COUPLING_GRADED;
    coupling.eRev = checkNumber(`${path}.graded.eRev`, s.eRev, 'any', volts);
    coupling.vTh = checkNumber(`${path}.graded.vTh`, s.vTh, 'any', volts);
    coupling.invSlope = 1 / checkNumber(`${path}.graded.vSlope`, s.vSlope, 'positive', volts);
  }
  return { coupling, weightUnit };
}
