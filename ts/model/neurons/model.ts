import type { CheckedEquations } from '../../equations/model.js';
import type { OptionRule, ParamRules, ReceptorRules, ResolvedParams } from '../params.js';

export interface StateVar {
  name: string;
  type: 'f32' | 'i32';
  /** Default initial value (per population), or a function of the resolved parameters. */
  init: number | ((p: ResolvedParams) => number);
  /** The unit of its values ('V'), so initial values may be given as quantities ('-60 mV'). */
  unit?: string;
  /**
   * For a model in its paper's units rather than SI (izhikevich: mV, ms): the unit its values
   * are in, for labels (plots, run records) only; values are not converted by it.
   */
  paperUnit?: string;
}

/** A coefficient block: f32 words, with some words read as i32 through the second view. */
export interface CoefWords {
  f32: Float32Array;
  i32: Int32Array;
}

/** Everything the planner and the backends need to know about one neuron model. */
export interface NeuronModel<Name extends string = string> {
  readonly name: Name;
  /** The neuron kernel that updates it (abi KERNEL_*): its own, or another model's it is a variant of. */
  readonly kernel: number;
  /** Sources: Poisson trains (per-neuron `rate`, changeable while running) or scheduled spike times. */
  readonly source?: 'poisson' | 'spike_times';
  readonly rules: ParamRules;
  /** null: the model takes no synaptic input (sources). */
  readonly receptorRules: ReceptorRules | null;
  readonly options?: Record<string, OptionRule>;
  readonly stateVars: readonly StateVar[];
  /** Parameters stored per neuron in the P_PARAMS block, in this order. */
  readonly perNeuronParams: readonly string[];
  /** Whether the population has bias and current-step arrays. */
  readonly takesCurrent: boolean;
  /** A model written as equations: what its generated update runs (receptors are the variables projections add to). */
  readonly equations?: CheckedEquations;
  /** Cross-parameter checks (e.g. reset below threshold). */
  check?(p: ResolvedParams, path: string, dt: number): void;
  /** Derived values, computed once in f64 and rounded to f32. */
  coefficients(p: ResolvedParams, dt: number, words: CoefWords): void;
  /**
   * Initial values that depend on per-neuron parameters (izhikevich u = b v): called with each
   * chunk of parameter `param`'s values (f64, as drawn), neurons start.., after the state is
   * written; `given` names the initial values the description set.
   */
  deriveInit?(given: ReadonlySet<string>, state: Float32Array[], param: number, values: Float64Array, start: number): void;
}

/** Refractory steps after a spike: the step of the spike ends it, so tRef/dt - 1 more are held. */
export function heldSteps(tRef: number, dt: number): number {
  return Math.max(Math.round(tRef / dt) - 1, 0);
}
