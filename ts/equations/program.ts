// One equation population's update as both backends run it: the checked model, where its
// state lies in the population's state block, and which variable each receptor's deliveries
// (onPre: 'x += w') add to. One step, per neuron, in this order (Brian2's schedule):
//   1. held: the refractory countdown is running, or the refractory condition holds (old state)
//   2. integrate: the step program's temporaries, then every variable's new value
//   3. spike: the threshold on the new values, never while held
//   4. deliver: each receptor's delay-ring slot adds to its variable, and is cleared
//   5. reset (spiking neurons): the statements in order; the countdown starts, lastspike = t
//   6. divergence: a variable that is NaN or infinite records the step (CE_DIVERGED)
import type { CheckedEquations } from './model.js';

export interface EquationProgram {
  eq: CheckedEquations;
  /** The population's index (its random streams). */
  population: number;
  dt: number;
  /** The state variable each receptor delivers to. */
  targets: number[];
  /** Per-neuron arrays' length (the population's size padded to the SIMD width). */
  nPad: number;
  /** Where lastspike (f32) and the refractory countdown (i32) lie among the state arrays, or -1. */
  lastspikeSlot: number;
  countdownSlot: number;
}

/** The state arrays of an equation population: its variables, then lastspike and the countdown where used. */
export function stateSlots(eq: CheckedEquations): { lastspikeSlot: number; countdownSlot: number; count: number } {
  let count = eq.states.length;
  const lastspikeSlot = eq.usesLastspike ? count++ : -1;
  const countdownSlot = eq.refractory && 'steps' in eq.refractory ? count++ : -1;
  return { lastspikeSlot, countdownSlot, count };
}

/** Brian2's initial lastspike: long before the start. */
export const NEVER_SPIKED = -1e4;

/** The Philox stream word of rand() (or randn()) call site `site` of population `population`. */
export function randomStreamIndex(site: number, population: number): number {
  return ((site & 0xff) << 16) | (population & 0xffff);
}

/** The program of a planned equation population: its receptors are the variables projections add to. */
export function programOf(pop: { index: number; size: number; model: { equations?: CheckedEquations }; params: { receptors: { name: string }[] } }, dt: number): EquationProgram {
  const eq = pop.model.equations!;
  const { lastspikeSlot, countdownSlot } = stateSlots(eq);
  const targets = pop.params.receptors.map((r) => eq.states.findIndex((v) => v.name === r.name));
  return { eq, population: pop.index, dt, targets, nPad: Math.ceil(pop.size / 4) * 4, lastspikeSlot, countdownSlot };
}
