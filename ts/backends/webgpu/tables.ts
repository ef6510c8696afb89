import * as abi from '../../../assembly/abi.js';

/** What the host side of the webgpu backend needs to know of a population, read from the image. */
export interface ImagePopulation {
  /** abi KERNEL_* id. */
  kernel: number;
  n: number;
  nPad: number;
  receptors: number;
  /** Byte offset of the coefficient block. */
  coef: number;
  /** Byte offset of the delay ring and its slot count (0 slots without receptors). */
  ring: number;
  ringSlots: number;
  historySlots: number;
  /** Whether its neurons have dendritic segments (P_SEG). */
  segments: boolean;
}

export interface ImageProjection {
  pre: number;
  post: number;
  receptor: number;
  synapses: number;
  /** Byte offsets (0 when absent). */
  weights: number;
  sharedWeight: number;
  col: number;
  /** u16 columns (J_NARROW_COLUMNS), else i32. */
  narrowColumns: boolean;
  /** Byte offset of the plasticity block (0: static). */
  plastic: number;
  /** A plastic projection with per-synapse delays (KF_SYNAPSE_DELAYS). */
  synapseDelays: boolean;
  /** Delays that learn (KF_LEARN_DELAYS). */
  learnedDelays: boolean;
  /** A synapse model written as equations (KF_PROGRAM). */
  synapseModel: boolean;
}

export interface ImageTables {
  populations: ImagePopulation[];
  projections: ImageProjection[];
  modulators: number;
  /** The projections that couple (electrical and graded synapses), by index. */
  couplings: number[];
  /** Poisson inputs (the H_PIN table). */
  poissonInputs: number;
}

/** The population and projection tables of a layout image (ts/layout/plan.ts). */
export function readTables(image: ArrayBuffer): ImageTables {
  const i32 = new Int32Array(image);
  const f32 = new Float32Array(image);
  const pops = i32[abi.H_POPS]! >>> 2;
  const projs = i32[abi.H_PROJS]! >>> 2;
  const populations = Array.from({ length: i32[abi.H_NPOPS]! }, (_, p): ImagePopulation => {
    const rec = pops + p * abi.P_WORDS;
    return {
      kernel: i32[rec + abi.P_KERNEL]!,
      n: i32[rec + abi.P_N]!,
      nPad: i32[rec + abi.P_NPAD]!,
      receptors: i32[rec + abi.P_NREC]!,
      coef: i32[rec + abi.P_COEF]!,
      ring: i32[rec + abi.P_RING]!,
      ringSlots: i32[rec + abi.P_RING_LEN]!,
      historySlots: i32[rec + abi.P_HIST_LEN]!,
      segments: i32[rec + abi.P_SEG] !== 0,
    };
  });
  const projections = Array.from({ length: i32[abi.H_NPROJS]! }, (_, j): ImageProjection => {
    const rec = projs + j * abi.J_WORDS;
    return {
      pre: i32[rec + abi.J_PRE]!,
      post: i32[rec + abi.J_POST]!,
      receptor: i32[rec + abi.J_RECEPTOR]!,
      synapses: i32[rec + abi.J_NSYN]!,
      weights: i32[rec + abi.J_W]!,
      sharedWeight: f32[rec + abi.J_W_SHARED]!,
      col: i32[rec + abi.J_COL]!,
      narrowColumns: (i32[rec + abi.J_WIDTHS]! & abi.J_NARROW_COLUMNS) !== 0,
      plastic: i32[rec + abi.J_PLAST]!,
      synapseDelays: i32[rec + abi.J_PLAST] !== 0 && (i32[(i32[rec + abi.J_PLAST]! >>> 2) + abi.K_FLAGS]! & abi.KF_SYNAPSE_DELAYS) !== 0,
      learnedDelays: i32[rec + abi.J_PLAST] !== 0 && (i32[(i32[rec + abi.J_PLAST]! >>> 2) + abi.K_FLAGS]! & abi.KF_LEARN_DELAYS) !== 0,
      synapseModel: i32[rec + abi.J_PLAST] !== 0 && (i32[(i32[rec + abi.J_PLAST]! >>> 2) + abi.K_FLAGS]! & abi.KF_PROGRAM) !== 0,
    };
  });
  const couplings = Array.from({ length: i32[abi.H_NCPL]! }, (_, c) => i32[(i32[abi.H_CPL]! >>> 2) + c * abi.CP_WORDS + abi.CP_PROJ]!);
  const poissonInputs = i32[abi.H_PIN] === 0 ? 0 : i32[(i32[abi.H_PIN]! >>> 2) + abi.PIN_COUNT]!;
  return { populations, projections, modulators: i32[abi.H_NMODS]!, couplings, poissonInputs };
}

/** Words of one population's delay ring: [slots][receptors][nPad]. */
export function ringWords(p: ImagePopulation): number {
  return p.ringSlots * p.receptors * p.nPad;
}
