// The demo page: builds the controls of the chosen example, starts the simulation worker,
// keeps the spikes of the last window of model time and draws them. The measured population
// rate is also written to #rate's data-rate (Hz), data-window (model seconds it covers, counted
// only since the last change of a setting) and data-version (that change's number), which
// tests/hosts/demo.test.ts reads.
import { examples } from './examples.mjs';
import { drawRaster, drawRates, drawTraces, drawWeights, rasterBands, TRACE_COLORS } from './plots.mjs';

const $ = (id) => document.getElementById(id);
const RATE_WINDOW = 1; // model seconds the displayed rate averages over

const worker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' });
let version = 0; // counts setting changes; the worker tags each chunk with the one it ran under
let view = null; // the running example and what the page keeps of it
let drawPending = false;

for (const [key, ex] of Object.entries(examples)) $('example').add(new Option(ex.title, key));

function load(key) {
  const example = examples[key];
  const values = view?.key === key ? view.values : Object.fromEntries(example.controls.map((c) => [c.id, c.value]));
  view = { key, example, values, version: ++version, loaded: version, chunks: [], bands: [], rateRows: [], stop: 0, weights: null, traces: [] };
  $('about').textContent = example.about;
  $('weights-panel').hidden = !example.weights;
  $('spikes-panel').hidden = example.ratePopulations.length === 0;
  $('traces-panel').hidden = !example.traces;
  if (example.traces) {
    const { title, unit, range: [lo, hi], grid } = example.traces;
    const lines = [Math.ceil(lo / grid), Math.floor(hi / grid)].map((k) => Math.round(k * grid * 1e6) / 1e6);
    $('traces-title').textContent = title;
    $('traces-scale').textContent = `(${lo} to ${hi}${unit && ` ${unit}`}; lines at ${lines[0]}, ${lines[0] + grid}, … ${lines[1]}${unit && ` ${unit}`})`;
    $('legend').replaceChildren(...Object.keys(example.traces.series).map((name, k) => {
      const li = document.createElement('li');
      li.append(Object.assign(document.createElement('span'), { style: `background: ${TRACE_COLORS[k]}` }), name);
      return li;
    }));
  }
  buildSliders(example, values);
  status('building the network…');
  worker.postMessage({ type: 'load', example: key, values, version });
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
  if (data.type === 'traces') traces(data);
  if (data.type === 'error') fail(data.message);
  scheduleDraw();
};
worker.onerror = (e) => fail(`the worker failed: ${e.message}`);

function fail(message) {
  status(message, true);
  console.error(message);
}

function ready({ dt, populations }) {
  const canvas = $('raster');
  Object.assign(view, { dt, bands: rasterBands(populations, canvas.height) });
  view.rateRows = view.bands.filter((b) => view.example.ratePopulations.includes(b.name));
  $('bands').replaceChildren(...view.bands.map((b) => {
    const li = document.createElement('li');
    li.append(Object.assign(document.createElement('span'), { textContent: `${b.name} (${b.size})` }));
    li.style.top = `${(b.top / canvas.height) * 100}%`;
    return li;
  }));
  status('running');
}

function chunk(c) {
  view.stop = c.stop;
  view.chunks.push(c);
  const keep = view.stop - Math.round(Math.max(view.example.window, RATE_WINDOW) / view.dt);
  while (view.chunks.length && view.chunks[0].stop <= keep) view.chunks.shift();
  $('rtf').textContent = `${c.realTimeFactor.toFixed(1)} × (the kernel's speed)`;
  $('rtf').dataset.factor = String(c.realTimeFactor);
}

/** Keeps the traced values of the last window, with the newest of each (in SI units) in #traces' data-values. */
function traces({ time, values }) {
  view.traces.push({ time, values });
  while (view.traces.length && view.traces[0].time < time - view.example.window) view.traces.shift();
  $('traces').dataset.values = JSON.stringify(values);
  $('traces').dataset.time = String(time);
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
  $('time').textContent = `${(stop * dt).toFixed(2)} s`;
  if (example.traces) drawTraces($('traces'), view.traces, example.traces.series, stop * dt - example.window, stop * dt, example.traces.range, example.traces.grid);
  if (example.ratePopulations.length === 0) {
    $('rate').textContent = '– (graded potentials, no spikes)';
    return;
  }
  const from = stop - Math.round(example.window / dt);
  drawRaster($('raster'), chunks, view.bands, from, stop);

  const binSteps = Math.round(example.bin / dt);
  const counts = new Array(Math.round(example.window / example.bin)).fill(0);
  for (const c of chunks) {
    for (let s = 0; s < c.steps.length; s++) {
      if (c.steps[s] >= from && isRateRow(c.rows[s])) counts[Math.floor((c.steps[s] - from) / binSteps)]++;
    }
  }
  const rates = counts.map((n) => n / (rateNeurons() * example.bin));
  const top = Math.max(10, Math.ceil((Math.max(...rates) * 1.2) / 10) * 10);
  drawRates($('rates'), rates, top);
  $('rate-scale').textContent = `(0 to ${top} Hz; the line marks ${top / 2} Hz)`;
  if (example.weights && view.weights) drawWeights($('weights'), view.weights, example.weights.max);
  showRate();
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
$('speed').addEventListener('change', () => worker.postMessage({ type: 'speed', speed: Number($('speed').value) }));
$('pause').addEventListener('click', () => {
  const paused = $('pause').textContent === 'Pause';
  $('pause').textContent = paused ? 'Resume' : 'Pause';
  worker.postMessage({ type: 'pause', paused });
});
$('restart').addEventListener('click', () => load(view.key));
load($('example').value);
