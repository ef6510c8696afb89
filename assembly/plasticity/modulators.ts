// Modulators (dopamine, reward, error, an astrocyte's activity): named signals that relax to a
// baseline with their own time constant, are driven by the host between runs, and may integrate the spikes
// of source populations, each with its own signed gain (the first in the modulator's record, the
// others in the drive table, applied after it in order). Updated once per step after the populations, so a projection's
// eligibility traces see this step's value.
import {
  H_DRV, H_MODS, H_NDRV, H_NMODS, MD_GAIN, MD_MODULATOR, MD_SOURCE, MD_WORDS, MO_BASELINE, MO_DECAY, MO_GAIN, MO_SOURCE,
  MO_VALUE, MO_WORDS, P_NSPIKES, P_WORDS,
} from "../abi";
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
  const drives = word(base, H_NDRV);
  if (drives == 0) return;
  const driveTable = region(base, base, H_DRV);
  for (let d = 0; d < drives; d++) {
    const drive = driveTable + (<usize>(d * MD_WORDS) << 2);
    const cell = table + (<usize>(word(drive, MD_MODULATOR) * MO_WORDS + MO_VALUE) << 2);
    const spikes = <f32>word(pops + (<usize>(word(drive, MD_SOURCE) * P_WORDS) << 2), P_NSPIKES);
    store<f32>(cell, load<f32>(cell) + load<f32>(drive + (<usize>MD_GAIN << 2)) * spikes);
  }
}

/** A modulator's value now. */
export function modulatorValue(base: usize, m: i32): f32 {
  return load<f32>(region(base, base, H_MODS) + (<usize>(m * MO_WORDS + MO_VALUE) << 2));
}
