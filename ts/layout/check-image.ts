// A snapshot's image is untrusted input: before it is loaded into a kernel, every byte the
// kernel treats as structure (header, tables, offsets, coefficients, synapse arrays, reverse
// indices, fade tables, events) must be what the snapshot's own description lays out, and
// every index that a run changes (spike lists and histories, counts, cursors, event and
// source positions, record fill levels) must lie in its range. A blob whose checksum is
// right but whose image lies is refused with E_FORMAT naming the word, never run into a trap.
import * as abi from '../../assembly/abi.js';
import { fail } from '../errors.js';
import type { BuiltNetwork } from './build.js';
import { imageStep } from './cells.js';
import { writeImage } from './image.js';

interface Range {
  at: number;
  bytes: number;
}


/** The byte ranges a run or the API may change (the rest of the image never changes). */
function changing(net: BuiltNetwork): Range[] {
  const L = net.layout;
  const word = (at: number, words = 1): Range => ({ at, bytes: words * 4 });
  const ranges: Range[] = [
    word(abi.H_STEP * 4),
    word(abi.H_SPK_LEN * 4),
    word(abi.H_ST_LEN * 4),
    word(abi.H_CNT_LEN * 4),
    word(abi.H_EVT_POS * 4),
    word(abi.H_SYN_EVENTS * 4, 2),
  ];
  net.populations.forEach((pop, k) => {
    const p = L.populations[k]!;
    const rec = L.populationTable + k * abi.P_WORDS * 4;
    const lane = p.nPad * 4;
    ranges.push(
      word(rec + abi.P_SPIKES * 4),
      word(rec + abi.P_NSPIKES * 4),
      word(rec + abi.P_SRC_POS * 4),
      word(p.coef + abi.C_CURRENT * 4),
      { at: p.state, bytes: pop.model.stateVars.length * lane },
      { at: p.receptorState, bytes: pop.params.receptors.length * lane },
      { at: p.ring, bytes: p.ringSlots * pop.params.receptors.length * lane },
      { at: p.spikes, bytes: p.spikes ? lane : 0 },
      { at: p.bias, bytes: p.bias ? 2 * lane : 0 },
      { at: p.params, bytes: pop.model.source === 'poisson' ? lane : 0 },
      { at: p.history, bytes: L.input.populations[k]!.historySlots * (lane + 4) },
    );
  });
  net.projections.forEach((_, k) => {
    const j = L.projections[k]!;
    const synapses = net.projections[k]!.csr.col.length;
    if (j.weights) ranges.push({ at: j.weights, bytes: synapses * 4 });
    const pl = j.plastic;
    if (pl) {
      const postPad = L.populations[net.projections[k]!.post.population]!.nPad;
      ranges.push(
        word(pl.block + abi.K_RATE * 4),
        { at: pl.preTraces, bytes: 2 * pl.rowsPad * 8 },
        { at: pl.postTraces, bytes: 3 * postPad * 8 },
        { at: pl.eligibility, bytes: pl.eligibility ? synapses * 4 : 0 },
        { at: pl.lastPre, bytes: pl.rowsPad * 4 },
        { at: pl.lastPost, bytes: postPad * 4 },
        { at: pl.cursors, bytes: pl.cursors ? (pl.synapseTraces - pl.cursors) : 0 },
        { at: pl.synapseTraces, bytes: pl.synapseTraces ? 2 * Math.ceil(synapses / 2) * 2 * 8 : 0 },
        { at: pl.synapseLast, bytes: pl.synapseLast ? synapses * 4 : 0 },
      );
    }
    if (j.stp) {
      const rows = net.projections[k]!.pre.stop - net.projections[k]!.pre.start;
      ranges.push({ at: j.stp.u, bytes: j.stp.last + rows * 4 - j.stp.u });
    }
  });
  net.modulators.forEach((_, k) => ranges.push(word(L.modulators + (k * abi.MO_WORDS + abi.MO_VALUE) * 4)));
  return ranges.filter((r) => r.bytes > 0);
}

/** Refuses an image that a network of this description cannot be in, naming the first lie. */
export function checkRestoredImage(net: BuiltNetwork, image: Uint8Array): void {
  const fresh = new Uint8Array(writeImage(net));
  const free = new Uint8Array(image.byteLength);
  for (const r of changing(net)) free.fill(1, r.at, r.at + r.bytes);
  for (let b = 0; b < image.byteLength; b++) {
    if (free[b] === 0 && image[b] !== fresh[b]) fail('E_FORMAT', 'snapshot.image', `byte ${b} (word ${b >>> 2}) differs from what the snapshot's description lays out there`);
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
    const sources = pop.sourceEvents ? pop.sourceEvents.length / 2 : 0;
    const position = i32(rec + abi.P_SRC_POS * 4);
    if (!(position >= 0 && position <= sources)) lie(`${name}'s source position`, position, `[0, ${sources}]`);
    const mode = i32(p.coef + abi.C_CURRENT * 4);
    const modes = pop.model.takesCurrent ? [abi.CURRENT_NONE, abi.CURRENT_BIAS, abi.CURRENT_BIAS_STEPS] : [pop.coefI32[abi.C_CURRENT]!];
    if (!modes.includes(mode)) lie(`${name}'s current mode`, mode, modes.join(', '));
  });
  net.projections.forEach((proj, k) => {
    const pl = L.projections[k]!.plastic;
    if (!pl?.cursors) return;
    const synapses = proj.csr.col.length;
    for (let at = pl.cursors; at < pl.synapseTraces; at += 4) {
      const c = i32(at);
      if (!(c >= 0 && c <= synapses)) lie(`projections[${k}]'s cursor at byte ${at}`, c, `[0, ${synapses}]`);
    }
  });
}
