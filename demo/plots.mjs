// Drawing for the demo page: the spike raster, the population rate, a weight histogram,
// traces of values over time and heat maps of learned delays with their colour scale, each on
// its own canvas, inside a plot area with axes (demo/axes.mjs). Inside the raster's plot area
// spikes alone have the colour SPIKE, so counting pixels of that colour counts drawn spikes.
import { clearCanvas, drawAxes, niceTicks, plotArea, xPixel, yPixel } from './axes.mjs';

const BACKGROUND = '#181c25'; // --panel in demo.css
const BACKGROUND_RGBA = [0x18, 0x1c, 0x25, 0xff];
const SPIKE = [0xff, 0xb4, 0x54]; // --accent
const LINE = '#ffb454';
const BAND_EDGE = '#394055';

/** Distinct line colours for traces, on the panel background. */
export const TRACE_COLORS = ['#ffb454', '#59c2ff', '#aad94c', '#f07178', '#d2a6ff', '#95e6cb'];

/** The time axis of a plot of model time from `from` to `to` seconds. */
const timeAxis = (from, to, grid = true) => ({ from, to, title: 'model time (s)', ticks: niceTicks(from, to, 8), grid });

/**
 * Rows of the raster, one band of the plot's height per population: at least `minBand` pixels
 * each, the rest shared in proportion to size, so one neuron next to a thousand is still seen.
 * @param {{ name: string, size: number }[]} populations
 */
export function rasterBands(populations, height, minBand = 24) {
  const total = populations.reduce((n, p) => n + p.size, 0);
  const weights = populations.map((p) => Math.max(p.size / total, minBand / height));
  const sum = weights.reduce((a, b) => a + b, 0);
  let top = 0;
  let row = 0;
  return populations.map((p, k) => {
    const band = { name: p.name, firstRow: row, size: p.size, top, height: (weights[k] / sum) * height };
    top += band.height;
    row += p.size;
    return band;
  });
}

/**
 * Spikes with (step, row) in `chunks`, from step `from` to `to` (dt seconds each), left to
 * right; a neuron is a line of pixels within its population's band (at least one pixel high).
 * The y axis numbers the neurons of each population from the top of its band.
 */
export function drawRaster(canvas, chunks, bands, from, to, dt) {
  const area = plotArea(canvas);
  clearCanvas(canvas, BACKGROUND);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(area.w, area.h);
  const px = image.data;
  for (let i = 0; i < px.length; i += 4) px.set(BACKGROUND_RGBA, i);
  for (const c of chunks) {
    for (let s = 0; s < c.steps.length; s++) {
      const step = c.steps[s];
      if (step < from || step >= to) continue;
      const row = c.rows[s];
      const b = bands.findLast((x) => x.firstRow <= row); // a handful of populations
      const x = Math.floor(((step - from) / (to - from)) * area.w);
      const i = row - b.firstRow;
      const y0 = Math.floor(b.top + (i * b.height) / b.size);
      const y1 = Math.max(y0 + 1, Math.floor(b.top + ((i + 1) * b.height) / b.size));
      for (let y = y0; y < Math.min(y1, area.h); y++) px.set(SPIKE, (y * area.w + x) * 4);
    }
  }
  ctx.putImageData(image, area.x, area.y);
  drawBandNames(ctx, area, bands.map((b) => ({ top: b.top, label: `${b.name} (${b.size})` })));
  // y runs from 1 (bottom) to 0 (top) in fractions of the plot's height, where the bands are. A
  // band's ticks after its first (0) keep clear of the next band's top, where its 0 is: the labels would overlap.
  const ticks = bands.flatMap((b, k) => neuronTicks(b)
    .map((t) => ({ at: (b.top + ((t.at + 0.5) * b.height) / b.size) / area.h, label: t.label }))
    .filter((t, i) => i === 0 || k === bands.length - 1 || b.top + b.height - t.at * area.h >= 14));
  drawAxes(canvas, area, { x: timeAxis(from * dt, to * dt, false), y: { from: 1, to: 0, title: 'neuron (index in population)', ticks } });
}

/** Index ticks within a band: a few round indices, or 0 alone for a one-neuron band. */
function neuronTicks(band) {
  if (band.size === 1) return [{ at: 0, label: '0' }];
  return niceTicks(0, band.size - 1, Math.max(1, Math.floor(band.height / 45)), true);
}

/** Each band's label at its top left, and a dashed line between bands; `top` is in pixels from the plot's top. */
function drawBandNames(ctx, area, bands) {
  ctx.save();
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.strokeStyle = BAND_EDGE;
  ctx.setLineDash([4, 4]);
  for (const b of bands) {
    const y = Math.round(area.y + b.top) + 0.5;
    if (b.top > 0) {
      ctx.beginPath();
      ctx.moveTo(area.x, y);
      ctx.lineTo(area.x + area.w, y);
      ctx.stroke();
    }
    const text = b.label;
    ctx.fillStyle = 'rgba(16, 19, 26, 0.8)';
    ctx.fillRect(area.x + 4, y + 1, ctx.measureText(text).width + 8, 16);
    ctx.fillStyle = '#9aa3b2';
    ctx.fillText(text, area.x + 8, y + 3);
  }
  ctx.restore();
}

/** A line through rates (Hz) at times t, from `from` to `to` seconds, on a scale of 0 to `top` Hz. */
export function drawRates(canvas, rates, top, from, to) {
  const area = plotArea(canvas);
  clearCanvas(canvas, BACKGROUND);
  drawAxes(canvas, area, { x: timeAxis(from, to), y: { from: 0, to: top, title: 'rate (Hz)', ticks: niceTicks(0, top, 4), grid: true } });
  const ctx = canvas.getContext('2d');
  ctx.strokeStyle = LINE;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  rates.forEach(({ t, rate }, k) => {
    const x = xPixel(area, from, to, t);
    const y = yPixel(area, 0, top, Math.min(rate, top));
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.stroke();
}

/**
 * A histogram of weights from 0 to `max`, in `bins` bars; `unit` names the unit the axis shows
 * and `scale` turns a weight into it.
 */
export function drawWeights(canvas, weights, { max, unit, scale }, bins = 40) {
  const area = plotArea(canvas);
  const counts = new Array(bins).fill(0);
  for (const w of weights) counts[Math.min(bins - 1, Math.max(0, Math.floor((w / max) * bins)))]++;
  const ceiling = Math.max(...counts, 1) * 1.1;
  clearCanvas(canvas, BACKGROUND);
  drawAxes(canvas, area, {
    x: { from: 0, to: max * scale, title: `weight (${unit})`, ticks: niceTicks(0, max * scale, 10) },
    y: { from: 0, to: ceiling, title: 'synapses', ticks: niceTicks(0, ceiling, 4, true), grid: true },
  });
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = LINE;
  counts.forEach((n, k) => {
    const x0 = xPixel(area, 0, bins, k);
    const y = yPixel(area, 0, ceiling, n);
    ctx.fillRect(x0 + 1, y, area.w / bins - 2, area.y + area.h - y);
  });
}

/**
 * Lines of values over model time from `from` to `to` seconds. `chunks` are { times, values }
 * in time order, values[name][k] the value of line `name` at times[k] in the plot's unit;
 * `names` are the lines in colour order. The y axis spans `range` when given, else the values
 * shown, rounded out to ticks. Stacked, each of several lines gets a band of its own, with its
 * own scale and its name, one above the other as in the raster (firing patterns side by side,
 * not tangled).
 */
export function drawTraces(canvas, chunks, names, from, to, { title, range, stacked = false }) {
  const area = plotArea(canvas);
  const inBands = stacked && names.length > 1;
  const groups = inBands ? names.map((name) => [name]) : [names];
  const band = 1 / groups.length;
  // Each group's value v is drawn at fraction top(v) of the plot's height from its top.
  const scales = groups.map((group, k) => {
    const y = range ? { from: range[0], to: range[1], ticks: niceTicks(range[0], range[1], 6) } : scaleOf(shownRange(chunks, group, from), inBands);
    const pad = inBands ? 0.08 * band : 0;
    const top = (v) => k * band + pad + ((y.to - v) / (y.to - y.from)) * (band - 2 * pad);
    return { top, ticks: y.ticks.map((t) => ({ at: top(t.at), label: t.label })) };
  });
  clearCanvas(canvas, BACKGROUND);
  drawAxes(canvas, area, { x: timeAxis(from, to), y: { from: 1, to: 0, title, ticks: scales.flatMap((s) => s.ticks), grid: true } });
  const ctx = canvas.getContext('2d');
  if (inBands) drawBandNames(ctx, area, names.map((name, k) => ({ top: k * band * area.h, label: name })));
  ctx.save();
  ctx.beginPath();
  ctx.rect(area.x, area.y, area.w, area.h);
  ctx.clip();
  ctx.lineWidth = 1.5;
  names.forEach((name, k) => {
    const { top } = scales[inBands ? k : 0];
    ctx.strokeStyle = TRACE_COLORS[k % TRACE_COLORS.length];
    ctx.beginPath();
    let first = true;
    for (const c of chunks) {
      const values = c.values[name];
      for (let i = 0; i < c.times.length; i++) {
        if (c.times[i] < from || values === undefined) continue;
        const px = xPixel(area, from, to, c.times[i]);
        const py = area.y + top(values[i]) * area.h;
        if (first) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
        first = false;
      }
    }
    ctx.stroke();
  });
  ctx.restore();
}

/**
 * A y scale for values from lo to hi: alone on the plot, widened to round ticks at both ends;
 * in a band of a stack, exactly lo to hi with a few ticks inside (widened, the labels of
 * neighbouring bands would collide).
 */
function scaleOf([lo, hi], inBand) {
  if (inBand) return { from: lo, to: hi, ticks: niceTicks(lo, hi, 3) };
  const inner = niceTicks(lo, hi, 6);
  const step = inner.length > 1 ? inner[1].at - inner[0].at : hi - lo;
  const [from, to] = [Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step];
  return { from, to, ticks: niceTicks(from, to, 6) };
}

/** The lowest and highest value shown from time `from` on (a flat line gets 1 unit around it). */
function shownRange(chunks, names, from) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of chunks) {
    for (const name of names) {
      const values = c.values[name] ?? [];
      for (let i = 0; i < c.times.length; i++) {
        if (c.times[i] < from) continue;
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
      }
    }
  }
  if (!(lo <= hi)) return [0, 1];
  return hi - lo < 1 ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/** Margins of a heat map and of its colour scale: a title above, small axes at the left and bottom. */
const MAP_MARGIN = { left: 46, right: 10, top: 24, bottom: 38 };
const SCALE_MARGIN = { ...MAP_MARGIN, right: 12 };
const SCALE_BAR = 18; // pixels

/**
 * The heat maps' colours from the bottom of the scale to its top: viridis (Smith & van der Walt),
 * even in lightness, so a darker cell is a shorter delay in grey and for colour-blind eyes too.
 */
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'].map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));

/** The colour of fraction `f` (0 to 1) of the scale, as CSS. */
function heat(f) {
  const x = Math.min(1, Math.max(0, f)) * (VIRIDIS.length - 1);
  const k = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const [a, b] = [VIRIDIS[k], VIRIDIS[k + 1]];
  return `rgb(${a.map((v, i) => Math.round(v + (b[i] - v) * (x - k))).join(', ')})`;
}

/** The canvas size (pixels) of a heat map of a side x side field at `cell` pixels a cell, and of its colour scale. */
export function heatMapSize(side, cell) {
  const h = MAP_MARGIN.top + side * cell + MAP_MARGIN.bottom;
  return { map: { width: MAP_MARGIN.left + side * cell + MAP_MARGIN.right, height: h }, scale: { width: SCALE_MARGIN.left + SCALE_BAR + SCALE_MARGIN.right, height: h } };
}

/** Index ticks 0, 5, 10, 15 (for side 16) at the centres of the cells they name, on an axis from 0 to side. */
const cellTicks = (side) => niceTicks(0, side - 1, 3, true).map((t) => ({ at: t.at + 0.5, label: t.label }));

/**
 * A heat map of a side x side field under its title: values[row * side + column] coloured on a
 * scale from 0 (bottom) to `max`, row 0 at the top and column 0 at the left, as the field is
 * seen. Where the cells lie is written to the canvas's data-area ({ x, y, cell }, pixels).
 */
export function drawHeatMap(canvas, values, side, max, title) {
  const area = plotArea(canvas, MAP_MARGIN);
  const cell = area.w / side;
  clearCanvas(canvas, BACKGROUND);
  const ctx = canvas.getContext('2d');
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      ctx.fillStyle = heat(values[r * side + c] / max);
      ctx.fillRect(area.x + c * cell, area.y + r * cell, cell, cell);
    }
  }
  drawAxes(canvas, area, {
    x: { from: 0, to: side, title: 'input column', ticks: cellTicks(side), inset: 0 },
    y: { from: side, to: 0, title: 'input row', ticks: cellTicks(side) },
  });
  ctx.save();
  ctx.font = '600 13px system-ui, sans-serif';
  ctx.fillStyle = '#e6e9ef'; // --fg
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(title, area.x + area.w / 2, 5);
  ctx.restore();
  canvas.dataset.area = JSON.stringify({ x: area.x, y: area.y, cell });
}

/** The heat maps' colour scale: a bar from 0 (bottom) to `max`, its axis titled `title`, the same height as the maps. */
export function drawColourScale(canvas, max, title) {
  const area = plotArea(canvas, SCALE_MARGIN);
  clearCanvas(canvas, BACKGROUND);
  const ctx = canvas.getContext('2d');
  for (let y = 0; y < area.h; y++) {
    ctx.fillStyle = heat(1 - (y + 0.5) / area.h);
    ctx.fillRect(area.x, area.y + y, area.w, 1);
  }
  drawAxes(canvas, area, { x: { from: 0, to: 1, title: '', ticks: [] }, y: { from: 0, to: max, title, ticks: niceTicks(0, max, 4) } });
}
