import * as abi from '../../assembly/abi.js';
import type { BuiltNetwork } from './build.js';
import { eachSynapseValue } from '../model/build-projections.js';
import { placeColumns, type ConnectivityKernel } from '../model/connectivity.js';
import { RandomStream } from '../model/random/stream.js';
import { writeDelayOrder, writeReverseIndex } from '../model/synapse-indices.js';
import { writeNeuronValues } from '../model/neuron-values.js';
import { neuronCell } from './cells.js';
import { padded } from './plan.js';

/** The initial memory image of a built network, in a buffer of its own. */
export function imageOf(net: BuiltNetwork): ArrayBuffer {
  const buffer = new ArrayBuffer(net.layout.totalBytes);
  writeImage(net, new Uint8Array(buffer));
  return buffer;
}

/**
 * Writes the initial memory image of a built network into `target` (zeroed, layout.totalBytes
 * long, 8-byte aligned; a backend's own memory, so the image is never held twice), exactly as
 * planLayout placed it: header, tables, coefficients, initial state, synapses, events and empty
 * record buffers. `connectivity` (the wasm backend's, when `target` is its memory) draws
 * fixed_probability columns faster, with the same bits.
 */
export function writeImage(net: BuiltNetwork, target: Uint8Array, connectivity?: ConnectivityKernel): void {
  const L = net.layout;
  if (target.byteLength !== L.totalBytes || target.byteOffset % 8 !== 0) throw new Error(`writeImage: needs ${L.totalBytes} bytes at an 8-byte boundary`);
  const { buffer, byteOffset } = target;
  const i32 = new Int32Array(buffer, byteOffset, L.totalBytes >>> 2);
  const f32 = new Float32Array(buffer, byteOffset, L.totalBytes >>> 2);
  const u16 = new Uint16Array(buffer, byteOffset, L.totalBytes >>> 1);
  const u8 = target;
  const f64 = new Float64Array(buffer, byteOffset, L.totalBytes >>> 3);
  const word = (byteOffset: number) => byteOffset >>> 2;

  const h = (k: number, v: number) => (i32[k] = v);
  h(abi.H_MAGIC, abi.ABI_MAGIC);
  h(abi.H_STEP, 0);
  h(abi.H_NPOPS, net.populations.length);
  h(abi.H_NPROJS, net.projections.length);
  h(abi.H_POPS, L.populationTable);
  h(abi.H_PROJS, L.projectionTable);
  h(abi.H_SEED_LO, net.key[0] | 0);
  h(abi.H_SEED_HI, net.key[1] | 0);
  h(abi.H_SPK_REC, L.spikeRecord);
  h(abi.H_SPK_CAP, L.spikeCapacity);
  h(abi.H_SPK_NEED, L.spikeNeed);
  h(abi.H_ST_REC, L.stateRecord);
  h(abi.H_ST_CAP, L.stateCapacity);
  h(abi.H_ST_GATHER, L.stateGather);
  h(abi.H_CNT_REC, L.countRecord);
  h(abi.H_CNT_CAP, L.countCapacity);
  h(abi.H_EVT, L.currentEvents);
  h(abi.H_EVT_N, net.currentEvents.length);
  h(abi.H_NMODS, net.modulators.length);
  h(abi.H_MODS, L.modulators);
  net.modulators.forEach((m, k) => {
    const rec = word(L.modulators) + k * abi.MO_WORDS;
    f32[rec + abi.MO_VALUE] = m.initial;
    f32[rec + abi.MO_DECAY] = m.decay;
    i32[rec + abi.MO_SOURCE] = m.source;
    f32[rec + abi.MO_GAIN] = m.gain;
    f32[rec + abi.MO_BASELINE] = m.baseline;
  });
  const drives = net.modulators.flatMap((m, k) => m.drives.map((d) => ({ ...d, modulator: k })));
  h(abi.H_NDRV, drives.length);
  // No table, no offset: an image without further sources is the image of ABI 5, word for word.
  h(abi.H_DRV, drives.length > 0 ? L.modulatorDrives : 0);
  drives.forEach((d, k) => {
    const rec = word(L.modulatorDrives) + k * abi.MD_WORDS;
    i32[rec + abi.MD_MODULATOR] = d.modulator;
    i32[rec + abi.MD_SOURCE] = d.source;
    f32[rec + abi.MD_GAIN] = d.gain;
  });
  const couplings = net.projections.filter((j) => j.coupling);
  h(abi.H_NCPL, couplings.length);
  // No table, no offset: an image without couplings is the image of ABI 3, word for word.
  h(abi.H_CPL, couplings.length > 0 ? L.couplings : 0);
  couplings.forEach((j, k) => {
    const c = j.coupling!;
    const rec = word(L.couplings) + k * abi.CP_WORDS;
    i32[rec + abi.CP_KIND] = c.kind;
    i32[rec + abi.CP_PROJ] = j.index;
    i32[rec + abi.CP_CURRENT] = c.current;
    i32[rec + abi.CP_V_PRE] = c.voltagePre;
    i32[rec + abi.CP_V_POST] = c.voltagePost;
    f32[rec + abi.CP_EREV] = c.eRev;
    f32[rec + abi.CP_VTH] = c.vTh;
    f32[rec + abi.CP_INV_SLOPE] = c.invSlope;
  });
  // No inputs, no table: H_PIN stays 0, as in the images of ABI 8 and before.
  h(abi.H_PIN, L.poissonInputs);
  if (L.poissonInputs !== 0) i32[word(L.poissonInputs) + abi.PIN_COUNT] = net.poissonInputs.length;
  net.poissonInputs.forEach((q, k) => {
    const rec = word(L.poissonInputs) + abi.PIN_HEAD + k * abi.PI_WORDS;
    i32[rec + abi.PI_POP] = q.population;
    i32[rec + abi.PI_RECEPTOR] = q.receptor;
    i32[rec + abi.PI_DELAY] = q.delaySteps;
    i32[rec + abi.PI_KMAX] = q.kMax;
    f32[rec + abi.PI_WEIGHT] = q.weight;
    f64[(rec + abi.PI_LAMBDA) >>> 1] = q.lambda;
    f64[(rec + abi.PI_EXP) >>> 1] = q.expNegLambda;
  });

  net.populations.forEach((pop, k) => {
    const p = L.populations[k]!;
    const rec = word(L.populationTable) + k * abi.P_WORDS;
    const shape = L.input.populations[k]!;
    i32[rec + abi.P_KERNEL] = pop.model.kernel;
    i32[rec + abi.P_N] = pop.size;
    i32[rec + abi.P_NPAD] = p.nPad;
    i32[rec + abi.P_NREC] = pop.params.receptors.length;
    i32[rec + abi.P_COEF] = p.coef;
    i32[rec + abi.P_STATE] = p.state;
    i32[rec + abi.P_RECV] = p.receptorState;
    i32[rec + abi.P_RING] = p.ring;
    i32[rec + abi.P_RING_LEN] = p.ringSlots;
    i32[rec + abi.P_SPIKES] = shape.historySlots > 0 ? p.history : p.spikes;
    i32[rec + abi.P_RECORD] = shape.recordSpikes ? 1 : 0;
    i32[rec + abi.P_GSTART] = p.globalStart;
    i32[rec + abi.P_BIAS] = p.bias;
    i32[rec + abi.P_ISTEP] = p.stepCurrent;
    i32[rec + abi.P_INDEX] = k;
    i32[rec + abi.P_SRC_EVT] = p.sourceEvents;
    i32[rec + abi.P_SRC_N] = pop.sourceEvents ? pop.sourceEvents.length / 2 : 0;
    i32[rec + abi.P_PARAMS] = p.params;
    if (shape.historySlots > 0) {
      i32[rec + abi.P_HIST] = p.history;
      i32[rec + abi.P_HIST_LEN] = shape.historySlots;
      i32[rec + abi.P_HIST_CNT] = p.historyCounts;
    }
    if (pop.dendrites) {
      const d = pop.dendrites;
      const block = word(p.segmentBlock);
      i32[rec + abi.P_SEG] = p.segmentBlock;
      i32[block + abi.SG_COUNT] = d.names.length;
      f32[block + abi.SG_THETA] = d.theta;
      f32[block + abi.SG_DECAY] = d.decay;
      i32[block + abi.SG_DURATION] = d.durationSteps;
      f32[block + abi.SG_AMPLITUDE] = d.amplitude;
      i32[block + abi.SG_CURRENT] = d.current;
      i32[block + abi.SG_TRACE] = d.trace;
      i32[block + abi.SG_RING] = p.segmentRing;
      i32[block + abi.SG_RING_LEN] = p.segmentSlots;
      i32[block + abi.SG_INPUT] = p.segmentInput;
      i32[block + abi.SG_TIMER] = p.segmentTimer;
    }

    f32.set(pop.coef, word(p.coef));
    const column = (at: number, k: number) => f32.subarray(word(at) + k * p.nPad, word(at) + k * p.nPad + pop.size);
    writeNeuronValues(pop, net.dt, {
      state: pop.model.stateVars.map((_, v) => column(p.state, v)),
      receptorState: pop.params.receptors.map((_, r) => column(p.receptorState, r)),
      perNeuron: pop.model.perNeuronParams.map((_, q) => column(p.params, q)),
      bias: pop.model.takesCurrent ? column(p.bias, 0) : null,
    });
    if (pop.sourceEvents) i32.set(pop.sourceEvents, word(p.sourceEvents));
    // Padding lanes of izhikevich and lif-like models start from a quiet state: copy lane 0.
    for (let v = 0; v < pop.model.stateVars.length; v++) {
      const base = word(p.state) + v * p.nPad;
      for (let i = pop.size; i < p.nPad; i++) f32[base + i] = f32[base]!;
    }
    for (let q = 0; q < pop.model.perNeuronParams.length; q++) {
      const base = word(p.params) + q * p.nPad;
      for (let i = pop.size; i < p.nPad; i++) f32[base + i] = pop.model.source === 'poisson' ? 0 : f32[base]!;
    }
  });

  net.projections.forEach((proj, k) => {
    const j = L.projections[k]!;
    const rec = word(L.projectionTable) + k * abi.J_WORDS;
    i32[rec + abi.J_PRE] = proj.pre.population;
    i32[rec + abi.J_POST] = proj.post.population;
    i32[rec + abi.J_PRE_START] = proj.pre.start;
    i32[rec + abi.J_PRE_END] = proj.pre.stop;
    i32[rec + abi.J_RECEPTOR] = proj.receptor;
    i32[rec + abi.J_ROWPTR] = j.rowPtr;
    i32[rec + abi.J_COL] = j.col;
    i32[rec + abi.J_W] = j.weights;
    f32[rec + abi.J_W_SHARED] = proj.sharedWeight;
    i32[rec + abi.J_D] = j.delays;
    i32[rec + abi.J_D_SHARED] = proj.sharedDelay;
    i32[rec + abi.J_NSYN] = proj.synapses;
    i32[rec + abi.J_WIDTHS] = j.delayBytes | (j.columnBytes === 2 ? abi.J_NARROW_COLUMNS : 0);
    // Columns, weights and delays are drawn here, straight into their arrays, in CSR order;
    // columns are stored as indices into the whole post population. The kernel may use the
    // row-pointer array as scratch while it draws columns: it is written afterwards.
    const n = proj.synapses;
    const col = j.columnBytes === 2 ? u16.subarray(j.col >>> 1, (j.col >>> 1) + n) : i32.subarray(word(j.col), word(j.col) + n);
    const rowPtr = i32.subarray(word(j.rowPtr), word(j.rowPtr) + proj.rowPtr.length);
    placeColumns(proj.rule, proj.sides, new RandomStream(net.key, abi.RNG_CONNECT, proj.index), proj.rowPtr, proj.listOrder, col, proj.post.start, connectivity, rowPtr);
    rowPtr.set(proj.rowPtr);
    if (proj.weights) {
      const weights = f32.subarray(word(j.weights), word(j.weights) + n);
      eachSynapseValue(proj.weights, n, proj.listOrder, net.key, proj.index, (values, start) => weights.set(values, start), connectivity);
    }
    const delays = !proj.delays ? null : j.delayBytes === 1 ? u8.subarray(j.delays, j.delays + n) : u16.subarray(j.delays >>> 1, (j.delays >>> 1) + n);
    if (proj.delays) {
      eachSynapseValue(proj.delays, n, proj.listOrder, net.key, proj.index, (values, start) => {
        for (let i = 0; i < values.length; i++) delays![start + i] = Math.round(values[i]! / net.dt);
      }, connectivity);
    }
    if (j.plastic) {
      const pl = proj.plasticity!;
      const k = word(j.plastic.block);
      i32[rec + abi.J_PLAST] = j.plastic.block;
      i32[k + abi.K_FLAGS] = pl.flags;
      i32[k + abi.K_DEN_STEPS] = pl.dendriticSteps;
      i32[k + abi.K_MOD] = pl.modulator;
      f32[k + abi.K_APLUS] = pl.aPlus;
      f32[k + abi.K_AMINUS] = pl.aMinus;
      f32[k + abi.K_A3PLUS] = pl.a3Plus;
      f32[k + abi.K_A3MINUS] = pl.a3Minus;
      f32[k + abi.K_WMIN] = pl.wMin;
      f32[k + abi.K_WMAX] = pl.wMax;
      f32[k + abi.K_RATE] = pl.learningRate;
      f32[k + abi.K_PRE_OFFSET] = pl.preOffset;
      f32[k + abi.K_ELIG_DECAY] = pl.eligibilityDecay;
      f32[k + abi.K_DT] = net.dt;
      i32[k + abi.K_PRE_TRACES] = j.plastic.preTraces;
      i32[k + abi.K_POST_TRACES] = j.plastic.postTraces;
      i32[k + abi.K_REV_PTR] = j.plastic.revPtr;
      i32[k + abi.K_REV_SYN] = j.plastic.revSynapse;
      i32[k + abi.K_REV_PRE] = j.plastic.revRow;
      i32[k + abi.K_ELIG] = j.plastic.eligibility;
      i32[k + abi.K_ROWS_PAD] = j.plastic.rowsPad;
      [abi.K_FADE_PLUS, abi.K_FADE_MINUS, abi.K_FADE_X, abi.K_FADE_Y].forEach((word, t) => {
        i32[k + word] = j.plastic!.fades[t]!;
        i32[k + abi.K_LIMIT_PLUS + t] = pl.fades[t]!.limit;
        f64.set(pl.fades[t]!.values, j.plastic!.fades[t]! >>> 3);
      });
      i32[k + abi.K_LAST_PRE] = j.plastic.lastPre;
      i32[k + abi.K_LAST_POST] = j.plastic.lastPost;
      i32[k + abi.K_MAX_AXONAL] = pl.axonalSteps;
      const learning = pl.delayLearning;
      if (learning) {
        f32[k + abi.K_DL_RATE] = learning.rate;
        i32[k + abi.K_DL_WINDOW] = learning.windowSteps;
        f32[k + abi.K_DL_MIN] = learning.minSteps;
        f32[k + abi.K_DL_MAX] = learning.maxSteps;
        i32[k + abi.K_DL_DELAYS] = j.plastic.learnedDelays;
        i32[k + abi.K_DL_SENT] = j.plastic.sentDelays;
        i32[k + abi.K_DL_LAST_POST] = j.plastic.lastPostSpike;
        f32.set(delays!, word(j.plastic.learnedDelays));
      } else if (delays) {
        i32[k + abi.K_PERM] = j.plastic.perm;
        i32[k + abi.K_CURSORS] = j.plastic.cursors;
        writeDelayOrder(proj.rowPtr, delays, i32.subarray(word(j.plastic.perm), word(j.plastic.perm) + n));
      }
      i32[k + abi.K_SYN_TRACES] = j.plastic.synapseTraces;
      i32[k + abi.K_SYN_LAST] = j.plastic.synapseLast;
      if (proj.synapseModel) {
        i32[k + abi.K_PROGRAM] = proj.synapseModel.program;
        // Each variable array on a stream of its own: (array << 16) | projection.
        proj.synapseModel.init.forEach((spec, a) => {
          const values = f32.subarray(word(j.plastic!.synapseTraces) + a * padded(n), word(j.plastic!.synapseTraces) + a * padded(n) + n);
          eachSynapseValue({ spec, purpose: abi.RNG_SYNAPSE_INIT }, n, proj.listOrder, net.key, (a << 16) | proj.index, (chunk, start) => values.set(chunk, start));
        });
      }
      i32[k + abi.K_SCALE_EVERY] = pl.scalingEvery;
      f64[(k + abi.K_RATE_GAIN) >>> 1] = pl.rateGain;
      f64[(k + abi.K_DEC_RATE) >>> 1] = pl.rateDecay;
      f64[(k + abi.K_SCALE_TARGET) >>> 1] = pl.scalingTarget;
      f64[(k + abi.K_SCALE_ETA) >>> 1] = pl.scalingEta;
      const postSize = net.populations[proj.post.population]!.size;
      writeReverseIndex(proj.rowPtr, col, {
        ptr: i32.subarray(word(j.plastic.revPtr), word(j.plastic.revPtr) + postSize + 1),
        synapse: i32.subarray(word(j.plastic.revSynapse), word(j.plastic.revSynapse) + n),
        row: i32.subarray(word(j.plastic.revRow), word(j.plastic.revRow) + n),
      });
    }
    if (j.stp && proj.stp) {
      const t = word(j.stp.block);
      i32[rec + abi.J_STP] = j.stp.block;
      f64[(t + abi.T_U) >>> 1] = proj.stp.U;
      f64[(t + abi.T_RATE_REC) >>> 1] = proj.stp.rateRec;
      f64[(t + abi.T_RATE_FACIL) >>> 1] = proj.stp.rateFacil;
      i32[t + abi.T_FACIL] = proj.stp.rateFacil > 0 ? 1 : 0;
      i32[t + abi.T_STATE_U] = j.stp.u;
      i32[t + abi.T_STATE_X] = j.stp.x;
      i32[t + abi.T_LAST] = j.stp.last;
    }
  });

  net.currentEvents.forEach((e, k) => {
    const at = word(L.currentEvents) + k * abi.EVENT_WORDS;
    i32[at] = e.step | 0;
    const p = L.populations[e.population]!;
    i32[at + 1] = e.parameter < 0 ? p.stepCurrent + e.neuron * 4 : p.params + (e.parameter * p.nPad + e.neuron) * 4;
    f32[at + 2] = e.value;
  });

  let g = word(L.stateGather);
  for (const m of net.monitors) {
    if (m.type === 'weights' && m.every > 0) {
      const weights = L.projections[m.projection]!.weights;
      const delays = L.projections[m.projection]!.plastic?.learnedDelays ?? 0;
      const count = net.projections[m.projection]!.synapses;
      // Per synapse its weight, then (delays that learn) its unrounded delay in steps.
      for (const s of m.synapses ?? Array.from({ length: count }, (_, k) => k)) {
        i32[g++] = weights + s * 4;
        i32[g++] = m.every;
        if (m.delays) {
          i32[g++] = delays + s * 4;
          i32[g++] = m.every;
        }
      }
    }
    if (m.type !== 'state') continue;
    for (const n of m.neurons) {
      for (const v of m.variables) {
        i32[g++] = neuronCell(L, m.population, v.kind, v.index, n);
        i32[g++] = m.every;
      }
    }
  }
  h(abi.H_ST_N, g === word(L.stateGather) ? 0 : (g - word(L.stateGather)) / 2);
}
