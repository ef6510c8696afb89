// Couplings (docs/couplings.md): electrical synapses (gap junctions) and graded chemical
// synapses, which act every step instead of through spikes. Before the neurons update, from
// the state at the start of the step, every coupling's target (a per-neuron parameter of an
// equation population, such as Igap) is cleared, then each coupling adds its currents through
// its projection's synapses (weights = conductances), in table order, rows ascending, synapses
// in CSR order (a junction's current into its row's neuron is summed over the row, then added),
// so every sum is deterministic. ts/backends/reference/synapses/couplings.ts does
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
    cplPreStart = word(proj, J_PRE_START);
    cplRows = word(proj, J_PRE_END) - cplPreStart;
    cplRowPtr = region(base, proj, J_ROWPTR);
    cplCol = region(base, proj, J_COL);
    cplWeights = word(proj, J_W) != 0 ? region(base, proj, J_W) : 0;
    cplShared = load<f32>(proj + (<usize>J_W_SHARED << 2));
    cplVPre = array(base, pre, P_STATE, word(cp, CP_V_PRE));
    cplVPost = array(base, post, P_STATE, word(cp, CP_V_POST));
    cplInto = array(base, post, P_PARAMS, word(cp, CP_CURRENT));
    if (word(cp, CP_KIND) == COUPLING_ELECTRICAL) electricalRows();
    else gradedRows(load<f32>(cp + (<usize>CP_EREV << 2)), load<f32>(cp + (<usize>CP_VTH << 2)), load<f32>(cp + (<usize>CP_INV_SLOPE << 2)));
  }
}

// The coupling being added, read once per coupling by couple (as propagate.ts reads its projection).
let cplPreStart: i32 = 0;
let cplRows: i32 = 0;
let cplRowPtr: usize = 0;
let cplCol: usize = 0;
/** Per-synapse conductances; 0 when the projection has one shared conductance. */
let cplWeights: usize = 0;
let cplShared: f32 = 0;
let cplVPre: usize = 0;
let cplVPost: usize = 0;
/** The receiving parameter's array (electrical: of the one population both sides belong to). */
let cplInto: usize = 0;

/** Each junction (i, j): g (v_j - v_i) into i, summed over i's row first, and its negative into j. */
function electricalRows(): void {
  for (let r = 0; r < cplRows; r++) {
    const i = <usize>(cplPreStart + r) << 2;
    const vi = load<f32>(cplVPre + i);
    let intoI: f32 = 0;
    const last = load<i32>(cplRowPtr + (<usize>(r + 1) << 2));
    for (let k = load<i32>(cplRowPtr + (<usize>r << 2)); k < last; k++) {
      const j = <usize>load<i32>(cplCol + (<usize>k << 2)) << 2;
      const g = cplWeights != 0 ? load<f32>(cplWeights + (<usize>k << 2)) : cplShared;
      const flow = g * (load<f32>(cplVPost + j) - vi);
      intoI += flow;
      store<f32>(cplInto + j, load<f32>(cplInto + j) - flow);
    }
    store<f32>(cplInto + i, load<f32>(cplInto + i) + intoI);
  }
}

/** Each graded synapse: g s(v_pre) (eRev - v_post) into the post neuron, the activation once per presynaptic neuron. */
function gradedRows(eRev: f32, vTh: f32, invSlope: f32): void {
  for (let r = 0; r < cplRows; r++) {
    const s: f32 = 1 / (1 + expF32((vTh - load<f32>(cplVPre + (<usize>(cplPreStart + r) << 2))) * invSlope));
    const last = load<i32>(cplRowPtr + (<usize>(r + 1) << 2));
    for (let k = load<i32>(cplRowPtr + (<usize>r << 2)); k < last; k++) {
      const j = <usize>load<i32>(cplCol + (<usize>k << 2)) << 2;
      const g = cplWeights != 0 ? load<f32>(cplWeights + (<usize>k << 2)) : cplShared;
      store<f32>(cplInto + j, load<f32>(cplInto + j) + g * s * (eRev - load<f32>(cplVPost + j)));
    }
  }
}
