// The cortical microcircuit of Potjans & Diesmann (2014), Cerebral Cortex 24:785, as NEST's
// PyNEST example builds it (pynest/examples/Potjans_2014: network_params.py, helpers.py,
// network.py; the INM-6 "microcircuit-PD14-model" repository holds the same code). Every
// derived number below is computed the way that code computes it:
//
// - Neurons: 8 populations (L2/3E, L2/3I, L4E, L4I, L5E, L5I, L6E, L6I) of
//   round(full_num_neurons * N_scaling) iaf_psc_exp neurons (numpy's round: half to even).
//   iaf_psc_exp is spikewasm's `lif`: tauM 10 ms, rM = tau_m / C_m = 10 ms / 250 pF = 4e7 ohm
//   (so tauM dv/dt = ... + rM I is C_m dv/dt = ... + I), vRest = vReset = -65 mV, vThresh -50 mV,
//   tRef 2 ms, one exponential current receptor `syn` with tau 0.5 ms (tau_syn_ex = tau_syn_in,
//   so one receptor carries both signs); weights in amperes.
// - Synapses: full_num_synapses = ln(1 - p) / ln((N_pre N_post - 1) / (N_pre N_post)) with the
//   8x8 table conn_probs (row: target, column: source) and the full population sizes; each
//   projection gets exactly round(full_num_synapses * N_scaling * K_scaling) synapses with
//   `fixed_total_number` (multapses and autapses allowed, as NEST's defaults).
// - Weights: PSP 0.15 mV (0.3 mV for L4E -> L2/3E), inhibitory ones g = -4 times that, turned
//   into currents by PSC_over_PSP (helpers.postsynaptic_potential_to_current: 585.4 pA/mV, so
//   87.8 pA), divided by sqrt(K_scaling); per synapse normal with sd 10 % of the mean. NEST
//   REDRAWS outside [0, inf) (excitatory) or (-inf, 0] (inhibitory); spikewasm's `normal`
//   CLIPS to [min, max]. The bound is 10 sd from the mean, so the clipped mass is ~1e-23: no
//   synapse is affected in practice.
// - Delays: normal 1.5 +- 0.75 ms (excitatory sources) and 0.75 +- 0.375 ms (inhibitory), with
//   at least one step (0.1 ms). NEST REDRAWS short draws (below the resolution in older
//   versions of network.py, below half of it in newer ones, where 0.05-0.15 ms then rounds to
//   one step); spikewasm CLIPS them to one step (min = dt; 0.1-0.15 ms also rounds to one step).
//   So about 3 % of the delays (E: P(z < -1.93) = 2.7 %, I: P(z < -1.87) = 3.1 % against the
//   newer NEST; 3.1 % and 4.2 % against the older) sit at one step here where NEST redraws them
//   from the whole distribution: a mean delay shorter by about 0.04 ms (E) and 0.02-0.03 ms (I).
//   spikewasm also needs an upper bound where NEST has none: mean + 10 sd (9 ms E, 4.5 ms I),
//   clipped mass ~1e-23.
// - K_scaling compensation (helpers.adjust_weights_and_input_to_synapse_scaling): weights and
//   the external weight / sqrt(K_scaling), and each neuron gets the DC
//   0.001 tau_syn (1 - sqrt(K_scaling)) (input_rec + input_ext) pA, where
//   input_rec = sum_j PSC[i][j] (full_num_synapses[i][j] / full_num_neurons[i]) full_mean_rates[j]
//   with the full-scale rates (0.943, 3.026, 4.368, 5.882, 7.733, 8.664, 1.096, 7.851 Hz) and
//   input_ext = PSC_ext K_ext bg_rate (the last term only with Poisson input).
// - Initial v: normal per population (the 'optimized' V0 of network_params.py), not clipped.
// - Background: NEST gives every neuron an independent Poisson train (poisson_generator) of
//   rate bg_rate * round(K_ext * K_scaling) (8 Hz x 1600, 1500, 2100, 1900, 2000, 1900, 2900,
//   2100, scaled), weight PSC_ext / sqrt(K_scaling), delay 1.5 ms. spikewasm's Poisson input
//   (poissonInputs) does the same: every step each neuron receives k ~ Poisson(rate dt) events
//   (mean and variance rate dt, 0.13-0.23 at 10 % scale, 1.3-2.3 at full scale), as in NEST.
//   NEST's DC variant (poisson_input = False) is not offered yet: its rates have not been
//   compared with NEST's.
//
// Other small differences from NEST's iaf_psc_exp, none of them a parameter: spikewasm spikes
// when v > vThresh (NEST: V >= V_th); after a spike it holds v for round(tRef/dt) - 1 = 19 more
// steps (NEST: 20); a synapse of delay d steps changes the current at the end of step n + d.
// No thalamic input (stim_dict's thalamic_input and dc_input are off in the reference by default).

/** Population names, in the reference's order. */
export const POPULATIONS = ['L23E', 'L23I', 'L4E', 'L4I', 'L5E', 'L5I', 'L6E', 'L6I'];
/** Neurons per population at full scale (network_params.py full_num_neurons). */
const FULL_NUM_NEURONS = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948];
/** Full-scale mean rates (Hz) that the K_scaling compensation uses (full_mean_rates). */
const FULL_MEAN_RATES = [0.943, 3.026, 4.368, 5.882, 7.733, 8.664, 1.096, 7.851];
/** Connection probabilities, conn_probs[target][source]. */
const CONN_PROBS = [
  [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
  [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
  [0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0],
  [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
  [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
  [0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0],
  [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
  [0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443],
];
/** External (background) indegrees at full scale. */
const K_EXT = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100];
const BG_RATE = 8; // Hz
const PSP_EXC_MEAN = 0.15; // mV
const WEIGHT_REL_STD = 0.1;
const G = -4;
const DELAY_EXC_MEAN = 1.5; // ms
const DELAY_INH_MEAN = 0.75; // ms
const DELAY_REL_STD = 0.5;
const DELAY_POISSON = 1.5; // ms
const V0_MEAN = [-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43]; // mV
const V0_STD = [5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48]; // mV
const NEURON = { C_m: 250.0, tau_m: 10.0, tau_syn: 0.5, E_L: -65.0, V_th: -50.0, V_reset: -65.0, t_ref: 2.0 }; // pF, ms, mV
const RESOLUTION = 0.1; // ms (sim_params.py sim_resolution)

/** numpy's round (half to even) of one float. */
function npRound(x) {
  const f = Math.floor(x) + 0; // + 0: ln(1 - 0) / ln(...) is -0
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** helpers.postsynaptic_potential_to_current: pA per mV of PSP peak. */
function pscOverPsp(C_m, tau_m, tau_syn) {
  const sub = 1.0 / (tau_syn - tau_m);
  const pre = ((tau_m * tau_syn) / C_m) * sub;
  const frac = (tau_m / tau_syn) ** sub;
  return 1.0 / (pre * (frac ** tau_m - frac ** tau_syn));
}

/** helpers.num_synapses_from_conn_probs with full sizes: full_num_synapses[target][source] (not rounded). */
function fullNumSynapses() {
  return CONN_PROBS.map((row, i) => row.map((p, j) => {
    const prod = FULL_NUM_NEURONS[i] * FULL_NUM_NEURONS[j];
    return Math.log(1.0 - p) / Math.log((prod - 1.0) / prod);
  }));
}

/**
 * Network.__derive_parameters for N_scaling = K_scaling = scale: neuron and synapse numbers,
 * mean weights (pA), external indegrees and weight, DC (pA). Matrices are [target][source].
 */
export function deriveParameters(scale) {
  const n = POPULATIONS.length;
  const full = fullNumSynapses();
  const numNeurons = FULL_NUM_NEURONS.map((x) => npRound(x * scale));
  const numSynapses = full.map((row) => row.map((x) => npRound(x * scale * scale)));
  const extIndegrees = K_EXT.map((k) => npRound(k * scale));
  const factor = pscOverPsp(NEURON.C_m, NEURON.tau_m, NEURON.tau_syn);
  // PSP_matrix_mean: excitatory columns PSP, inhibitory columns g PSP, L4E -> L2/3E doubled.
  const psp = CONN_PROBS.map((row, i) => row.map((_, j) => (j % 2 === 0 ? PSP_EXC_MEAN : PSP_EXC_MEAN * G)));
  psp[0][2] = 2 * PSP_EXC_MEAN;
  let pscMatrix = psp.map((row) => row.map((v) => v * factor));
  let pscExt = PSP_EXC_MEAN * factor;
  let dc = new Array(n).fill(0);
  if (scale !== 1) {
    // adjust_weights_and_input_to_synapse_scaling
    const s = Math.sqrt(scale);
    const inputRec = pscMatrix.map((row, i) => row.reduce((acc, w, j) => acc + w * (full[i][j] / FULL_NUM_NEURONS[i]) * FULL_MEAN_RATES[j], 0));
    dc = dc.map((d, i) => d + 0.001 * NEURON.tau_syn * (1.0 - s) * (inputRec[i] + pscExt * K_EXT[i] * BG_RATE));
    pscMatrix = pscMatrix.map((row) => row.map((w) => w / s));
    pscExt = pscExt / s;
  }
  return { numNeurons, numSynapses, extIndegrees, pscOverPsp: factor, weightMatrixMean: pscMatrix, weightExt: pscExt, dcAmp: dc };
}

/**
 * The description of the microcircuit at `scale` (N_scaling = K_scaling = scale).
 * Options: seed, duration (s), monitors (true: one spike monitor per population, named as it).
 */
export function microcircuit(scale = 0.1, { seed = 1, duration = 1, monitors = true } = {}) {
  const d = deriveParameters(scale);
  const pA = 1e-12;
  const ms = 1e-3;
  const mV = 1e-3;
  const dt = RESOLUTION * ms;
  const populations = POPULATIONS.map((name, i) => ({
    name,
    size: d.numNeurons[i],
    model: 'lif',
    params: {
      tauM: NEURON.tau_m * ms,
      rM: (NEURON.tau_m * ms) / (NEURON.C_m * pA),
      vRest: NEURON.E_L * mV,
      vReset: NEURON.V_reset * mV,
      vThresh: NEURON.V_th * mV,
      tRef: NEURON.t_ref * ms,
      bias: d.dcAmp[i] * pA,
      receptors: { syn: { tau: NEURON.tau_syn * ms } },
    },
    init: { v: { normal: { mean: V0_MEAN[i] * mV, std: V0_STD[i] * mV } } },
  }));
  const projections = [];
  POPULATIONS.forEach((target, i) => {
    POPULATIONS.forEach((source, j) => {
      const w = d.weightMatrixMean[i][j] * pA;
      const wStd = Math.abs(w * WEIGHT_REL_STD);
      const delayMean = (j % 2 === 0 ? DELAY_EXC_MEAN : DELAY_INH_MEAN) * ms;
      projections.push({
        name: `${source}->${target}`,
        pre: { population: source },
        post: { population: target },
        receptor: 'syn',
        weight: { normal: w < 0 ? { mean: w, std: wStd, max: 0 } : { mean: w, std: wStd, min: 0 } },
        // NEST has no upper bound; spikewasm needs one for a drawn delay: 10 sd above the mean
        // (9 ms for E, 4.5 ms for I), where the clipped mass is ~1e-23.
        delay: { normal: { mean: delayMean, std: delayMean * DELAY_REL_STD, min: dt, max: delayMean * (1 + 10 * DELAY_REL_STD) } },
        rule: { type: 'fixed_total_number', n: d.numSynapses[i][j], multapses: true },
      });
    });
  });
  const poissonInputs = POPULATIONS.map((target, i) => ({
    name: `bg_${target}`,
    population: target,
    receptor: 'syn',
    rate: BG_RATE * d.extIndegrees[i],
    weight: d.weightExt * pA,
    delay: DELAY_POISSON * ms,
  }));
  return {
    format: 'spikewasm-model',
    version: 2,
    description: `Potjans & Diesmann (2014) cortical microcircuit at scale ${scale} (N_scaling = K_scaling), Poisson background, as NEST's Potjans_2014 example.`,
    dt,
    seed,
    duration,
    populations,
    projections,
    poissonInputs,
    monitors: monitors ? POPULATIONS.map((name) => ({ name, type: 'spikes', population: name })) : [],
  };
}
