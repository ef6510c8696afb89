import * as abi from '../../../assembly/abi.js';
import { fail } from '../../errors.js';
import { detExp } from '../random/detmath.js';
import type { NeuronModel } from './model.js';

const f = Math.fround;

/**
 * Izhikevich (2003), in its published units: v in mV, time in ms, u and input in mV/ms,
 * parameters a, b, c, d as printed in the paper (per neuron). dt is still in seconds.
 *   dv/dt = 0.04 v^2 + 5 v + 140 - u + I,  du/dt = a (b v - u);  at v >= vPeak: v = c, u += d.
 * scheme 'izhikevich2003': v in two half steps, then u from the new v (the paper's code);
 * scheme 'euler': one forward Euler step for both from the old values.
 * Receptors are decaying currents; tau 0 is a pulse that lasts one step (the paper's network).
 * noise: the std of a Gaussian input drawn for every neuron at every step (thalamic input).
 */
export const izhikevich: NeuronModel<'izhikevich'> = {
  name: 'izhikevich',
  kernel: abi.KERNEL_IZHIKEVICH,
  rules: {
    a: { unit: '1/ms', range: 'any', default: 0.02, perNeuron: true, doc: 'Recovery time scale (1/ms), per neuron.' },
    b: { unit: '1/ms', range: 'any', default: 0.2, perNeuron: true, doc: 'Sensitivity of u to v (1/ms), per neuron.' },
    c: { unit: 'mV', range: 'any', default: -65, perNeuron: true, doc: 'After-spike reset of v (mV), per neuron.' },
    d: { unit: 'mV/ms', range: 'any', default: 8, perNeuron: true, doc: 'After-spike increment of u (mV/ms), per neuron.' },
    vPeak: { unit: 'mV', range: 'any', default: 30, doc: 'Spike cut-off (mV); a spike when v >= vPeak.' },
    noise: { unit: 'mV/ms', range: 'nonnegative', default: 0, doc: 'Standard deviation of a Gaussian input drawn for every neuron at every step (mV/ms).' },
    bias: { unit: 'mV/ms', range: 'any', default: 0, perNeuron: true, doc: 'Constant input (mV/ms); one value per neuron allowed.' },
  },
  options: {
    scheme: {
      choices: ['izhikevich2003', 'euler'],
      doc: 'Integration scheme. "izhikevich2003": v in two half steps, then u from the new v (the paper\'s code); "euler": one forward Euler step for v and u from the old values.',
    },
  },
  receptorRules: { allowDelta: true, needsReversal: false },
  stateVars: [
    { name: 'v', type: 'f32', init: -65, paperUnit: 'mV' },
    { name: 'u', type: 'f32', init: NaN, paperUnit: 'mV/ms' }, // NaN: derived as b * v in deriveInit
  ],
  perNeuronParams: ['a', 'b', 'c', 'd'],
  takesCurrent: true,
  check(_p, path, dt) {
    if (dt * 1000 > 1) fail('E_PARAM', path, `izhikevich needs dt <= 1 ms (got ${dt} s)`);
  },
  coefficients(p, dt, w) {
    const h = dt * 1000;
    w.f32[abi.CI_H] = f(h);
    w.f32[abi.CI_HALF_H] = f(h / 2);
    w.i32[abi.CI_SCHEME] = p.options.scheme === 'izhikevich2003' ? 1 : 0;
    w.f32[abi.CI_VPEAK] = f(p.scalars.vPeak!);
    w.f32[abi.CI_NOISE] = f(p.scalars.noise!);
    w.i32[abi.C_DECAYING] = p.receptors.length; // a tau-0 pulse decays to 0 after one step
    p.receptors.forEach((r, i) => {
      const at = abi.C_REC0 + i * abi.C_REC_STRIDE;
      w.f32[at + abi.CR_DECAY] = r.tau === 0 ? 0 : f(detExp(-dt / r.tau));
    });
  },
  deriveInit(given, state, param, b, start) {
    if (given.has('u') || param !== abi.IZ_B) return;
    const v = state[abi.S_V]!;
    const u = state[abi.S_U]!;
    for (let i = 0; i < b.length; i++) u[start + i] = f(b[i]! * v[start + i]!);
  },
};
