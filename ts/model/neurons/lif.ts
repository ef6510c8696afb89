import * as abi from '../../../assembly/abi.js';
import { fail } from '../../errors.js';
import { detExp } from '../random/detmath.js';
import type { ParamRules, ResolvedParams } from '../params.js';
import { heldSteps, type CoefWords, type NeuronModel } from './model.js';

const f = Math.fround;

/**
 * Leaky integrate-and-fire with exponentially decaying current receptors, integrated exactly:
 *   tauM dv/dt = vRest - v + rM (sum_r I_r + bias + step current),  tau_r dI_r/dt = -I_r.
 * A receptor with tau 0 is a delta synapse: its weight (volts) jumps v.
 * With rM = 1 ohm currents are volt-equivalents, as in Brian2's CUBA example.
 */
export const lifRules: ParamRules = {
  tauM: { unit: 's', range: 'positive', doc: 'Membrane time constant (s).' },
  vRest: { unit: 'V', range: 'any', doc: 'Resting potential (V).' },
  vThresh: { unit: 'V', range: 'any', doc: 'Spike threshold (V); a neuron spikes when v > vThresh.' },
  vReset: { unit: 'V', range: 'any', doc: 'Reset potential (V); must be below vThresh.' },
  tRef: { unit: 's', range: 'nonnegative', default: 0, doc: 'Refractory period (s): the neuron is held at vReset for round(tRef/dt) - 1 steps after the spike step.' },
  rM: { unit: 'ohm', range: 'positive', default: 1, doc: 'Membrane resistance (ohm) that scales input currents; with the default 1, currents are volt-equivalents, as in Brian2\'s CUBA.' },
  bias: { unit: 'A', range: 'any', default: 0, perNeuron: true, doc: 'Constant input current (A, times rM); one value per neuron allowed.' },
};

export function checkResetBelowThreshold(p: ResolvedParams, path: string, reset = 'vReset', threshold = 'vThresh'): void {
  const r = p.scalars[reset]!;
  const t = p.scalars[threshold]!;
  if (!(r < t)) fail('E_PARAM', `${path}.${reset}`, `must be below ${threshold} (${r} >= ${t})`);
}

/** The exact-integration coefficients shared by lif and alif. */
export function lifCoefficients(p: ResolvedParams, dt: number, w: CoefWords): void {
  const { tauM, vRest, vThresh, vReset, tRef, rM } = p.scalars as Record<string, number>;
  const p22 = detExp(-dt / tauM!);
  w.f32[abi.CL_P22] = f(p22);
  w.f32[abi.CL_P20] = f(rM! * (1 - p22));
  w.f32[abi.CL_VREST] = f(vRest!);
  w.f32[abi.CL_VRESET] = f(vReset!);
  w.f32[abi.CL_VTHRESH] = f(vThresh!);
  w.i32[abi.CL_REF_STEPS] = heldSteps(tRef!, dt);
  w.i32[abi.C_DECAYING] = p.receptors.filter((r) => r.tau > 0).length;
  p.receptors.forEach((r, i) => {
    const at = abi.C_REC0 + i * abi.C_REC_STRIDE;
    if (r.tau === 0) return; // a delta receptor: its input jumps v
    const decay = detExp(-dt / r.tau);
    // v's response to a unit current decaying with tau; the limit where tau equals tauM.
    const gain = Math.abs(r.tau - tauM!) > 1e-9 * tauM!
      ? (rM! * r.tau * (decay - p22)) / (r.tau - tauM!)
      : (rM! * dt * p22) / tauM!;
    w.f32[at + abi.CR_DECAY] = f(decay);
    w.f32[at + abi.CR_GAIN] = f(gain);
  });
}

export const lif: NeuronModel<'lif'> = {
  name: 'lif',
  kernel: abi.KERNEL_LIF,
  rules: lifRules,
  receptorRules: { allowDelta: true, needsReversal: false },
  stateVars: [
    { name: 'v', type: 'f32', init: (p) => p.scalars.vRest!, unit: 'V' },
    { name: 'refractory', type: 'i32', init: 0 },
  ],
  perNeuronParams: [],
  takesCurrent: true,
  check: (p, path) => checkResetBelowThreshold(p, path),
  coefficients: lifCoefficients,
};
