import * as abi from '../../assembly/abi.js';
import { coefWords } from '../model/plan-population.js';

/*
 * planLayout: the one place that decides where every byte of a network lives. Both backends
 * build their memory from it (the reference an ArrayBuffer, wasm its linear memory at a
 * base offset), so the two hold the very same image. Regions are structure-of-arrays,
 * 16-byte aligned, and every per-neuron array has nPad = ceil(n / 4) * 4 entries; the padding
 * lanes are inert (they are updated but can never spike).
 *
 *  offset 0 ┌────────────────────────────────────────────┐
 *           │ header (H_WORDS i32: step, seed, record    │
 *           │ buffers and their fill levels, counters)   │
 *           ├────────────────────────────────────────────┤
 *           │ population table  (P_WORDS i32 each)       │
 *           │ projection table  (J_WORDS i32 each)       │
 *           ├────────────────────────────────────────────┤  per population:
 *           │ coefficients  f32 [C_REC0 + 4 R]           │
 *           │ state         f32 [vars][nPad]             │  v, refractory (i32), theta|w|u
 *           │ receptors     f32 [R][nPad]                │  I or g per receptor
 *           │ delay ring    f32 [slots][R][nPad]         │  slot = step mod slots
 *           │ spikes        i32 [nPad]                   │  this step's spiking neurons
 *           │ bias, step current  f32 [nPad] each        │
 *           │ params        f32 [k][nPad]                │  izhikevich a b c d, poisson p
 *           │ source events (u32 step, i32 index) pairs  │
 *           │ spike history i32 [slots][nPad] + counts   │  plasticity: recent steps' spikes
 *           │ segments: block, ring f32 [slots][K][nPad],│  dendritic segments (K per neuron)
 *           │   input f32 [K][nPad], timer i32 [K][nPad] │
 *           ├────────────────────────────────────────────┤  per projection:
 *           │ rowPtr i32 [rows+1] │ col i32 [syn]        │
 *           │ weight f32 [syn]?   │ delay u8|u16 [syn]?  │  absent when shared by all
 *           │ plastic: block, traces f64 [2][rows],      │
 *           │   [3][post nPad] (o1, o2, rate estimate),  │
 *           │   last steps u32, fade tables f64 [4][..], │
 *           │   per-synapse delays: order, cursors,      │
 *           │   traces f64 [2][syn], last steps [syn]    │
 *           │   (learned delays: no order or cursors;    │
 *           │   delays f32 [syn], delays sent u8|u16     │
 *           │   [slots][syn], last post spikes [post])   │
 *           │   (synapse model: variables f32 [k][syn],  │
 *           │   last steps [syn])                        │
 *           │   reverse index, eligibility f32 [syn]?    │
 *           │ stp: block, u x f64 [rows], last u32 [rows]│
 *           ├────────────────────────────────────────────┤
 *           │ modulators (MO_WORDS each), their further  │
 *           │   sources (MD_WORDS each)                  │
 *           │ couplings (CP_WORDS each)                  │
 *           │ Poisson inputs (PIN_HEAD + PI_WORDS each)  │
 *           │ current events (u32 step, i32 cell, f32)   │
 *           │ spike record: u32 steps, then u32 neurons  │
 *           │ state gather (i32 cell, i32 every) pairs   │
 *           │ state record f32 │ rate counts u32 [pops]  │
 *           └────────────────────────────────────────────┘ totalBytes
 */

export interface PopulationShape {
  size: number;
  receptors: number;
  stateVars: number;
  perNeuronParams: number;
  takesCurrent: boolean;
  /** Largest delay (steps) of the projections and Poisson inputs onto it; 0 when none. */
  maxDelay: number;
  sourceEvents: number;
  recordSpikes: boolean;
  /** Steps of spike history plastic projections read (0: none kept). */
  historySlots: number;
  /** Dendritic segments per neuron (0: none). */
  segments: number;
}

export interface ProjectionShape {
  rows: number;
  synapses: number;
  perSynapseWeight: boolean;
  perSynapseDelay: boolean;
  /** Bytes per stored delay: 1 when every delay is below 256 steps, else 2. */
  delayBytes: 1 | 2;
  /** Bytes per stored column: 2 (u16, J_NARROW_COLUMNS) or 4. */
  columnBytes: 2 | 4;
  /** Plastic projections: the post population's size, whether eligibility traces are kept, and
   * the lengths of the four fade tables (K_FADE_*). */
  plastic: {
    postSize: number; modulated: boolean; fadeLengths: number[];
    /** Per-synapse delays: cursors for the presynaptic population's history (slots x nPad). */
    synapseDelays: boolean; cursorCells: number;
    /** Delays that learn: the delay each spike in flight left with (history slots x synapses). */
    learnedDelays: boolean; sentCells: number;
    /** A synapse model (KF_PROGRAM): its variable arrays other than w, and its last-event steps. */
    program: boolean; programArrays: number;
  } | null;
  stp: boolean;
}

export interface LayoutInput {
  populations: PopulationShape[];
  projections: ProjectionShape[];
  currentEvents: number;
  /** State monitor cells sampled per step at most. */
  stateCells: number;
  /** Whether any rate monitor needs per-step spike counts. */
  countSpikes: boolean;
  modulators: number;
  /** Modulator sources beyond each modulator's first (the drive table). */
  modulatorDrives: number;
  /** Projections that couple (electrical and graded synapses). */
  couplings: number;
  /** Poisson inputs (the table H_PIN points to). */
  poissonInputs: number;
}

export interface PopulationLayout {
  nPad: number;
  coef: number;
  state: number;
  receptorState: number;
  ring: number;
  ringSlots: number;
  spikes: number;
  bias: number;
  stepCurrent: number;
  params: number;
  sourceEvents: number;
  history: number;
  historyCounts: number;
  globalStart: number;
  /** Dendritic segments: their block (SG_*), delay ring, inputs and plateau timers; all 0 without. */
  segmentBlock: number;
  segmentRing: number;
  segmentSlots: number;
  segmentInput: number;
  segmentTimer: number;
}

export interface ProjectionLayout {
  rowPtr: number;
  col: number;
  weights: number;
  delays: number;
  delayBytes: 1 | 2;
  columnBytes: 2 | 4;
  plastic: PlasticLayout | null;
  stp: StpLayout | null;
}

export interface PlasticLayout {
  block: number;
  rowsPad: number;
  preTraces: number;
  postTraces: number;
  revPtr: number;
  revSynapse: number;
  revRow: number;
  /** 0 when not modulated. */
  eligibility: number;
  lastPre: number;
  lastPost: number;
  /** Fade tables of r1, o1, r2, o2. */
  fades: number[];
  /** Per-synapse delays only (else 0): delay order, cursors, per-synapse traces and last steps. */
  perm: number;
  cursors: number;
  /** Delay learning only (else 0): K_DL_DELAYS, K_DL_SENT, K_DL_LAST_POST. */
  learnedDelays: number;
  sentDelays: number;
  lastPostSpike: number;
  synapseTraces: number;
  synapseLast: number;
}

export interface StpLayout {
  block: number;
  u: number;
  x: number;
  last: number;
}

export interface Layout {
  input: LayoutInput;
  populationTable: number;
  projectionTable: number;
  populations: PopulationLayout[];
  projections: ProjectionLayout[];
  currentEvents: number;
  spikeRecord: number;
  spikeCapacity: number;
  /** Spike-record room one step may need: the sizes of the recorded populations. */
  spikeNeed: number;
  stateGather: number;
  stateRecord: number;
  stateCapacity: number;
  countRecord: number;
  countCapacity: number;
  modulators: number;
  modulatorDrives: number;
  couplings: number;
  /** The Poisson-input table; 0 when there are none. */
  poissonInputs: number;
  totalNeurons: number;
  totalBytes: number;
}

export function padded(n: number): number {
  return Math.ceil(n / abi.LANES) * abi.LANES;
}

export function planLayout(input: LayoutInput): Layout {
  let at = 0;
  const take = (bytes: number) => {
    const start = at;
    at += Math.ceil(bytes / abi.ALIGN) * abi.ALIGN;
    return start;
  };
  take(abi.H_WORDS * 4);
  const populationTable = take(input.populations.length * abi.P_WORDS * 4);
  const projectionTable = take(input.projections.length * abi.J_WORDS * 4);

  let globalStart = 0;
  const populations = input.populations.map((p): PopulationLayout => {
    const nPad = padded(p.size);
    const lane = nPad * 4;
    // A population with receptors always has a ring (one empty slot when nothing projects onto
    // it), so kernels deliver without testing for one.
    const ringSlots = p.receptors > 0 ? p.maxDelay + 1 : 0;
    const layout = {
      nPad,
      coef: take(coefWords(p.receptors) * 4),
      state: take(p.stateVars * lane),
      receptorState: take(p.receptors * lane),
      ring: take(ringSlots * p.receptors * lane),
      ringSlots,
      // With a history, each step's spikes go straight into its history slot.
      spikes: p.historySlots > 0 ? 0 : take(lane),
      bias: p.takesCurrent ? take(lane) : 0,
      stepCurrent: p.takesCurrent ? take(lane) : 0,
      params: take(p.perNeuronParams * lane),
      sourceEvents: take(p.sourceEvents * 8),
      history: take(p.historySlots * lane),
      historyCounts: take(p.historySlots * 4),
      globalStart,
      ...segmentRegions(p, lane),
    };
    globalStart += p.size;
    return layout;
  });

  function segmentRegions(p: PopulationShape, lane: number) {
    if (p.segments === 0) return { segmentBlock: 0, segmentRing: 0, segmentSlots: 0, segmentInput: 0, segmentTimer: 0 };
    const segmentSlots = p.maxDelay + 1;
    return {
      segmentBlock: take(abi.SG_WORDS * 4),
      segmentRing: take(segmentSlots * p.segments * lane),
      segmentSlots,
      segmentInput: take(p.segments * lane),
      segmentTimer: take(p.segments * lane),
    };
  }

  const projections = input.projections.map((j): ProjectionLayout => {
    const csr = {
      rowPtr: take((j.rows + 1) * 4),
      col: take(j.synapses * j.columnBytes),
      weights: j.perSynapseWeight ? take(j.synapses * 4) : 0,
      delays: j.perSynapseDelay ? take(j.synapses * j.delayBytes) : 0,
      delayBytes: j.delayBytes,
      columnBytes: j.columnBytes,
    };
    const rowsPad = Math.ceil(j.rows / 2) * 2;
    const plastic = j.plastic
      ? {
        // Blocks without delay learning keep their ABI 6 length, so older snapshots still lay out as they were.
        block: take((j.plastic.learnedDelays ? abi.K_WORDS : abi.K_WORDS_BASE) * 4),
        rowsPad,
        preTraces: take(2 * rowsPad * 8),
        postTraces: take(3 * padded(j.plastic.postSize) * 8),
        revPtr: take((j.plastic.postSize + 1) * 4),
        revSynapse: take(j.synapses * 4),
        revRow: take(j.synapses * 4),
        eligibility: j.plastic.modulated ? take(j.synapses * 4) : 0,
        lastPre: take(rowsPad * 4),
        lastPost: take(padded(j.plastic.postSize) * 4),
        fades: j.plastic.fadeLengths.map((n) => take(n * 8)),
        // Learned delays change, so arrivals cannot walk a fixed delay order: no order, no cursors.
        perm: j.plastic.synapseDelays && !j.plastic.learnedDelays ? take(j.synapses * 4) : 0,
        cursors: j.plastic.synapseDelays && !j.plastic.learnedDelays ? take(j.plastic.cursorCells * 4) : 0,
        learnedDelays: j.plastic.learnedDelays ? take(j.synapses * 4) : 0,
        sentDelays: j.plastic.learnedDelays ? take(j.plastic.sentCells * j.delayBytes) : 0,
        lastPostSpike: j.plastic.learnedDelays ? take(padded(j.plastic.postSize) * 4) : 0,
        // A synapse model keeps its variables where the built-in rules keep per-synapse traces.
        synapseTraces: j.plastic.program ? take(j.plastic.programArrays * padded(j.synapses) * 4)
          : j.plastic.synapseDelays ? take(2 * (Math.ceil(j.synapses / 2) * 2) * 8) : 0,
        synapseLast: j.plastic.synapseDelays || j.plastic.program ? take(j.synapses * 4) : 0,
      }
      : null;
    const stp = j.stp ? { block: take(abi.T_WORDS * 4), u: take(j.rows * 8), x: take(j.rows * 8), last: take(j.rows * 4) } : null;
    return { ...csr, plastic, stp };
  });
  const modulators = take(input.modulators * abi.MO_WORDS * 4);
  const modulatorDrives = take(input.modulatorDrives * abi.MD_WORDS * 4);
  const couplings = take(input.couplings * abi.CP_WORDS * 4);
  const poissonInputs = input.poissonInputs > 0 ? take((abi.PIN_HEAD + input.poissonInputs * abi.PI_WORDS) * 4) : 0;

  const currentEvents = take(input.currentEvents * abi.EVENT_WORDS * 4);
  const spikeNeed = input.populations.reduce((s, p) => s + (p.recordSpikes ? p.size : 0), 0);
  // Room for many steps of typical activity; a run returns early to be drained when full.
  const spikeCapacity = spikeNeed > 0 ? spikeNeed + (1 << 18) : 0;
  const spikeRecord = take(spikeCapacity * 8);
  const stateGather = take(input.stateCells * 8);
  const stateCapacity = input.stateCells > 0 ? input.stateCells * 256 : 0;
  const stateRecord = take(stateCapacity * 4);
  const countCapacity = input.countSpikes ? input.populations.length * 4096 : 0;
  const countRecord = take(countCapacity * 4);

  return {
    input,
    populationTable,
    projectionTable,
    populations,
    projections,
    currentEvents,
    spikeRecord,
    spikeCapacity,
    spikeNeed,
    stateGather,
    stateRecord,
    stateCapacity,
    countRecord,
    countCapacity,
    modulators,
    modulatorDrives,
    couplings,
    poissonInputs,
    totalNeurons: globalStart,
    totalBytes: at,
  };
}
