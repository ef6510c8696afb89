import * as abi from '../../../assembly/abi.js';
import { fail } from '../../errors.js';
import { detExp } from '../random/detmath.js';
import { checkResetBelowThreshold } from './lif.js';
import { heldSteps, type NeuronModel } from './model.js';

const f = Math.fround;

/**
 * Adaptive exponential integrate-and-fire (Brette & Gerstner 2005), forward Euler:
 *   cM dv/dt = -gL (v - eL) + gL deltaT exp((v - vT) / deltaT) - w + I_syn + bias + step current
 *   tauW dw/dt = a (v - eL) - w;   at v > vPeak: v = vReset, w += b.
 * Receptors are exponentially decaying currents (amperes); tau 0 jumps v by the weight (volts).
 * The exponential is detmath's, the same bits in the kernel and the reference.
 */
export const adex: NeuronModel<'adex'> = {
  name: 'adex',
  kernel: abi.KERNEL_ADEX,
  rules: {
    cM: { unit: 'F', range: 'positive', doc: 'Membrane capacitance (F).' },
    gL: { unit: 'S', range: 'positive', doc: 'Leak conductance (S).' },
    eL: { unit: 'V', range: 'any', doc: 'Leak reversal potential (V).' },
    vT: { unit: 'V', range: 'any', doc: 'Threshold slope midpoint (V).' },
    deltaT: { unit: 'V', range: 'positive', doc: 'Slope factor (V).' },
    a: { unit: 'S', range: 'any', doc: 'Subthreshold adaptation conductance (S).' },
    b: { unit: 'A', range: 'any', doc: 'Spike-triggered adaptation increment (A).' },
    tauW: { unit: 's', range: 'positive', doc: 'Adaptation time constant (s).' },
    vReset: { unit: 'V', range: 'any', doc: 'Reset potential (V); must be below vPeak.' },
    vPeak: { unit: 'V', range: 'any', default: 0, doc: 'Spike cut-off (V); a spike when v > vPeak; must be above vT.' },
    tRef: { unit: 's', range: 'nonnegative', default: 0, doc: 'Refractory period (s).' },
    bias: { unit: 'A', range: 'any', default: 0, perNeuron: true, doc: 'Constant input current (A); one value per neuron allowed.' },
  },
  receptorRules: { allowDelta: true, needsReversal: false },
  stateVars: [
    { name: 'v', type: 'f32', init: (p) => p.scalars.eL!, unit: 'V' },
    { name: 'refractory', type: 'i32', init: 0 },
    { name: 'w', type: 'f32', init: 0, unit: 'A' },
  ],
  perNeuronParams: [],
  takesCurrent: true,
  check(p, path) {
    checkResetBelowThreshold(p, path, 'vReset', 'vPeak');
    if (!(p.scalars.vPeak! > p.scalars.vT!)) fail('E_PARAM', `${path}.vPeak`, `must be above vT (${p.scalars.vPeak} <= ${p.scalars.vT})`);
  },
  coefficients(p, dt, w) {
    const s = p.scalars as Record<string, number>;
    w.f32[abi.CA_GL] = f(s.gL!);
    w.f32[abi.CA_EL] = f(s.eL!);
    w.f32[abi.CA_DT_OVER_C] = f(dt / s.cM!);
    w.f32[abi.CA_VRESET] = f(s.vReset!);
    w.f32[abi.CA_VPEAK] = f(s.vPeak!);
    w.i32[abi.CA_REF_STEPS] = heldSteps(s.tRef!, dt);
    w.f32[abi.CA_VT] = f(s.vT!);
    w.f32[abi.CA_DELTA_T] = f(s.deltaT!);
    w.f32[abi.CA_INV_DELTA_T] = f(1 / s.deltaT!);
    w.f32[abi.CA_A] = f(s.a!);
    w.f32[abi.CA_B] = f(s.b!);
    w.f32[abi.CA_DT_OVER_TAUW] = f(dt / s.tauW!);
    w.f32[abi.CA_EXP_CAP] = 80; // e^80 ~ 5.5e34 still fits in f32
    w.i32[abi.C_DECAYING] = p.receptors.filter((r) => r.tau > 0).length;
    p.receptors.forEach((r, i) => {
      if (r.tau > 0) w.f32[abi.C_REC0 + i * abi.C_REC_STRIDE + abi.CR_DECAY] = f(detExp(-dt / r.tau));
    });
  },
};
