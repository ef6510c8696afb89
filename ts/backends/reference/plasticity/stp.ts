// Twin of assembly/plasticity/stp.ts: Tsodyks-Markram short-term plasticity, evaluated lazily
// per presynaptic row when it spikes (f64, with detExp in both languages).
import * as abi from '../../../../assembly/abi.js';
import { detExp } from '../../../model/random/detmath.js';
import type { Mem } from '../memory.js';

const f = Math.fround;

export function stpEfficacy(m: Mem, stp: number, row: number, step: number): number {
  const { i32, u32, f64 } = m;
  const U = f64[(stp + abi.T_U) >>> 1]!;
  const uAt = (i32[stp + abi.T_STATE_U]! >>> 3) + row;
  const xAt = (i32[stp + abi.T_STATE_X]! >>> 3) + row;
  const lastAt = (i32[stp + abi.T_LAST]! >>> 2) + row;
  const last = u32[lastAt]!;
  let u = U;
  let x = 1.0;
  if (last !== 0) {
    const gap = step - (last - 1);
    x = 1.0 - (1.0 - f64[xAt]!) * detExp(-gap * f64[(stp + abi.T_RATE_REC) >>> 1]!);
    if (i32[stp + abi.T_FACIL] !== 0) {
      u = U + f64[uAt]! * (1.0 - U) * detExp(-gap * f64[(stp + abi.T_RATE_FACIL) >>> 1]!);
    }
  }
  f64[uAt] = u;
  f64[xAt] = x * (1.0 - u);
  u32[lastAt] = step + 1;
  return f(u * x);
}
