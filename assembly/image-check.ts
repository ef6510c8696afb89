// A structural check of a layout image (ts/layout/plan.ts, assembly/abi.ts) for code that has
// no planner: the WASI command calls it on a snapshot's image before running it, so that an
// image whose bytes lie (a tampered snapshot with its CRC recomputed) is refused with a message
// naming the word, and never has the kernel (run in engine.ts) trap, loop without end, or read
// or write memory outside the image.
//
// What it checks is what the kernel needs, read off the kernel's code (engine.ts, neurons/*,
// synapses/propagate.ts, plasticity/*): every value read from the image that the kernel uses as
// an address, offset, length, loop bound, index, count or selector.
//   - Every region the kernel reads or writes lies inside the image, 16-byte aligned (ALIGN),
//     with the length the kernel uses (nPad lanes per per-neuron array, rows + 1 row pointers,
//     C_REC0 + 4 R coefficient words, slots x receptors x nPad ring cells, 1024 + limit / 1024
//     fade-table entries, ...), computed in u64 (saturating) so nothing wraps.
//   - No two of these regions overlap, and none overlaps the header or a table: the kernel's
//     own writes (state, rings, spike lists and histories, traces, cursors, records) can then
//     never change a word that holds structure, so what is checked here stays true while it runs.
//   - Every index stored in a region is in range for every use the kernel makes of it: CSR row
//     pointers non-decreasing within [0, J_NSYN], columns below the post population's size,
//     per-synapse delays below the post ring's length, reverse-index, delay-order and cursor
//     entries, spike-history counts and entries, source events (in (step, neuron) order, at most
//     one per neuron and step, the position at the image's step), current-event cells (inside a
//     population's step-current array), state-gather cells and sampling intervals (nonzero).
//   - Selectors: kernel ids, C_CURRENT and C_DECAYING (which of lif's and lif_cond's compiled
//     loops runs, how many receptors decay), J_WIDTHS, K_MOD, modulator sources, and each
//     Poisson input's population, receptor and delay (below its ring's length).
//   - Bounded work: a Poisson input's loop bound PI_KMAX (at most PIN_MAX_K) and its lambda
//     (finite, within [0, PIN_MAX_LAMBDA]).
//   - Liveness: each record's fill level is within its capacity and the room a step needs fits
//     an empty record (else run would return 0 steps for ever); the per-synapse-delay arrival
//     loop runs at most K_MAX_AXONAL <= the pre population's history length turns per step.
// Values the kernel uses only as numbers (f32/f64 state, weights, traces, coefficients, steps
// of last spikes, seeds, H_STEP) need no check: no value of theirs reaches an address.
import {
  ABI_MAGIC, ALIGN, C_CURRENT, C_DECAYING, C_REC0, C_REC_STRIDE, CURRENT_BIAS_STEPS, CURRENT_NONE,
  EVENT_WORDS, FADE_LO, FADE_SHIFT, H_CNT_CAP, H_CNT_LEN, H_CNT_REC, H_EVT, H_EVT_N, H_EVT_POS, H_MAGIC,
  H_DRV, H_MODS, H_NCPL, H_NDRV, H_NMODS, H_NPOPS, H_NPROJS, H_POPS, H_PROJS, H_SPK_CAP, H_SPK_LEN, H_SPK_NEED, H_SPK_REC,
  H_ST_CAP, H_ST_GATHER, H_ST_LEN, H_ST_N, H_ST_REC, H_WORDS, J_COL, J_D, J_D_SHARED, J_DELAY_BYTES, J_NARROW_COLUMNS, J_NSYN,
  J_PLAST, J_POST, J_PRE, J_PRE_END, J_PRE_START, J_RECEPTOR, J_ROWPTR, J_STP, J_W, J_WIDTHS, J_WORDS, K_CURSORS,
  K_ELIG, K_FADE_PLUS, K_FLAGS, K_LAST_POST, K_LAST_PRE, K_LIMIT_PLUS, H_PIN, PI_DELAY, PI_KMAX, PI_LAMBDA, PI_POP,
  PI_RECEPTOR, PI_WORDS, PIN_COUNT, PIN_HEAD, PIN_MAX_K, PIN_MAX_LAMBDA,
  K_MAX_AXONAL, K_MOD, K_PERM, K_POST_TRACES, K_PRE_TRACES, K_REV_PRE, K_REV_PTR, K_REV_SYN, K_ROWS_PAD,
  K_DEN_STEPS, K_DL_DELAYS, K_DL_LAST_POST, K_DL_MAX, K_DL_MIN, K_DL_SENT, K_SYN_LAST, K_SYN_TRACES, K_WORDS, K_WORDS_BASE, KERNEL_ADEX, KERNEL_ALIF, KERNEL_EQUATION, KERNEL_IZHIKEVICH, KERNEL_LIF,
  KERNEL_LIF_COND, KERNEL_POISSON, KERNEL_SPIKE_SOURCE, KF_LEARN_DELAYS, KF_PROGRAM, KF_SYNAPSE_DELAYS, MD_MODULATOR, MD_SOURCE, MD_WORDS, MO_SOURCE, MO_WORDS, P_BIAS,
  P_COEF, P_HIST, P_HIST_CNT, P_HIST_LEN, P_ISTEP, P_KERNEL, P_N, P_NPAD, P_NREC, P_NSPIKES, P_PARAMS, P_SEG, SEGMENT_RECEPTOR,
  P_RECORD, P_RECV, P_RING, P_RING_LEN, P_SPIKES, P_SRC_EVT, P_SRC_N, P_SRC_POS, P_STATE, P_WORDS, T_LAST,
  T_STATE_U, T_STATE_X, T_WORDS, H_STEP, PO_PROB,
} from "./abi";

/** What was wrong with the last image checkImage refused ("" after one it accepted). */
export let imageProblem: string = "";

// ---- the image being checked ----------------------------------------------------------------

let image: usize = 0;
let size: u64 = 0;
let problemAt: i64 = -1;

/** Larger than any image: products and sums of lengths saturate here, so nothing wraps. */
const HUGE: u64 = 1 << 62;

// @ts-ignore: decorator
@inline function mul(a: u64, b: u64): u64 {
  return a == 0 || b == 0 ? 0 : a > HUGE / b ? HUGE : min(a * b, HUGE);
}

// @ts-ignore: decorator
@inline function add(a: u64, b: u64): u64 {
  return min(a + b, HUGE); // both at most HUGE: no wrap
}

/** The i32 at byte `at` of the image (callers have checked at + 4 <= size). */
// @ts-ignore: decorator
@inline function i32At(at: u64): i32 {
  return load<i32>(image + <usize>at);
}

/** An offset word as the kernel reads it (<usize> of the i32: u32). */
// @ts-ignore: decorator
@inline function offsetAt(at: u64): u64 {
  return <u64>load<u32>(image + <usize>at);
}

/** Records the first problem found (later ones, found while reading on, are dropped). */
function bad(at: u64, message: string): bool {
  if (problemAt >= 0) return false;
  problemAt = <i64>at;
  imageProblem = message;
  return false;
}

function str(x: i64): string {
  return x.toString();
}

// ---- regions: every array the kernel reads or writes ---------------------------------------

// Region kinds (they name the region in messages; `owner` is a population or projection).
const R_HEADER = 0;
const R_POPS = 1;
const R_PROJS = 2;
const R_MODS = 3;
const R_EVENTS = 4;
const R_SPK_REC = 5;
const R_GATHER = 6;
const R_ST_REC = 7;
const R_CNT_REC = 8;
const R_COEF = 9; //       population regions: R_COEF .. R_HIST_CNT
const R_STATE = 10;
const R_RECV = 11;
const R_RING = 12;
const R_SPIKES = 13;
const R_BIAS = 14;
const R_ISTEP = 15;
const R_PARAMS = 16;
const R_SRC_EVT = 17;
const R_HIST = 18;
const R_HIST_CNT = 19;
const R_ROWPTR = 20; //    projection regions: R_ROWPTR .. R_STP_LAST
const R_COL = 21;
const R_W = 22;
const R_D = 23;
const R_PLAST = 24;
const R_PRE_TRACES = 25; // plasticity block regions: R_PRE_TRACES .. R_SYN_LAST
const R_POST_TRACES = 26;
const R_REV_PTR = 27;
const R_REV_SYN = 28;
const R_REV_PRE = 29;
const R_ELIG = 30;
const R_LAST_PRE = 31;
const R_LAST_POST = 32;
const R_FADE = 33; //      + t, t = 0..3 (plus, minus, x, y)
const R_PERM = 37;
const R_CURSORS = 38;
const R_SYN_TRACES = 39;
const R_SYN_LAST = 40;
const R_STP = 41;
const R_STP_U = 42; //     short-term plasticity block regions: R_STP_U .. R_STP_LAST
const R_STP_X = 43;
const R_STP_LAST = 44;
const R_DRIVES = 45;
const R_DL_WORDS = 46; //   delay learning: the plasticity block's K_DL_* words and regions
const R_DL_DELAYS = 47;
const R_DL_SENT = 48;
const R_DL_LAST_POST = 49;
const R_PIN = 50;

function kindName(kind: i32): string {
  switch (kind) {
    case R_HEADER: return "header";
    case R_POPS: return "population table (H_POPS)";
    case R_PROJS: return "projection table (H_PROJS)";
    case R_MODS: return "modulator table (H_MODS)";
    case R_DRIVES: return "modulator drive table (H_DRV)";
    case R_PIN: return "Poisson-input table (H_PIN)";
    case R_EVENTS: return "current events (H_EVT)";
    case R_SPK_REC: return "spike record (H_SPK_REC)";
    case R_GATHER: return "state gather list (H_ST_GATHER)";
    case R_ST_REC: return "state record (H_ST_REC)";
    case R_CNT_REC: return "spike count record (H_CNT_REC)";
    case R_COEF: return "coefficients (P_COEF)";
    case R_STATE: return "state (P_STATE)";
    case R_RECV: return "receptor state (P_RECV)";
    case R_RING: return "delay ring (P_RING)";
    case R_SPIKES: return "spike list (P_SPIKES)";
    case R_BIAS: return "bias currents (P_BIAS)";
    case R_ISTEP: return "step currents (P_ISTEP)";
    case R_PARAMS: return "per-neuron parameters (P_PARAMS)";
    case R_SRC_EVT: return "source events (P_SRC_EVT)";
    case R_HIST: return "spike history (P_HIST)";
    case R_HIST_CNT: return "spike history counts (P_HIST_CNT)";
    case R_ROWPTR: return "CSR row pointers (J_ROWPTR)";
    case R_COL: return "CSR columns (J_COL)";
    case R_W: return "weights (J_W)";
    case R_D: return "delays (J_D)";
    case R_PLAST: return "plasticity block (J_PLAST)";
    case R_PRE_TRACES: return "presynaptic traces (K_PRE_TRACES)";
    case R_POST_TRACES: return "postsynaptic traces (K_POST_TRACES)";
    case R_REV_PTR: return "reverse-index pointers (K_REV_PTR)";
    case R_REV_SYN: return "reverse-index synapses (K_REV_SYN)";
    case R_REV_PRE: return "reverse-index rows (K_REV_PRE)";
    case R_ELIG: return "eligibility traces (K_ELIG)";
    case R_LAST_PRE: return "last presynaptic steps (K_LAST_PRE)";
    case R_LAST_POST: return "last postsynaptic steps (K_LAST_POST)";
    case R_FADE: return "fade table of tauPlus (K_FADE_PLUS)";
    case R_FADE + 1: return "fade table of tauMinus (K_FADE_MINUS)";
    case R_FADE + 2: return "fade table of tauX (K_FADE_X)";
    case R_FADE + 3: return "fade table of tauY (K_FADE_Y)";
    case R_PERM: return "delay order (K_PERM)";
    case R_CURSORS: return "arrival cursors (K_CURSORS)";
    case R_SYN_TRACES: return "per-synapse traces (K_SYN_TRACES)";
    case R_SYN_LAST: return "per-synapse last steps (K_SYN_LAST)";
    case R_DL_WORDS: return "delay-learning words of the plasticity block (K_DL_*)";
    case R_DL_DELAYS: return "learned delays (K_DL_DELAYS)";
    case R_DL_SENT: return "delays of spikes in flight (K_DL_SENT)";
    case R_DL_LAST_POST: return "last postsynaptic spikes (K_DL_LAST_POST)";
    case R_STP: return "short-term plasticity block (J_STP)";
    case R_STP_U: return "short-term plasticity u (T_STATE_U)";
    case R_STP_X: return "short-term plasticity x (T_STATE_X)";
    default: return "short-term plasticity last steps (T_LAST)";
  }
}

function regionName(kind: i32, owner: i32): string {
  if (kind < R_COEF || kind == R_DRIVES || kind == R_PIN) return "the " + kindName(kind);
  return (kind < R_ROWPTR ? "population " : "projection ") + str(owner) + "'s " + kindName(kind);
}

/** Sort keys (start << 32 | id) and, per id, (end << 32 | kind << 26 | owner). */
let keys = new StaticArray<u64>(0);
let infos = new StaticArray<u64>(0);
/** Where each region's offset word is (for the returned position). */
let words = new StaticArray<u32>(0);
let regions: i32 = 0;
let regionBytes: u64 = 0;
/** More arrays than any real network has (150 000 projections): refused rather than allocated. */
const MAX_REGIONS = 1 << 22;

function grow(): void {
  const capacity = max(64, keys.length * 2);
  const k = new StaticArray<u64>(capacity);
  const f = new StaticArray<u64>(capacity);
  const w = new StaticArray<u32>(capacity);
  for (let i = 0; i < regions; i++) {
    unchecked((k[i] = keys[i]));
    unchecked((f[i] = infos[i]));
    unchecked((w[i] = words[i]));
  }
  keys = k;
  infos = f;
  words = w;
}

/**
 * Region `kind` of `owner`: `len` bytes at the offset stored at byte `word` (an image offset, as
 * the kernel reads it). It must lie inside the image on an ALIGN boundary; it takes part in the
 * overlap check when it is not empty.
 */
function area(kind: i32, owner: i32, word: u64, len: u64): bool {
  const at = offsetAt(word);
  if (add(at, len) > size) {
    return bad(word, regionName(kind, owner) + " points outside the image (" + str(<i64>at) + " + " + (len >= HUGE ? "2^62 or more" : str(<i64>len)) + " bytes, the image is " + str(<i64>size) + ")");
  }
  if (at % <u64>ALIGN != 0) return bad(word, regionName(kind, owner) + " at " + str(<i64>at) + " is not " + str(ALIGN) + "-byte aligned");
  return take(kind, owner, word, at, len);
}

function take(kind: i32, owner: i32, word: u64, at: u64, len: u64): bool {
  if (len == 0) return true;
  // Disjoint regions add up to at most the image: a sum beyond it is an overlap, found early.
  regionBytes = add(regionBytes, len);
  if (regionBytes > size) return bad(word, regionName(kind, owner) + " overlaps other arrays (the arrays add up to more than the image)");
  if (regions == MAX_REGIONS) return bad(word, "the image has more than " + str(MAX_REGIONS) + " arrays");
  if (regions == keys.length) grow();
  unchecked((keys[regions] = (at << 32) | <u64>regions));
  unchecked((infos[regions] = ((at + len) << 32) | (<u64>kind << 26) | (<u64><u32>owner & 0x3ffffff)));
  unchecked((words[regions] = <u32>word));
  regions++;
  return true;
}

// @ts-ignore: decorator
@inline function regionEnd(id: i32): u64 {
  return unchecked(infos[id]) >> 32;
}

// @ts-ignore: decorator
@inline function regionKind(id: i32): i32 {
  return <i32>((unchecked(infos[id]) >> 26) & 63);
}

// @ts-ignore: decorator
@inline function regionOwner(id: i32): i32 {
  return <i32>(unchecked(infos[id]) & 0x3ffffff);
}

/** Sorts the region keys by start (heapsort: no recursion, no allocation). */
function sortRegions(): void {
  const n = regions;
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(i, n);
  for (let end = n - 1; end > 0; end--) {
    const t = unchecked(keys[0]);
    unchecked((keys[0] = keys[end]));
    unchecked((keys[end] = t));
    siftDown(0, end);
  }
}

function siftDown(root: i32, n: i32): void {
  while (true) {
    let child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && unchecked(keys[child + 1]) > unchecked(keys[child])) child++;
    if (unchecked(keys[root]) >= unchecked(keys[child])) return;
    const t = unchecked(keys[root]);
    unchecked((keys[root] = keys[child]));
    unchecked((keys[child] = t));
    root = child;
  }
}

function checkOverlaps(): bool {
  sortRegions();
  let before = -1; // the region reaching furthest so far
  let reach: u64 = 0;
  for (let i = 0; i < regions; i++) {
    const key = unchecked(keys[i]);
    const id = <i32>(key & 0xffffffff);
    const start = key >> 32;
    if (before >= 0 && start < reach) {
      return bad(<u64>unchecked(words[id]), regionName(regionKind(id), regionOwner(id)) + " (bytes " + str(<i64>start) + " to " + str(<i64>regionEnd(id))
        + ") overlaps " + regionName(regionKind(before), regionOwner(before)) + " (which ends at byte " + str(<i64>reach) + ")");
    }
    if (regionEnd(id) > reach) {
      reach = regionEnd(id);
      before = id;
    }
  }
  return true;
}

/** The region (id) holding the 4 bytes at `at`, or -1. Needs the sorted keys. */
function regionHolding(at: u64): i32 {
  let lo = 0;
  let hi = regions - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((unchecked(keys[mid]) >> 32) <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return -1;
  const id = <i32>(unchecked(keys[found]) & 0xffffffff);
  return at + 4 <= regionEnd(id) ? id : -1;
}

// ---- the check ------------------------------------------------------------------------------

/**
 * Checks the layout image at `at` (byte address), `bytes` long. Returns -1 when the kernel can
 * run it safely, else the byte offset (relative to the image) of the first word found wrong;
 * `imageProblem` then says what was wrong. Allocates only a list of the image's arrays (a few
 * per population and projection), never per neuron or synapse; time is linear in the image.
 */
export function checkImage(at: usize, bytes: usize): i64 {
  image = at;
  size = <u64>bytes;
  problemAt = -1;
  imageProblem = "";
  regions = 0;
  regionBytes = 0;
  keys = new StaticArray<u64>(0); // fresh lists: nothing kept from an earlier call
  infos = new StaticArray<u64>(0);
  words = new StaticArray<u32>(0);
  if (checkAll()) return -1;
  return problemAt;
}

// @ts-ignore: decorator
@inline function headerAt(k: i32): u64 {
  return <u64>(k << 2);
}

/** An i32 header/table word that counts something: 0 or more. */
function count(word: u64, what: string): i32 {
  const v = i32At(word);
  if (v < 0) bad(word, what + " is " + str(v) + ", negative");
  return v;
}

let nPops: i32 = 0;
let nProjs: i32 = 0;
let nMods: i32 = 0;
let popTable: u64 = 0;
let projTable: u64 = 0;
let nDrives: i32 = 0;
let recorded: i64 = 0;

function checkAll(): bool {
  if (size < <u64>(H_WORDS * 4)) return bad(0, "the image is " + str(<i64>size) + " bytes, shorter than its header (" + str(H_WORDS * 4) + " bytes)");
  if (i32At(headerAt(H_MAGIC)) != ABI_MAGIC) return bad(headerAt(H_MAGIC), "the header's magic word (H_MAGIC) is not ABI_MAGIC (SWK1)");
  nPops = count(headerAt(H_NPOPS), "the population count (H_NPOPS)");
  nProjs = count(headerAt(H_NPROJS), "the projection count (H_NPROJS)");
  nMods = count(headerAt(H_NMODS), "the modulator count (H_NMODS)");
  if (problemAt >= 0) return false;
  if (i32At(headerAt(H_NCPL)) != 0) {
    return bad(headerAt(H_NCPL), "the image has couplings (H_NCPL): electrical and graded synapses act on populations written as equations, whose updates a JavaScript host generates when it loads the network, which this command cannot do (run the snapshot with the JavaScript API)");
  }
  popTable = offsetAt(headerAt(H_POPS));
  projTable = offsetAt(headerAt(H_PROJS));
  if (!take(R_HEADER, -1, 0, 0, <u64>(H_WORDS * 4))) return false;
  if (!area(R_POPS, -1, headerAt(H_POPS), mul(<u64>nPops, P_WORDS * 4))) return false;
  if (!area(R_PROJS, -1, headerAt(H_PROJS), mul(<u64>nProjs, J_WORDS * 4))) return false;
  if (!area(R_MODS, -1, headerAt(H_MODS), mul(<u64>nMods, MO_WORDS * 4))) return false;
  nDrives = count(headerAt(H_NDRV), "the modulator drive count (H_NDRV)");
  if (problemAt >= 0) return false;
  if (!area(R_DRIVES, -1, headerAt(H_DRV), mul(<u64>nDrives, MD_WORDS * 4))) return false;

  recorded = 0;
  for (let p = 0; p < nPops; p++) if (!checkPopulation(p)) return false;
  for (let j = 0; j < nProjs; j++) if (!checkProjection(j)) return false;
  if (!checkModulators()) return false;
  if (!checkPoissonInputs()) return false;
  if (!checkRecords()) return false;
  if (!checkOverlaps()) return false;
  return checkCurrentEvents();
}

// ---- populations ----------------------------------------------------------------------------

// @ts-ignore: decorator
@inline function popWord(p: i32, k: i32): u64 {
  return popTable + <u64>p * <u64>(P_WORDS * 4) + <u64>(k << 2);
}

// @ts-ignore: decorator
@inline function projWord(j: i32, k: i32): u64 {
  return projTable + <u64>j * <u64>(J_WORDS * 4) + <u64>(k << 2);
}

function pop(p: i32): string {
  return "population " + str(p);
}

function checkPopulation(p: i32): bool {
  const kernel = i32At(popWord(p, P_KERNEL));
  if (kernel == KERNEL_EQUATION) {
    return bad(popWord(p, P_KERNEL), pop(p) + " is a model written as equations: its update is generated when a JavaScript host loads the network, which this command cannot do (run the snapshot with the JavaScript API)");
  }
  if (kernel < KERNEL_LIF || kernel > KERNEL_SPIKE_SOURCE) {
    return bad(popWord(p, P_KERNEL), pop(p) + "'s kernel id (P_KERNEL) is " + str(kernel) + ", not one of the kernels 1 to 7");
  }
  // Dendritic segments hold a parameter of a population written as equations, which this command cannot run.
  if (i32At(popWord(p, P_SEG)) != 0) return bad(popWord(p, P_SEG), pop(p) + " has dendritic segments (P_SEG), which only populations written as equations have");
  const n = count(popWord(p, P_N), pop(p) + "'s size (P_N)");
  const nPad = i32At(popWord(p, P_NPAD));
  const receptors = count(popWord(p, P_NREC), pop(p) + "'s receptor count (P_NREC)");
  // Receptor indices at or above SEGMENT_RECEPTOR name dendritic segments.
  if (receptors > SEGMENT_RECEPTOR) return bad(popWord(p, P_NREC), pop(p) + "'s receptor count (P_NREC) is " + str(receptors) + ", above " + str(SEGMENT_RECEPTOR));
  const slots = count(popWord(p, P_RING_LEN), pop(p) + "'s delay-ring length (P_RING_LEN)");
  const histLen = count(popWord(p, P_HIST_LEN), pop(p) + "'s spike-history length (P_HIST_LEN)");
  if (problemAt >= 0) return false;
  // SIMD loops step four lanes at a time up to nPad, and trimPadding drops lanes >= n.
  if (<i64>nPad != ((<i64>n + 3) & ~3)) {
    return bad(popWord(p, P_NPAD), pop(p) + "'s padded size (P_NPAD) is " + str(nPad) + ", not its size " + str(n) + " rounded up to a multiple of 4");
  }
  const lane = <u64>nPad << 2;
  const neuronKernel = kernel <= KERNEL_IZHIKEVICH; // integrates receptors (recv + ring)
  const lifLike = kernel == KERNEL_LIF || kernel == KERNEL_ALIF || kernel == KERNEL_LIF_COND;
  const stateVars: u64 = kernel == KERNEL_ALIF || kernel == KERNEL_ADEX ? 3 : neuronKernel ? 2 : 0;
  const params: u64 = kernel == KERNEL_IZHIKEVICH ? 4 : kernel == KERNEL_POISSON ? 1 : 0;

  // Coefficients (every kernel but spike_source opens the population and reads C_CURRENT and
  // C_DECAYING; receptor r's words are C_REC0 + 4 r ..).
  if (kernel != KERNEL_SPIKE_SOURCE) {
    if (!area(R_COEF, p, popWord(p, P_COEF), mul(add(<u64>C_REC0, mul(<u64>receptors, C_REC_STRIDE)), 4))) return false;
    const coef = offsetAt(popWord(p, P_COEF));
    const current = i32At(coef + (C_CURRENT << 2));
    const decaying = i32At(coef + (C_DECAYING << 2));
    // lif's and lif_cond's loop is picked by current + 3 * shape: another value runs a loop
    // compiled for another shape (two receptors read that may not exist).
    if (lifLike && (current < CURRENT_NONE || current > 2)) {
      return bad(coef + (C_CURRENT << 2), pop(p) + "'s current mode (coefficient C_CURRENT) is " + str(current) + ", not 0, 1 or 2");
    }
    if ((kernel == KERNEL_LIF || kernel == KERNEL_ALIF || kernel == KERNEL_ADEX) && (decaying < 0 || decaying > receptors)) {
      return bad(coef + (C_DECAYING << 2), pop(p) + "'s decaying receptor count (coefficient C_DECAYING) is " + str(decaying) + ", outside [0, " + str(receptors) + "]");
    }
    // Input currents: adex and izhikevich always read both arrays; lif and lif_cond by mode.
    const always = kernel == KERNEL_ADEX || kernel == KERNEL_IZHIKEVICH;
    const needBias = always || (lifLike && current != CURRENT_NONE);
    const needStep = always || (lifLike && current == CURRENT_BIAS_STEPS);
    if (!currentArray(R_BIAS, p, P_BIAS, needBias, lane)) return false;
    if (!currentArray(R_ISTEP, p, P_ISTEP, needStep, lane)) return false;
  } else {
    // Not read by spike_source; current events may still only target a real array.
    if (!currentArray(R_ISTEP, p, P_ISTEP, false, lane)) return false;
  }
  if (stateVars > 0 && !area(R_STATE, p, popWord(p, P_STATE), mul(stateVars, lane))) return false;
  if (neuronKernel && !area(R_RECV, p, popWord(p, P_RECV), mul(<u64>receptors, lane))) return false;
  // The ring: neuron kernels clear this step's slot of every receptor; projections add into it.
  if (neuronKernel && receptors > 0 && slots == 0) {
    return bad(popWord(p, P_RING_LEN), pop(p) + " has " + str(receptors) + " receptors but its delay ring (P_RING_LEN) has no slot");
  }
  if (!area(R_RING, p, popWord(p, P_RING), mul(mul(<u64>slots, <u64>receptors), lane))) return false;
  if (params > 0) {
    if (!area(R_PARAMS, p, popWord(p, P_PARAMS), mul(params, lane))) return false;
    if (kernel == KERNEL_POISSON) {
      // Padding lanes are drawn too (four neurons per draw): a spike there would be an index
      // >= n, beyond the room the spike record keeps.
      const prob = offsetAt(popWord(p, P_PARAMS)) + <u64>PO_PROB * lane;
      for (let i = n; i < nPad; i++) {
        const v = load<f32>(image + <usize>(prob + (<u64>i << 2)));
        if (v > 0) return bad(prob + (<u64>i << 2), pop(p) + "'s padding lane " + str(i) + " has spike probability " + v.toString() + " (P_PARAMS), not 0");
      }
    }
  }
  if (kernel == KERNEL_SPIKE_SOURCE && !checkSourceEvents(p, n)) return false;

  // This step's spikes: their own list (nPad entries), or the history slot of the step.
  const nSpikes = i32At(popWord(p, P_NSPIKES));
  if (nSpikes < 0 || nSpikes > n) return bad(popWord(p, P_NSPIKES), pop(p) + "'s spike count (P_NSPIKES) is " + str(nSpikes) + ", outside [0, " + str(n) + "]");
  if (histLen == 0) {
    if (!area(R_SPIKES, p, popWord(p, P_SPIKES), lane)) return false;
  } else {
    if (!area(R_HIST, p, popWord(p, P_HIST), mul(<u64>histLen, lane))) return false;
    if (!area(R_HIST_CNT, p, popWord(p, P_HIST_CNT), <u64>histLen << 2)) return false;
    const hist = offsetAt(popWord(p, P_HIST));
    const spikes = offsetAt(popWord(p, P_SPIKES));
    if (spikes < hist || (lane == 0 ? spikes != hist : (spikes - hist) % lane != 0 || (spikes - hist) / lane >= <u64>histLen)) {
      return bad(popWord(p, P_SPIKES), pop(p) + "'s spike list (P_SPIKES) is " + str(<i64>spikes) + ", not one of its history slots");
    }
    // Plastic projections read past slots' spikes as neuron indices (post) and cursor slots (pre).
    const counts = offsetAt(popWord(p, P_HIST_CNT));
    for (let s = 0; s < histLen; s++) {
      const c = i32At(counts + (<u64>s << 2));
      if (c < 0 || c > n) return bad(counts + (<u64>s << 2), pop(p) + "'s spike history slot " + str(s) + " holds " + str(c) + " spikes (P_HIST_CNT), outside [0, " + str(n) + "]");
      const slot = hist + <u64>s * lane;
      for (let k = 0; k < c; k++) {
        const i = i32At(slot + (<u64>k << 2));
        if (i < 0 || i >= n) return bad(slot + (<u64>k << 2), pop(p) + "'s spike history slot " + str(s) + " entry " + str(k) + " is neuron " + str(i) + ", outside [0, " + str(n) + ")");
      }
    }
  }
  if (i32At(popWord(p, P_RECORD)) != 0) recorded += n;
  return true;
}

/** A bias or step-current array: nPad f32 when present; `needed` when the kernel reads it. */
function currentArray(kind: i32, p: i32, k: i32, needed: bool, lane: u64): bool {
  const word = popWord(p, k);
  if (offsetAt(word) == 0) {
    if (needed && lane > 0) return bad(word, pop(p) + "'s " + kindName(kind) + " is 0 (absent), but its kernel reads it");
    return true;
  }
  return area(kind, p, word, lane);
}

/** spike_source: (step u32, neuron i32) pairs in (step, neuron) order, each neuron in [0, n), the position at the image's step. */
function checkSourceEvents(p: i32, n: i32): bool {
  const total = count(popWord(p, P_SRC_N), pop(p) + "'s source event count (P_SRC_N)");
  if (problemAt >= 0) return false;
  if (!area(R_SRC_EVT, p, popWord(p, P_SRC_EVT), <u64>total << 3)) return false;
  const events = offsetAt(popWord(p, P_SRC_EVT));
  // Strictly increasing (step, neuron) keeps a step's spikes within one spike list (n).
  let previous: u64 = 0;
  for (let e = 0; e < total; e++) {
    const at = events + (<u64>e << 3);
    const i = i32At(at + 4);
    if (i < 0 || i >= n) return bad(at + 4, pop(p) + "'s source event " + str(e) + " names neuron " + str(i) + ", outside [0, " + str(n) + ")");
    const key = (offsetAt(at) << 32) | <u64>i;
    if (e > 0 && key <= previous) return bad(at, pop(p) + "'s source event " + str(e) + " is not after event " + str(e - 1) + " in (step, neuron) order");
    previous = key;
  }
  // The position: every event before it is before the image's step, none after it is (an
  // earlier position would emit more spikes in one step than the list holds).
  const posWord = popWord(p, P_SRC_POS);
  const pos = i32At(posWord);
  const step = offsetAt(headerAt(H_STEP));
  if (pos < 0 || pos > total) return bad(posWord, pop(p) + "'s source position (P_SRC_POS) is " + str(pos) + ", outside [0, " + str(total) + "]");
  if (pos > 0 && offsetAt(events + (<u64>(pos - 1) << 3)) >= step) return bad(posWord, pop(p) + "'s source position (P_SRC_POS) " + str(pos) + " is past events of step " + str(<i64>step) + " and later");
  if (pos < total && offsetAt(events + (<u64>pos << 3)) < step) return bad(posWord, pop(p) + "'s source position (P_SRC_POS) " + str(pos) + " leaves events before step " + str(<i64>step) + " unemitted");
  return true;
}

// ---- projections ----------------------------------------------------------------------------

function proj(j: i32): string {
  return "projection " + str(j);
}

function checkProjection(j: i32): bool {
  const pre = i32At(projWord(j, J_PRE));
  const post = i32At(projWord(j, J_POST));
  if (pre < 0 || pre >= nPops) return bad(projWord(j, J_PRE), proj(j) + "'s pre population (J_PRE) is " + str(pre) + ", outside [0, " + str(nPops) + ")");
  if (post < 0 || post >= nPops) return bad(projWord(j, J_POST), proj(j) + "'s post population (J_POST) is " + str(post) + ", outside [0, " + str(nPops) + ")");
  const nPre = i32At(popWord(pre, P_N));
  const nPost = i32At(popWord(post, P_N));
  const postPad = i32At(popWord(post, P_NPAD));
  const postReceptors = i32At(popWord(post, P_NREC));
  const postSlots = i32At(popWord(post, P_RING_LEN));
  const preStart = i32At(projWord(j, J_PRE_START));
  const preEnd = i32At(projWord(j, J_PRE_END));
  if (preStart < 0 || preStart > nPre) return bad(projWord(j, J_PRE_START), proj(j) + "'s pre slice start (J_PRE_START) is " + str(preStart) + ", outside population " + str(pre) + " (" + str(nPre) + " neurons)");
  if (preEnd < preStart || preEnd > nPre) return bad(projWord(j, J_PRE_END), proj(j) + "'s pre slice end (J_PRE_END) is " + str(preEnd) + ", outside [" + str(preStart) + ", " + str(nPre) + "]");
  const rows = preEnd - preStart;
  const receptor = i32At(projWord(j, J_RECEPTOR));
  if (receptor < 0 || receptor >= postReceptors) return bad(projWord(j, J_RECEPTOR), proj(j) + "'s receptor (J_RECEPTOR) is " + str(receptor) + ", outside post population " + str(post) + "'s " + str(postReceptors) + " receptors");
  // Each step computes step % (the post ring's length).
  if (postSlots < 1) return bad(popWord(post, P_RING_LEN), pop(post) + " receives projection " + str(j) + " but its delay ring (P_RING_LEN) has no slot");
  const nSyn = count(projWord(j, J_NSYN), proj(j) + "'s synapse count (J_NSYN)");
  if (problemAt >= 0) return false;

  const widths = i32At(projWord(j, J_WIDTHS));
  const plastic = i32At(projWord(j, J_PLAST)) != 0;
  if ((widths & ~(J_DELAY_BYTES | J_NARROW_COLUMNS)) != 0) return bad(projWord(j, J_WIDTHS), proj(j) + "'s widths (J_WIDTHS) are " + str(widths) + ", with bits that mean nothing");
  // Plasticity reads i32 columns.
  const narrow = (widths & J_NARROW_COLUMNS) != 0;
  if (narrow && plastic) return bad(projWord(j, J_WIDTHS), proj(j) + " is plastic but its columns are u16 (J_NARROW_COLUMNS)");
  const columnShift: u64 = narrow ? 1 : 2;

  // CSR: rows + 1 non-decreasing pointers within [0, nSyn]; columns index the post ring row
  // (and, plastic, the post traces and the reverse index): below the post size.
  if (!area(R_ROWPTR, j, projWord(j, J_ROWPTR), (<u64>rows + 1) << 2)) return false;
  if (!area(R_COL, j, projWord(j, J_COL), <u64>nSyn << columnShift)) return false;
  const rowPtr = offsetAt(projWord(j, J_ROWPTR));
  let previous = 0;
  for (let r = 0; r <= rows; r++) {
    const v = i32At(rowPtr + (<u64>r << 2));
    if (v < previous || v > nSyn) {
      return bad(rowPtr + (<u64>r << 2), proj(j) + "'s CSR row pointer " + str(r) + " is " + str(v) + ", outside [" + str(previous) + ", " + str(nSyn) + "] (J_ROWPTR)");
    }
    previous = v;
  }
  const col = offsetAt(projWord(j, J_COL));
  for (let s = 0; s < nSyn; s++) {
    const at = col + (<u64>s << columnShift);
    const c = narrow ? <i32>load<u16>(image + <usize>at) : i32At(at);
    if (c < 0 || c >= nPost) return bad(at, proj(j) + ": CSR column " + str(s) + " is " + str(c) + ", outside post population " + str(post) + " (" + str(nPost) + " neurons)");
  }

  if (i32At(projWord(j, J_W)) != 0) {
    if (!area(R_W, j, projWord(j, J_W), <u64>nSyn << 2)) return false;
  } else if (plastic) {
    return bad(projWord(j, J_W), proj(j) + " is plastic but has no per-synapse weights (J_W is 0)");
  }
  const hasDelays = i32At(projWord(j, J_D)) != 0;
  if (hasDelays) {
    const width = widths & J_DELAY_BYTES;
    if (width != 1 && width != 2) return bad(projWord(j, J_WIDTHS), proj(j) + "'s delay width (J_WIDTHS & J_DELAY_BYTES) is " + str(width) + ", not 1 or 2");
    if (!area(R_D, j, projWord(j, J_D), <u64>nSyn * <u64>width)) return false;
    if (!plastic) {
      // A delay is added to the slot of this step and wrapped once: it must be below the length.
      const delays = offsetAt(projWord(j, J_D));
      for (let s = 0; s < nSyn; s++) {
        const d = width == 2 ? <i32>load<u16>(image + <usize>(delays + (<u64>s << 1))) : <i32>load<u8>(image + <usize>(delays + <u64>s));
        if (d >= postSlots) return bad(delays + <u64>s * <u64>width, proj(j) + "'s delay " + str(s) + " is " + str(d) + " steps, not below post population " + str(post) + "'s ring length " + str(postSlots) + " (J_D)");
      }
    }
  } else if (!plastic) {
    const d = i32At(projWord(j, J_D_SHARED));
    if (d < 0 || d >= postSlots) return bad(projWord(j, J_D_SHARED), proj(j) + "'s delay (J_D_SHARED) is " + str(d) + " steps, outside post population " + str(post) + "'s ring length " + str(postSlots));
  }
  if (i32At(projWord(j, J_STP)) != 0) {
    if (!area(R_STP, j, projWord(j, J_STP), <u64>(T_WORDS * 4))) return false;
    const t = offsetAt(projWord(j, J_STP));
    if (!area(R_STP_U, j, t + (T_STATE_U << 2), <u64>rows << 3)) return false;
    if (!area(R_STP_X, j, t + (T_STATE_X << 2), <u64>rows << 3)) return false;
    if (!area(R_STP_LAST, j, t + (T_LAST << 2), <u64>rows << 2)) return false;
  }
  if (plastic && !checkPlastic(j, pre, post, rows, nSyn, nPost, postPad, hasDelays)) return false;
  return true;
}

function checkPlastic(j: i32, pre: i32, post: i32, rows: i32, nSyn: i32, nPost: i32, postPad: i32, hasDelays: bool): bool {
  if (!area(R_PLAST, j, projWord(j, J_PLAST), <u64>(K_WORDS_BASE * 4))) return false;
  const k = offsetAt(projWord(j, J_PLAST));
  const flags = i32At(k + (K_FLAGS << 2));
  // Images before ABI 7 end the block at K_WORDS_BASE; the delay-learning words follow it only when used.
  const learnDelays = (flags & KF_LEARN_DELAYS) != 0;
  if (learnDelays) {
    // Delay learning reads per-synapse delays, traces and last steps: it needs KF_SYNAPSE_DELAYS's arrays.
    if ((flags & KF_SYNAPSE_DELAYS) == 0) return bad(k + (K_FLAGS << 2), proj(j) + " learns its delays (KF_LEARN_DELAYS) but has no per-synapse delays (KF_SYNAPSE_DELAYS)");
    if (!hasDelays) return bad(projWord(j, J_D), proj(j) + " learns its delays (KF_LEARN_DELAYS) but has no delay array (J_D is 0)");
    const words = k + <u64>(K_WORDS_BASE * 4);
    if (words + <u64>((K_WORDS - K_WORDS_BASE) * 4) > size) return bad(projWord(j, J_PLAST), proj(j) + "'s plasticity block ends past the image");
    if (!take(R_DL_WORDS, j, projWord(j, J_PLAST), words, <u64>((K_WORDS - K_WORDS_BASE) * 4))) return false;
  }
  if (flags & KF_PROGRAM) {
    return bad(k + (K_FLAGS << 2), proj(j) + " has a synapse model written as equations: its programs are generated when a JavaScript host loads the network, which this command cannot do (run the snapshot with the JavaScript API)");
  }
  const bySynapse = (flags & KF_SYNAPSE_DELAYS) != 0;
  const rowsPad = i32At(k + (K_ROWS_PAD << 2));
  if (rowsPad < rows) return bad(k + (K_ROWS_PAD << 2), proj(j) + "'s padded row count (K_ROWS_PAD) is " + str(rowsPad) + ", below its " + str(rows) + " rows");
  const post8 = <u64>postPad << 3;
  if (!area(R_PRE_TRACES, j, k + (K_PRE_TRACES << 2), <u64>rowsPad << 4)) return false;
  if (!area(R_POST_TRACES, j, k + (K_POST_TRACES << 2), post8 * 3)) return false;
  if (!area(R_REV_PTR, j, k + (K_REV_PTR << 2), (<u64>nPost + 1) << 2)) return false;
  if (!area(R_REV_SYN, j, k + (K_REV_SYN << 2), <u64>nSyn << 2)) return false;
  if (!area(R_REV_PRE, j, k + (K_REV_PRE << 2), <u64>nSyn << 2)) return false;
  if (!area(R_LAST_PRE, j, k + (K_LAST_PRE << 2), <u64>rowsPad << 2)) return false;
  if (!area(R_LAST_POST, j, k + (K_LAST_POST << 2), <u64>postPad << 2)) return false;
  const modulated = i32At(k + (K_ELIG << 2)) != 0;
  if (modulated && !area(R_ELIG, j, k + (K_ELIG << 2), <u64>nSyn << 2)) return false;
  const m = i32At(k + (K_MOD << 2));
  const lowest = modulated ? 0 : -1;
  if (m < lowest || m >= nMods) return bad(k + (K_MOD << 2), proj(j) + "'s modulator (K_MOD) is " + str(m) + ", outside [" + (modulated ? "0" : "-1") + ", " + str(nMods) + ")");
  // A trace k steps old reads lo[k & 1023] and hi[1024 + (k >> 10)] below its limit.
  for (let t = 0; t < 4; t++) {
    const limit = offsetAt(k + (<u64>(K_LIMIT_PLUS + t) << 2));
    const entries: u64 = limit == 0 ? 0 : <u64>FADE_LO + ((limit - 1) >> FADE_SHIFT) + 1;
    if (!area(R_FADE + t, j, k + (<u64>(K_FADE_PLUS + t) << 2), entries << 3)) return false;
  }
  // Both populations' spike histories are read (step % P_HIST_LEN).
  const preHist = i32At(popWord(pre, P_HIST_LEN));
  if (preHist < 1) return bad(popWord(pre, P_HIST_LEN), pop(pre) + " is the pre population of plastic projection " + str(j) + " but keeps no spike history (P_HIST_LEN is 0)");
  if (i32At(popWord(post, P_HIST_LEN)) < 1) return bad(popWord(post, P_HIST_LEN), pop(post) + " is the post population of plastic projection " + str(j) + " but keeps no spike history (P_HIST_LEN is 0)");

  // Reverse index: post neuron j's incoming synapses revPtr[j] .. revPtr[j + 1], each a CSR
  // index (weights, eligibility, per-synapse traces) and its row (per-row traces).
  const revPtr = offsetAt(k + (K_REV_PTR << 2));
  let previous = 0;
  for (let i = 0; i <= nPost; i++) {
    const v = i32At(revPtr + (<u64>i << 2));
    if (v < previous || v > nSyn) return bad(revPtr + (<u64>i << 2), proj(j) + "'s reverse-index pointer " + str(i) + " is " + str(v) + ", outside [" + str(previous) + ", " + str(nSyn) + "] (K_REV_PTR)");
    previous = v;
  }
  if (!indices(j, offsetAt(k + (K_REV_SYN << 2)), nSyn, nSyn, "reverse-index synapse (K_REV_SYN)")) return false;
  if (!indices(j, offsetAt(k + (K_REV_PRE << 2)), nSyn, rows, "reverse-index row (K_REV_PRE)")) return false;
  if (!bySynapse) return true;

  // Per-synapse delays: delays read, spikes in flight walk K_PERM from their cursors.
  if (!hasDelays) return bad(projWord(j, J_D), proj(j) + " has per-synapse delays (KF_SYNAPSE_DELAYS) but no delay array (J_D is 0)");
  const prePad = i32At(popWord(pre, P_NPAD));
  if (!area(R_SYN_TRACES, j, k + (K_SYN_TRACES << 2), ((<u64>nSyn + 1) & ~1) << 4)) return false;
  if (!area(R_SYN_LAST, j, k + (K_SYN_LAST << 2), <u64>nSyn << 2)) return false;
  if (learnDelays) {
    if (!checkDelayLearning(j, k, nSyn, preHist, postPad)) return false;
  } else {
    if (!area(R_PERM, j, k + (K_PERM << 2), <u64>nSyn << 2)) return false;
    if (!area(R_CURSORS, j, k + (K_CURSORS << 2), mul(<u64>preHist, <u64>prePad) << 2)) return false;
    if (!indices(j, offsetAt(k + (K_PERM << 2)), nSyn, nSyn, "delay-order entry (K_PERM)")) return false;
    if (!indices(j, offsetAt(k + (K_CURSORS << 2)), preHist * prePad, nSyn + 1, "arrival cursor (K_CURSORS)")) return false;
  }
  // One pass over the pre history per step: the ages 1 .. K_MAX_AXONAL.
  const maxAxonal = i32At(k + (K_MAX_AXONAL << 2));
  if (maxAxonal < 0 || maxAxonal > preHist) return bad(k + (K_MAX_AXONAL << 2), proj(j) + "'s longest axonal delay (K_MAX_AXONAL) is " + str(maxAxonal) + ", outside [0, " + str(preHist) + "], the pre population's history");
  return true;
}

/**
 * Delay learning (assembly/plasticity/delay-learning.ts): its regions, and bounds that keep every
 * rounded delay within its cell's width (u8 or u16) and at least one step axonal. Learned delays
 * are only numbers (a NaN lands on a bound), and the sent delays only compared with ages.
 */
function checkDelayLearning(j: i32, k: u64, nSyn: i32, preHist: i32, postPad: i32): bool {
  const width = i32At(projWord(j, J_WIDTHS)) & J_DELAY_BYTES;
  if (!area(R_DL_DELAYS, j, k + (K_DL_DELAYS << 2), <u64>nSyn << 2)) return false;
  if (!area(R_DL_SENT, j, k + (K_DL_SENT << 2), mul(mul(<u64>preHist, <u64>nSyn), <u64>width))) return false;
  if (!area(R_DL_LAST_POST, j, k + (K_DL_LAST_POST << 2), <u64>postPad << 2)) return false;
  const lowest = load<f32>(image + <usize>(k + (K_DL_MIN << 2)));
  const highest = load<f32>(image + <usize>(k + (K_DL_MAX << 2)));
  const den = <f32>i32At(k + (K_DEN_STEPS << 2));
  // Longer delays than the arrival loop's ages would never arrive.
  const cell: f32 = width == 2 ? 65535 : 255;
  const reach = den + <f32>i32At(k + (K_MAX_AXONAL << 2));
  const widest = reach < cell ? reach : cell;
  if (!(lowest >= den + 1 && lowest <= highest && highest <= widest)) {
    return bad(k + (K_DL_MIN << 2), proj(j) + "'s delay bounds (K_DL_MIN, K_DL_MAX) are [" + lowest.toString() + ", " + highest.toString() + "], not within [" + (den + 1).toString() + ", " + widest.toString() + "] steps");
  }
  return true;
}

/** `n` i32 entries at `at`, each in [0, bound). */
function indices(j: i32, at: u64, n: i32, bound: i32, what: string): bool {
  for (let s = 0; s < n; s++) {
    const v = i32At(at + (<u64>s << 2));
    if (v < 0 || v >= bound) return bad(at + (<u64>s << 2), proj(j) + "'s " + what + " " + str(s) + " is " + str(v) + ", outside [0, " + str(bound) + ")");
  }
  return true;
}

// ---- modulators, records and events ---------------------------------------------------------

function checkModulators(): bool {
  const table = offsetAt(headerAt(H_MODS));
  for (let m = 0; m < nMods; m++) {
    const at = table + <u64>(m * MO_WORDS + MO_SOURCE) * 4;
    const source = i32At(at);
    if (source < -1 || source >= nPops) return bad(at, "modulator " + str(m) + "'s source population (MO_SOURCE) is " + str(source) + ", outside [-1, " + str(nPops) + ")");
  }
  const drives = offsetAt(headerAt(H_DRV));
  for (let d = 0; d < nDrives; d++) {
    const at = drives + <u64>(d * MD_WORDS) * 4;
    const modulator = i32At(at + <u64>MD_MODULATOR * 4);
    if (modulator < 0 || modulator >= nMods) return bad(at + <u64>MD_MODULATOR * 4, "modulator drive " + str(d) + "'s modulator (MD_MODULATOR) is " + str(modulator) + ", outside [0, " + str(nMods) + ")");
    const source = i32At(at + <u64>MD_SOURCE * 4);
    if (source < 0 || source >= nPops) return bad(at + <u64>MD_SOURCE * 4, "modulator drive " + str(d) + "'s source population (MD_SOURCE) is " + str(source) + ", outside [0, " + str(nPops) + ")");
  }
  return true;
}

/** Each Poisson input delivers into a ring cell of its population and draws at most PIN_MAX_K events a neuron. */
function checkPoissonInputs(): bool {
  const tableWord = headerAt(H_PIN);
  const table = offsetAt(tableWord);
  if (table == 0) return true; // none (every image before ABI 9)
  if (add(table, <u64>(PIN_HEAD * 4)) > size) return bad(tableWord, "the " + kindName(R_PIN) + " points outside the image (" + str(<i64>table) + ", the image is " + str(<i64>size) + " bytes)");
  const n = count(table + <u64>(PIN_COUNT * 4), "the Poisson-input count (PIN_COUNT)");
  if (problemAt >= 0) return false;
  if (!area(R_PIN, -1, tableWord, add(<u64>(PIN_HEAD * 4), mul(<u64>n, PI_WORDS * 4)))) return false;
  for (let k = 0; k < n; k++) {
    const rec = table + <u64>(PIN_HEAD + k * PI_WORDS) * 4;
    const what = "Poisson input " + str(k) + "'s ";
    const p = i32At(rec + (PI_POP << 2));
    if (p < 0 || p >= nPops) return bad(rec + (PI_POP << 2), what + "population (PI_POP) is " + str(p) + ", outside [0, " + str(nPops) + ")");
    const receptor = i32At(rec + (PI_RECEPTOR << 2));
    const receptors = i32At(popWord(p, P_NREC));
    if (receptor < 0 || receptor >= receptors) return bad(rec + (PI_RECEPTOR << 2), what + "receptor (PI_RECEPTOR) is " + str(receptor) + ", outside [0, " + str(receptors) + ") (" + pop(p) + "'s P_NREC)");
    const delay = i32At(rec + (PI_DELAY << 2));
    const slots = i32At(popWord(p, P_RING_LEN));
    if (delay < 1 || delay >= slots) return bad(rec + (PI_DELAY << 2), what + "delay (PI_DELAY) is " + str(delay) + " steps, outside [1, " + str(slots) + ") (" + pop(p) + "'s delay-ring length)");
    const kMax = i32At(rec + (PI_KMAX << 2));
    if (kMax < 0 || kMax > PIN_MAX_K) return bad(rec + (PI_KMAX << 2), what + "largest count (PI_KMAX) is " + str(kMax) + ", outside [0, " + str(PIN_MAX_K) + "]");
    const lambda = load<f64>(image + <usize>(rec + (PI_LAMBDA << 2)));
    if (!(lambda >= 0 && lambda <= <f64>PIN_MAX_LAMBDA)) return bad(rec + (PI_LAMBDA << 2), what + "lambda (PI_LAMBDA) is " + lambda.toString() + ", not within [0, " + str(PIN_MAX_LAMBDA) + "] events per neuron and step");
  }
  return true;
}

/** A record's capacity and fill level (fill <= capacity). */
function record(kind: i32, at: i32, capWord: i32, lenWord: i32, entryBytes: u64): i32 {
  const cap = count(headerAt(capWord), "the " + kindName(kind) + "'s capacity");
  if (problemAt >= 0) return -1;
  const len = i32At(headerAt(lenWord));
  if (len < 0 || len > cap) {
    bad(headerAt(lenWord), "the " + kindName(kind) + "'s fill level is " + str(len) + ", outside [0, " + str(cap) + "]");
    return -1;
  }
  if (!area(kind, -1, headerAt(at), <u64>cap * entryBytes)) return -1;
  return cap;
}

function checkRecords(): bool {
  // Spikes: u32 steps then i32 neurons; a step may write the sizes of all recorded populations,
  // and run returns 0 steps while less than H_SPK_NEED is free (so the need must fit an empty record).
  const spikeCap = record(R_SPK_REC, H_SPK_REC, H_SPK_CAP, H_SPK_LEN, 8);
  if (spikeCap < 0) return false;
  const need = i32At(headerAt(H_SPK_NEED));
  if (<i64>need < recorded || (spikeCap > 0 && need > spikeCap) || need < 0) {
    return bad(headerAt(H_SPK_NEED), "the spike record's room per step (H_SPK_NEED) is " + str(need) + ", not within [" + str(recorded) + " (the recorded populations' sizes), " + str(spikeCap) + " (H_SPK_CAP)]");
  }
  if (recorded > 0 && spikeCap == 0) return bad(headerAt(H_SPK_CAP), "populations record spikes but the spike record (H_SPK_CAP) holds none");
  // State samples: H_ST_N cells per step at most, each (i32 byte offset, u32 every).
  const stateCap = record(R_ST_REC, H_ST_REC, H_ST_CAP, H_ST_LEN, 4);
  if (stateCap < 0) return false;
  const cells = count(headerAt(H_ST_N), "the state gather count (H_ST_N)");
  if (problemAt >= 0) return false;
  if (cells > stateCap) return bad(headerAt(H_ST_N), "the state gather count (H_ST_N) is " + str(cells) + ", more than the state record holds (H_ST_CAP " + str(stateCap) + ")");
  if (!area(R_GATHER, -1, headerAt(H_ST_GATHER), <u64>cells << 3)) return false;
  const gather = offsetAt(headerAt(H_ST_GATHER));
  for (let c = 0; c < cells; c++) {
    const at = gather + (<u64>c << 3);
    const cell = offsetAt(at);
    if (cell + 4 > size || (cell & 3) != 0) return bad(at, "state gather cell " + str(c) + " is byte " + str(<i64>cell) + ", not an aligned word of the image");
    if (i32At(at + 4) == 0) return bad(at + 4, "state gather cell " + str(c) + " is sampled every 0 steps (a division by zero)");
  }
  // Spike counts: one per population per step.
  const countCap = record(R_CNT_REC, H_CNT_REC, H_CNT_CAP, H_CNT_LEN, 4);
  if (countCap < 0) return false;
  if (countCap > 0 && countCap < nPops) return bad(headerAt(H_CNT_CAP), "the spike count record (H_CNT_CAP) holds " + str(countCap) + " counts, fewer than one step's " + str(nPops));
  // Current events: (u32 step, i32 cell, f32 value); cells are checked once the arrays are sorted.
  const events = count(headerAt(H_EVT_N), "the current event count (H_EVT_N)");
  if (problemAt >= 0) return false;
  const pos = i32At(headerAt(H_EVT_POS));
  if (pos < 0 || pos > events) return bad(headerAt(H_EVT_POS), "the current event position (H_EVT_POS) is " + str(pos) + ", outside [0, " + str(events) + "]");
  return area(R_EVENTS, -1, headerAt(H_EVT), mul(<u64>events, EVENT_WORDS * 4));
}

/** Each current event writes an f32 into a step-current array (never into structure). */
function checkCurrentEvents(): bool {
  const events = i32At(headerAt(H_EVT_N));
  const table = offsetAt(headerAt(H_EVT));
  for (let e = 0; e < events; e++) {
    const at = table + <u64>e * <u64>(EVENT_WORDS * 4) + 4;
    const cell = offsetAt(at);
    const id = (cell & 3) == 0 ? regionHolding(cell) : -1;
    if (id < 0 || regionKind(id) != R_ISTEP) {
      return bad(at, "current event " + str(e) + " writes byte " + str(<i64>cell) + ", not a cell of a population's step currents (P_ISTEP)");
    }
  }
  return true;
}
