// Burst multiplexing (docs/bursting.md, "Multiplexing"; Naud & Sprekeler 2018, Payeur et al.
// 2021): one population of two-compartment cells receives a somatic and a dendritic current that
// vary independently; the event rate follows the somatic one, the burst fraction the dendritic
// one. This module builds the network as a model description, the two signals, the event/burst
// classification from spike times and the decoding; it is shared by multiplexing.mjs and
// tests/bursting/multiplexing.test.ts, and imports nothing of Node's, so a page could run it too.
import cell from './two-compartment-cell.json' with { type: 'json' };

function milliseconds(text) {
  const match = /^([\d.]+) ms$/.exec(text);
  if (!match) throw new Error(`expected a time in ms, got ${text}`);
  return Number(match[1]) * 1e-3;
}

/** The registered protocol's settings (docs/bursting.md, "Multiplexing"). */
export const DEFAULTS = {
  seed: 1,
  cells: 2000,
  dt: 1e-4,
  /** Whole run and the warm-up at its start that is not analysed (s). */
  duration: 10.5,
  warmup: 0.5,
  /** The signals are piecewise constant in steps of this (s). */
  signalStep: 0.02,
  /** Width (s) of the Gaussian kernel that smooths white noise into a signal. */
  smoothing: 0.2,
  /** Clip of the unit-variance signal, in standard deviations. */
  clip: 2.5,
  /** Somatic and dendritic currents: mean + sd * x(t) (A). */
  somatic: { mean: -50e-12, sd: 60e-12 },
  dendritic: { mean: 125e-12, sd: 35e-12 },
  /** Background Poisson noise per cell (Payeur et al.'s Auryn sim): count x rate merged into one train, jump in leak units. */
  noise: [
    { target: 'ge_s', count: 100, rate: 5, weight: 0.17 },
    { target: 'gi_s', count: 30, rate: 5, weight: 0.26 },
    { target: 'ge_d', count: 100, rate: 5, weight: 0.0425 },
    { target: 'gi_d', count: 30, rate: 5, weight: 0.065 },
  ],
  /** The cell's isi_burst (s; '16 ms' in its file): a spike later than this after the previous one opens an event. */
  isiBurst: milliseconds(cell.params.isi_burst),
  /** Analysis bins (s), and the lag (s) by which the signal is taken earlier than the response. */
  bin: 0.05,
  lag: 0,
};

// ---- signals ----------------------------------------------------------------------------------

/** MurmurHash3's finalizer: a bijective 32-bit mix. */
function mix32(z) {
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Gaussian draws (Box-Muller) from a counter-based generator: mix32 of (seed, stream, counter). */
function gaussians(seed, stream) {
  const key = mix32(mix32(seed >>> 0) ^ mix32(0x9e3779b9 + stream));
  let counter = 0;
  const uniform = () => (mix32(key ^ mix32(++counter)) + 0.5) / 4294967296;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * A smoothed random process, one value per signalStep over the run: white Gaussian samples
 * convolved with a Gaussian kernel (sd `smoothing`), scaled to mean 0 and sd 1, clipped to ±clip.
 * `stream` 0 is the somatic signal, 1 the dendritic one.
 */
export function unitSignal(settings, stream) {
  const o = { ...DEFAULTS, ...settings };
  const n = Math.round(o.duration / o.signalStep);
  const sigma = o.smoothing / o.signalStep;
  const half = Math.ceil(4 * sigma);
  const draw = gaussians(o.seed, stream);
  const white = Float64Array.from({ length: n + 2 * half }, draw);
  const kernel = Float64Array.from({ length: 2 * half + 1 }, (_, k) => Math.exp(-0.5 * ((k - half) / sigma) ** 2));
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) for (let k = 0; k <= 2 * half; k++) x[j] += kernel[k] * white[j + k];
  const mean = x.reduce((a, b) => a + b) / n;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return x.map((v) => Math.min(o.clip, Math.max(-o.clip, (v - mean) / sd)));
}

/** Both currents (A), one value per signalStep: { somatic, dendritic, step }. */
export function signals(settings = {}) {
  const o = { ...DEFAULTS, ...settings };
  const current = (x, { mean, sd }) => x.map((v) => mean + sd * v);
  const xs = unitSignal(o, 0);
  // The two draws are independent, but two 10 s draws still correlate by chance (|r| up to
  // 0.3): the dendritic one loses its projection on the somatic one, so they are uncorrelated.
  const n = xs.length;
  const raw = unitSignal(o, 1);
  const c = xs.reduce((a, v, k) => a + v * raw[k], 0) / xs.reduce((a, v) => a + v * v, 0);
  const rest = raw.map((v, k) => v - c * xs[k]);
  const m = rest.reduce((a, b) => a + b) / n;
  const sd = Math.sqrt(rest.reduce((a, v) => a + (v - m) ** 2, 0) / n);
  const xd = rest.map((v) => (v - m) / sd);
  return { somatic: current(xs, o.somatic), dendritic: current(xd, o.dendritic), step: o.signalStep };
}

// ---- the network ------------------------------------------------------------------------------

/** Times rounded to 1e-9 s, so a step lies at 0.005, not 0.005000000000000001. */
const round = (t) => Math.round(t * 1e9) / 1e9;

/** The network as a model description (docs/model-format.md). */
export function multiplexingModel(settings = {}) {
  const o = { ...DEFAULTS, ...settings };
  const N = o.cells;
  const { somatic, dendritic } = signals(o);
  const times = Array.from(somatic, (_, k) => round(k * o.signalStep));
  return {
    description: `Burst multiplexing (docs/bursting.md): ${N} two-compartment cells (Naud & Sprekeler 2018) with background Poisson noise; a somatic current read from the event rate and a dendritic one from the burst fraction.`,
    dt: o.dt,
    seed: o.seed,
    duration: o.duration,
    populations: [
      { name: 'cells', size: N, model: cell.model, params: cell.params, init: cell.init },
      ...o.noise.map(({ target, count, rate }) => ({ name: `noise ${target}`, size: N, model: 'poisson', params: { rate: count * rate } })),
    ],
    projections: o.noise.map(({ target, weight }) => ({
      name: `noise -> ${target}`, pre: { population: `noise ${target}` }, post: { population: 'cells' },
      synapse: { onPre: `${target} += w` }, weight, rule: 'one_to_one',
    })),
    inputs: [
      { type: 'current_step', target: { population: 'cells' }, times, amplitudes: Array.from(somatic) },
      { type: 'current_step', target: { population: 'cells' }, parameter: 'Id', times, amplitudes: Array.from(dendritic) },
    ],
    monitors: [{ name: 'spikes', type: 'spikes', population: 'cells' }],
  };
}

// ---- classification and decoding ---------------------------------------------------------------

/**
 * Events and bursts from spike steps, by the cell's own rule in its own f32 arithmetic (the reset
 * computes ev = int(t - lastspike > isi_burst) with t = f32(step * dt); lastspike starts at
 * -1e4 s): a spike opens an event when it comes more than isiBurst after the cell's previous one,
 * and the second spike of an event makes it a burst. Returns per spike `ev` and `bu` (0/1, as the
 * cell sets them), and the events as { step, neuron, burst }.
 */
export function classify(steps, neurons, cells, settings = {}) {
  const o = { ...DEFAULTS, ...settings };
  const f = Math.fround;
  const isi = f(o.isiBurst);
  const last = new Float32Array(cells).fill(-1e4);
  const count = new Int32Array(cells);
  const open = new Int32Array(cells).fill(-1); // index of each cell's current event
  const ev = new Uint8Array(steps.length);
  const bu = new Uint8Array(steps.length);
  const events = [];
  for (let s = 0; s < steps.length; s++) {
    const i = neurons[s];
    const t = f(steps[s] * o.dt);
    ev[s] = f(t - last[i]) > isi ? 1 : 0;
    last[i] = t;
    count[i] = ev[s] ? 1 : count[i] + 1;
    bu[s] = count[i] === 2 ? 1 : 0;
    if (ev[s]) {
      open[i] = events.length;
      events.push({ step: steps[s], neuron: i, burst: false });
    } else if (bu[s]) events[open[i]].burst = true;
  }
  return { ev, bu, events };
}

/** Pearson's correlation. */
export function pearson(x, y) {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let [sxy, sxx, syy] = [0, 0, 0];
  for (let k = 0; k < n; k++) {
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) ** 2;
    syy += (y[k] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Per analysed bin: its start time (s), both signals averaged over the bin (shifted earlier by
 * `lag`; A), the event rate (events per cell per second) and the burst fraction (bursts / events),
 * from the spikes monitor's steps and neurons.
 */
export function binned(steps, neurons, settings = {}) {
  const o = { ...DEFAULTS, ...settings };
  const { events } = classify(steps, neurons, o.cells, o);
  const { somatic, dendritic } = signals(o);
  const binSteps = Math.round(o.bin / o.dt);
  const first = Math.round(o.warmup / o.dt);
  const bins = Math.floor((Math.round(o.duration / o.dt) - first) / binSteps);
  const eventCount = new Float64Array(bins);
  const burstCount = new Float64Array(bins);
  for (const { step, burst } of events) {
    const b = Math.floor((step - first) / binSteps);
    if (b < 0 || b >= bins) continue;
    eventCount[b]++;
    if (burst) burstCount[b]++;
  }
  // The signals are piecewise constant on signalStep; average them over each bin, lag earlier.
  const perSignal = Math.round(o.signalStep / o.dt);
  const lagSteps = Math.round(o.lag / o.dt);
  const average = (signal, b) => {
    let sum = 0;
    for (let m = first + b * binSteps - lagSteps, end = m + binSteps; m < end; m++) sum += signal[Math.min(signal.length - 1, Math.max(0, Math.floor(m / perSignal)))];
    return sum / binSteps;
  };
  const time = Float64Array.from({ length: bins }, (_, b) => (first + b * binSteps) * o.dt);
  return {
    time,
    somatic: Float64Array.from({ length: bins }, (_, b) => average(somatic, b)),
    dendritic: Float64Array.from({ length: bins }, (_, b) => average(dendritic, b)),
    eventRate: eventCount.map((c) => c / (o.cells * o.bin)),
    burstFraction: eventCount.map((c, b) => (c > 0 ? burstCount[b] / c : 0)),
    events: eventCount,
    bursts: burstCount,
  };
}

/** The decoders' correlations: each readout with its own signal, and the cross ones. */
export function correlations(bins) {
  return {
    eventRateSomatic: pearson(bins.eventRate, bins.somatic),
    burstFractionDendritic: pearson(bins.burstFraction, bins.dendritic),
    eventRateDendritic: pearson(bins.eventRate, bins.dendritic),
    burstFractionSomatic: pearson(bins.burstFraction, bins.somatic),
  };
}

/**
 * Runs the network once and decodes it: the correlations at the registered lag and at the lags in
 * `lags` (s; negative: the signal taken later than the response), the mean event rate (Hz),
 * burst fraction and firing rate, the bins and the spikes.
 * @param {import('../../dist/hosts/node.js').Simulator} sim
 */
export async function runMultiplexing(sim, settings = {}, lags = [-0.02, -0.01, 0, 0.01, 0.02]) {
  const o = { ...DEFAULTS, ...settings };
  const net = sim.load(multiplexingModel(o));
  await net.run(o.duration);
  const { steps, neurons } = net.getMonitor('spikes').read();
  const bins = binned(steps, neurons, o);
  const analysed = steps.filter((s) => s >= Math.round(o.warmup / o.dt)).length;
  const events = bins.events.reduce((a, b) => a + b, 0);
  return {
    seed: o.seed,
    correlations: correlations(bins),
    byLag: lags.map((lag) => ({ lag, ...correlations(binned(steps, neurons, { ...o, lag })) })),
    eventRateHz: events / (o.cells * bins.time.length * o.bin),
    burstFraction: bins.bursts.reduce((a, b) => a + b, 0) / events,
    firingRateHz: analysed / (o.cells * (o.duration - o.warmup)),
    bins,
    spikes: { steps, neurons },
  };
}

/**
 * For a page that plots the two signals and their readouts: per analysed bin, its start time (s),
 * the somatic and dendritic currents (pA), the event rate (Hz) and the burst fraction.
 * @param {import('../../dist/hosts/node.js').Simulator} sim
 */
export async function multiplexingTrace(sim, settings = {}) {
  const { bins, correlations: r } = await runMultiplexing(sim, settings, []);
  return {
    time: Array.from(bins.time),
    somaticPa: Array.from(bins.somatic, (a) => a * 1e12),
    dendriticPa: Array.from(bins.dendritic, (a) => a * 1e12),
    eventRateHz: Array.from(bins.eventRate),
    burstFraction: Array.from(bins.burstFraction),
    correlations: r,
  };
}
