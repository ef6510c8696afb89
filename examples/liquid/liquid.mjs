// The neuron-astrocyte liquid state machine (NALSM; Ivanov & Michmizos 2021, NeurIPS) on a small
// scale: a liquid of LIF neurons (80 % excitatory) driven by input spike trains, whose E->E
// synapses learn by STDP whose depression rate is an astrocyte: a modulator that integrates the
// liquid's spikes positively and the input's negatively around a bias, so a liquid that fires too
// much for its input depresses, and one that fires too little potentiates. Shared by
// examples/liquid/nalsm.mjs and tests/liquid/*.test.ts; protocol and findings in docs/liquid.md.
// Imports nothing of the package: the caller passes a simulator and branchingRatio (from the package entry).
import { mulberry32 } from '../seeded-random.mjs';

/** The registered protocol's settings (docs/liquid.md, "Protocol"). */
export const DEFAULTS = {
  seed: 1,
  dt: 1e-3,
  // Liquid.
  excitatory: 200,
  inhibitory: 50,
  /** Mean E->E weight (A, with rM = 100 Mohm: 10 pA is 1 mV of input); the start's knob (STARTS). */
  wEE: 200e-12,
  pEE: 0.05,
  wEI: 60e-12,
  wIE: -150e-12,
  wII: -100e-12,
  pEI: 0.2,
  pIE: 0.2,
  pII: 0.2,
  wMax: 1200e-12,
  /** 0: additive STDP; > 0: soft bounds, depression x w / wRef, potentiation x (1 - w / wMax). */
  wRef: 0,
  // Input.
  channels: 40,
  pIn: 0.1,
  wIn: 300e-12,
  /** Template rate (Hz) and stimulus length (s); each trial jitters every template spike by a Gaussian of sd `jitter` (s). */
  rate: 20,
  stimulus: 0.1,
  /** Silence after each stimulus (s); the readout window is stimulus + gap. */
  gap: 0.02,
  jitter: 0.03,
  /** Probability that a template spike is left out of a trial, and extra Poisson spikes per channel in each trial (Hz). */
  drop: 0.3,
  noiseRate: 10,
  classes: 10,
  // Astrocyte-modulated STDP (NALSM eq. 7: the depression rate is the astrocyte).
  etaPlus: 2e-12,
  tauPre: 0.02,
  tauPost: 0.02,
  tauAstro: 0.1,
  /** Astrocyte bias (its baseline) and gains per liquid spike (+) and per input spike (-), A per A of etaPlus. */
  astroBias: 1,
  astroLiquid: 0.01,
  astroInput: 0.06,
  // Schedule.
  learnTrials: 300,
  readoutTrials: 300,
  probe: 10,
  /** Rate of each input channel during a branching probe (Hz, stationary Poisson). */
  probeRate: 20,
  /** Bin (s) and kMax of the branching-ratio estimate. */
  bin: 0.002,
  kMax: 20,
  lambda: 1,
  testFraction: 0.25,
  bins: 4,
};

function gaussian(uniform) {
  return Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Poisson spike times in [0, length) at `rate` Hz. */
function poisson(uniform, rate, length) {
  const times = [];
  for (let t = -Math.log(1 - uniform()) / rate; t < length; t += -Math.log(1 - uniform()) / rate) times.push(t);
  return times;
}

/**
 * The whole input schedule, so one spike_source carries it: probe (stationary Poisson), learning
 * trials, probe, readout trials. Returns per-channel spike times and the phases' start times and labels.
 */
export function schedule(settings) {
  const s = { ...DEFAULTS, ...settings };
  const task = mulberry32(s.seed * 7919 + 1); // templates, jitter and schedules follow the seed
  const templates = Array.from({ length: s.classes }, () => Array.from({ length: s.channels }, () => poisson(task, s.rate, s.stimulus)));
  const uniform = mulberry32(s.seed * 104729 + 2);
  const trial = s.stimulus + s.gap;
  const spikes = Array.from({ length: s.channels }, () => []);
  const step = (t) => Math.round(t / s.dt);
  const add = (channel, t) => spikes[channel].push(step(t));
  let t = 0;
  const probe = () => {
    const start = t;
    for (let c = 0; c < s.channels; c++) for (const x of poisson(uniform, s.probeRate, s.probe)) add(c, start + x);
    t += s.probe;
    return start;
  };
  const trials = (count) => {
    const labels = Array.from({ length: count }, (_, k) => k % s.classes);
    for (let k = count - 1; k > 0; k--) {
      const j = Math.floor(uniform() * (k + 1));
      [labels[k], labels[j]] = [labels[j], labels[k]];
    }
    const start = t;
    for (const label of labels) {
      templates[label].forEach((times, c) => {
        for (const x of times) {
          const y = x + s.jitter * gaussian(uniform);
          if (uniform() >= s.drop && y >= 0 && y < s.stimulus) add(c, t + y);
        }
        for (const x of poisson(uniform, s.noiseRate, s.stimulus)) add(c, t + x);
      });
      t += trial;
    }
    return { start, labels };
  };
  const phases = { probe0: probe(), learn: trials(s.learnTrials), probe1: probe(), readout: trials(s.readoutTrials), end: t };
  // One spike per channel per step at most.
  const spikeTimes = spikes.map((steps) => [...new Set(steps.sort((a, b) => a - b))].map((k) => k * s.dt));
  return { spikeTimes, phases, trial };
}

/**
 * Builds the network on `sim`. `mode`: 'astro' (astrocyte-modulated STDP on E->E during the
 * learning phase), 'static' (the same liquid, no plasticity: the unmodulated LSM) or 'stdp'
 * (the same STDP with the astrocyte held at its bias).
 */
export function build(sim, settings, mode = 'astro') {
  const s = { ...DEFAULTS, ...settings };
  const { spikeTimes, phases, trial } = schedule(s);
  const net = sim.network({ dt: s.dt, seed: s.seed });
  const input = net.population(s.channels, 'spike_source', { spikeTimes }, undefined, 'input');
  const N = s.excitatory + s.inhibitory;
  const liquid = net.population(N, 'lif', { tauM: 0.02, vRest: -0.065, vThresh: -0.05, vReset: -0.065, tRef: 0.002, rM: 1e8, receptors: { e: { tau: 0.005 }, i: { tau: 0.01 } } }, { v: { uniform: [-0.065, -0.05] } }, 'liquid');
  const E = liquid.slice(0, s.excitatory);
  const I = liquid.slice(s.excitatory);
  // Learning is on (1) during the learning phase only.
  net.modulator('learn', { tau: 1e9, initial: 0, baseline: 0 });
  const astroSource = mode === 'astro' ? [{ population: 'liquid', gain: s.astroLiquid * s.astroBias }, { population: 'input', gain: -s.astroInput * s.astroBias }] : undefined;
  net.modulator('astro', { tau: s.tauAstro, initial: s.astroBias, baseline: s.astroBias, ...(astroSource ? { source: astroSource } : {}) });
  net.connect(input, liquid, { receptor: 'e', weight: s.wIn, rule: { p: s.pIn } });
  const ee = net.connect(E, E, {
    name: 'EE',
    synapse: {
      model: `w : amp
              dapre/dt = -apre / tauPre : 1 (event-driven)
              dapost/dt = -apost / tauPost : 1 (event-driven)`,
      // Additive by default; with softBound (wRef), depression scales with w / wRef and
      // potentiation with (1 - w / wMax) (multiplicative STDP, unimodal weights).
      onPre: s.wRef
        ? `e += w
              apre += 1
              w = clip(w - learn * etaPlus * astro * apost * w / wRef, 0*amp, wMax)`
        : `e += w
              apre += 1
              w = clip(w - learn * etaPlus * astro * apost, 0*amp, wMax)`,
      onPost: s.wRef
        ? `apost += 1
               w = clip(w + learn * etaPlus * apre * (1 - w / wMax), 0*amp, wMax)`
        : `apost += 1
               w = clip(w + learn * etaPlus * apre, 0*amp, wMax)`,
      params: { tauPre: `${s.tauPre * 1e3} ms`, tauPost: `${s.tauPost * 1e3} ms`, etaPlus: `${s.etaPlus * 1e12} pA`, wMax: `${s.wMax * 1e12} pA`, ...(s.wRef ? { wRef: `${s.wRef * 1e12} pA` } : {}) },
    },
    init: { w: { uniform: [0, 2 * s.wEE] } },
    rule: { type: 'fixed_probability', p: s.pEE, autapses: false },
  });
  net.connect(E, I, { receptor: 'e', weight: s.wEI, rule: { p: s.pEI } });
  net.connect(I, E, { receptor: 'i', weight: s.wIE, rule: { p: s.pIE } });
  net.connect(I, I, { receptor: 'i', weight: s.wII, rule: { p: s.pII } });
  return { net, s, phases, trial, liquid, ee };
}

/** Spike counts of the liquid per `bin` from the spike steps of [start, stop) (steps). */
function binned(steps, start, stop, binSteps) {
  const counts = new Float64Array(Math.floor((stop - start) / binSteps));
  for (const k of steps) if (k >= start && k < start + counts.length * binSteps) counts[Math.floor((k - start) / binSteps)]++;
  return counts;
}

/**
 * Runs the protocol: probe, learning trials (plasticity on unless 'static'), probe, readout
 * trials (plasticity off), readout training. Returns the branching ratios before and after
 * learning, the liquid's rates, the astrocyte's mean during learning and the readout's accuracies.
 */
export async function runLiquid(sim, branchingRatio, settings = {}, mode = 'astro') {
  const { net, s, phases, trial, liquid, ee } = build(sim, settings, mode);
  const spikes = net.monitorSpikes(liquid);
  const readout = net.readout(liquid, { window: trial, bins: s.bins });
  const N = s.excitatory + s.inhibitory;
  const step = (t) => Math.round(t / s.dt);
  const binSteps = Math.round(s.bin / s.dt);
  const probe = async (start) => {
    spikes.clear();
    await net.run(s.probe);
    const { steps } = spikes.read();
    // The first 10 % settles from what came before.
    const from = step(start + 0.1 * s.probe);
    const counts = binned(steps, from, step(start + s.probe), binSteps);
    spikes.clear();
    // A saturated or oscillating liquid has no branching ratio the estimator can read (E_NUMERIC): NaN.
    let fit = { m: NaN, b: NaN };
    try {
      fit = branchingRatio(counts, s.kMax);
    } catch (e) {
      if (e?.code !== 'E_NUMERIC') throw e;
    }
    return { m: fit.m, b: fit.b, rate: steps.length / N / s.probe };
  };
  const weight = async () => {
    const { weight } = await ee.weights();
    let sum = 0;
    for (const w of weight) sum += w;
    return sum / weight.length;
  };
  const w0 = await weight();
  const before = await probe(phases.probe0);
  if (mode !== 'static') await net.modulate('learn', 1);
  let astroSum = 0;
  let learnSpikes = 0;
  for (let k = 0; k < phases.learn.labels.length; k++) {
    await net.run(trial);
    astroSum += await net.modulatorValue('astro');
    learnSpikes += spikes.read().steps.length;
    spikes.clear();
  }
  if (mode !== 'static') await net.modulate('learn', -1);
  const w1 = await weight();
  const after = await probe(phases.probe1);
  // The readout records only the readout phase (each record() counts its own window).
  let readSpikes = 0;
  for (const label of phases.readout.labels) {
    await net.run(trial);
    readout.record(label);
    readSpikes += spikes.read().steps.length;
    spikes.clear();
  }
  const trained = readout.train({ lambda: s.lambda, testFraction: s.testFraction, seed: s.seed });
  return {
    mode,
    seed: s.seed,
    wEE: s.wEE,
    branching: { before: before.m, after: after.m },
    probeRate: { before: before.rate, after: after.rate },
    meanWeight: { before: w0, after: w1 },
    astroMean: astroSum / phases.learn.labels.length,
    learnRate: learnSpikes / N / (phases.learn.labels.length * trial),
    readoutRate: readSpikes / N / (phases.readout.labels.length * trial),
    trainAccuracy: trained.trainAccuracy,
    testAccuracy: trained.testAccuracy,
  };
}

/** The two starts: E->E weight scales whose static liquids are sub-critical (quiet) and super-critical (runaway). */
export const STARTS = { sub: 200e-12, super: 600e-12 };

/**
 * One seed of the paired comparison: the static liquid at the sub-critical start (the
 * unmodulated LSM) and the astrocyte-modulated liquid from each start, on the same task and
 * schedule.
 */
export async function runSeed(sim, branchingRatio, seed, settings = {}) {
  const run = (wEE, mode) => runLiquid(sim, branchingRatio, { ...settings, seed, wEE }, mode);
  return {
    seed,
    static: await run(STARTS.sub, 'static'),
    astroFromSub: await run(STARTS.sub, 'astro'),
    astroFromSuper: await run(STARTS.super, 'astro'),
  };
}
