// A connectome as a network spikewasm runs: every neuron a passive membrane written as equations,
// joined by gap junctions (an electrical projection) and graded chemical synapses (graded
// projections, one per sign), each connection's conductance its count times a per-junction or
// per-synapse conductance, as c302 weights its connections by their number. Parameters are
// c302's (openworm/c302, parameters_C.py and parameters_C1.py; docs/connectome.md derives them).
import { fail, shown } from '../errors.js';
import type { MonitorDescription, NetworkDescription, PopulationDescription, ProjectionDescription, Quantity } from '../model/description.js';
import { checkKeys, checkNumber } from '../model/params.js';
import { isPlainObject } from '../model/plain-data.js';
import { MODEL_VERSION } from '../model/versions.js';
import { muscleNames, type Connectome } from './connectome.js';
import { DEFAULT_OTHER_TRANSMITTERS, DEFAULT_TRANSMITTER_SIGNS, transmitterSign, type OtherTransmitters, type Sign } from './transmitters.js';

export interface ConnectomeModelOptions {
  /** Conductance of one gap junction: siemens, or a quantity such as '0.1 nS'. */
  gGap?: Quantity;
  /** Conductance of one chemical synapse when fully active. */
  gSyn?: Quantity;
  /** A second population, `muscles`, driven by the neuromuscular synapses (default false). */
  muscles?: boolean;
  /** Signs by transmitter; entries replace the default mapping's entries of the same name. */
  transmitterSigns?: Record<string, Sign>;
  /** The sign of synapses whose transmitter the mapping does not name or the table does not give, or 'omit' to leave them out. */
  otherTransmitters?: OtherTransmitters;
  /** Time step: seconds or a quantity. */
  dt?: Quantity;
}

export const CONNECTOME_MODEL_DEFAULTS = {
  /** c302 C1: neuron_to_neuron_elec_syn_gbase. */
  gGap: '0.00052 nS',
  /** c302 C1: neuron_to_neuron_exc_syn_conductance (= inh, = neuron_to_muscle). */
  gSyn: '0.09 nS',
  muscles: false,
  transmitterSigns: DEFAULT_TRANSMITTER_SIGNS,
  otherTransmitters: DEFAULT_OTHER_TRANSMITTERS,
  /** c302's default time step; small enough for the explicit coupling of a neuron with hundreds of synapses. */
  dt: '0.01 ms',
} as const satisfies Required<ConnectomeModelOptions>;

/**
 * The membrane of c302's generic cells without their active channels (parameters_C.py, which
 * C1 keeps): 1 uF/cm2 and a leak of 0.005 mS/cm2 (neurons) or 5e-7 S/cm2 (muscles), reversing at
 * -50 mV, over a sphere of 5 um diameter (neurons: 78.54 um2) or a 5 um x 20 um cylinder
 * (muscles: 314.16 um2). Time constants: 200 ms and 2 s.
 */
export const NEURON_MEMBRANE = { C: '0.7854 pF', gL: '3.927 pS', EL: '-50 mV' } as const;
export const MUSCLE_MEMBRANE = { C: '3.142 pF', gL: '1.571 pS', EL: '-50 mV' } as const;

/** c302 C1's graded synapses (exc_syn_* and inh_syn_*); its rate k is not modelled: the synapse follows the presynaptic voltage at once. */
export const GRADED_SYNAPSES: Readonly<Record<Sign, { eRev: string; vTh: string; vSlope: string }>> = {
  excitatory: { eRev: '0 mV', vTh: '0 mV', vSlope: '5 mV' },
  inhibitory: { eRev: '-70 mV', vTh: '0 mV', vSlope: '5 mV' },
};

/** The passive membrane; the projections write Igap and Isyn, and I_input is the population's input (bias, current steps). */
export const MEMBRANE_EQUATIONS = [
  'dv/dt = (gL*(EL - v) + Igap + Isyn + I_input) / C : volt',
  'Igap : amp',
  'Isyn : amp',
  'I_input : amp',
].join('\n');

/** A model file: a network description with the free-text `description` that names the neurons by index. */
export type ConnectomeNetwork = NetworkDescription & { description: string };

/** How often the v monitor records (s): a passive network has no spikes to record. */
const RECORD_EVERY = 1e-3;

export function connectomeDescription(connectome: Connectome, options: ConnectomeModelOptions = {}): ConnectomeNetwork {
  const o = checkOptions(options);
  if (connectome.neurons.length === 0) fail('E_PARAM', 'connectome.neurons', 'is empty: a model needs at least one neuron');
  const neuron = indexer('connectome.neurons', connectome.neurons);
  const muscles = o.muscles ? muscleNames(connectome) : [];
  if (o.muscles && muscles.length === 0) fail('E_PARAM', 'options.muscles', 'the connectome has no neuromuscular synapses (for OpenWorm, read its muscle table too)');
  const muscle = indexer('connectome.muscles', muscles);
  const signOf = (transmitter: string | undefined) => transmitterSign('options.transmitterSigns', transmitter, o.transmitterSigns, o.otherTransmitters);

  const populations = [membrane('neurons', connectome.neurons.length, NEURON_MEMBRANE)];
  const projections: ProjectionDescription[] = [];
  const neurons = { population: 'neurons' };
  if (connectome.electrical.length > 0) {
    projections.push({
      name: 'gap_junctions', pre: neurons, post: neurons, electrical: { current: 'Igap' },
      rule: listRule(connectome.electrical.map((p) => [neuron(p.a), neuron(p.b), p.junctions * o.gGap])),
    });
  }
  const graded = (name: string, post: { population: string }, sign: Sign, list: [number, number, number][]) => {
    if (list.length > 0) projections.push({ name: `${name}_${sign}`, pre: neurons, post, graded: { current: 'Isyn', ...GRADED_SYNAPSES[sign] }, rule: listRule(list) });
  };
  for (const sign of ['excitatory', 'inhibitory'] as const) {
    graded('chemical', neurons, sign, connectome.chemical.filter((c) => signOf(c.transmitter) === sign).map((c) => [neuron(c.pre), neuron(c.post), c.synapses * o.gSyn]));
  }
  if (o.muscles) {
    populations.push(membrane('muscles', muscles.length, MUSCLE_MEMBRANE));
    for (const sign of ['excitatory', 'inhibitory'] as const) {
      graded('neuromuscular', { population: 'muscles' }, sign, connectome.muscles.filter((c) => signOf(c.transmitter) === sign).map((c) => [neuron(c.neuron), muscle(c.muscle), c.synapses * o.gSyn]));
    }
  }
  const everySteps = Math.max(1, Math.round(RECORD_EVERY / o.dt));
  const monitors: MonitorDescription[] = populations.map((p) => ({ type: 'state', name: `${p.name}_v`, population: p.name!, variables: ['v'], everySteps }));
  return {
    format: 'spikewasm-model',
    version: MODEL_VERSION,
    description: [
      `C. elegans connectome from ${connectome.source}: passive neurons joined by gap junctions and graded chemical synapses (spikewasm docs/connectome.md).`,
      `Population 'neurons', by index: ${connectome.neurons.join(' ')}.`,
      ...(o.muscles ? [`Population 'muscles', by index: ${muscles.join(' ')}.`] : []),
    ].join(' '),
    dt: o.dt,
    populations,
    projections,
    monitors,
  };
}

function membrane(name: string, size: number, params: Readonly<Record<'C' | 'gL' | 'EL', string>>): PopulationDescription {
  // Starting at rest: a population that starts at 0 V would spend its first second relaxing.
  return { name, size, model: { equations: MEMBRANE_EQUATIONS, method: 'exact' }, params: { ...params }, init: { v: params.EL } };
}

/** Connections given as [pre index, post index, conductance in siemens]. */
function listRule(list: [number, number, number][]): ProjectionDescription['rule'] {
  return { type: 'list', pre: list.map((c) => c[0]), post: list.map((c) => c[1]), weight: list.map((c) => c[2]) };
}

/** The index of each name; a connection naming a cell the connectome does not list is an error. */
function indexer(path: string, names: readonly string[]): (name: string) => number {
  const index = new Map(names.map((n, i) => [n, i]));
  return (name) => index.get(name) ?? fail('E_PARAM', path, `does not list ${shown(name)}, which a connection names`);
}

interface CheckedOptions {
  gGap: number;
  gSyn: number;
  muscles: boolean;
  transmitterSigns: Readonly<Record<string, Sign>>;
  otherTransmitters: OtherTransmitters;
  dt: number;
}

function checkOptions(options: unknown): CheckedOptions {
  if (!isPlainObject(options)) fail('E_PARAM', 'options', `must be an object (got ${shown(options)})`);
  checkKeys('options', options, Object.keys(CONNECTOME_MODEL_DEFAULTS));
  // An option given as undefined takes its default, as one left out does.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const o = { ...CONNECTOME_MODEL_DEFAULTS, ...given } as Record<keyof CheckedOptions, unknown>;
  if (typeof o.muscles !== 'boolean') fail('E_PARAM', 'options.muscles', `must be true or false (got ${shown(o.muscles)})`);
  const signs = ['excitatory', 'inhibitory'];
  if (!isPlainObject(o.transmitterSigns)) fail('E_PARAM', 'options.transmitterSigns', `must map transmitters to 'excitatory' or 'inhibitory' (got ${shown(o.transmitterSigns)})`);
  for (const [transmitter, sign] of Object.entries(o.transmitterSigns)) {
    if (!signs.includes(sign as string)) fail('E_PARAM', `options.transmitterSigns.${transmitter}`, `must be 'excitatory' or 'inhibitory' (got ${shown(sign)})`);
  }
  if (![...signs, 'omit'].includes(o.otherTransmitters as string)) fail('E_PARAM', 'options.otherTransmitters', `must be 'excitatory', 'inhibitory' or 'omit' (got ${shown(o.otherTransmitters)})`);
  return {
    gGap: checkNumber('options.gGap', o.gGap, 'nonnegative', 'S'),
    gSyn: checkNumber('options.gSyn', o.gSyn, 'nonnegative', 'S'),
    muscles: o.muscles,
    transmitterSigns: { ...DEFAULT_TRANSMITTER_SIGNS, ...(o.transmitterSigns as Record<string, Sign>) },
    otherTransmitters: o.otherTransmitters as OtherTransmitters,
    dt: checkNumber('options.dt', o.dt, 'positive', 's'),
  };
}
