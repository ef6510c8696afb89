// A population in the form the NIR import writes, built by hand: what a network needs to be
// exported to NIR (docs/nir.md#export), with NIR's parameter names and conventions.
import { fail, shown } from '../errors.js';
import type { PopulationDescription } from '../model/description.js';
import { checkImportOptions, nirConventions } from './conventions.js';
import { nodeFields } from './graph.js';
import { NEURON_TYPES, nirNeurons, THRESHOLDED_TYPES } from './neurons.js';

export interface NirPopulationOptions {
  name: string;
  size: number;
  /** LIF, CubaLIF, IF, LI, CubaLI or I. */
  type: string;
  /** NIR's parameters of the type (tau, r, v_leak, v_threshold, ...): one value, or one per neuron. */
  params: Record<string, number | number[]>;
  /** A constant input (NIR's Affine bias), one value or one per neuron. */
  bias?: number | number[];
  /** LI, CubaLI and I: the threshold of a NIR Threshold node reading v. */
  threshold?: number | number[];
  /** The conventions (preset, dt, spike, reset, resetLatency) the file will be imported with. */
  conventions: Record<string, unknown>;
}

export interface NirPopulation {
  population: PopulationDescription;
  /** What projections into it say: `{ onPre: 'i_in += w' }`. */
  synapse: { onPre: string };
  /** Per neuron, the synaptic weight that an input of NIR weight 1 is. */
  weightFactor: number[];
}

export function nirPopulation(options: NirPopulationOptions): NirPopulation {
  const path = 'nirPopulation';
  const { name, size, type, params } = options;
  if (!NEURON_TYPES.includes(type)) fail('E_PARAM', `${path}.type`, `must be one of ${NEURON_TYPES.join(', ')} (got ${shown(type)})`);
  if (!Number.isInteger(size) || size < 1) fail('E_PARAM', `${path}.size`, `must be a positive integer (got ${shown(size)})`);
  const fields = nodeFields(type)!;
  const values = (key: string, v: unknown): number[] => {
    const list = Array.isArray(v) ? v : [v];
    if (list.length !== 1 && list.length !== size) fail('E_PARAM', `${path}.${key}`, `must be one number or ${size}`);
    if (!list.every((x) => typeof x === 'number' && Number.isFinite(x))) fail('E_PARAM', `${path}.${key}`, 'must hold finite numbers');
    return list.length === 1 ? new Array<number>(size).fill(list[0] as number) : (list as number[]);
  };
  for (const key of Object.keys(params)) if (!fields.required.includes(key) && !fields.optional.includes(key)) fail('E_PARAM', `${path}.params.${key}`, `is not a parameter of ${type} (${[...fields.required, ...fields.optional].join(', ')})`);
  for (const key of fields.required) if (params[key] === undefined) fail('E_PARAM', `${path}.params.${key}`, `is required for ${type}`);
  const node = { name, type, path: `${path}.params`, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, { shape: [size], values: values(`params.${k}`, v) }])) };
  if (options.threshold !== undefined && !THRESHOLDED_TYPES.includes(type)) fail('E_PARAM', `${path}.threshold`, `is for LI, CubaLI and I; ${type} has v_threshold`);
  const c = nirConventions(checkImportOptions(options.conventions, `${path}.conventions`, []), `${path}.conventions`);
  const bias = options.bias === undefined ? null : Float64Array.from(values('bias', options.bias));
  const threshold = options.threshold === undefined ? null : Float64Array.from(values('threshold', options.threshold));
  const made = nirNeurons(node, name, c, bias, threshold);
  return { population: made.population, synapse: { onPre: `${made.onPre} += w` }, weightFactor: Array.from(made.inputFactor) };
}
