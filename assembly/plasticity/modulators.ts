// Modulators (dopamine, reward, error, an astrocyte's activity): named signals that relax to a
// baseline with their own time constant, are driven by the host between runs, and may integrate the spikes
// of a source population. Updated once per step after the populations, so a projection's
// eligibility traces see this step's value.
import { H_MODS, H_NMODS, MO_BASELINE, MO_DECAY, MO_GAIN, MO_SOURCE, MO_VALUE, MO_WORDS, P_NSPIKES, P_WORDS } from "../abi";
import { region, word } from "../memory";

export function updateModulators(base: usize, pops: usize): void {
  const n = word(base, H_NMODS);
  if (n == 0) return;
  const table = region(base, base, H_MODS);
  for (let m = 0; m < n; m++) {
    const rec = table + (<usize>(m * MO_WORDS) << 2);
    const baseline = load<f32>(rec + (<usize>MO_BASELINE << 2));
    let value = (load<f32>(rec + (<usize>MO_VALUE << 2)) - baseline) * load<f32>(rec + (<usize>MO_DECAY << 2)) + baseline;
    const source = word(rec, MO_SOURCE);
    if (source >= 0) {
      const spikes = <f32>word(pops + (<usize>(source * P_WORDS) << 2), P_NSPIKES);
      value += load<f32>(rec + (<usize>MO_GAIN << 2)) * spikes;
    }
    store<f32>(rec + (<usize>MO_VALUE << 2), value);
  }
}

/** A modulator's value now. */
export function modulatorValue(base: usize, m: i32): f32 {
  return load<f32>(region(base, base, H_MODS) + (<usize>(m * MO_WORDS + MO_VALUE) << 2));
}
