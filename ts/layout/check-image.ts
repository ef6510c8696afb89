// A snapshot's image is untrusted input: before it is loaded into a kernel, every byte the
// kernel treats as structure (header, tables, offsets, coefficients, synapse arrays, reverse
// indices, fade tables, events) must be what the snapshot's own description lays out, and
// every index that a run changes (spike lists and histories, counts, cursors, event and
// source positions, record fill levels) must lie in its range. A blob whose checksum is
// right but whose image lies is refused with E_FORMAT naming the word, never run into a trap.
import * as abi from '../../assembly/abi.js';
import { fail } from '../errors.js';
import type { BuiltNetwork } from './build.js';
import { currentModeCell, imageStep, learningRateCell, modulatorValueCell, poissonProbabilities, RECORD_FILL_CELLS, SYNAPTIC_EVENTS, type Region } from './cells.js';
import { imageOf } from './image.js';
import { padded } from './plan.js';

const wholeWords = (bytes: number) => Math.ceil(bytes / 4) * 4;

/** The byte ranges a run or the API may change (the rest of the image never changes). */
function changing(net: BuiltNetwork): Region[] {
  const L = net.layout;
  const word = (at: number, words = 1): Region => ({ at, bytes: words * 4 });
  const ranges: Region[] = [
    word(abi.H_STEP * 4),
    ...RECORD_FILL_CELLS.map((at) => word(at)),
    word(abi.H_EVT_POS * 4),
    SYNAPTIC_EVENTS,
  ];
  net.populations.forEach((pop, k) => {
    const p = L.populations[k]!;
    const rec = L.populationTable + k * abi.P_WORDS * 4;
    const lane = p.nPad * 4;
    const slots = L.input.populations[k]!.historySlots;
    // The kernel writes whole lanes (padding included); the API and the current events write
    // only the population's own neurons, so padding lanes of those arrays stay as laid out.
    ranges.push(
      word(rec + abi.P_SPIKES * 4),
      word(rec + abi.P_NSPIKES * 4),
      word(rec + abi.P_SRC_POS * 4),
      word(currentModeCell(L, k)),
      { at: p.state, bytes: pop.model.stateVars.length * lane },
      { at: p.receptorState, bytes: pop.params.receptors.length * lane },
      { at: p.ring, bytes: p.ringSlots * pop.params.receptors.length * lane },
      { at: p.spikes, bytes: p.spikes ? lane : 0 },
      { at: p.bias, bytes: p.bias ? pop.size * 4 : 0 },
      { at: p.stepCurrent, bytes: p.stepCurrent ? pop.size * 4 : 0 },
      { at: poissonProbabilities(L, k), bytes: pop.model.source === 'poisson' ? pop.size * 4 : 0 },
      { at: p.history, bytes: slots * lane },
      { at: p.historyCounts, bytes: slots * 4 },
      // An equation population records the step at which it diverged (its runs stop there).
      { at: p.coef + abi.CE_DIVERGED * 4, bytes: pop.model.equations ? 4 : 0 },
    );
    // Per-neuron parameters of equations: net.step inputs set them (the own neurons), plateaus,
    // couplings and summed variables (whole lanes, listed below).
    pop.model.equations?.params.forEach((_, q) => ranges.push({ at: p.params + q * lane, bytes: pop.size * 4 }));
    // Dendritic segments: their ring, inputs and timers, and the parameter their plateaus set.
    const segments = pop.dendrites?.names.length ?? 0;
    if (segments > 0) {
      ranges.push(
        { at: p.segmentRing, bytes: p.segmentSlots * segments * lane },
        { at: p.segmentInput, bytes: segments * lane },
        { at: p.segmentTimer, bytes: segments * lane },
        { at: p.params + pop.dendrites!.current * lane, bytes: lane },
      );
    }
  });
  net.projections.forEach((proj, k) => {
    const j = L.projections[k]!;
    const synapses = proj.synapses;
    const rows = proj.pre.stop - proj.pre.start;
    if (j.weights) ranges.push({ at: j.weights, bytes: synapses * 4 });
    const pl = j.plastic;
    if (pl) {
      const postPad = L.populations[proj.post.population]!.nPad;
      const shape = L.input.projections[k]!.plastic!;
      ranges.push(
        word(learningRateCell(L, k)),
        { at: pl.preTraces, bytes: 2 * pl.rowsPad * 8 },
        { at: pl.postTraces, bytes: 3 * postPad * 8 },
        { at: pl.eligibility, bytes: pl.eligibility ? synapses * 4 : 0 },
        { at: pl.lastPre, bytes: pl.rowsPad * 4 },
        { at: pl.lastPost, bytes: postPad * 4 },
        { at: pl.cursors, bytes: pl.cursors ? shape.cursorCells * 4 : 0 },
        { at: pl.synapseTraces, bytes: !pl.synapseTraces ? 0 : proj.synapseModel ? proj.synapseModel.init.length * padded(synapses) * 4 : 2 * Math.ceil(synapses / 2) * 2 * 8 },
        { at: pl.synapseLast, bytes: pl.synapseLast ? synapses * 4 : 0 },
        // Delays that learn: the delays themselves, unrounded and rounded, and what spikes in flight
        // left with (u8 or u16 cells: whole words, as the comparison goes by words).
        { at: pl.learnedDelays, bytes: pl.learnedDelays ? synapses * 4 : 0 },
        { at: j.delays, bytes: pl.learnedDelays ? wholeWords(synapses * j.delayBytes) : 0 },
        { at: pl.sentDelays, bytes: pl.sentDelays ? wholeWords(shape.sentCells * j.delayBytes) : 0 },
        { at: pl.lastPostSpike, bytes: pl.lastPostSpike ? postPad * 4 : 0 },
      );
    }
    // A synapse model records the step at which it diverged (its runs stop there).
    if (proj.synapseModel) ranges.push(word(L.projectionTable + (k * abi.J_WORDS + abi.J_DIVERGED) * 4));
    // Summed variables set per-neuron parameters of the post population every step.
    if (proj.synapseModel?.syn.summed.length) {
      const post = L.populations[proj.post.population]!;
      ranges.push({ at: post.params, bytes: net.populations[proj.post.population]!.model.perNeuronParams.length * post.nPad * 4 });
    }
    // Couplings set their targets, per-neuron parameters of the post population, every step.
    if (proj.coupling) {
      const post = L.populations[proj.post.population]!;
      ranges.push({ at: post.params + proj.coupling.current * post.nPad * 4, bytes: post.nPad * 4 });
    }
    if (j.stp) ranges.push({ at: j.stp.u, bytes: rows * 8 }, { at: j.stp.x, bytes: rows * 8 }, { at: j.stp.last, bytes: rows * 4 });
  });
  net.modulators.forEach((_, k) => ranges.push(word(modulatorValueCell(L, k))));
  // Inputs that set per-neuron parameters (the step current's arrays are listed above).
  for (const e of net.currentEvents) {
    if (e.parameter >= 0) ranges.push(word(L.populations[e.population]!.params + (e.parameter * L.populations[e.population]!.nPad + e.neuron) * 4));
  }
  return ranges.filter((r) => r.bytes > 0).sort((a, b) => a.at - b.at);
}

/** Refuses an image that a network of this description cannot be in, naming the first lie. */
export function checkRestoredImage(net: BuiltNetwork, image: Uint8Array): void {
  // Word by word over what never changes (every region is 4-byte aligned and sized).
  const fresh = new Int32Array(imageOf(net));
  const aligned = image.byteOffset % 4 === 0 ? image : image.slice();
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >>> 2);
  let from = 0;
  for (const r of [...changing(net), { at: image.byteLength, bytes: 0 }]) {
    for (let w = from >>> 2; w < r.at >>> 2; w++) {
      if (words[w] !== fresh[w]) fail('E_FORMAT', 'snapshot.image', `byte ${w * 4} (word ${w}) differs from what the snapshot's description lays out there`);
    }
    from = Math.max(from, r.at + r.bytes);
  }
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const i32 = (at: number) => view.getInt32(at, true);
  const lie = (what: string, value: number, range: string) => fail('E_FORMAT', 'snapshot.image', `${what} is ${value}, outside ${range}`);
  const step = imageStep(image);
  for (const w of [abi.H_SPK_LEN, abi.H_ST_LEN, abi.H_CNT_LEN]) if (i32(w * 4) !== 0) lie(`header word ${w} (a record fill level)`, i32(w * 4), '0 (a snapshot holds drained records)');
  const applied = net.currentEvents.filter((e) => e.step < step).length;
  if (i32(abi.H_EVT_POS * 4) !== applied) lie('the current-event position', i32(abi.H_EVT_POS * 4), `${applied}, the events before step ${step}`);
  const events = view.getFloat64(abi.H_SYN_EVENTS * 4, true);
  if (!(Number.isInteger(events) && events >= 0)) lie('the synaptic event count', events, 'the whole numbers');

  const L = net.layout;
  net.populations.forEach((pop, k) => {
    const p = L.populations[k]!;
    const rec = L.populationTable + k * abi.P_WORDS * 4;
    const name = `populations[${k}]`;
    const slots = L.input.populations[k]!.historySlots;
    const lists = slots > 0 ? Array.from({ length: slots }, (_, s) => p.history + s * p.nPad * 4) : [p.spikes];
    const list = i32(rec + abi.P_SPIKES * 4);
    if (!lists.includes(list)) lie(`${name}'s spike list pointer`, list, `its spike lists (${lists.join(', ')})`);
    const indices = (what: string, at: number, count: number) => {
      if (!(count >= 0 && count <= pop.size)) lie(`${name}'s ${what} count`, count, `[0, ${pop.size}]`);
      for (let s = 0; s < count; s++) {
        const n = i32(at + s * 4);
        if (!(n >= 0 && n < pop.size)) lie(`${name}'s ${what} entry ${s}`, n, `the neurons [0, ${pop.size})`);
      }
    };
    if (slots === 0) indices('spike', list, i32(rec + abi.P_NSPIKES * 4));
    else {
      for (let s = 0; s < slots; s++) indices(`spike history slot ${s}`, lists[s]!, i32(p.historyCounts + s * 4));
      const count = i32(rec + abi.P_NSPIKES * 4);
      if (!(count >= 0 && count <= pop.size)) lie(`${name}'s spike count`, count, `[0, ${pop.size}]`);
    }
    // A spike source has emitted exactly its events before this step (an earlier position would replay them all at once).
    let emitted = 0;
    while (pop.sourceEvents && 2 * emitted < pop.sourceEvents.length && pop.sourceEvents[2 * emitted]! < step) emitted++;
    const position = i32(rec + abi.P_SRC_POS * 4);
    if (position !== emitted) lie(`${name}'s source position`, position, `${emitted}, the events before step ${step}`);
    const mode = i32(currentModeCell(L, k));
    const modes = pop.model.takesCurrent ? [abi.CURRENT_NONE, abi.CURRENT_BIAS, abi.CURRENT_BIAS_STEPS] : [pop.coefI32[abi.C_CURRENT]!];
    if (!modes.includes(mode)) lie(`${name}'s current mode`, mode, modes.join(', '));
  });
  net.projections.forEach((proj, k) => {
    const learning = proj.plasticity?.delayLearning;
    if (!learning) return;
    const at = L.projections[k]!.plastic!.learnedDelays;
    for (let s = 0; s < proj.synapses; s++) {
      const d = view.getFloat32(at + s * 4, true);
      if (!(d >= learning.minSteps && d <= learning.maxSteps)) lie(`projections[${k}]'s learned delay ${s}`, d, `its bounds [${learning.minSteps}, ${learning.maxSteps}] steps`);
    }
  });
  net.projections.forEach((proj, k) => {
    const pl = L.projections[k]!.plastic;
    if (!pl?.cursors) return;
    const synapses = proj.synapses;
    const end = pl.cursors + L.input.projections[k]!.plastic!.cursorCells * 4;
    for (let at = pl.cursors; at < end; at += 4) {
      const c = i32(at);
      if (!(c >= 0 && c <= synapses)) lie(`projections[${k}]'s cursor at byte ${at}`, c, `[0, ${synapses}]`);
    }
  });
}
