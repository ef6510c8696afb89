// The network description: plain data, exactly what a JSON model file holds and what the
// fluent API builds. SI units throughout (seconds, volts, amperes, siemens, farads), except
// the izhikevich model, which keeps its published units (see docs/model-format.md).

export type ModelName = 'lif' | 'alif' | 'lif_cond' | 'adex' | 'izhikevich' | 'poisson' | 'spike_source';

/** A per-neuron (or per-synapse) value: one number, an explicit array, or a distribution. */
export type ValueSpec =
  | number
  | number[]
  | { uniform: [number, number] }
  | { normal: { mean: number; std: number; min?: number; max?: number } };

export interface ReceptorDescription {
  /** Decay time constant in seconds; 0 makes a delta synapse (current models only). */
  tau: number;
  /** Reversal potential in volts (lif_cond only). */
  eRev?: number;
}

export interface PopulationDescription {
  name?: string;
  size: number;
  model: ModelName;
  /** Model parameters; `receptors` maps receptor names to their kinetics. */
  params?: Record<string, unknown>;
  /** Initial values of state variables (and receptor states, by receptor name). */
  init?: Record<string, ValueSpec>;
}

/** A population, or the half-open slice [start, stop) of one. */
export interface Selection {
  population: string | number;
  start?: number;
  stop?: number;
}

export type ConnectRule =
  | { type: 'all_to_all'; autapses?: boolean }
  | { type: 'one_to_one' }
  | { type: 'fixed_probability'; p: number; autapses?: boolean }
  | { type: 'fixed_indegree'; k: number; autapses?: boolean; multapses?: boolean }
  | { type: 'fixed_outdegree'; k: number; autapses?: boolean; multapses?: boolean }
  | { type: 'list'; pre: number[]; post: number[]; weight?: number[]; delay?: number[] };

export interface ProjectionDescription {
  name?: string;
  pre: Selection;
  post: Selection;
  receptor: string;
  rule: ConnectRule;
  /** Amperes (current receptors), siemens (conductance), volts (delta receptors). */
  weight?: ValueSpec;
  /** Seconds, rounded to whole steps, at least one step. Default: one step. */
  delay?: ValueSpec;
}

export interface CurrentStepDescription {
  type: 'current_step';
  target: Selection;
  /** Times (s) at which the amplitude changes; before the first it is 0. */
  times: number[];
  /** Amperes (izhikevich: its input units), one per time. */
  amplitudes: number[];
}

export type InputDescription = CurrentStepDescription;

export type MonitorDescription =
  | { type: 'spikes'; name?: string; population: string | number }
  | { type: 'state'; name?: string; population: string | number; variables: string[]; neurons?: number[]; every?: number }
  | { type: 'rate'; name?: string; population: string | number; bin?: number }
  | { type: 'weights'; name?: string; projection: string | number };

/** The top-level keys of a description (and of a model file). */
export const NETWORK_KEYS = ['$schema', 'format', 'version', 'description', 'dt', 'seed', 'duration', 'populations', 'projections', 'inputs', 'monitors'];

export interface NetworkDescription {
  format?: 'spikewasm-model';
  version?: 1;
  /** Time step in seconds. */
  dt: number;
  seed?: number;
  /** Default run length in seconds for the command line. */
  duration?: number;
  populations: PopulationDescription[];
  projections?: ProjectionDescription[];
  inputs?: InputDescription[];
  monitors?: MonitorDescription[];
}
