// The memory contract between the TypeScript layout planner and the kernels.
//
// Written in the subset of TypeScript that both `asc` and `tsc` accept (plain integer
// consts, no decorators), so the planner in ts/layout and the kernels in assembly/
// read the very same numbers. Every offset stored in memory is a byte offset relative
// to the layout base; 0 means "absent" (the header itself lives at offset 0).

export const ABI_VERSION = 9;
/**
 * The oldest ABI whose images (in snapshots) this kernel runs as its own: ABI 3 changed only
 * the spike record's layout, which a snapshot holds empty, and gave C_CURRENT a value (2) that
 * ABI 2 images never hold; ABI 4 added the coupling table in header words that older images
 * hold as 0 (no couplings); ABI 5 added dendritic segments in a population word (P_SEG) that
 * older images hold as 0 (none); ABI 6 added further modulator sources in header words (H_NDRV,
 * H_DRV) that older images hold as 0; ABI 7 added delay learning in plasticity-block words past
 * the old block (K_DL_*), read only under KF_LEARN_DELAYS, which older images never set; ABI 8
 * added u16 columns under a J_WIDTHS bit (J_NARROW_COLUMNS) that older images never set (a
 * network restored from one keeps its i32 columns: ts/layout/image-widths.ts); ABI 9 added the
 * Poisson-input table in header word H_PIN, which older images hold as 0 (none).
 */
export const ABI_OLDEST_IMAGE = 2;
export const ABI_MAGIC = 0x53574b31; // "SWK1"

/** SIMD width in f32 lanes; population sizes are padded to a multiple of it. */
export const LANES = 4;
/** Every region starts on this many bytes. */
export const ALIGN = 16;

// ---- header: i32 words at offset 0 -----------------------------------------------
export const H_MAGIC = 0;
export const H_STEP = 1; //          steps simulated so far (u32)
export const H_NPOPS = 2;
export const H_NPROJS = 3;
export const H_POPS = 4; //          offset of the population table
export const H_PROJS = 5; //         offset of the projection table
export const H_SEED_LO = 6;
export const H_SEED_HI = 7;
export const H_SPK_REC = 8; //       spike record: H_SPK_CAP u32 steps, then H_SPK_CAP i32 global indices
export const H_SPK_CAP = 9; //       capacity in spikes
export const H_SPK_LEN = 10; //      spikes written since JS last drained it
export const H_SPK_NEED = 11; //     room one step may need (sum of recorded population sizes)
export const H_ST_REC = 12; //       state record: f32 (or i32 bits) samples
export const H_ST_CAP = 13;
export const H_ST_LEN = 14;
export const H_ST_GATHER = 15; //    (i32 byte offset, i32 every) per sampled cell: sampled when step % every == 0
export const H_ST_N = 16; //         cells per sample
export const H_PIN = 17; //          Poisson-input table (PIN_HEAD words, then PI_WORDS each) (ABI 9; 0 before: none)
export const H_CNT_REC = 18; //      per-step spike counts, one u32 per population
export const H_CNT_CAP = 19;
export const H_CNT_LEN = 20;
export const H_EVT = 21; //          current-step events: (step u32, cell offset i32, value f32)
export const H_EVT_N = 22;
export const H_EVT_POS = 23; //      next event to apply
export const H_SYN_EVENTS = 24; //   f64 at byte 96: synaptic events delivered so far (exact integer)
export const H_NMODS = 26; //        modulators
export const H_MODS = 27; //         modulator table (MO_WORDS each)
export const H_NCPL = 28; //         couplings: electrical and graded synapses (ABI 4; 0 before)
export const H_CPL = 29; //          coupling table (CP_WORDS each)
export const H_NDRV = 30; //         modulator drives beyond each modulator's first source (ABI 6; 0 before)
export const H_DRV = 31; //          drive table (MD_WORDS each), in modulator order
export const H_WORDS = 32;

export const EVENT_WORDS = 3;

// ---- Poisson inputs (assembly/synapses/poisson-input.ts) -----------------------------
// Every step each neuron of the population receives k ~ Poisson(lambda) events, drawn by
// inversion on Philox counter (neuron / 4, step, stream(RNG_POISSON_INPUT, input)), and
// f32(k * weight) is added into the receptor's ring slot `delay` steps ahead.
export const PIN_COUNT = 0; //       table word 0: the number of inputs
export const PIN_HEAD = 2; //        words before the first record (records' f64 words stay 8-byte aligned)
export const PI_POP = 0; //          target population
export const PI_RECEPTOR = 1; //     its receptor (below P_NREC)
export const PI_DELAY = 2; //        steps ahead, in [1, P_RING_LEN)
export const PI_KMAX = 3; //         most events a neuron takes in one step (bounds the inversion loop)
export const PI_WEIGHT = 4; //       f32: added per event
export const PI_LAMBDA = 6; //       f64: rate * dt, the mean events per neuron and step
export const PI_EXP = 8; //          f64: exp(-lambda) by detExp, P(k = 0)
export const PI_WORDS = 10;
/** The largest lambda (events per neuron and step) a Poisson input may have. */
export const PIN_MAX_LAMBDA = 100;
/** The largest PI_KMAX: lambda + 12 sqrt(lambda) + 12 at PIN_MAX_LAMBDA is 232. */
export const PIN_MAX_K = 256;

// ---- coupling record: words (assembly/synapses/couplings.ts) ----------------------
// A coupling adds a current to a per-neuron parameter of an equation population every step,
// through the synapses of its projection (CSR, weights = conductances), instead of spikes.
export const CP_KIND = 0; //         COUPLING_*
export const CP_PROJ = 1; //         the projection it couples through
export const CP_CURRENT = 2; //      P_PARAMS slot of the receiving population(s) the current adds to
export const CP_V_PRE = 3; //        state slot of the membrane potential, pre population
export const CP_V_POST = 4; //       and post population
export const CP_EREV = 5; //         f32, graded: reversal potential (V)
export const CP_VTH = 6; //          f32, graded: the sigmoid's midpoint (V)
export const CP_INV_SLOPE = 7; //    f32, graded: 1 / the sigmoid's slope (1/V)
export const CP_WORDS = 8;
export const COUPLING_ELECTRICAL = 1; // g (v_j - v_i) into i and g (v_i - v_j) into j: one population, undirected
export const COUPLING_GRADED = 2; //    g s(v_pre) (eRev - v_post) into the post neuron, s = 1 / (1 + exp((vTh - v_pre) / slope))

// ---- population record: i32 words ------------------------------------------------
export const P_KERNEL = 0;
export const P_N = 1;
export const P_NPAD = 2;
export const P_NREC = 3; //          receptors
export const P_COEF = 4; //          coefficient block (f32, some i32)
export const P_STATE = 5; //         state arrays, var k at P_STATE + k * nPad * 4
export const P_RECV = 6; //          receptor state, receptor r at P_RECV + r * nPad * 4
export const P_RING = 7; //          delay ring: [slot][receptor][nPad] f32
export const P_RING_LEN = 8; //      slots
export const P_SPIKES = 9; //        local indices of this step's spikes (i32)
export const P_NSPIKES = 10;
export const P_RECORD = 11; //       1: spikes go to the spike record
export const P_GSTART = 12; //       global index of neuron 0
export const P_BIAS = 13; //         f32 per neuron: constant current
export const P_ISTEP = 14; //        f32 per neuron: piecewise-constant current, set by events
export const P_INDEX = 15; //        population index (random stream)
export const P_SRC_EVT = 16; //      spike_source: (step u32, local index i32) pairs
export const P_SRC_N = 17;
export const P_SRC_POS = 18;
export const P_PARAMS = 19; //       per-neuron parameter arrays, param k at P_PARAMS + k * nPad * 4
export const P_HIST = 20; //         spike history for plasticity: [slots][nPad] i32, 0 when none;
//                                   P_SPIKES points at slot step % P_HIST_LEN during a step
export const P_HIST_LEN = 21;
export const P_HIST_CNT = 22; //     i32 [slots]: spikes in each history slot
export const P_SEG = 23; //          dendritic segment block (SG_*), 0 when the neurons have none (ABI 5)
export const P_WORDS = 24;

// ---- dendritic segment block: words (assembly/dendrites/segments.ts) ---------------
// K segments per neuron, each with its own inputs (a delay ring of its own), a threshold and a
// plateau that holds a per-neuron parameter of the (equation) population at an amplitude.
export const SG_COUNT = 0; //        K segments per neuron
export const SG_THETA = 1; //        f32: the input at which a segment starts its plateau
export const SG_DECAY = 2; //        f32: the input's decay per step, exp(-dt / tau) (0: a one-step window)
export const SG_DURATION = 3; //     plateau length in steps (>= 1)
export const SG_AMPLITUDE = 4; //    f32: the value the plateau holds the current parameter at
export const SG_CURRENT = 5; //      P_PARAMS slot of the parameter the plateau sets (0 without a plateau)
export const SG_TRACE = 6; //        state slot of the variable each plateau onset adds 1 to, or -1
export const SG_RING = 7; //         delay ring: [slot][segment][nPad] f32
export const SG_RING_LEN = 8; //     slots
export const SG_INPUT = 9; //        f32 [segment][nPad]: each segment's decaying input
export const SG_TIMER = 10; //       i32 [segment][nPad]: steps left of each segment's plateau
export const SG_WORDS = 12;
/** A projection's J_RECEPTOR at or above this delivers into segment (J_RECEPTOR - SEGMENT_RECEPTOR) of its post neurons. */
export const SEGMENT_RECEPTOR = 0x10000;

// ---- projection record: i32 words ------------------------------------------------
export const J_PRE = 0;
export const J_POST = 1;
export const J_PRE_START = 2; //     slice of the presynaptic population
export const J_PRE_END = 3;
export const J_RECEPTOR = 4;
export const J_ROWPTR = 5; //        i32 [rows + 1]
export const J_COL = 6; //           i32, or u16 under J_NARROW_COLUMNS, [synapses]: index in the post population
export const J_W = 7; //             f32 [synapses], or 0 when all share J_W_SHARED
export const J_W_SHARED = 8; //      f32 bits
export const J_D = 9; //             u8 or u16 [synapses] delays in steps, or 0 when all share J_D_SHARED
export const J_D_SHARED = 10;
export const J_NSYN = 11;
export const J_WIDTHS = 12; //       J_DELAY_BYTES: bytes per stored delay, 1 (every delay below 256 steps) or 2; J_NARROW_COLUMNS
export const J_PLAST = 13; //        plasticity block (K_*), 0 for a static projection
export const J_STP = 14; //          short-term plasticity block (T_*), 0 when none
export const J_DIVERGED = 15; //     synapse models: 1 + the first step at which a synapse variable became NaN or infinite; 0: never
export const J_WORDS = 16;
/** J_WIDTHS mask: bytes per stored delay (1 or 2). */
export const J_DELAY_BYTES = 0xff;
/**
 * J_WIDTHS bit: the columns are u16 (ABI 8), which halves their memory; set for static projections
 * (no plasticity, synapse model or coupling) onto populations of at most 65,536 neurons.
 */
export const J_NARROW_COLUMNS = 0x100;

// ---- plasticity block: i32/f32 words, f64 values at even words ----------------------
// A plastic projection has one delay for all its synapses (J_D_SHARED) and per-synapse weights.
export const K_FLAGS = 0; //         KF_* bits
export const K_DEN_STEPS = 1; //     dendritic part of the delay; the axonal part is J_D_SHARED - this
export const K_MOD = 2; //           modulator index driving the eligibility traces, -1 for none
export const K_APLUS = 3; //         f32: potentiation amplitude (pair), A2+ (triplet)
export const K_AMINUS = 4; //        f32: depression amplitude (pair), A2- (triplet)
export const K_A3PLUS = 5; //        f32: triplet potentiation A3+
export const K_A3MINUS = 6; //       f32: triplet depression A3-
export const K_WMIN = 7; //          f32
export const K_WMAX = 8; //          f32
export const K_RATE = 9; //          f32: learning rate multiplying every change; 0 freezes weights
export const K_PRE_OFFSET = 10; //   f32: change on every presynaptic arrival (Vogels-Sprekeler)
export const K_ELIG_DECAY = 11; //   f32: exp(-dt/tauC)
export const K_DT = 12; //           f32: dt in seconds (the modulator drives weights per second)
export const K_PRE_TRACES = 13; //   f64 [2][rowsPad]: r1 (tauPlus), r2 (tauX) per presynaptic row, as of K_LAST_PRE
export const K_POST_TRACES = 14; //  f64 [3][post nPad]: o1 (tauMinus), o2 (tauY) as of K_LAST_POST, and the
//                                   rate estimate (Hz, decayed every step) per post neuron
export const K_REV_PTR = 15; //      i32 [post n + 1]: incoming synapses of each post neuron
export const K_REV_SYN = 16; //      i32 [synapses]: CSR index of each incoming synapse
export const K_REV_PRE = 17; //      i32 [synapses]: its presynaptic row
export const K_ELIG = 18; //         f32 [synapses]: eligibility traces, 0 when not modulated
export const K_ROWS_PAD = 19; //     presynaptic rows padded to 2 (f64 lanes)
// Traces decay lazily: a trace last updated k steps ago is its value times exp(-k dt/tau), read
// from a fade table as lo[k & (FADE_LO - 1)] * hi[k >> FADE_SHIFT] (f64 [FADE_LO + M]); at
// and beyond the table's limit (FADE_LO * M steps, 40 tau) the trace counts as 0.
export const K_FADE_PLUS = 20; //    fade table of tauPlus
export const K_FADE_MINUS = 21; //   ... tauMinus
export const K_FADE_X = 22; //       ... tauX
export const K_FADE_Y = 23; //       ... tauY
export const K_LIMIT_PLUS = 24; //   steps covered by each table (0: that trace is unused)
export const K_LIMIT_MINUS = 25;
export const K_LIMIT_X = 26;
export const K_LIMIT_Y = 27;
export const K_SCALE_EVERY = 28; //  i32: steps between synaptic scaling passes, 0 for none
export const K_RATE_GAIN = 30; //    f64: 1/tau added to a post neuron's rate estimate per spike
export const K_DEC_RATE = 32; //     f64: exp(-dt/tau) of the rate estimate
export const K_SCALE_TARGET = 34; // f64: target rate, Hz
export const K_SCALE_ETA = 36; //    f64: eta * interval: w *= 1 + rate * eta * interval * (target - estimate)
export const K_LAST_PRE = 38; //     u32 [rowsPad]: synapse step of each row's last presynaptic arrival
export const K_LAST_POST = 39; //    u32 [post nPad]: synapse step of each post neuron's last spike
// Per-synapse delays (KF_SYNAPSE_DELAYS): arrivals at different steps need per-synapse presynaptic
// traces, and each spike in flight walks its row in delay order, one delay per step.
export const K_PERM = 40; //         i32 [synapses]: each row's CSR indices sorted by delay (stable)
export const K_CURSORS = 41; //      i32 [pre history slots][pre nPad]: per spike in flight, its next K_PERM entry
export const K_SYN_TRACES = 42; //   f64 [2][synapses]: x1 (tauPlus), x2 (tauX) per synapse, as of K_SYN_LAST
export const K_SYN_LAST = 43; //     u32 [synapses]: synapse step of each synapse's last arrival
export const K_MAX_AXONAL = 44; //   the longest axonal delay (steps)
// A synapse model written as equations (KF_PROGRAM) keeps its variables other than w in
// K_SYN_TRACES as f32 [variables][synapses padded to 4], the step of each synapse's last event
// in K_SYN_LAST, and its event-driven decays in the fade tables.
export const K_PROGRAM = 45; //      the model's onPre program (assembly/programs.ts); onPost and its step are the next two
/** The block's length before delay learning (ABI 6 images): the K_DL_* words follow it. */
export const K_WORDS_BASE = 46;
// Delay learning (KF_LEARN_DELAYS, with KF_SYNAPSE_DELAYS): a pairing of a presynaptic arrival at
// step a with a postsynaptic spike at step p (both at the synapse, at most K_DL_WINDOW apart)
// moves the synapse's delay by K_DL_RATE * K_RATE * (p - a) steps, within [K_DL_MIN, K_DL_MAX];
// J_D holds the learned delay rounded to whole steps. A spike leaves with the delay in force at
// its emission (K_DL_SENT), so a change never moves a spike already in flight.
export const K_DL_RATE = 46; //      f32: fraction of the timing error a pairing removes
export const K_DL_WINDOW = 47; //    i32: steps; pairings further apart change nothing
export const K_DL_MIN = 48; //       f32: shortest delay, steps (>= the dendritic part + 1)
export const K_DL_MAX = 49; //       f32: longest delay, steps (<= the dendritic part + K_MAX_AXONAL)
export const K_DL_DELAYS = 50; //    f32 [synapses]: each learned delay in steps, unrounded
export const K_DL_SENT = 51; //      u8 or u16 (J_DELAY_BYTES) [pre history slots][synapses]: the delay each spike in flight left with
export const K_DL_LAST_POST = 52; // u32 [post nPad]: 1 + synapse step of each post neuron's last spike, 0 before the first
export const K_WORDS = 54;

export const FADE_LO = 1024;
export const FADE_SHIFT = 10;

export const KF_MULTIPLICATIVE = 1; // soft bounds: potentiation scaled by wMax - w, depression by w - wMin
export const KF_NEAREST = 2; //       traces reset to 1 on a spike instead of adding 1
export const KF_SYMMETRIC = 4; //     post-before-pre potentiates too
export const KF_TRIPLET = 8; //       Pfister & Gerstner (2006) triplet terms
export const KF_NO_PAIRS = 16; //     no spike-pair terms (a projection with synaptic scaling only)
export const KF_SYNAPSE_DELAYS = 32; // per-synapse delays (J_D): per-synapse traces, arrivals by cursor
export const KF_PROGRAM = 64; //      a synapse model written as equations (synapse-program.ts) instead of a built-in rule
export const KF_SYNAPSE_STEP = 128; // the synapse model has a step (clock-driven or summed variables)
export const KF_LEARN_DELAYS = 256; // delays learn (K_DL_*); arrivals by the delays spikes left with, not by cursor

// ---- short-term plasticity block (Tsodyks-Markram): words, f64 values at even words ---
export const T_U = 0; //             f64: utilisation U
export const T_RATE_REC = 2; //      f64: dt / tauRec
export const T_RATE_FACIL = 4; //    f64: dt / tauFacil, used when T_FACIL is 1
export const T_FACIL = 6; //         i32: 1 when tauFacil > 0 (else u stays U)
export const T_STATE_U = 7; //       f64 [rows]: u at the last spike
export const T_STATE_X = 8; //       f64 [rows]: resources left after the last spike
export const T_LAST = 9; //          u32 [rows]: step of the last spike + 1, 0 before the first
export const T_WORDS = 10;

// ---- modulator record: words -------------------------------------------------------
export const MO_VALUE = 0; //        f32: the modulator's value now
export const MO_DECAY = 1; //        f32: exp(-dt/tau)
export const MO_SOURCE = 2; //       population whose spikes drive it, -1 for none
export const MO_GAIN = 3; //         f32: added per spike of the source population
export const MO_BASELINE = 4; //     f32: the value it relaxes to (a tonic level)
export const MO_WORDS = 5;
// A modulator with several sources (an astrocyte integrating signed contributions of several
// populations) keeps its first in MO_SOURCE/MO_GAIN and the others here, applied after it.
export const MD_MODULATOR = 0; //    the modulator it drives
export const MD_SOURCE = 1; //       population whose spikes drive it
export const MD_GAIN = 2; //         f32: added per spike (any sign)
export const MD_WORDS = 3;

// ---- neuron kernels (P_KERNEL: which update a population runs) --------------------------
// KERNEL_<NAME> is the function update<Name> of a file in assembly/neurons/ (the build
// generates the dispatch from these lines: scripts/build-kernels.mjs), twinned by the export of
// the same name in ts/backends/reference/neurons/ and by the WGSL program in
// ts/backends/webgpu/shaders/neurons/ whose "// kernels:" line names it.
export const KERNEL_LIF = 1;
export const KERNEL_ALIF = 2;
export const KERNEL_LIF_COND = 3;
export const KERNEL_ADEX = 4;
export const KERNEL_IZHIKEVICH = 5;
export const KERNEL_POISSON = 6;
export const KERNEL_SPIKE_SOURCE = 7;
export const KERNEL_EQUATION = 8; // a model written as equations: its update is a generated module

// ---- coefficient blocks (word index into P_COEF) ----------------------------------
// Receptor r's coefficients start at C_REC0 + r * C_REC_STRIDE. Receptors are stored with
// the decaying ones first and the delta ones (tau 0 in lif, alif, adex) after them.
export const C_CURRENT = 14; //      i32: which input-current arrays the kernels read (CURRENT_*)
export const CURRENT_NONE = 0; //    no neuron has a bias and no current steps are scheduled
export const CURRENT_BIAS_STEPS = 1; // bias + step current, both per neuron
export const CURRENT_BIAS = 2; //    the bias array only: no current steps are scheduled
export const C_DECAYING = 15; //     i32: receptors 0 .. C_DECAYING-1 decay; the rest are delta
export const C_REC0 = 16;
export const C_REC_STRIDE = 4;
export const CR_DECAY = 0; //        exp(-dt/tau), 0 for a delta receptor
export const CR_GAIN = 1; //         lif: exact propagator P21; others: unused
export const CR_EREV = 3; //         lif_cond: reversal potential

// lif and alif: exact integration
export const CL_P22 = 0; //          exp(-dt/tauM)
export const CL_P20 = 1; //          rM * (1 - P22): constant current to voltage
export const CL_VREST = 2;
export const CL_VRESET = 3;
export const CL_VTHRESH = 4;
export const CL_REF_STEPS = 5; //    i32: steps held at reset after a spike
export const CL_ADAPT_DECAY = 6; //  alif: exp(-dt/tauA)
export const CL_ADAPT_JUMP = 7; //   alif: threshold increase per spike
export const CL_ADAPT_DRIFT = 8; //  alif: threshold decrease per step, thetaPlus * targetRate * dt
//                                   (intrinsic plasticity: theta settles where the rate is the target)

// lif_cond: exact conductance decay, forward Euler for v
export const CC_GL = 0;
export const CC_EL = 1;
export const CC_DT_OVER_C = 2;
export const CC_VRESET = 3;
export const CC_VTHRESH = 4;
export const CC_REF_STEPS = 5;

// adex: forward Euler, exponential by detmath
export const CA_GL = 0;
export const CA_EL = 1;
export const CA_DT_OVER_C = 2;
export const CA_VRESET = 3;
export const CA_VPEAK = 4;
export const CA_REF_STEPS = 5;
export const CA_VT = 6;
export const CA_DELTA_T = 7;
export const CA_INV_DELTA_T = 8;
export const CA_A = 9;
export const CA_B = 10;
export const CA_DT_OVER_TAUW = 11;
export const CA_EXP_CAP = 12; //     largest exponent argument (keeps the upswing finite)

// izhikevich: published units (mV, ms); a, b, c, d are per-neuron params
export const CI_H = 0; //            dt in ms
export const CI_HALF_H = 1;
export const CI_SCHEME = 2; //       i32: 0 = forward Euler, 1 = Izhikevich 2003 half steps
export const CI_VPEAK = 3;
export const CI_NOISE = 4; //        std of the Gaussian input drawn every step
export const IZ_A = 0; //            per-neuron param index
export const IZ_B = 1;
export const IZ_C = 2;
export const IZ_D = 3;

// equation models (ts/equations/): the update is generated per population
export const CE_PROGRAM = 0; //      i32: slot of the population's update in the kernel's function table
export const CE_DIVERGED = 1; //     i32: 1 + the first step at which a state variable became NaN or infinite; 0: never

// poisson: per-neuron firing probability per step
export const PO_PROB = 0;

// ---- state variable index per model (into P_STATE) ---------------------------------
export const S_V = 0;
export const S_REF = 1; //           i32 countdown of refractory steps
export const S_THETA = 2; //         alif: adaptive threshold increment
export const S_W = 2; //             adex: adaptation current
export const S_U = 1; //             izhikevich: recovery variable

// ---- counter-based random streams (third Philox counter word, high byte) ----------
export const RNG_INIT = 1;
export const RNG_CONNECT = 2;
export const RNG_WEIGHT = 3;
export const RNG_DELAY = 4;
export const RNG_POISSON = 5;
export const RNG_NOISE = 6;
export const RNG_PARAM = 7;
export const RNG_EQ_UNIFORM = 8; //  rand() of equation models: index = call site << 16 | population
export const RNG_EQ_NORMAL = 9; //   randn() of equation models
export const RNG_SYNAPSE_INIT = 10; // initial values of synapse models' variables: index = array << 16 | projection
export const RNG_POISSON_INPUT = 11; // Poisson inputs' event counts: index = input

/** Values one drawValues call draws at most (its static scratch, assembly/synapses/draw-values.ts). */
export const DRAW_VALUES_MAX = 8192;
