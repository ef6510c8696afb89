// spikewasm's pair-based STDP as PyNN's STDPMechanism: SpikePairRule (all-to-all pairing, as
// pyNN.neuron's StdwaSA and spikewasm's default) with AdditiveWeightDependence, whose A_plus and
// A_minus are fractions of w_max (StdwaSA adds w_max·A·trace). What else PyNN cannot say is refused.
import { fail } from '../errors.js';
import type { ProjectionDescription } from '../model/description.js';
import type { ResolvedPlasticity } from '../model/plasticity.js';
import { ms } from './cells.js';

/**
 * The script's synapse type for a plastic projection; `weightScale` converts weights to PyNN's
 * unit. Weights and delays come from the connector (the exact list) or from `weightDelay`.
 */
export function stdpText(desc: ProjectionDescription, plan: ResolvedPlasticity, weightScale: number, path: string, name: string, weightDelay: string): string {
  const p = desc.plasticity!;
  const refuse = (key: string, why: string) => fail('E_MODEL', `${path}.plasticity.${key}`, `projection '${name}' ${why}; the PyNN export writes pair-based additive STDP with all-to-all pairing`);
  if (p.rule !== 'stdp') refuse('rule', `has ${p.rule} plasticity`);
  const s = p as Extract<typeof p, { rule: 'stdp' }>;
  if ((s.weightDependence ?? 'additive') !== 'additive') refuse('weightDependence', 'has multiplicative STDP');
  if ((s.pairing ?? 'all_to_all') !== 'all_to_all') refuse('pairing', 'pairs nearest spikes only');
  if (s.symmetric) refuse('symmetric', 'has symmetric STDP');
  if (p.delays !== undefined) refuse('delays', 'learns its delays, which PyNN has no mechanism for');
  for (const key of ['modulator', 'scaling', 'dendriticDelay'] as const) if (p[key] !== undefined && p[key] !== 0) refuse(key, `has ${key}`);
  if (plan.wMin < 0) refuse('wMin', `lets weights fall below 0 (wMin ${plan.wMin})`);
  const wMax = plan.wMax * weightScale;
  // A change of aPlus (weight units) is A_plus = aPlus / wMax of PyNN's w_max; the learning rate multiplies both.
  const timing = `sim.SpikePairRule(tau_plus=${ms(plan.tauPlus)}, tau_minus=${ms(plan.tauMinus)}, A_plus=${plan.aPlus * plan.learningRate / plan.wMax}, A_minus=${plan.aMinus * plan.learningRate / plan.wMax})`;
  const bounds = `sim.AdditiveWeightDependence(w_min=${plan.wMin * weightScale}, w_max=${wMax})`;
  // dendritic_delay_fraction 0: the whole delay is axonal, as spikewasm's default.
  return `sim.STDPMechanism(timing_dependence=${timing}, weight_dependence=${bounds}, dendritic_delay_fraction=0.0${weightDelay})`;
}
