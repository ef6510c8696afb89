// The sign of a chemical synapse, from its transmitter. The tables say what a neuron releases, not
// what the receiving neuron's receptors do with it, so the sign is a modelling choice, stated
// here and changeable through the options. The default is c302's: GABA inhibits, everything
// else excites (c302 tests `'GABA' in synclass`). Glutamate is excitatory in it although C.
// elegans also has glutamate-gated chloride channels that make some glutamatergic synapses
// inhibitory (AWC onto AIY, Chalasani et al. 2007): the tables cannot tell which.
import { fail, shown } from '../errors.js';

export type Sign = 'excitatory' | 'inhibitory';

/** What becomes of a synapse whose transmitter the mapping does not name, or that has none. */
export type OtherTransmitters = Sign | 'omit';

export const DEFAULT_TRANSMITTER_SIGNS: Readonly<Record<string, Sign>> = {
  Acetylcholine: 'excitatory',
  Glutamate: 'excitatory',
  GABA: 'inhibitory',
};

/**
 * Transmitters not in the mapping (OpenWorm's Serotonin, Dopamine, Octapamine, FMRFamide) and
 * synapses without one (Cook et al.'s and White et al.'s tables give none): excitatory, as in c302.
 */
export const DEFAULT_OTHER_TRANSMITTERS: OtherTransmitters = 'excitatory';

/**
 * The sign of a synapse releasing `transmitter`: the mapping's entry for the whole name, else
 * for its parts ('Serotonin_Acetylcholine' acts through Acetylcholine), else `other`. Parts of
 * opposite signs are an error at `path`: the mapping must then name the mixture itself.
 */
export function transmitterSign(path: string, transmitter: string | undefined, signs: Readonly<Record<string, Sign>>, other: OtherTransmitters): OtherTransmitters {
  if (transmitter === undefined) return other;
  const signOf = (name: string) => (Object.hasOwn(signs, name) ? signs[name] : undefined);
  const whole = signOf(transmitter);
  if (whole) return whole;
  const parts = new Set(transmitter.split('_').flatMap((part) => signOf(part) ?? []));
  if (parts.size > 1) fail('E_PARAM', path, `${shown(transmitter)} is made of transmitters of both signs: give it a sign of its own`);
  return [...parts][0] ?? other;
}
