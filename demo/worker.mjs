// The demo's simulation, in a Web Worker so the page stays responsive: loads an example, runs it
// with net.step in chunks paced to the chosen speed, applies slider changes between chunks, and
// posts the spikes of each chunk (and the weights of a plastic projection, the delays of one
// whose delays learn, the values an example traces, its line on how the run goes, and the
// membrane potential of the traced neurons) to the page. An example with phases stops at the
// end of its last one.
import { createSimulator, RealTimeMeter } from '../dist/hosts/browser.js';
import { examples } from './examples.mjs';

/** Wall seconds per chunk: short enough that sliders act at once, long enough to keep posts few. */
const CHUNK_WALL = 0.02;
const WEIGHTS_EVERY = 0.25; // wall seconds between weight histograms

const simulator = createSimulator();
let generation = 0; // a new example stops the loop of the previous one
let speed = 1; // model seconds per wall second; Infinity runs as fast as it can
let paced = { wall: 0, model: 0 };
let paused = false;
const pending = { values: {}, changed: new Set(), version: 0 };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now() / 1000;

self.onmessage = ({ data }) => {
  if (data.type === 'load') void load(data.example, data.values, data.version, data.trace).catch(report);
  if (data.type === 'set') {
    Object.assign(pending.values, data.values);
    for (const id of Object.keys(data.values)) pending.changed.add(id);
    pending.version = data.version;
  }
  if (data.type === 'speed') speed = data.speed;
  if (data.type === 'pause') paused = data.paused;
  if (data.type === 'speed' || data.type === 'pause') paced = { wall: 0, model: 0 };
};

function report(e) {
  self.postMessage({ type: 'error', message: String((e && e.stack) || e) });
}

/**
 * Builds example `key` and runs it. `trace` chooses the neurons whose membrane potential is
 * recorded every step: neuron `neuron` of `population` (a name, 'every' or 'none'); a monitor
 * is part of the network as built, so another choice builds it again.
 */
async function load(key, values, version, trace) {
  const mine = ++generation; // the previous loop reads no more settings
  const example = examples[key];
  // Every setting applies at the first chunk; slider moves while the network builds add to them.
  pending.values = { ...values };
  pending.changed = new Set(Object.keys(values));
  pending.version = version;
  const sim = await simulator;
  const prepared = example.prepare(example.file === undefined ? undefined : await read(example));
  const traceable = prepared.populations.filter(hasMembrane);
  const traced = traceable.filter((p) => trace.population === 'every' || trace.population === p.name);
  const membranes = traced.map((p) => ({ type: 'state', name: `membrane ${p.name}`, population: p.name, variables: ['v'], neurons: [Math.min(trace.neuron, p.size - 1)] }));
  const description = { ...prepared, monitors: [...(prepared.monitors ?? []), ...membranes] };
  const net = sim.load(description);
  const built = await net.build();
  if (mine !== generation) return;
  const shown = example.raster ?? description.populations.map((p) => p.name);
  const populations = description.populations.filter((p) => shown.includes(p.name)).map((p) => ({ name: p.name, size: p.size }));
  const size = ({ name, size }) => ({ name, size });
  self.postMessage({ type: 'ready', version, dt: net.dt, populations, traceable: traceable.map(size), traced: traced.map(size) });
  let row = 0;
  const offsets = Object.fromEntries(populations.map((p) => [p.name, (row += p.size) - p.size]));
  // Each chunk's spikes come back from net.step; the monitors forget them after it, so memory stays bounded.
  const monitors = description.monitors.flatMap((m, k) => (m.type === 'weights' && m.every === undefined && m.everySteps === undefined ? [] : [net.getMonitor(k)]));
  const toMillivolts = Object.fromEntries(traced.map((p) => [p.name, millivoltsPer(built.populations.find((b) => b.name === p.name))]));
  const membrane = { monitors: traced.map((p) => [p.name, net.getMonitor(`membrane ${p.name}`)]), toMillivolts };
  const maps = example.delayMaps && delayMaps(description, example.delayMaps);
  await run(mine, net, example, offsets, monitors, membrane, maps);
}

/** The example's model file, as text or as JSON. */
async function read(example) {
  const file = await fetch(new URL(example.file, import.meta.url));
  if (!file.ok) throw new Error(`${example.file}: HTTP ${file.status}`);
  return example.text ? file.text() : file.json();
}

/**
 * What the delay maps of projection `projection` need: its name, how many post neurons (maps)
 * and pre neurons (cells of a map) it joins, and its longest delay (s), the top of the colour scale.
 */
function delayMaps(description, { projection, side }) {
  const p = description.projections.find((x) => x.name === projection);
  const size = (end) => description.populations.find((x) => [x.name, description.populations.indexOf(x)].includes(end.population)).size;
  const max = p?.plasticity?.delays?.max;
  if (max === undefined) throw new Error(`projection ${projection}: its delays do not learn (no plasticity.delays), there is nothing to map`);
  if (size(p.pre) !== side * side) throw new Error(`projection ${projection}: ${size(p.pre)} inputs do not fill a ${side} × ${side} field`);
  return { projection, maps: size(p.post), cells: side * side, max };
}

/** Each post neuron's delays (ms), maps[post * cells + pre], posted with the model time they are at. */
async function postDelays(net, { projection, maps: count, cells, max }, version) {
  const { pre, post, delay } = await net.getProjection(projection).weights();
  const maps = new Float32Array(count * cells);
  for (let s = 0; s < delay.length; s++) maps[post[s] * cells + pre[s]] = delay[s] * 1e3;
  self.postMessage({ type: 'delays', version, time: net.time, maps, max: max * 1e3 }, [maps.buffer]);
}

/** What turns the model's v into mV, from the unit it declares: volts (SI), or izhikevich's paper mV. */
function millivoltsPer(population) {
  const v = population.model.stateVars.find((s) => s.name === 'v');
  const unit = v.unit ?? v.paperUnit;
  if (unit === 'V') return 1e3;
  if (unit === 'mV') return 1;
  throw new Error(`population ${population.name}: its v is in ${unit ?? 'no unit'}, not a potential the trace can show in mV`);
}

/**
 * Whether a population has a membrane potential v: every neuron model but the spike sources,
 * and equations that integrate v.
 */
function hasMembrane(population) {
  if (typeof population.model !== 'string') return /\bdv\/dt\b/.test(population.model.equations ?? '');
  return !['poisson', 'spike_source'].includes(population.model);
}

async function run(mine, net, example, offsets, monitors, membrane, maps) {
  const meter = new RealTimeMeter();
  let weightsAt = -Infinity;
  paced = { wall: 0, model: 0 };
  const phases = example.phases?.() ?? [];
  let phase = -1;
  // What the delays and the run are like before the first step, shown while the first chunk runs (or while paused).
  if (maps) await postDelays(net, maps, pending.version);
  if (example.progress) self.postMessage({ type: 'progress', version: pending.version, text: example.progress(net) });
  while (mine === generation) {
    if (paused) {
      await sleep(50);
      continue;
    }
    // The phase the run is in (each one's enter() runs as it begins); past the last one's end it stops.
    const current = phases.findIndex((p) => net.steps < Math.round(p.until / net.dt));
    if (phases.length && current < 0) {
      self.postMessage({ type: 'done', version: pending.version, time: net.time });
      return;
    }
    if (current > phase) {
      phase = current;
      await phases[phase].enter?.(net);
    }
    const changed = [...pending.changed];
    pending.changed.clear();
    const version = pending.version;
    const input = changed.length ? await example.apply(net, { ...pending.values }, changed) : {};

    const chunk = Math.min(1, CHUNK_WALL * (Number.isFinite(speed) ? speed : meter.factor || 1));
    const left = phases.length ? Math.round(phases[phase].until / net.dt) - net.steps : Infinity; // a chunk ends at its phase's end
    const result = await net.step(Math.min(left, Math.max(1, Math.round(chunk / net.dt))), input);
    if (membrane.monitors.length) postMembrane(membrane, version);
    for (const m of monitors) m.clear();
    meter.add(result.steps * net.dt, result.wallSeconds);
    postSpikes(result, offsets, version, meter.factor);

    if (example.traces) self.postMessage({ type: 'traces', version, time: net.time, values: await example.sample(net, result) });
    if (maps) await postDelays(net, maps, version);
    if (example.progress) self.postMessage({ type: 'progress', version, text: example.progress(net, result) });
    if (example.weights && now() - weightsAt > WEIGHTS_EVERY) {
      weightsAt = now();
      const { weight } = await net.getProjection(example.weights.projection).weights();
      self.postMessage({ type: 'weights', version, weights: weight }, [weight.buffer]);
    }
    await pace(net.time);
  }
}

/** The membrane potential (mV) each traced neuron had at every step of the chunk. */
function postMembrane({ monitors, toMillivolts }, version) {
  let times = new Float64Array(0);
  const values = {};
  for (const [name, monitor] of monitors) {
    const data = monitor.read();
    times = data.times;
    values[name] = data.values.v.map((v) => v * toMillivolts[name]);
  }
  self.postMessage({ type: 'membrane', version, times, values }, [times.buffer, ...Object.values(values).map((v) => v.buffer)]);
}

/** Waits until wall time catches up with model time at the chosen speed (at once when behind). */
async function pace(modelTime) {
  if (!paced.wall) paced = { wall: now(), model: modelTime };
  const wait = paced.wall + (modelTime - paced.model) / speed - now();
  // More than a chunk behind (a slow machine, a background tab): start pacing afresh, no burst to catch up.
  if (wait < -0.2) paced = { wall: 0, model: 0 };
  await sleep(Math.max(0, wait * 1000));
}

/** The chunk's spikes as (step, raster row) pairs; `offsets` numbers rows through the populations in order. */
function postSpikes(result, offsets, version, factor) {
  const parts = Object.entries(result.spikes);
  const steps = new Uint32Array(parts.reduce((n, [, s]) => n + s.steps.length, 0));
  const rows = new Uint32Array(steps.length);
  let at = 0;
  for (const [name, spikes] of parts) {
    steps.set(spikes.steps, at);
    for (let i = 0; i < spikes.neurons.length; i++) rows[at + i] = spikes.neurons[i] + offsets[name];
    at += spikes.steps.length;
  }
  self.postMessage(
    { type: 'chunk', version, start: result.start, stop: result.start + result.steps, realTimeFactor: factor, steps, rows },
    [steps.buffer, rows.buffer],
  );
}
