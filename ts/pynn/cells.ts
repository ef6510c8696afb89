// spikewasm's neuron models as PyNN standard cell types (PyNN's units: ms, mV, nF, nA, µS, Hz).
// Each mapping gives the same equations, not an approximation; a model or setting PyNN's cell
// cannot express is refused naming the population and what is missing.
import { fail } from '../errors.js';
import type { PlannedPopulation } from '../model/plan-population.js';

/** A parameter's one value: PyNN takes arrays, but the values spikewasm draws per neuron are not exported yet. */
function scalar(pop: PlannedPopulation, key: string): number {
  if (Object.hasOwn(pop.params.scalars, key)) return pop.params.scalars[key]!;
  const spec = pop.params.perNeuron[key];
  if (typeof spec === 'number') return spec;
  return fail('E_MODEL', `populations[${pop.index}].params.${key}`, `population '${pop.name}' gives ${key} per neuron; the PyNN export writes one value per population`);
}

/** A population as a PyNN cell type, and how a synaptic weight into it converts. */
export interface PynnCell {
  /** PyNN's class: IF_curr_exp, IF_curr_delta, IF_cond_exp, Izhikevich, SpikeSourcePoisson, SpikeSourceArray. */
  type: string;
  /** Its parameters in PyNN's units (spike_times of a SpikeSourceArray go in the data file). */
  params: Record<string, number>;
  /** The state variables the script initializes from spikewasm's values at step 0, with their factor to PyNN's unit. */
  initial: Record<string, number>;
  /** spikewasm's receptor names in PyNN's order: excitatory, then inhibitory. */
  receptors: string[];
  /** PyNN's weight per spikewasm weight (SI) into this cell. */
  weightScale: number;
  /** Current-based cells: inhibitory weights are negative in PyNN; conductances are never negative. */
  conductance: boolean;
}

export const ms = (s: number) => s * 1e3;
const mV = (v: number) => v * 1e3;

export function pynnCell(pop: PlannedPopulation, dtMs: number): PynnCell {
  const path = `populations[${pop.index}]`;
  const name = pop.model.name;
  const p = (key: string) => scalar(pop, key);
  const receptors = pop.params.receptors;
  if (receptors.length > 2) fail('E_MODEL', `${path}.params.receptors`, `population '${pop.name}' has ${receptors.length} receptors; PyNN's standard cells have two (excitatory, inhibitory)`);
  const tau = (k: number) => (receptors[k] ? ms(receptors[k]!.tau) : 5);
  switch (name) {
    case 'lif': {
      // tauM dv/dt = (vRest - v) + rM I: with PyNN's cm of 1 nF, a current I (A) is rM I / tauM nA.
      const scale = p('rM') / p('tauM');
      const membrane = { cm: 1, tau_m: ms(p('tauM')), v_rest: mV(p('vRest')), v_thresh: mV(p('vThresh')), v_reset: mV(p('vReset')), tau_refrac: ms(p('tRef')) };
      const delta = receptors.filter((r) => r.tau === 0).length;
      // Delta receptors (tau 0) add their weight (V) to v: IF_curr_delta's weights are mV jumps.
      if (delta > 0 && delta === receptors.length) {
        return { type: 'IF_curr_delta', params: { ...membrane, i_offset: scale * p('bias') }, initial: { v: 1e3 }, receptors: receptors.map((r) => r.name), weightScale: 1e3, conductance: false };
      }
      if (delta > 0) fail('E_MODEL', `${path}.params.receptors`, `population '${pop.name}' has delta (tau 0) and decaying receptors; PyNN's cells have one kind (IF_curr_delta or IF_curr_exp)`);
      return {
        type: 'IF_curr_exp',
        params: { ...membrane, tau_syn_E: tau(0), tau_syn_I: tau(1), i_offset: scale * p('bias') },
        initial: { v: 1e3 }, receptors: receptors.map((r) => r.name), weightScale: scale, conductance: false,
      };
    }
    case 'lif_cond':
      return {
        type: 'IF_cond_exp',
        params: {
          cm: p('cM') * 1e9, tau_m: ms(p('cM') / p('gL')), v_rest: mV(p('eL')), v_thresh: mV(p('vThresh')), v_reset: mV(p('vReset')), tau_refrac: ms(p('tRef')),
          tau_syn_E: tau(0), tau_syn_I: tau(1), e_rev_E: mV(receptors[0]?.eRev ?? 0), e_rev_I: mV(receptors[1]?.eRev ?? -0.07), i_offset: p('bias') * 1e9,
        },
        initial: { v: 1e3 }, receptors: receptors.map((r) => r.name), weightScale: 1e6, conductance: true,
      };
    case 'izhikevich': {
      // PyNN's Izhikevich: the same equations in the same units (mV, ms), its cell 1 pF, so a
      // current of I mV/ms is I / 1000 nA; its synapses add their weight (mV) to v at once, where
      // spikewasm's pulse receptor (tau 0) adds w mV/ms to I for one step: w dt mV.
      receptors.forEach((r) => r.tau !== 0 && fail('E_MODEL', `${path}.params.receptors.${r.name}`, `population '${pop.name}' has a decaying receptor (tau ${r.tau} s); PyNN's Izhikevich takes pulses only (tau 0)`));
      if (p('noise') !== 0) fail('E_MODEL', `${path}.params.noise`, `population '${pop.name}' has noise; PyNN's Izhikevich has none (PyNN's NoisyCurrentSource could carry it; not written)`);
      if (p('vPeak') !== 30) fail('E_MODEL', `${path}.params.vPeak`, `population '${pop.name}' has vPeak ${p('vPeak')} mV; PyNN's Izhikevich spikes at 30 mV`);
      return {
        type: 'Izhikevich',
        params: { a: p('a'), b: p('b'), c: p('c'), d: p('d'), i_offset: p('bias') / 1000 },
        initial: { v: 1, u: 1 }, receptors: receptors.map((r) => r.name), weightScale: dtMs, conductance: false,
      };
    }
    case 'poisson':
      return { type: 'SpikeSourcePoisson', params: { rate: p('rate') }, initial: {}, receptors: [], weightScale: 1, conductance: false };
    case 'spike_source':
      return { type: 'SpikeSourceArray', params: {}, initial: {}, receptors: [], weightScale: 1, conductance: false };
    default:
      return fail('E_MODEL', `${path}.model`, `population '${pop.name}' is ${pop.model.equations ? 'a model written as equations' : `a ${name} population`}; the PyNN export writes lif (IF_curr_exp, or IF_curr_delta with delta receptors), lif_cond (IF_cond_exp), izhikevich (Izhikevich), poisson (SpikeSourcePoisson) and spike_source (SpikeSourceArray)`);
  }
}
