// The network description: plain data, exactly what a JSON model file holds and what the
// fluent API builds. SI units throughout (seconds, volts, amperes, siemens, farads), except
// the izhikevich model, which keeps its published units (see docs/model-format.md).

/** A per-neuron (or per-synapse) value: one number, an explicit array, or a distribution. */
export type ValueSpec =
  | number
  | number[]
  | { uniform: [number, number] }
  | { normal: { mean: number; std: number; min?: number; max?: number } };

/** A number, or a quantity with its unit ('20 ms', '-49 mV'), converted where it is checked. */
export type Quantity = number | string;

/** A value spec as a description may give it: its numbers may be quantities with units. */
export type QuantitySpec =
  | Quantity
  | Quantity[]
  | { uniform: [Quantity, Quantity] }
  | { normal: { mean: Quantity; std: Quantity; min?: Quantity; max?: Quantity } };

/** A model written as equations (docs/equations.md), in place of a model name. */
export interface EquationModelDescription {
  /** Brian2-style equations: `dv/dt = (vRest - v) / tauM : volt (unless refractory)`, one per line. */
  equations: string;
  /** A condition on the state ('v > vThresh'); none: the neuron never spikes. */
  threshold?: string;
  /** Statements run on a spike, one per line or separated by ';' ('v = vReset'). */
  reset?: string;
  /** A time ('5 ms', or seconds) held after a spike, or a condition that holds the neuron. */
  refractory?: string | number;
  /** 'exact' (default), 'exponential_euler', 'euler', 'rk2' or 'rk4'. */
  method?: 'exact' | 'exponential_euler' | 'euler' | 'rk2' | 'rk4';
}

/** A synapse model written as equations, as Brian2's Synapses writes it (docs/equations.md). */
export interface SynapseModelDescription {
  /** Per-synapse variables ('w : 1'), (event-driven) and (clock-driven) equations, (summed) variables. */
  model?: string;
  /** Statements run when a presynaptic spike arrives; 'x += ...' on the post neuron delivers to it. */
  onPre?: string;
  /** Statements run when a postsynaptic spike reaches the synapse. */
  onPost?: string;
  /** Shared parameters: quantities ('20 ms') or dimensionless numbers. */
  params?: Record<string, unknown>;
  /** How the clock-driven equations are integrated: 'exact' (default), 'exponential_euler', 'euler', 'rk2' or 'rk4'. */
  method?: EquationModelDescription['method'];
  /** The part of the delay on the post side (s): a post spike reaches the synapses this much later; default 0. */
  dendriticDelay?: Quantity;
}

export interface ReceptorDescription {
  /** Decay time constant in seconds; 0 makes a delta synapse (current models only). */
  tau: number;
  /** Reversal potential in volts (lif_cond only). */
  eRev?: number;
}

export interface PopulationDescription {
  name?: string;
  size: number;
  /** A neuron model's name (a built-in one, or one registered with the simulator), or equations. */
  model: string | EquationModelDescription;
  /** Model parameters; `receptors` maps receptor names to their kinetics. */
  params?: Record<string, unknown>;
  /** Initial values of state variables (and receptor states, by receptor name). */
  init?: Record<string, QuantitySpec>;
  /** Dendritic segments on every neuron (docs/dendrites.md); the model is written as equations. */
  dendrites?: DendritesDescription;
}

/**
 * K dendritic segments per neuron. Projections deliver into a segment by naming it in onPre
 * (`segment0 += w`); a segment's input is dimensionless (with weights 1 it counts synapses),
 * adds up within its window and decays with `tau`. At `theta` the segment starts a plateau of
 * `plateau.duration` seconds, which holds the per-neuron parameter `plateau.current` at
 * `plateau.amplitude` (the dendritic current into the soma); a spike of the neuron ends it.
 */
export interface DendritesDescription {
  /** How many segments each neuron has (named segment0, segment1, ...), or their names. */
  segments: number | string[];
  /** The input at which a segment starts a plateau (the NMDA threshold: synapses, with weights 1). */
  theta: number;
  /** Time constant (s) of a segment's input: the coincidence window. 0 (default): one step. */
  tau?: QuantitySpec;
  plateau: {
    /** Plateau length (s). */
    duration: QuantitySpec;
    /** The per-neuron parameter of the equations that a plateau holds at `amplitude` (else 0). */
    current: string;
    /** The parameter's value during a plateau, in its unit. */
    amplitude: QuantitySpec;
  };
  /** A state variable to which each plateau onset adds 1 (the dAP trace homeostasis reads). */
  trace?: string;
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
  /** Exactly `n` synapses, each pair drawn uniformly among all (pre, post) pairs (NEST's fixed_total_number). */
  | { type: 'fixed_total_number'; n: number; autapses?: boolean; multapses?: boolean }
  | { type: 'list'; pre: number[]; post: number[]; weight?: number[]; delay?: number[] };

/**
 * Long-term plasticity of a projection (see docs/model-format.md, "Plasticity"). Amplitudes and
 * bounds are in the projection's weight unit; times in seconds.
 */
export type PlasticityDescription =
  | {
      rule: 'stdp';
      aPlus: number;
      aMinus: number;
      tauPlus: number;
      tauMinus: number;
      /** 'additive' (default) or 'multiplicative' (soft bounds). */
      weightDependence?: 'additive' | 'multiplicative';
      /** 'all_to_all' (default) or 'nearest' (each spike pairs with the latest of the other side). */
      pairing?: 'all_to_all' | 'nearest';
      /** Post-before-pre potentiates by aMinus exp(dt/tauMinus) instead of depressing. */
      symmetric?: boolean;
    } & PlasticityCommon
  | {
      /** Pfister & Gerstner (2006), all-to-all traces; the minimal model has a3Minus 0. */
      rule: 'triplet';
      a2Plus: number;
      a3Plus: number;
      a2Minus: number;
      a3Minus?: number;
      tauPlus: number;
      tauMinus: number;
      tauX: number;
      tauY: number;
    } & PlasticityCommon
  | {
      /** Vogels & Sprekeler (2011) inhibitory plasticity toward a target rate of the post neurons. */
      rule: 'vogels_sprekeler';
      eta: number;
      tau: number;
      targetRate: number;
    } & PlasticityCommon
  | ({
      /** No spike-pair terms: for a projection with synaptic scaling only. */
      rule: 'none';
    } & PlasticityCommon);

export interface PlasticityCommon {
  wMin?: number;
  wMax: number;
  /** Multiplies every change; 0 freezes the weights (default 1). */
  learningRate?: number;
  /** The part of the delay on the dendrite, seconds (default 0: the whole delay is axonal). */
  dendriticDelay?: number;
  /** A modulator name: changes go to per-synapse eligibility traces that it turns into weight. */
  modulator?: string;
  /** Eligibility trace time constant, seconds (required with a modulator). */
  tauC?: number;
  /**
   * Multiplicative synaptic scaling toward a target rate of the post neurons: every `interval`
   * seconds each weight is multiplied by 1 + eta * interval * (targetRate - estimate), where the
   * estimate is the post neuron's rate averaged with time constant `tau`.
   */
  scaling?: { targetRate: number; tau: number; eta: number; interval?: number };
  /** Delays that learn (docs/delay-learning.md): each pairing moves a synapse's delay toward the post spike. */
  delays?: DelayLearningDescription;
}

/**
 * Delay plasticity: a presynaptic arrival at time a and a postsynaptic spike at time p (both at
 * the synapse, at most `window` apart, each paired with the other side's latest) move the
 * synapse's delay by rate * learningRate * (p - a), within [min, max]. Spikes already in flight
 * keep the delay they left with.
 */
export interface DelayLearningDescription {
  /** Fraction of the timing error one pairing removes, in (0, 1]. */
  rate: number;
  /** Seconds: pairings further apart change nothing. */
  window: number;
  /** Shortest and longest delay, seconds. */
  min: number;
  max: number;
}

/** Tsodyks-Markram short-term plasticity: utilisation U, recovery and facilitation time constants (s). */
export interface StpDescription {
  U: number;
  tauRec: number;
  /** 0 (default): no facilitation, every spike uses U. */
  tauFacil?: number;
}

/** A named signal (dopamine, reward, error, astrocyte activity) that modulated plasticity reads. */
export interface ModulatorSource {
  population: string | number;
  gain: number;
}

export interface ModulatorDescription {
  name: string;
  /** Decay time constant, seconds. */
  tau: number;
  /** Value at the start (default 0). */
  initial?: number;
  /** The tonic level it relaxes to (default 0). */
  baseline?: number;
  /**
   * Integrates the spikes of a population, value += gain per spike; or of several, each with its
   * own signed gain (an astrocyte weighing a network's input against its output).
   */
  source?: ModulatorSource | ModulatorSource[];
}

/**
 * An electrical synapse (gap junction) per connection, in place of spikes (docs/couplings.md):
 * undirected, each connection (i, j) with conductance g (its weight) adds g (v_j - v_i) to
 * neuron i's `current` and g (v_i - v_j) to neuron j's, every step, from the state at the start
 * of the step. Pre and post are slices of one population written as equations, which declares
 * `current` as a per-neuron parameter (`Igap : amp`) and reads it in its equations.
 */
export interface ElectricalDescription {
  /** The per-neuron parameter the coupling current goes to. */
  current: string;
  /** The state variable read as the membrane potential (default 'v'). */
  voltage?: string;
}

/**
 * A graded (non-spiking) chemical synapse per connection, directed pre -> post: every step it
 * adds g s(v_pre) (eRev - v_post) to the post neuron's `current`, with the sigmoid
 * s = 1 / (1 + exp((vTh - v_pre) / vSlope)) (c302's graded synapse) and g the connection's
 * weight. The post population is written as equations and declares `current`.
 */
export interface GradedDescription {
  current: string;
  voltage?: string;
  /** Reversal potential, threshold and slope of the sigmoid: volts. */
  eRev: QuantitySpec;
  vTh: QuantitySpec;
  vSlope: QuantitySpec;
}

export interface ProjectionDescription {
  name?: string;
  pre: Selection;
  post: Selection;
  /** A gap junction per connection instead of spikes (no receptor, delay, plasticity or stp). */
  electrical?: ElectricalDescription;
  /** A graded chemical synapse per connection instead of spikes (no receptor, delay, plasticity or stp). */
  graded?: GradedDescription;
  /** The target's receptor (built-in models). */
  receptor?: string;
  /**
   * What a spike does to an equation model's target (`{ onPre: 'ge += w' }`), or a synapse model
   * written as equations (docs/equations.md): `{ model, onPre, onPost, params }`.
   */
  synapse?: { onPre: string } | SynapseModelDescription;
  /** Initial values of a synapse model's variables, per synapse (w may be given here or as weight). */
  init?: Record<string, QuantitySpec>;
  /** A rule object, or a rule with nothing to set named alone ('all_to_all', 'one_to_one'). */
  rule: ConnectRule | 'all_to_all' | 'one_to_one';
  /** Amperes (current receptors), siemens (conductance), volts (delta receptors); an equation target: the unit of the variable. */
  weight?: QuantitySpec;
  /** Seconds, rounded to whole steps, at least one step. Default: one step. */
  delay?: QuantitySpec;
  plasticity?: PlasticityDescription;
  stp?: StpDescription;
}

export interface CurrentStepDescription {
  type: 'current_step';
  target: Selection;
  /** Times (s) at which the amplitude changes; before the first it is 0. */
  times: number[];
  /** Amperes (izhikevich: its input units), one per time; with `parameter`, in that parameter's unit. */
  amplitudes: number[];
  /**
   * A per-neuron parameter of a population written as equations for the steps to set (a
   * dendrite's injected current, say) instead of its input current I_input.
   */
  parameter?: string;
}

export type InputDescription = CurrentStepDescription;

/**
 * A Poisson input (Brian2's PoissonInput, NEST's poisson_generator): every step each neuron of
 * `population` receives k ~ Poisson(rate dt) events, independently, each adding `weight` to
 * `receptor` `delay` later, as a static synapse of that weight and delay would.
 */
export interface PoissonInputDescription {
  name?: string;
  /** The whole population, by name or index. */
  population: string | number;
  /** A receptor of its (built-in) model. */
  receptor: string;
  /** Events per second per neuron (Hz); rate dt may be at most 100. */
  rate: Quantity;
  /** One event's weight, in the receptor's weight unit (as a projection's onto it). */
  weight: Quantity;
  /** Seconds, rounded to whole steps, at least one step. Default: one step. */
  delay?: Quantity;
}

/**
 * Sampling times (ts/model/versions.ts): `every` and `bin` in seconds or as quantities ('1 ms'),
 * whole numbers of steps; or `everySteps` and `binSteps` in steps. In a model file of version 1,
 * `every` counts steps.
 */
export type MonitorDescription =
  | { type: 'spikes'; name?: string; population: string | number }
  | { type: 'state'; name?: string; population: string | number; variables: string[]; neurons?: number[]; every?: Quantity; everySteps?: number }
  | { type: 'rate'; name?: string; population: string | number; bin?: Quantity; binSteps?: number }
  | { type: 'weights'; name?: string; projection: string | number; synapses?: number[]; every?: Quantity; everySteps?: number };

/** The top-level keys of a description (and of a model file). */
export const NETWORK_KEYS = ['$schema', 'format', 'version', 'description', 'dt', 'seed', 'duration', 'populations', 'projections', 'modulators', 'inputs', 'poissonInputs', 'monitors'];

export interface NetworkDescription {
  format?: 'spikewasm-model';
  /** 2 (this release's); 1 or none: a file whose `every` counts steps (ts/model/versions.ts). */
  version?: 1 | 2;
  /** Free text; the simulator ignores it. */
  description?: string;
  /** Time step in seconds. */
  dt: number;
  seed?: number;
  /** Default run length in seconds for the command line. */
  duration?: number;
  populations: PopulationDescription[];
  projections?: ProjectionDescription[];
  modulators?: ModulatorDescription[];
  inputs?: InputDescription[];
  poissonInputs?: PoissonInputDescription[];
  monitors?: MonitorDescription[];
}
