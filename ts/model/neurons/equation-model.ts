// A population whose model is written as equations (ts/equations/), described as the planner
// and the backends see every neuron model: its state arrays, per-neuron parameters and input
// current. Its receptors are the variables projections add to (onPre: 'ge += w').
import * as abi from '../../../assembly/abi.js';
import type { CheckedEquations } from '../../equations/model.js';
import { NEVER_SPIKED, stateSlots } from '../../equations/program.js';
import { unitText } from '../../equations/units.js';
import type { ParamRules } from '../params.js';
import type { NeuronModel, StateVar } from './model.js';

export function equationNeuronModel(eq: CheckedEquations): NeuronModel<'equations'> {
  const slots = stateSlots(eq);
  const stateVars: StateVar[] = eq.states.map((v) => ({ name: v.name, type: 'f32', init: 0, unit: unitText(v.dim) }));
  if (slots.lastspikeSlot >= 0) stateVars.push({ name: 'lastspike', type: 'f32', init: NEVER_SPIKED, unit: 's' });
  if (slots.countdownSlot >= 0) stateVars.push({ name: 'refractory', type: 'i32', init: 0 });
  const rules: ParamRules = {};
  for (const p of eq.params) rules[p.name] = { unit: unitText(p.dim), range: 'any', default: 0, perNeuron: true, doc: `Declared in the equations (${unitText(p.dim)}).` };
  if (eq.input) rules.bias = { unit: unitText(eq.input), range: 'any', default: 0, perNeuron: true, doc: 'Constant part of I_input.' };
  return {
    name: 'equations',
    kernel: abi.KERNEL_EQUATION,
    rules,
    receptorRules: null,
    stateVars,
    perNeuronParams: eq.params.map((p) => p.name),
    takesCurrent: eq.input !== null,
    equations: eq,
    // The program number (abi CE_PROGRAM) is set by planNetwork, which numbers the programs.
    coefficients: () => {},
  };
}
