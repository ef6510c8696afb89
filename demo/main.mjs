// The demo page: builds the controls of the chosen example, starts the simulation worker,
// keeps the spikes and traces of the last window of model time and draws them. The measured
// population rate is also written to #rate's data-rate (Hz), data-window (model seconds it
// covers, counted only since the last change of a setting) and data-version (that change's
// number); #membrane and #traces carry their newest values in data-values and data-time; each
// delay map carries the delays it shows (ms) in data-values and where its cells lie in
// data-area, and #delay-maps their model time in data-time; each canvas carries the labels of
// its axes in data-axes. tests/hosts/demo.test.ts reads them.
import { examples } from './examples.mjs';
import { plotArea } from './axes.mjs';
import { drawColourScale, drawHeatMap, drawRaster, drawRates, drawTraces, drawWeights, heatMapSize, rasterBands, TRACE_COLORS } from './plots.mjs';
import { PaceMeter } from './pace.mjs';

const $ = (id) => document.getElementById(id);
const RATE_WINDOW = 1; // model seconds the displayed rate averages over
const CELL = 9; // pixels a cell of a delay map

const worker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' });
const pace = new PaceMeter();
let version = 0; // counts setting changes; the worker tags each chunk with the one it ran under
let view = null; // the running example and what the page keeps of it
let drawPending = false;

for (const [key, ex] of Object.entries(examples)) $('example').add(new Option(ex.title, key));

/** Builds example `key` in the worker; `trace` chooses the traced neurons (default: the example's). */
function load(key, trace) {
  const example = examples[key];
  const same = view?.key === key;
  const values = same ? view.values : Object.fromEntries(example.controls.map((c) => [c.id, c.value]));
  trace ??= same ? view.trace : { population: example.membrane ?? 'none', neuron: 0 };
  view = { key, example, values, trace, version: ++version, loaded: version, chunks: [], bands: [], rateRows: [], stop: 0, weights: null, delays: null, traces: [], membrane: [] };
  pace.reset();
  $('about').textContent = example.about;
  $('weights-panel').hidden = !example.weights;
  $('spikes-panel').hidden = example.ratePopulations.length === 0;
  $('rate-populations').textContent = `(mean per neuron of ${example.ratePopulations.join(', ')})`;
  $('traces-panel').hidden = !example.traces;
  $('delays-panel').hidden = !example.delayMaps;
  if (example.delayMaps) heatMaps(example.delayMaps);
  Object.assign($('progress'), { hidden: !example.progress, textContent: '' });
  $('membrane-panel').hidden = true;
  for (const canvas of [$('membrane'), $('traces')]) {
    delete canvas.dataset.values; // a new network: nothing of it is traced yet
    delete canvas.dataset.time;
  }
  if (example.traces) {
    $('traces-title').textContent = example.traces.title;
    legend($('traces-legend'), Object.keys(example.traces.series));
  }
  buildSliders(example, values);
  status('building the network…');
  worker.postMessage({ type: 'load', example: key, values, version, trace });
}

function legend(list, names) {
  list.replaceChildren(...names.map((name, k) => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.style.background = TRACE_COLORS[k % TRACE_COLORS.length];
    li.append(swatch, name);
    return li;
  }));
}

/** A canvas per delay map and one for their colour scale, in a row, each as wide as its share of it. */
function heatMaps({ side, title, note, names }) {
  $('delays-title').textContent = title;
  $('delays-note').textContent = note;
  const size = heatMapSize(side, CELL);
  const canvas = (id, { width, height }, label) => {
    const c = Object.assign(document.createElement('canvas'), { id, width, height });
    c.setAttribute('role', 'img');
    c.setAttribute('aria-label', label);
    c.style.flex = `${width} 1 0`;
    return c;
  };
  $('delay-maps').replaceChildren(
    ...names.map((name, k) => canvas(`delay-map-${k}`, size.map, `${name}: the delay of each input, at its place in the field`)),
    canvas('delay-scale', size.scale, 'colour scale of the delays (ms)'),
  );
  delete $('delay-maps').dataset.time;
}

function buildSliders(example, values) {
  $('sliders').replaceChildren(...example.controls.map((c) => {
    const input = Object.assign(document.createElement('input'), { type: 'range', id: `control-${c.id}`, min: c.min, max: c.max, step: c.step, value: values[c.id] });
    const shown = Object.assign(document.createElement('span'), { className: 'value' });
    const head = document.createElement('span');
    head.append(`${c.label}: `, shown, ` ${c.unit}`);
    const label = document.createElement('label');
    label.append(head, input);
    shown.textContent = input.value;
    input.addEventListener('input', () => {
      view.values[c.id] = Number(input.value);
      shown.textContent = input.value;
      view.version = ++version;
      worker.postMessage({ type: 'set', values: { [c.id]: Number(input.value) }, version });
    });
    return label;
  }));
}

function status(text, error = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', error);
}

worker.onmessage = ({ data }) => {
  if (data.version < view.loaded) return; // from the example shown before this one
  if (data.type === 'ready') ready(data);
  if (data.type === 'chunk') chunk(data);
  if (data.type === 'weights') view.weights = data.weights;
  if (data.type === 'delays') view.delays = data;
  if (data.type === 'progress') $('progress').textContent = data.text;
  if (data.type === 'done') done(data);
  if (data.type === 'traces') keep(view.traces, $('traces'), { times: [data.time], values: Object.fromEntries(Object.entries(data.values).map(([name, v]) => [name, [v * view.example.traces.series[name]]])) });
  if (data.type === 'membrane') keep(view.membrane, $('membrane'), data);
  if (data.type === 'error') fail(data.message);
  scheduleDraw();
};
worker.onerror = (e) => fail(`the worker failed: ${e.message}`);

function fail(message) {
  status(message, true);
  console.error(message);
}

function ready({ dt, populations, traceable, traced }) {
  Object.assign(view, { dt, traced, bands: rasterBands(populations, plotArea($('raster')).h) });
  view.rateRows = view.bands.filter((b) => view.example.ratePopulations.includes(b.name));
  traceChoice(traceable);
  $('membrane-panel').hidden = traced.length === 0;
  legend($('membrane-legend'), traced.map((p) => `${p.name}, neuron ${Math.min(view.trace.neuron, p.size - 1)}`));
  status('running');
}

/** The example's run has ended (its last phase is over): the page keeps what it shows. */
function done({ time }) {
  status(`the run is over at ${time.toFixed(2)} s of model time: Restart runs it again`);
  pace.reset();
  Object.assign($('pace'), { textContent: 'stopped' }).dataset.ratio = '0';
}

/** The trace controls: the example's populations that have a membrane potential, and the neuron. */
function traceChoice(traceable) {
  const select = $('trace-population');
  select.replaceChildren(new Option('none', 'none'), ...(traceable.length > 1 ? [new Option('every population', 'every')] : []),
    ...traceable.map((p) => new Option(`${p.name} (${p.size})`, p.name)));
  select.value = view.trace.population;
  select.disabled = traceable.length === 0;
  const largest = Math.max(0, ...traceable.filter((p) => ['every', p.name].includes(view.trace.population)).map((p) => p.size));
  Object.assign($('trace-neuron'), { max: Math.max(0, largest - 1), value: view.trace.neuron, disabled: largest <= 1 });
}

function chunk(c) {
  view.stop = c.stop;
  view.chunks.push(c);
  const keep = view.stop - Math.round(Math.max(view.example.window, RATE_WINDOW) / view.dt);
  while (view.chunks.length && view.chunks[0].stop <= keep) view.chunks.shift();
  pace.add(performance.now() / 1000, c.stop * view.dt);
  const ratio = pace.ratio();
  const target = $('speed').selectedOptions[0].textContent;
  $('pace').textContent = Number.isFinite(ratio) ? `${ratio.toFixed(2)} × (target: ${target})` : `measuring… (target: ${target})`;
  $('pace').dataset.ratio = Number.isFinite(ratio) ? String(ratio) : '';
  $('kernel').textContent = `${c.realTimeFactor.toFixed(1)} × real time`;
  $('kernel').dataset.factor = String(c.realTimeFactor);
}

/**
 * Keeps a chunk of traced values ({ times, values: { name: values } }, in the plot's unit) and
 * drops what is older than the window; the newest values go to the canvas's data-values.
 */
function keep(store, canvas, chunk) {
  store.push(chunk);
  const newest = chunk.times.at(-1);
  while (store.length && store[0].times.at(-1) < newest - view.example.window) store.shift();
  canvas.dataset.values = JSON.stringify(Object.fromEntries(Object.entries(chunk.values).map(([name, v]) => [name, v.at(-1)])));
  canvas.dataset.time = String(newest);
}

function scheduleDraw() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    if (view?.dt) draw();
  });
}

const isRateRow = (row) => view.rateRows.some((b) => row >= b.firstRow && row < b.firstRow + b.size);
const rateNeurons = () => view.rateRows.reduce((n, b) => n + b.size, 0);

function draw() {
  const { example, dt, chunks, stop } = view;
  // The window ends now, or at its own length until the run has filled it: time never runs below 0.
  const to = Math.max(stop * dt, example.window);
  const from = to - example.window;
  $('time').textContent = `${(stop * dt).toFixed(2)} s`;
  if (example.traces) drawTraces($('traces'), view.traces, Object.keys(example.traces.series), from, to, { title: example.traces.axis, range: example.traces.range });
  if (view.traced.length) drawTraces($('membrane'), view.membrane, view.traced.map((p) => p.name), from, to, { title: 'membrane potential (mV)', stacked: true });
  if (view.delays && !view.delays.drawn) drawDelays();
  if (example.ratePopulations.length === 0) {
    $('rate').textContent = '– (graded potentials, no spikes)';
    return;
  }
  const first = Math.round(from / dt);
  drawRaster($('raster'), chunks, view.bands, first, Math.round(to / dt), dt);

  // Bins on a fixed grid of model time (so a spike stays in its bin from frame to frame), from the
  // one holding the window's start to the one running now; the bins at either end count only the
  // steps of theirs that lie in the window and have run.
  const binSteps = Math.round(example.bin / dt);
  const firstBin = Math.floor(first / binSteps);
  const counts = new Array(Math.max(0, Math.ceil(stop / binSteps) - firstBin)).fill(0);
  for (const c of chunks) {
    for (let s = 0; s < c.steps.length; s++) {
      if (c.steps[s] >= first && c.steps[s] < stop && isRateRow(c.rows[s])) counts[Math.floor(c.steps[s] / binSteps) - firstBin]++;
    }
  }
  const rates = counts.map((n, k) => {
    const [start, end] = [Math.max(first, (firstBin + k) * binSteps), Math.min(stop, (firstBin + k + 1) * binSteps)];
    return { t: ((start + end) / 2) * dt, rate: n / (rateNeurons() * (end - start) * dt) };
  });
  const top = Math.max(10, Math.ceil((Math.max(0, ...rates.map((r) => r.rate)) * 1.2) / 10) * 10);
  drawRates($('rates'), rates, top, from, to);
  if (example.weights && view.weights) drawWeights($('weights'), view.weights, example.weights);
  showRate();
}

/** The newest delays the worker sent (ms): a map per post neuron, its values in its data-values, their model time in #delay-maps' data-time. */
function drawDelays() {
  const { maps, max, time } = view.delays;
  const { side, names } = view.example.delayMaps;
  const cells = side * side;
  names.forEach((name, k) => {
    const values = maps.subarray(k * cells, (k + 1) * cells);
    drawHeatMap($(`delay-map-${k}`), values, side, max, name);
    $(`delay-map-${k}`).dataset.values = JSON.stringify(Array.from(values, (v) => Math.round(v * 100) / 100));
  });
  drawColourScale($('delay-scale'), max, 'delay (ms)');
  $('delay-maps').dataset.time = String(time);
  view.delays.drawn = true;
}

/** Mean rate per neuron of the rate populations over the last RATE_WINDOW, since the last change. */
function showRate() {
  const since = view.stop - Math.round(RATE_WINDOW / view.dt);
  let spikes = 0;
  let steps = 0;
  for (const c of view.chunks) {
    if (c.version !== view.version || c.start < since) continue;
    steps += c.stop - c.start;
    for (let s = 0; s < c.rows.length; s++) if (isRateRow(c.rows[s])) spikes++;
  }
  const seconds = steps * view.dt;
  const rate = seconds > 0 ? spikes / (rateNeurons() * seconds) : NaN;
  $('rate').textContent = seconds > 0 ? `${rate.toFixed(2)} Hz (${view.example.ratePopulations.join(', ')})` : '–';
  $('rate').dataset.rate = seconds > 0 ? String(rate) : '';
  $('rate').dataset.window = String(seconds);
  $('rate').dataset.version = String(view.version);
}

$('example').addEventListener('change', () => load($('example').value));
$('trace-population').addEventListener('change', () => load(view.key, { ...view.trace, population: $('trace-population').value }));
$('trace-neuron').addEventListener('change', () => {
  const neuron = Math.max(0, Math.min(Number($('trace-neuron').max), Math.floor(Number($('trace-neuron').value) || 0)));
  load(view.key, { ...view.trace, neuron });
});
$('speed').addEventListener('change', () => {
  pace.reset();
  worker.postMessage({ type: 'speed', speed: Number($('speed').value) });
});
$('pause').addEventListener('click', () => {
  const paused = $('pause').textContent === 'Pause';
  $('pause').textContent = paused ? 'Resume' : 'Pause';
  pace.reset();
  // Model time stands still while paused: say so, rather than keep the last pace on show.
  if (paused) Object.assign($('pace'), { textContent: 'paused' }).dataset.ratio = '0';
  worker.postMessage({ type: 'pause', paused });
});
$('restart').addEventListener('click', () => load(view.key));
load($('example').value);
