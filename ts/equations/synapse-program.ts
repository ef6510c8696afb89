// One projection's synapse model as both backends run it: the checked model and where its
// variables lie. The kernel (assembly/plasticity/synapse-program.ts) calls the model's three
// programs with (base, proj, who, first, last, target, step):
//   step:   every step, first (KF_SYNAPSE_STEP): each summed variable of each post neuron of the
//           projection's slice is set to the sum of its value over the neuron's synapses
//           (reverse-index order, in f64); then every synapse's clock-driven variables advance
//           one step from t = step dt (CSR order), the other variables held;
//   onPost: who = the postsynaptic neuron, entries first..last - 1 of the reverse index, its
//           spike reaching them at `step`;
//   onPre:  who = the presynaptic row, synapses first..last - 1 (CSR order), arriving at `step`;
//           `target` is the address of the ring slot their deliveries land in.
// At an event, for each synapse in order: its event-driven variables are brought to `step`
// (the fade tables of the plasticity block) and its last-event step set; the statements run in
// order, each seeing the ones before, in f64; deliveries add their value (rounded to f32) to the
// post neuron's cell of `target`; the variables the statements set and the event-driven ones
// are stored, rounded to f32. Everything is computed in f64 and stored in f32.
import * as abi from '../../assembly/abi.js';
import { programOf, type EquationProgram } from './program.js';
import type { CheckedSynapse } from './synapse-model.js';

/** The three programs of a synapse model, in their order among the programs. */
export const SYNAPSE_EVENTS = ['pre', 'post', 'step'] as const;
export type SynapseEvent = (typeof SYNAPSE_EVENTS)[number];

export interface SynapseProgram {
  syn: CheckedSynapse;
  projection: number;
  dt: number;
  /** Population indices of the two sides and their per-neuron arrays' length. */
  prePopulation: number;
  postPopulation: number;
  /** The post neurons of the projection (a slice of its population): those its summed variables set. */
  postStart: number;
  postStop: number;
  preNPad: number;
  postNPad: number;
  /** The fade tables' limits (steps), by table. */
  fadeLimits: number[];
  /** Where each variable is kept: -1 for the weights (J_W), else its array among the program's (K_SYN_TRACES). */
  slots: number[];
  /** Entries per variable array: the synapses, padded to 4. */
  synPad: number;
}

/** Which variables a program keeps in arrays of its own (all but w), by variable. */
export function variableSlots(syn: CheckedSynapse): number[] {
  let next = 0;
  return syn.variables.map((_, k) => (k === syn.weight ? -1 : next++));
}

/** The variables a list of statements sets. */
export function setVariables(statements: CheckedSynapse['onPre']): Set<number> {
  return new Set(statements.flatMap((s) => ('variable' in s ? [s.variable] : [])));
}

/** What the kernel's program numbers stand for: equation populations' updates, then synapse models (three programs each). */
export type GeneratedProgram = EquationProgram | SynapseProgram;

/** What synapseProgramOf reads of a built projection. */
interface ProjectionWithModel {
  index: number;
  pre: { population: number };
  post: { population: number; start: number; stop: number };
  synapses: number;
  plasticity: { fades: { limit: number }[] } | null;
  synapseModel: { syn: CheckedSynapse } | null;
}

/** A built projection's synapse program (its populations' sizes give their arrays' lengths). */
export function synapseProgramOf(proj: ProjectionWithModel, sizes: readonly number[], dt: number): SynapseProgram {
  const syn = proj.synapseModel!.syn;
  const pad = (n: number) => Math.ceil(n / abi.LANES) * abi.LANES;
  return {
    syn, projection: proj.index, dt,
    prePopulation: proj.pre.population, postPopulation: proj.post.population,
    postStart: proj.post.start, postStop: proj.post.stop,
    preNPad: pad(sizes[proj.pre.population]!), postNPad: pad(sizes[proj.post.population]!),
    fadeLimits: proj.plasticity!.fades.map((t) => t.limit),
    slots: variableSlots(syn),
    synPad: pad(proj.synapses),
  };
}

/** What was written as equations in a built network, in program order: equation populations' updates, then synapse models. */
export function generatedPrograms(net: {
  dt: number;
  populations: Parameters<typeof programOf>[0][];
  projections: ProjectionWithModel[];
}): GeneratedProgram[] {
  const sizes = net.populations.map((p) => p.size);
  return [
    ...net.populations.filter((p) => p.model.equations).map((p) => programOf(p, net.dt)),
    ...net.projections.filter((j) => j.synapseModel).map((j) => synapseProgramOf(j, sizes, net.dt)),
  ];
}
