// A spikewasm network as a NIR graph (the layout nir.write produces), for what NIR can say:
// spike sources as Input nodes, populations in the form the NIR import writes (LIF, CubaLIF,
// IF, LI, CubaLI, I, with a Threshold) as those nodes, each projection as a Linear or Affine
// node with a Delay node where its delays differ by source or by target neuron. Importing the
// file with the conventions it reports gives the same network. Everything else is refused
// naming the population or projection.
import { fail, shown } from '../errors.js';
import type { SynapseList } from '../model/build-projections.js';
import type { NetworkDescription, PopulationDescription, ProjectionDescription } from '../model/description.js';
import type { NirConventions } from './conventions.js';
import { nodeFields, type NirNode } from './graph.js';
import type { NirArray } from './hdf5.js';
import type { H5Dataset, H5Group } from '../io/hdf5-writer.js';
import { NEURON_TYPES, nirNeurons, THRESHOLDED_TYPES, type NirNeurons } from './neurons.js';

/** The NIR version whose layout is written (nir.write of NIR 1.0: every array a dataset). */
export const NIR_VERSION = '1.0.0';

export interface NirExport {
  readonly graph: H5Group;
  /** What importing the file needs to give this network back: dt, spike, reset, resetLatency. */
  readonly conventions: NirConventions;
}

interface Recognized {
  type: string;
  neurons: NirNeurons;
  params: Record<string, Float64Array>;
  bias: Float64Array | null;
  threshold: Float64Array | null;
}

/**
 * `desc`: the network's description; `tables`: each projection's synapses as built.
 * `outputs`: the populations that become Output nodes (default: those no projection leaves).
 */
export function exportNIR(desc: NetworkDescription, tables: readonly SynapseList[], outputs?: readonly string[]): NirExport {
  refuseTopLevel(desc);
  const dt = desc.dt;
  const names = desc.populations.map((p, k) => p.name ?? `population${k}`);
  names.forEach((n, k) => checkName(n, `populations[${k}].name`));
  const nodes = new Map<string, H5Group | H5Dataset>();
  const edges: [string, string][] = [];
  // Populations and projections keep their names; the nodes the export adds take free ones.
  const taken = new Set([...names, ...(desc.projections ?? []).map((j, k) => j.name ?? `projection${k}`)]);
  const fresh = (base: string): string => {
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    return name;
  };
  const thresholdNode = new Map<string, string>();
  const recognized = new Map<string, Recognized>();
  // The conventions under which the import gives back every population: those each allows, in common.
  let allowed = CONVENTIONS.map((c) => ({ dt, ...c }) as NirConventions);
  desc.populations.forEach((p, k) => {
    const path = `populations[${k}]`;
    const name = names[k]!;
    if (p.model === 'spike_source') {
      nodes.set(name, group({ type: text('Input'), shape: ints([p.size]) }));
      return;
    }
    if (typeof p.model === 'string') fail('E_MODEL', `${path}.model`, `${shown(p.model)} has no NIR node: export populations written in the form the NIR import writes (nirPopulation) or spike sources`);
    const found = recognize(p, path, allowed);
    allowed = found.conventions;
    recognized.set(name, found);
    const params = Object.fromEntries(Object.entries(found.params).map(([key, v]) => [key, floats([p.size], v)]));
    nodes.set(name, group({ type: text(found.type), ...params }));
    if (found.threshold !== null) {
      const t = fresh(`${name}_threshold`);
      thresholdNode.set(name, t);
      nodes.set(t, group({ type: text('Threshold'), threshold: floats([p.size], found.threshold) }));
      edges.push([name, t]);
    }
  });
  if (recognized.size === 0) fail('E_MODEL', 'populations', 'holds no population NIR can express (only spike sources)');
  const c = allowed[0]!;
  const biasPlaced = new Set<string>();
  (desc.projections ?? []).forEach((j, k) => {
    const path = `projections[${k}]${j.name ? ` (${shown(j.name)})` : ''}`;
    const { source, target } = ends(j, names, path);
    const into = recognized.get(target) ?? fail('E_MODEL', path, `ends in ${shown(target)}, a spike source`);
    const from = desc.populations[names.indexOf(source)]!;
    if (from.model !== 'spike_source' && !recognized.get(source)!.neurons.spiking) fail('E_MODEL', path, `starts in ${shown(source)}, which does not spike`);
    const expected = `${into.neurons.onPre} += w`;
    if (j.synapse === undefined || 'model' in j.synapse || j.synapse.onPre?.trim() !== expected) {
      fail('E_MODEL', `${path}.synapse`, `must be { onPre: ${shown(expected)} }, how spikes enter ${shown(target)} in NIR's form`);
    }
    const table = tables[k]!;
    const linear = j.name === undefined ? fresh(`${source}->${target}`) : checkName(j.name, `${path}.name`);
    if (names.includes(linear) || nodes.has(linear)) fail('E_PARAM', `${path}.name`, `${shown(linear)} also names a population or another projection: NIR nodes need one name each`);
    // A population read by a Threshold sends its spikes from the Threshold node.
    const sends = thresholdNode.get(source) ?? source;
    const bias = into.bias !== null && !biasPlaced.has(target) ? into.bias : null;
    if (bias !== null) biasPlaced.add(target);
    const { weight, delay } = matrix(table, from.size, desc.populations[names.indexOf(target)]!.size, into.neurons.inputFactor, dt, path);
    nodes.set(linear, group(bias === null ? { type: text('Linear'), weight } : { type: text('Affine'), weight, bias: floats([bias.length], bias) }));
    if (delay === null) edges.push([sends, linear], [linear, target]);
    else {
      const wait = fresh(`${linear}_delay`);
      nodes.set(wait, group({ type: text('Delay'), delay: floats([delay.values.length], delay.values.map((d) => d * dt)) }));
      if (delay.by === 'source') edges.push([sends, wait], [wait, linear], [linear, target]);
      else edges.push([sends, linear], [linear, wait], [wait, target]);
    }
  });
  for (const [name, r] of recognized) if (r.bias !== null && !biasPlaced.has(name)) fail('E_MODEL', `populations[${names.indexOf(name)}].params.i_bias`, 'a constant input needs a projection into the population to carry it (NIR holds biases in Affine nodes)');
  const sinks = outputs ?? names.filter((n) => !(desc.projections ?? []).some((j) => ends(j, names, '').source === n));
  if (sinks.length === 0) fail('E_MODEL', 'outputs', 'every population sends to another: name the outputs');
  for (const s of sinks) {
    if (!names.includes(s)) fail('E_PARAM', 'outputs', `${shown(s)} is not a population`);
    const out = fresh(sinks.length === 1 ? 'output' : `output_${s}`);
    nodes.set(out, group({ type: text('Output'), shape: ints([desc.populations[names.indexOf(s)]!.size]) }));
    edges.push([thresholdNode.get(s) ?? s, out]);
  }
  const graph = group({ type: text('NIRGraph'), nodes: new Map(nodes), edges: { dtype: 'string', shape: [edges.length, 2], values: edges.flat() } });
  return { graph: group({ version: text(NIR_VERSION), node: graph }), conventions: c };
}

/** What a projection may carry that NIR has no node for. */
const UNSAYABLE = [['plasticity', 'plasticity'], ['stp', 'short-term plasticity'], ['electrical', 'gap junctions'], ['graded', 'graded synapses']] as const;

function refuseTopLevel(desc: NetworkDescription): void {
  if ((desc.modulators ?? []).length > 0) fail('E_MODEL', 'modulators', 'NIR has no modulators');
  if ((desc.inputs ?? []).length > 0) fail('E_MODEL', 'inputs', 'NIR has no current steps: drive the network from a spike source');
  if ((desc.poissonInputs ?? []).length > 0) fail('E_MODEL', 'poissonInputs', 'NIR has no Poisson inputs (nor random sources): drive the network from a spike source');
  (desc.projections ?? []).forEach((j, k) => {
    for (const [key, what] of UNSAYABLE) if (j[key] !== undefined) fail('E_MODEL', `projections[${k}].${key}`, `NIR has no ${what}`);
  });
}

/**
 * The population as the NIR node the import would have made it from, and which of `allowed`
 * conventions make it so (an error if none does).
 */
function recognize(p: PopulationDescription, path: string, allowed: NirConventions[]): Recognized & { conventions: NirConventions[] } {
  const model = p.model as Exclude<PopulationDescription['model'], string>;
  if (p.init !== undefined || p.dendrites !== undefined || model.refractory !== undefined) fail('E_MODEL', path, `${p.init !== undefined ? 'initial values' : p.dendrites !== undefined ? 'dendrites' : 'a refractory period'} cannot be said in NIR (its neurons start at 0)`);
  const params = p.params ?? {};
  const values = (key: string): Float64Array | null => {
    const v = params[key];
    if (v === undefined) return null;
    if (Array.isArray(v)) return Float64Array.from(v as number[]);
    return new Float64Array(p.size).fill(typeof v === 'string' ? Number.parseFloat(v) : (v as number));
  };
  for (const type of NEURON_TYPES) {
    // A parameter the equations do not use (r or w_in without an input term) is 1: the weights hold it.
    const nir: Record<string, Float64Array> = {};
    const fields = nodeFields(type)!;
    for (const key of [...fields.required, ...fields.optional]) {
      const v = values(key) ?? (key === 'r' || key === 'w_in' ? new Float64Array(p.size).fill(1) : key === 'v_reset' ? null : new Float64Array(p.size));
      if (v !== null) nir[key] = v;
    }
    const bias = values('i_bias');
    const threshold = THRESHOLDED_TYPES.includes(type) ? values('theta') : null;
    const node: NirNode = { name: p.name ?? '', type, path, params: Object.fromEntries(Object.entries(nir).map(([k, v]) => [k, { shape: [p.size], values: Array.from(v) } as NirArray])) };
    let neurons: NirNeurons | undefined;
    const conventions = allowed.filter((c) => {
      try {
        const made = nirNeurons(node, p.name ?? '', c, bias, threshold);
        if (JSON.stringify(made.population.model) !== JSON.stringify(model) || JSON.stringify(made.population.params ?? {}) !== JSON.stringify(params)) return false;
        neurons ??= made;
        return true;
      } catch {
        return false;
      }
    });
    if (neurons !== undefined) return { type, neurons, params: nir, bias, threshold, conventions };
  }
  return fail('E_MODEL', `${path}.model`, `is not one of the forms the NIR import writes (LIF, CubaLIF, IF, LI, CubaLI, I; nirPopulation builds them)${allowed.length < CONVENTIONS.length ? ' under the conventions of the populations before it' : ''}: NIR cannot say it`);
}

const CONVENTIONS: Omit<NirConventions, 'dt'>[] = (['held', 'dirac'] as const).flatMap((spike) =>
  (['zero', 'subtract'] as const).flatMap((reset) => ([0, 1] as const).map((resetLatency) => ({ spike, reset, resetLatency }))),
);

/** The dense (target, source) weight matrix, as NIR weighs inputs, and the delays beyond one step as a Delay node's. */
function matrix(t: SynapseList, nPre: number, nPost: number, factor: Float64Array, dt: number, path: string): { weight: H5Dataset; delay: { by: 'source' | 'target'; values: number[] } | null } {
  const w = new Float64Array(nPost * nPre);
  const extra = Array.from(t.delay, (d) => Math.round(d / dt) - 1);
  const bySource = new Array<number | undefined>(nPre);
  const byTarget = new Array<number | undefined>(nPost);
  let sourceOk = true;
  let targetOk = true;
  for (let s = 0; s < t.pre.length; s++) {
    const i = t.pre[s]!;
    const j = t.post[s]!;
    w[j * nPre + i]! += t.weight[s]! / factor[j]!;
    sourceOk &&= (bySource[i] ??= extra[s]!) === extra[s];
    targetOk &&= (byTarget[j] ??= extra[s]!) === extra[s];
  }
  const weight: H5Dataset = { dtype: 'f64', shape: [nPost, nPre], values: w };
  if (extra.every((d) => d === 0)) return { weight, delay: null };
  if (sourceOk) return { weight, delay: { by: 'source', values: Array.from(bySource, (d) => d ?? 0) } };
  if (targetOk) return { weight, delay: { by: 'target', values: Array.from(byTarget, (d) => d ?? 0) } };
  return fail('E_MODEL', `${path}.delay`, "its delays differ within a source's synapses and within a target's: NIR's Delay node delays whole signals");
}

function ends(j: ProjectionDescription, names: string[], path: string): { source: string; target: string } {
  const side = (s: ProjectionDescription['pre'], key: string): string => {
    if ((s as { start?: number }).start !== undefined || (s as { stop?: number }).stop !== undefined || (s as { neurons?: number[] }).neurons !== undefined) fail('E_MODEL', `${path}.${key}`, 'a slice of a population: NIR edges join whole nodes');
    const ref = (s as { population: string | number }).population;
    return typeof ref === 'number' ? names[ref]! : ref;
  };
  return { source: side(j.pre, 'pre'), target: side(j.post, 'post') };
}

function checkName(name: string, path: string): string {
  if (name === '' || name.includes('/') || name.includes('\0') || name === '.') fail('E_PARAM', path, `${shown(name)} cannot name a node of an HDF5 file (no '/' or NUL, not empty)`);
  return name;
}

const text = (s: string): H5Dataset => ({ dtype: 'string', shape: [], values: [s] });
const ints = (v: number[]): H5Dataset => ({ dtype: 'i64', shape: [v.length], values: v });
const floats = (shape: number[], v: ArrayLike<number>): H5Dataset => ({ dtype: 'f64', shape, values: v });
const group = (entries: Record<string, H5Group | H5Dataset>): H5Group => new Map(Object.entries(entries));
