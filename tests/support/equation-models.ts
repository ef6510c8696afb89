// Models written as equations that the equation tests share: Brian2's texts where a published
// model exists (COBAHH verbatim from Brian2's examples/COBAHH.py), and models that exercise
// every part of the language.
import { readFileSync } from 'node:fs';
import type { EquationModelOptions } from '../../ts/api/network.js';

/** Brian2 examples/COBAHH.py (Brette et al. 2007, benchmark 3), its equations verbatim: examples/cobahh.json's model. */
const cobahhFile = JSON.parse(readFileSync(new URL('../../examples/cobahh.json', import.meta.url), 'utf8'));
export const COBAHH: EquationModelOptions = { ...cobahhFile.populations[0].model, params: cobahhFile.populations[0].params };

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
