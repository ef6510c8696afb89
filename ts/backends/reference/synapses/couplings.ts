// Twin of assembly/synapses/couplings.ts: electrical and graded synapses, every step before the
// neurons update, cleared targets first, then each coupling in table order, rows ascending,
// synapses in CSR order, every operation rounded to f32.
import * as abi from '../../../../assembly/abi.js';
import { expF32 } from '../../../model/random/detmath.js';
import type { Mem } from '../memory.js';

const f = Math.fround;

const coupling = (m: Mem, c: number) => (m.i32[abi.H_CPL]! >>> 2) + c * abi.CP_WORDS;
const projection = (m: Mem, cp: number) => (m.i32[abi.H_PROJS]! >>> 2) + m.i32[cp + abi.CP_PROJ]! * abi.J_WORDS;
const population = (m: Mem, p: number) => (m.i32[abi.H_POPS]! >>> 2) + p * abi.P_WORDS;
/** Word index of the per-neuron array `slot` of a population's block `k` (P_STATE, P_PARAMS). */
const array = (m: Mem, rec: number, k: number, slot: number) => (m.i32[rec + k]! >>> 2) + slot * m.i32[rec + abi.P_NPAD]!;

export function isCoupling(m: Mem, j: number): boolean {
  for (let c = 0; c < m.i32[abi.H_NCPL]!; c++) if (m.i32[coupling(m, c) + abi.CP_PROJ] === j) return true;
  return false;
}

export function couple(m: Mem): void {
  const { i32, f32 } = m;
  const n = i32[abi.H_NCPL]!;
  for (let c = 0; c < n; c++) {
    const cp = coupling(m, c);
    const post = population(m, i32[projection(m, cp) + abi.J_POST]!);
    const at = array(m, post, abi.P_PARAMS, i32[cp + abi.CP_CURRENT]!);
    f32.fill(0, at, at + i32[post + abi.P_NPAD]!);
  }
  for (let c = 0; c < n; c++) {
    const cp = coupling(m, c);
    const proj = projection(m, cp);
    const pre = population(m, i32[proj + abi.J_PRE]!);
    const post = population(m, i32[proj + abi.J_POST]!);
    const preStart = i32[proj + abi.J_PRE_START]!;
    const rows = i32[proj + abi.J_PRE_END]! - preStart;
    const rowPtr = i32[proj + abi.J_ROWPTR]! >>> 2;
    const col = i32[proj + abi.J_COL]! >>> 2;
    const weights = i32[proj + abi.J_W]! >>> 2;
    const shared = f32[proj + abi.J_W_SHARED]!;
    const vPre = array(m, pre, abi.P_STATE, i32[cp + abi.CP_V_PRE]!);
    const vPost = array(m, post, abi.P_STATE, i32[cp + abi.CP_V_POST]!);
    const into = array(m, post, abi.P_PARAMS, i32[cp + abi.CP_CURRENT]!);
    const electrical = i32[cp + abi.CP_KIND] === abi.COUPLING_ELECTRICAL;
    const fromInto = array(m, pre, abi.P_PARAMS, i32[cp + abi.CP_CURRENT]!);
    const [eRev, vTh, invSlope] = [f32[cp + abi.CP_EREV]!, f32[cp + abi.CP_VTH]!, f32[cp + abi.CP_INV_SLOPE]!];
    for (let r = 0; r < rows; r++) {
      const i = preStart + r;
      const vi = f32[vPre + i]!;
      const s = electrical ? 0 : f(1 / f(1 + expF32(f(f(vTh - vi) * invSlope))));
      for (let k = i32[rowPtr + r]!; k < i32[rowPtr + r + 1]!; k++) {
        const j = i32[col + k]!;
        const g = weights !== 0 ? f32[weights + k]! : shared;
        if (electrical) {
          const flow = f(g * f(f32[vPost + j]! - vi));
          f32[fromInto + i] = f(f32[fromInto + i]! + flow);
          f32[into + j] = f(f32[into + j]! - flow);
        } else {
          f32[into + j] = f(f32[into + j]! + f(f(g * s) * f(eRev - f32[vPost + j]!)));
        }
      }
    }
  }
}
