// Twin of assembly/plasticity/modulators.ts: modulators decay to their baseline each step and
// move with their source populations' spikes (the first source, then the drive table's).
import * as abi from '../../../../assembly/abi.js';
import type { Mem } from '../memory.js';

const f = Math.fround;

export function updateModulators(m: Mem, pops: number): void {
  const { i32, f32 } = m;
  const n = i32[abi.H_NMODS]!;
  const table = i32[abi.H_MODS]! >>> 2;
  for (let k = 0; k < n; k++) {
    const rec = table + k * abi.MO_WORDS;
    const baseline = f32[rec + abi.MO_BASELINE]!;
    let value = f(f(f(f32[rec + abi.MO_VALUE]! - baseline) * f32[rec + abi.MO_DECAY]!) + baseline);
    const source = i32[rec + abi.MO_SOURCE]!;
    if (source >= 0) value = f(value + f(f32[rec + abi.MO_GAIN]! * i32[pops + source * abi.P_WORDS + abi.P_NSPIKES]!));
    f32[rec + abi.MO_VALUE] = value;
  }
  const drives = i32[abi.H_DRV]! >>> 2;
  for (let d = 0; d < i32[abi.H_NDRV]!; d++) {
    const drive = drives + d * abi.MD_WORDS;
    const cell = table + i32[drive + abi.MD_MODULATOR]! * abi.MO_WORDS + abi.MO_VALUE;
    f32[cell] = f(f32[cell]! + f(f32[drive + abi.MD_GAIN]! * i32[pops + i32[drive + abi.MD_SOURCE]! * abi.P_WORDS + abi.P_NSPIKES]!));
  }
}

/** A modulator's value now. */
export function modulatorValue(m: Mem, k: number): number {
  return m.f32[(m.i32[abi.H_MODS]! >>> 2) + k * abi.MO_WORDS + abi.MO_VALUE]!;
}
