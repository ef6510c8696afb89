// Models written as equations that the equation tests share: Brian2's texts where a published
// model exists (COBAHH verbatim from Brian2's examples/COBAHH.py), and models that exercise
// every part of the language.
import type { EquationModelOptions } from '../../ts/api/network.js';

/** Brian2 examples/COBAHH.py (Brette et al. 2007, benchmark 3), its equations and parameters verbatim. */
export const COBAHH: EquationModelOptions = {
  equations: `
    dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
             g_na*(m*m*m)*h*(v-ENa)-
             g_kd*(n*n*n*n)*(v-EK))/Cm : volt
    dm/dt = alpha_m*(1-m)-beta_m*m : 1
    dn/dt = alpha_n*(1-n)-beta_n*n : 1
    dh/dt = alpha_h*(1-h)-beta_h*h : 1
    dge/dt = -ge*(1./taue) : siemens
    dgi/dt = -gi*(1./taui) : siemens
    alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
    beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
    alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
    beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
    alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
    beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz`,
  threshold: 'v>-20*mV',
  refractory: '3 ms',
  method: 'exponential_euler',
  params: {
    Cm: '1 ufarad * cm**-2 * 20000 umetre**2', gl: '5e-5 siemens * cm**-2 * 20000 umetre**2',
    El: '-60 mV', EK: '-90 mV', ENa: '50 mV',
    g_na: '100 msiemens * cm**-2 * 20000 umetre**2', g_kd: '30 msiemens * cm**-2 * 20000 umetre**2',
    VT: '-63 mV', taue: '5 ms', taui: '10 ms', Ee: '0 mV', Ei: '-80 mV',
  },
};

/** Brian2's CUBA (Brette et al. 2007, benchmark 2) as equations: the built-in lif's network. */
export const CUBA: EquationModelOptions = {
  equations: `
    dv/dt = (vRest - v + ge + gi) / tauM : volt (unless refractory)
    dge/dt = -ge / tauE : volt
    dgi/dt = -gi / tauI : volt`,
  threshold: 'v > vThresh', reset: 'v = vReset', refractory: '5 ms', method: 'exact',
  params: { tauM: '20 ms', vRest: '-49 mV', vThresh: '-50 mV', vReset: '-60 mV', tauE: '5 ms', tauI: '10 ms' },
};

/** Adaptive exponential integrate-and-fire, written in the built-in adex's operation order. */
export function adexEquations(p: { C: number; gL: number; eL: number; vT: number; deltaT: number; a: number; tauW: number; b: number; vReset: number; I: number }): EquationModelOptions {
  const f = Math.fround;
  return {
    equations: `
      dv/dt = (gL*(eL - v) + gLdeltaT*exp(clip((v - vT)*invDeltaT, -1000, 80)) - w + I) / C : volt
      dw/dt = (a*(v - eL) - w) / tauW : amp`,
    threshold: 'v > vPeak', reset: 'v = vReset; w += b', method: 'euler',
    params: {
      C: `${p.C} F`, gL: `${p.gL} S`, eL: `${p.eL} V`, vT: `${p.vT} V`, a: `${p.a} S`, tauW: `${p.tauW} s`, b: `${p.b} A`,
      vReset: `${p.vReset} V`, vPeak: '0 V', I: `${p.I} A`,
      // The built-in kernel's f32 products (tests/equations compare spike steps exactly).
      gLdeltaT: `${f(f(p.gL) * f(p.deltaT))} A`, invDeltaT: `${f(1 / p.deltaT)} V**-1`,
    },
  };
}
