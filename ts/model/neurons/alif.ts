import * as abi from '../../../assembly/abi.js';
import { detExp } from '../random/detmath.js';
import { checkResetBelowThreshold, lifCoefficients, lifRules } from './lif.js';
import type { NeuronModel } from './model.js';

/**
 * Adaptive-threshold LIF: lif, plus a threshold increment theta that jumps by thetaPlus at
 * each spike and decays back with tauTheta (the threshold is vThresh + theta). With a
 * targetRate (Hz), theta also falls by thetaPlus * targetRate per second: intrinsic plasticity
 * (Diehl & Cook 2015, made two-sided) that, with a long tauTheta, settles where the neuron
 * fires at the target rate.
 */
export const alif: NeuronModel<'alif'> = {
  name: 'alif',
  kernel: abi.KERNEL_ALIF,
  rules: {
    ...lifRules,
    vThresh: { ...lifRules.vThresh!, doc: 'Base spike threshold (V); the threshold is vThresh + theta.' },
    tauTheta: { unit: 's', range: 'positive', doc: 'Decay time constant of the threshold increment theta (s).' },
    thetaPlus: { unit: 'V', range: 'nonnegative', doc: 'Jump of theta at each spike (V).' },
    targetRate: { unit: 'Hz', range: 'nonnegative', default: 0, doc: 'Intrinsic plasticity: theta also falls by thetaPlus * targetRate per second, so with a long tauTheta the neuron settles at this rate (Hz).' },
  },
  receptorRules: { allowDelta: true, needsReversal: false },
  stateVars: [
    { name: 'v', type: 'f32', init: (p) => p.scalars.vRest!, unit: 'V' },
    { name: 'refractory', type: 'i32', init: 0 },
    { name: 'theta', type: 'f32', init: 0, unit: 'V' },
  ],
  perNeuronParams: [],
  takesCurrent: true,
  check: (p, path) => checkResetBelowThreshold(p, path),
  coefficients(p, dt, w) {
    lifCoefficients(p, dt, w);
    w.f32[abi.CL_ADAPT_DECAY] = Math.fround(detExp(-dt / p.scalars.tauTheta!));
    w.f32[abi.CL_ADAPT_JUMP] = Math.fround(p.scalars.thetaPlus!);
    w.f32[abi.CL_ADAPT_DRIFT] = Math.fround(p.scalars.thetaPlus! * p.scalars.targetRate! * dt);
  },
};
