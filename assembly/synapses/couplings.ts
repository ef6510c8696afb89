// Couplings (docs/couplings.md): electrical synapses (gap junctions) and graded chemical
// synapses, which act every step instead of through spikes. Before the neurons update, from
// the state at the start of the step, every coupling's target (a per-neuron parameter of an
// equation population, such as Igap) is cleared, then each coupling adds its currents through
// its projection's synapses (weights = conductances), in table order, rows ascending, synapses
// in CSR order, so every sum is deterministic. ts/backends/reference/synapses/couplings.ts does
// the same operations in the same order.
import {
  COUPLING_ELECTRICAL, CP_CURRENT, CP_EREV, CP_INV_SLOPE, CP_KIND, CP_PROJ, CP_V_POST, CP_V_PRE, CP_VTH, CP_WORDS,
  H_CPL, H_NCPL, H_POPS, H_PROJS, J_COL, J_POST, J_PRE, J_PRE_END, J_PRE_START, J_ROWPTR, J_W, J_W_SHARED, J_WORDS,
  P_NPAD, P_PARAMS, P_STATE, P_WORDS,
} from "../abi";
import { expF32 } from "../detmath";
import { region, word } from "../memory";

function coupling(base: usize, c: i32): usize {
  return region(base, base, H_CPL) + (<usize>(c * CP_WORDS) << 2);
}

function projection(base: usize, cp: usize): usize {
  return region(base, base, H_PROJS) + (<usize>(word(cp, CP_PROJ) * J_WORDS) << 2);
}

function population(base: usize, p: i32): usize {
  return region(base, base, H_POPS) + (<usize>(p * P_WORDS) << 2);
}

/** The per-neuron array `slot` of a population's block `k` (P_STATE, P_PARAMS). */
function array(base: usize, rec: usize, k: i32, slot: i32): usize {
  return region(base, rec, k) + (<usize>(slot * word(rec, P_NPAD)) << 2);
}

/** Whether projection j couples rather than carries spikes (the engine does not propagate it). */
export function isCoupling(base: usize, j: i32): bool {
  const n = word(base, H_NCPL);
  for (let c = 0; c < n; c++) if (word(coupling(base, c), CP_PROJ) == j) return true;
  return false;
}

/** Every coupling's currents of this step, into their targets. */
export function couple(base: usize): void {
  const n = word(base, H_NCPL);
  for (let c = 0; c < n; c++) {
    const cp = coupling(base, c);
    const post = population(base, word(projection(base, cp), J_POST));
    memory.fill(array(base, post, P_PARAMS, word(cp, CP_CURRENT)), 0, <usize>word(post, P_NPAD) << 2);
  }
  for (let c = 0; c < n; c++) {
    const cp = coupling(base, c);
    const proj = projection(base, cp);
    const pre = population(base, word(proj, J_PRE));
    const post = population(base, word(proj, J_POST));
    const preStart = word(proj, J_PRE_START);
    const rows = word(proj, J_PRE_END) - preStart;
    const rowPtr = region(base, proj, J_ROWPTR);
    const col = region(base, proj, J_COL);
    const weights = word(proj, J_W) != 0 ? region(base, proj, J_W) : 0;
    const shared = load<f32>(proj + (<usize>J_W_SHARED << 2));
    const vPre = array(base, pre, P_STATE, word(cp, CP_V_PRE));
    const vPost = array(base, post, P_STATE, word(cp, CP_V_POST));
    const current = word(cp, CP_CURRENT);
    const into = array(base, post, P_PARAMS, current);
    const electrical = word(cp, CP_KIND) == COUPLING_ELECTRICAL;
    // Electrical: pre and post are one population, so the current of pre neuron i lies in the same array.
    const fromInto = electrical ? array(base, pre, P_PARAMS, current) : 0;
    const eRev = load<f32>(cp + (<usize>CP_EREV << 2));
    const vTh = load<f32>(cp + (<usize>CP_VTH << 2));
    const invSlope = load<f32>(cp + (<usize>CP_INV_SLOPE << 2));
    for (let r = 0; r < rows; r++) {
      const i = <usize>(preStart + r) << 2;
      const vi = load<f32>(vPre + i);
      const first = load<i32>(rowPtr + (<usize>r << 2));
      const last = load<i32>(rowPtr + (<usize>(r + 1) << 2));
      // graded: the presynaptic neuron's activation, once per row.
      const s: f32 = electrical ? 0 : 1 / (1 + expF32((vTh - vi) * invSlope));
      for (let k = first; k < last; k++) {
        const j = <usize>load<i32>(col + (<usize>k << 2)) << 2;
        const g = weights != 0 ? load<f32>(weights + (<usize>k << 2)) : shared;
        if (electrical) {
          const flow = g * (load<f32>(vPost + j) - vi);
          store<f32>(fromInto + i, load<f32>(fromInto + i) + flow);
          store<f32>(into + j, load<f32>(into + j) - flow);
        } else {
          store<f32>(into + j, load<f32>(into + j) + g * s * (eRev - load<f32>(vPost + j)));
        }
      }
    }
  }
}
