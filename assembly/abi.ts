// The memory contract between the TypeScript layout planner and the kernels.
//
// Written in the subset of TypeScript that both `asc` and `tsc` accept (plain integer
// consts, no decorators), so the planner in ts/layout and the kernels in assembly/
// read the very same numbers. Every offset stored in memory is a byte offset relative
// to the layout base; 0 means "absent" (the header itself lives at offset 0).

export const ABI_VERSION = 1;
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
export const H_SPK_REC = 8; //       spike record: (step, global index) u32 pairs
export const H_SPK_CAP = 9; //       capacity in pairs
export const H_SPK_LEN = 10; //      pairs written since JS last drained it
export const H_SPK_NEED = 11; //     room one step may need (sum of recorded population sizes)
export const H_ST_REC = 12; //       state record: f32 (or i32 bits) samples
export const H_ST_CAP = 13;
export const H_ST_LEN = 14;
export const H_ST_GATHER = 15; //    (i32 byte offset, i32 every) per sampled cell: sampled when step % every == 0
export const H_ST_N = 16; //         cells per sample
export const H_CNT_REC = 18; //      per-step spike counts, one u32 per population
export const H_CNT_CAP = 19;
export const H_CNT_LEN = 20;
export const H_EVT = 21; //          current-step events: (step u32, cell offset i32, value f32)
export const H_EVT_N = 22;
export const H_EVT_POS = 23; //      next event to apply
export const H_SYN_EVENTS = 24; //   f64 at byte 96: synaptic events delivered so far (exact integer)
export const H_WORDS = 32;

export const EVENT_WORDS = 3;

// ---- population record: i32 words ------------------------------------------------
export const P_MODEL = 0;
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
export const P_WORDS = 20;

// ---- projection record: i32 words ------------------------------------------------
export const J_PRE = 0;
export const J_POST = 1;
export const J_PRE_START = 2; //     slice of the presynaptic population
export const J_PRE_END = 3;
export const J_RECEPTOR = 4;
export const J_ROWPTR = 5; //        i32 [rows + 1]
export const J_COL = 6; //           i32 [synapses], local index in the post population
export const J_W = 7; //             f32 [synapses], or 0 when all share J_W_SHARED
export const J_W_SHARED = 8; //      f32 bits
export const J_D = 9; //             u8 or u16 [synapses] delays in steps, or 0 when all share J_D_SHARED
export const J_D_SHARED = 10;
export const J_NSYN = 11;
export const J_D_BYTES = 12; //      1 when every delay fits in a byte (below 256 steps), else 2
export const J_WORDS = 13;

// ---- model ids --------------------------------------------------------------------
export const M_LIF = 1;
export const M_ALIF = 2;
export const M_LIF_COND = 3;
export const M_ADEX = 4;
export const M_IZHIKEVICH = 5;
export const M_POISSON = 6;
export const M_SPIKE_SOURCE = 7;

// ---- coefficient blocks (word index into P_COEF) ----------------------------------
// Receptor r's coefficients start at C_REC0 + r * C_REC_STRIDE. Receptors are stored with
// the decaying ones first and the delta ones (tau 0 in lif, alif, adex) after them.
export const C_HAS_CURRENT = 14; //  i32: 1 when any neuron has a bias or a current step
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
