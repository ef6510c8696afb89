// Twin of assembly/plasticity/stdp.ts in plain TypeScript over the same image: the STDP step,
// operation for operation (that file describes the model and the order of events). f32 operations are rounded with Math.fround; f64 ones are
// exact IEEE operations in both languages.
import * as abi from '../../../../assembly/abi.js';
import type { Mem } from '../memory.js';
import { beginDelayLearning } from './delay-learning.js';
import { modulatorValue } from './modulators.js';
import { stpEfficacy } from './stp.js';

const f = Math.fround;

/** Where the spikes of `pop` emitted at step n lie in its history ring (a word index). */
export function historySlot(m: Mem, pop: number, n: number): number {
  const { i32 } = m;
  return (i32[pop + abi.P_HIST]! >>> 2) + (n % i32[pop + abi.P_HIST_LEN]!) * i32[pop + abi.P_NPAD]!;
}

/** How many spikes `pop` emitted at step n. */
export function historyCount(m: Mem, pop: number, n: number): number {
  const { i32 } = m;
  return i32[(i32[pop + abi.P_HIST_CNT]! >>> 2) + (n % i32[pop + abi.P_HIST_LEN]!)]!;
}

export function plasticStep(m: Mem, proj: number, pops: number, step: number): number {
  const { i32, u32, f32, f64 } = m;
  const k = i32[proj + abi.J_PLAST]! >>> 2;
  const pre = pops + i32[proj + abi.J_PRE]! * abi.P_WORDS;
  const post = pops + i32[proj + abi.J_POST]! * abi.P_WORDS;
  const flags = i32[k + abi.K_FLAGS]!;
  const wMin = f32[k + abi.K_WMIN]!;
  const wMax = f32[k + abi.K_WMAX]!;
  const weights = i32[proj + abi.J_W]! >>> 2;
  const eligibility = i32[k + abi.K_ELIG] !== 0 ? i32[k + abi.K_ELIG]! >>> 2 : -1;
  const rate = f32[k + abi.K_RATE]!;
  const scale = eligibility >= 0 ? 1.0 : rate;
  const nearest = (flags & abi.KF_NEAREST) !== 0;
  const triplet = (flags & abi.KF_TRIPLET) !== 0;
  const rowsPad = i32[k + abi.K_ROWS_PAD]!;
  const postPad = i32[post + abi.P_NPAD]!;
  const nSyn = i32[proj + abi.J_NSYN]!;
  // Presynaptic traces: per row with one delay, per synapse with per-synapse delays.
  const bySynapse = (flags & abi.KF_SYNAPSE_DELAYS) !== 0;
  const x1 = (bySynapse ? i32[k + abi.K_SYN_TRACES]! : i32[k + abi.K_PRE_TRACES]!) >>> 3;
  const x2 = x1 + (bySynapse ? (nSyn + 1) & ~1 : rowsPad);
  const xLast = (bySynapse ? i32[k + abi.K_SYN_LAST]! : i32[k + abi.K_LAST_PRE]!) >>> 2;
  const o1 = i32[k + abi.K_POST_TRACES]! >>> 3;
  const o2 = o1 + postPad;
  const estimates = o2 + postPad;
  const scaleEvery = i32[k + abi.K_SCALE_EVERY]!;
  const pairs = (flags & abi.KF_NO_PAIRS) === 0 && rate !== 0;
  const den = i32[k + abi.K_DEN_STEPS]!;
  const clip = (v: number) => (v < wMin ? wMin : v > wMax ? wMax : v);
  const change = (s: number, d: number) => {
    const w = f32[weights + s]!;
    if (flags & abi.KF_MULTIPLICATIVE) d = d > 0 ? f(d * f(wMax - w)) : f(d * f(w - wMin));
    if (eligibility >= 0) f32[eligibility + s] = f(f32[eligibility + s]! + d);
    else f32[weights + s] = clip(f(w + d));
  };
  const k64 = (word: number) => f64[(k + word) >>> 1]!;

  if (eligibility >= 0) {
    const mod = modulatorValue(m, i32[k + abi.K_MOD]!);
    const g = f(f(rate * f32[k + abi.K_DT]!) * mod);
    const eligibilityFade = f32[k + abi.K_ELIG_DECAY]!;
    for (let s = 0; s < i32[proj + abi.J_NSYN]!; s++) {
      const trace = f32[eligibility + s]!;
      if (g !== 0) f32[weights + s] = clip(f(f32[weights + s]! + f(trace * g)));
      f32[eligibility + s] = f(trace * eligibilityFade);
    }
  }

  const learning = beginDelayLearning(m, proj, k, rate);
  const lastPost = i32[k + abi.K_LAST_POST]! >>> 2;
  /** exp(-steps dt / tau) from a fade table (0 at and beyond its limit). */
  const fade = (table: number, limit: number, steps: number) => {
    if (steps >= u32[k + limit]!) return 0;
    const at = i32[k + table]! >>> 3;
    return f64[at + (steps & (abi.FADE_LO - 1))]! * f64[at + abi.FADE_LO + (steps >>> abi.FADE_SHIFT)]!;
  };

  if (step >= den) {
    const at = historySlot(m, post, step - den);
    const count = historyCount(m, post, step - den);
    const revPtr = i32[k + abi.K_REV_PTR]! >>> 2;
    const revSyn = i32[k + abi.K_REV_SYN]! >>> 2;
    const revPre = i32[k + abi.K_REV_PRE]! >>> 2;
    const a2 = f32[k + abi.K_APLUS]!;
    const a3 = f32[k + abi.K_A3PLUS]!;
    for (let s = 0; s < count; s++) {
      const j = i32[at + s]!;
      const since = step - u32[lastPost + j]!;
      const o2j = triplet ? f64[o2 + j]! * fade(abi.K_FADE_Y, abi.K_LIMIT_Y, since) : 0;
      if (pairs) {
        const factor = a2 + a3 * o2j;
        for (let e = i32[revPtr + j]!; e < i32[revPtr + j + 1]!; e++) {
          const syn = i32[revSyn + e]!;
          const t = bySynapse ? syn : i32[revPre + e]!;
          const x1Now = f64[x1 + t]! * fade(abi.K_FADE_PLUS, abi.K_LIMIT_PLUS, step - u32[xLast + t]!);
          change(syn, f(factor * x1Now * scale));
        }
      }
      if (learning) {
        for (let e = i32[revPtr + j]!; e < i32[revPtr + j + 1]!; e++) {
          const syn = i32[revSyn + e]!;
          learning.pairWithArrival(syn, u32[xLast + syn]!, step);
        }
        learning.notePostSpike(j, step);
      }
      f64[o1 + j] = nearest ? 1.0 : f64[o1 + j]! * fade(abi.K_FADE_MINUS, abi.K_LIMIT_MINUS, since) + 1.0;
      if (triplet) f64[o2 + j] = o2j + 1.0;
      u32[lastPost + j] = step;
      if (scaleEvery !== 0) f64[estimates + j] = f64[estimates + j]! + k64(abi.K_RATE_GAIN);
    }
  }

  if (scaleEvery !== 0) {
    const decay = k64(abi.K_DEC_RATE);
    for (let i = 0; i < postPad; i++) f64[estimates + i] = f64[estimates + i]! * decay;
    if (rate !== 0 && (step + 1) % scaleEvery === 0) {
      const eta = k64(abi.K_SCALE_ETA) * rate;
      const target = k64(abi.K_SCALE_TARGET);
      const col = i32[proj + abi.J_COL]! >>> 2;
      for (let s = 0; s < i32[proj + abi.J_NSYN]!; s++) {
        const factor = f(1.0 + eta * (target - f64[estimates + i32[col + s]!]!));
        f32[weights + s] = clip(f(f32[weights + s]! * factor));
      }
    }
  }

  const preStart = i32[proj + abi.J_PRE_START]!;
  const preEnd = i32[proj + abi.J_PRE_END]!;
  const rowPtr = i32[proj + abi.J_ROWPTR]! >>> 2;
  const col = i32[proj + abi.J_COL]! >>> 2;
  const slots = i32[post + abi.P_RING_LEN]!;
  // Every arrival at s + 1 reaches the neuron at s + 1 + den: one ring slot for all of them.
  const target = (i32[post + abi.P_RING]! >>> 2) + i32[proj + abi.J_RECEPTOR]! * postPad
    + (((step % slots) + 1 + den) % slots) * i32[post + abi.P_NREC]! * postPad;
  const a2 = f32[k + abi.K_AMINUS]!;
  const a3 = f32[k + abi.K_A3MINUS]!;
  const sign = flags & abi.KF_SYMMETRIC ? 1.0 : -1.0;
  const offset = f32[k + abi.K_PRE_OFFSET]!;
  const arrival = (step + 1) >>> 0; // u32, as in the kernel
  const deliver = (e: number, efficacy: number, stp: boolean, factor: number) => {
    const j = i32[col + e]!;
    const w = f32[weights + e]!;
    f32[target + j] = f(f32[target + j]! + (stp ? f(w * efficacy) : w));
    if (pairs) {
      const o1Now = f64[o1 + j]! * fade(abi.K_FADE_MINUS, abi.K_LIMIT_MINUS, arrival - u32[lastPost + j]!);
      change(e, f((offset + sign * (o1Now * factor)) * scale));
    }
  };
  const slowTrace = (t: number) => (triplet ? f64[x2 + t]! * fade(abi.K_FADE_X, abi.K_LIMIT_X, arrival - u32[xLast + t]!) : 0);
  const bump = (t: number, x2Now: number) => {
    f64[x1 + t] = nearest ? 1.0 : f64[x1 + t]! * fade(abi.K_FADE_PLUS, abi.K_LIMIT_PLUS, arrival - u32[xLast + t]!) + 1.0;
    if (triplet) f64[x2 + t] = x2Now + 1.0;
    u32[xLast + t] = arrival;
  };

  if (bySynapse) {
    const arrive = (e: number) => {
      const x2Now = slowTrace(e);
      deliver(e, 1, false, a2 + a3 * x2Now);
      bump(e, x2Now);
    };
    if (learning) {
      return arrivalsBySentDelay(m, proj, k, pre, den, arrival, (e) => {
        arrive(e);
        learning.pairWithPostSpike(e, i32[col + e]!, arrival);
      });
    }
    return arrivalsBySynapse(m, proj, k, pre, den, arrival, (_row, e) => arrive(e));
  }

  const axonal = i32[proj + abi.J_D_SHARED]! - den;
  if (arrival < axonal) return 0;
  const emitted = arrival - axonal;
  const at = historySlot(m, pre, emitted);
  const count = historyCount(m, pre, emitted);
  const stp = i32[proj + abi.J_STP]! >>> 2;
  let events = 0;
  for (let s = 0; s < count; s++) {
    const i = i32[at + s]!;
    if (i < preStart || i >= preEnd) continue;
    const row = i - preStart;
    const efficacy = stp !== 0 ? stpEfficacy(m, stp, row, emitted) : 1;
    const x2Now = slowTrace(row);
    const factor = a2 + a3 * x2Now;
    const first = i32[rowPtr + row]!;
    const last = i32[rowPtr + row + 1]!;
    events += last - first;
    for (let e = first; e < last; e++) deliver(e, efficacy, stp !== 0, factor);
    bump(row, x2Now);
  }
  return events;
}

/**
 * Arrivals at `arrival` with per-synapse delays (assembly/plasticity/stdp.ts, arrivalsBySynapse):
 * each spike in flight visits the synapses of its row whose axonal delay equals its age, from
 * its cursor; returns the synapses visited.
 */
export function arrivalsBySynapse(m: Mem, proj: number, k: number, pre: number, den: number, arrival: number, visit: (row: number, e: number) => void): number {
  const { i32 } = m;
  const preStart = i32[proj + abi.J_PRE_START]!;
  const preEnd = i32[proj + abi.J_PRE_END]!;
  const rowPtr = i32[proj + abi.J_ROWPTR]! >>> 2;
  const perm = i32[k + abi.K_PERM]! >>> 2;
  const cursors = i32[k + abi.K_CURSORS]! >>> 2;
  const wide = (i32[proj + abi.J_WIDTHS]! & abi.J_DELAY_BYTES) === 2;
  const delays = wide ? i32[proj + abi.J_D]! >>> 1 : i32[proj + abi.J_D]!;
  const histLen = i32[pre + abi.P_HIST_LEN]!;
  const prePad = i32[pre + abi.P_NPAD]!;
  const maxAxonal = i32[k + abi.K_MAX_AXONAL]!;
  let events = 0;
  for (let age = 1; age <= maxAxonal && age <= arrival; age++) {
    const emitted = arrival - age;
    const at = historySlot(m, pre, emitted);
    const count = historyCount(m, pre, emitted);
    const slotCursors = cursors + (emitted % histLen) * prePad;
    for (let s = 0; s < count; s++) {
      const i = i32[at + s]!;
      if (i < preStart || i >= preEnd) continue;
      const row = i - preStart;
      const last = i32[rowPtr + row + 1]!;
      let c = age === 1 ? i32[rowPtr + row]! : i32[slotCursors + s]!;
      for (; c < last; c++) {
        const e = i32[perm + c]!;
        if ((wide ? m.u16[delays + e]! : m.u8[delays + e]!) - den !== age) break;
        visit(row, e);
        events++;
      }
      i32[slotCursors + s] = c;
    }
  }
  return events;
}

/**
 * Arrivals at `arrival` when delays learn (assembly/plasticity/stdp.ts, arrivalsBySentDelay):
 * each spike in flight visits the synapses of its row whose axonal delay, as it left, equals its
 * age, recording its row's delays at age 1; returns the synapses visited.
 */
function arrivalsBySentDelay(m: Mem, proj: number, k: number, pre: number, den: number, arrival: number, visit: (e: number) => void): number {
  const { i32 } = m;
  const preStart = i32[proj + abi.J_PRE_START]!;
  const preEnd = i32[proj + abi.J_PRE_END]!;
  const rowPtr = i32[proj + abi.J_ROWPTR]! >>> 2;
  const wide = (i32[proj + abi.J_WIDTHS]! & abi.J_DELAY_BYTES) === 2;
  const cells = wide ? m.u16 : m.u8;
  const delays = wide ? i32[proj + abi.J_D]! >>> 1 : i32[proj + abi.J_D]!;
  const sentSlots = wide ? i32[k + abi.K_DL_SENT]! >>> 1 : i32[k + abi.K_DL_SENT]!;
  const nSyn = i32[proj + abi.J_NSYN]!;
  const histLen = i32[pre + abi.P_HIST_LEN]!;
  const maxAxonal = i32[k + abi.K_MAX_AXONAL]!;
  let events = 0;
  for (let age = 1; age <= maxAxonal && age <= arrival; age++) {
    const emitted = arrival - age;
    const at = historySlot(m, pre, emitted);
    const count = historyCount(m, pre, emitted);
    const sent = sentSlots + (emitted % histLen) * nSyn;
    for (let s = 0; s < count; s++) {
      const i = i32[at + s]!;
      if (i < preStart || i >= preEnd) continue;
      const row = i - preStart;
      const first = i32[rowPtr + row]!;
      const last = i32[rowPtr + row + 1]!;
      if (age === 1) cells.copyWithin(sent + first, delays + first, delays + last);
      for (let e = first; e < last; e++) {
        if (cells[sent + e]! - den !== age) continue;
        visit(e);
        events++;
      }
    }
  }
  return events;
}
