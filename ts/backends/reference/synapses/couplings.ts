// Twin of assembly/synapses/couplings.ts: electrical and graded synapses, every step before the
// neurons update, cleared targets first, then each coupling in table order, rows ascending,
// synapses in CSR order (a junction's current into its row's neuron summed over the row, then
// added), every operation rounded to f32.
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
    const post = population(m, i32[proj + abi.J_POST]!);
    const preStart = i32[proj + abi.J_PRE_START]!;
    const rows: Rows = {
      preStart,
      rows: i32[proj + abi.J_PRE_END]! - preStart,
      rowPtr: i32[proj + abi.J_ROWPTR]! >>> 2,
      col: i32[proj + abi.J_COL]! >>> 2,
      weights: i32[proj + abi.J_W]! >>> 2,
      shared: f32[proj + abi.J_W_SHARED]!,
      vPre: array(m, population(m, i32[proj + abi.J_PRE]!), abi.P_STATE, i32[cp + abi.CP_V_PRE]!),
      vPost: array(m, post, abi.P_STATE, i32[cp + abi.CP_V_POST]!),
      into: array(m, post, abi.P_PARAMS, i32[cp + abi.CP_CURRENT]!),
    };
    if (i32[cp + abi.CP_KIND] === abi.COUPLING_ELECTRICAL) electricalRows(f32, i32, rows);
    else gradedRows(f32, i32, rows, f32[cp + abi.CP_EREV]!, f32[cp + abi.CP_VTH]!, f32[cp + abi.CP_INV_SLOPE]!);
  }
}

/** Word indices of one coupling's arrays (the kernel keeps them in module globals). */
interface Rows {
  preStart: number;
  rows: number;
  rowPtr: number;
  col: number;
  weights: number;
  shared: number;
  vPre: number;
  vPost: number;
  into: number;
}

function electricalRows(f32: Float32Array, i32: Int32Array, c: Rows): void {
  for (let r = 0; r < c.rows; r++) {
    const i = c.preStart + r;
    const vi = f32[c.vPre + i]!;
    let intoI = 0;
    for (let k = i32[c.rowPtr + r]!; k < i32[c.rowPtr + r + 1]!; k++) {
      const j = i32[c.col + k]!;
      const g = c.weights !== 0 ? f32[c.weights + k]! : c.shared;
      const flow = f(g * f(f32[c.vPost + j]! - vi));
      intoI = f(intoI + flow);
      f32[c.into + j] = f(f32[c.into + j]! - flow);
    }
    f32[c.into + i] = f(f32[c.into + i]! + intoI);
  }
}

function gradedRows(f32: Float32Array, i32: Int32Array, c: Rows, eRev: number, vTh: number, invSlope: number): void {
  for (let r = 0; r < c.rows; r++) {
    const s = f(1 / f(1 + expF32(f(f(vTh - f32[c.vPre + c.preStart + r]!) * invSlope))));
    for (let k = i32[c.rowPtr + r]!; k < i32[c.rowPtr + r + 1]!; k++) {
      const j = i32[c.col + k]!;
      const g = c.weights !== 0 ? f32[c.weights + k]! : c.shared;
      f32[c.into + j] = f(f32[c.into + j]! + f(f(g * s) * f(eRev - f32[c.vPost + j]!)));
    }
  }
}
