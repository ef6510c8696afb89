// Built-in plasticity rules written as synapse models (Brian2's way), for the tests that hold
// the two against each other.
import type { ProjectionDescription } from '../../ts/model/description.js';

/** Song et al. (2000) additive STDP, examples/stdp-song2000.json's rule, onto its lif_cond receptor e. */
export const SONG_STDP: ProjectionDescription['synapse'] = {
  model: `w : siemens
          dapre/dt = -apre / taupre : siemens (event-driven)
          dapost/dt = -apost / taupost : siemens (event-driven)`,
  onPre: `e += w
          apre += dApre
          w = clip(w + apost, 0, gmax)`,
  onPost: `apost += dApost
           w = clip(w + apre, 0, gmax)`,
  params: { taupre: '20 ms', taupost: '20 ms', gmax: '100 pS', dApre: '1 pS', dApost: '-1.05 pS' },
};

/** Pfister & Gerstner (2006) minimal all-to-all triplet rule, onto receptor p (weights move no neuron). */
export function tripletStdp(a: { a2Plus: number; a3Plus: number; a2Minus: number; a3Minus: number; tauPlus: number; tauMinus: number; tauX: number; tauY: number }): ProjectionDescription['synapse'] {
  return {
    model: `w : 1
            dr1/dt = -r1 / tauPlus : 1 (event-driven)
            dr2/dt = -r2 / tauX : 1 (event-driven)
            do1/dt = -o1 / tauMinus : 1 (event-driven)
            do2/dt = -o2 / tauY : 1 (event-driven)`,
    onPre: `p += w * amp
            w = w - o1 * (a2Minus + a3Minus * r2)
            r1 += 1
            r2 += 1`,
    onPost: `w = w + r1 * (a2Plus + a3Plus * o2)
             o1 += 1
             o2 += 1`,
    params: {
      a2Plus: a.a2Plus, a3Plus: a.a3Plus, a2Minus: a.a2Minus, a3Minus: a.a3Minus,
      tauPlus: `${a.tauPlus} s`, tauMinus: `${a.tauMinus} s`, tauX: `${a.tauX} s`, tauY: `${a.tauY} s`,
    },
  };
}

/**
 * Izhikevich (2007) dopamine-modulated STDP, examples/distal-reward.json's rule: nearest-spike
 * traces set the eligibility c, and dw/dt = 100/s * dopamine * c (exponential Euler: c decays
 * exactly, w takes Euler's step). The built-in rule also clips w to [0, 4] every step.
 */
export const DISTAL_REWARD_STDP: ProjectionDescription['synapse'] = {
  model: `dw/dt = gain * dopamine * c : volt (clock-driven)
          dc/dt = -c / tauC : 1 (clock-driven)
          dapre/dt = -apre / tauPlus : 1 (event-driven)
          dapost/dt = -apost / tauMinus : 1 (event-driven)`,
  onPre: `s += w
          c -= aMinus * apost
          apre = 1`,
  onPost: `c += aPlus * apre
           apost = 1`,
  params: { gain: '100 V/s', tauC: '1 s', tauPlus: '20 ms', tauMinus: '20 ms', aPlus: 0.1, aMinus: 0.15 },
  method: 'exponential_euler',
};
