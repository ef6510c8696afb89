import * as abi from '../../../assembly/abi.js';
import { detExp } from '../random/detmath.js';
import { checkResetBelowThreshold } from './lif.js';
import { heldSteps, type NeuronModel } from './model.js';

const f = Math.fround;

/**
 * Conductance-based LIF (Brette et al. 2007 COBA, Vogels & Abbott 2005):
 *   cM dv/dt = gL (eL - v) + sum_r g_r (eRev_r - v) + bias + step current,  tau_r dg_r/dt = -g_r.
 * Conductances decay exactly; v takes a forward Euler step (as Brian2 integrates COBA).
 */
export const lifCond: NeuronModel<'lif_cond'> = {
  name: 'lif_cond',
  kernel: abi.KERNEL_LIF_COND,
  rules: {
    cM: { unit: 'F', range: 'positive', doc: 'Membrane capacitance (F).' },
    gL: { unit: 'S', range: 'positive', doc: 'Leak conductance (S).' },
    eL: { unit: 'V', range: 'any', doc: 'Leak reversal potential (V).' },
    vThresh: { unit: 'V', range: 'any', doc: 'Spike threshold (V).' },
    vReset: { unit: 'V', range: 'any', doc: 'Reset potential (V); must be below vThresh.' },
    tRef: { unit: 's', range: 'nonnegative', default: 0, doc: 'Refractory period (s).' },
    bias: { unit: 'A', range: 'any', default: 0, perNeuron: true, doc: 'Constant input current (A); one value per neuron allowed.' },
  },
  receptorRules: { allowDelta: false, needsReversal: true },
  stateVars: [
    { name: 'v', type: 'f32', init: (p) => p.scalars.eL!, unit: 'V' },
    { name: 'refractory', type: 'i32', init: 0 },
  ],
  perNeuronParams: [],
  takesCurrent: true,
  check: (p, path) => checkResetBelowThreshold(p, path),
  coefficients(p, dt, w) {
    const { cM, gL, eL, vThresh, vReset, tRef } = p.scalars as Record<string, number>;
    w.f32[abi.CC_GL] = f(gL!);
    w.f32[abi.CC_EL] = f(eL!);
    w.f32[abi.CC_DT_OVER_C] = f(dt / cM!);
    w.f32[abi.CC_VRESET] = f(vReset!);
    w.f32[abi.CC_VTHRESH] = f(vThresh!);
    w.i32[abi.CC_REF_STEPS] = heldSteps(tRef!, dt);
    w.i32[abi.C_DECAYING] = p.receptors.length;
    p.receptors.forEach((r, i) => {
      const at = abi.C_REC0 + i * abi.C_REC_STRIDE;
      w.f32[at + abi.CR_DECAY] = f(detExp(-dt / r.tau));
      w.f32[at + abi.CR_EREV] = f(r.eRev);
    });
  },
};
