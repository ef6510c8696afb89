// Drawing for the demo page: the spike raster, the population rate, a weight histogram and
// traces of values over time, each on its own canvas. The raster canvas holds nothing but spikes on the background (labels are
// HTML on top), so counting its non-background pixels counts drawn spikes.

const BACKGROUND = [0x18, 0x1c, 0x25]; // --panel in demo.css
const SPIKE = [0xff, 0xb4, 0x54]; // --accent
const LINE = '#ffb454';
const AXIS = '#394055';

/**
 * Rows of the raster, one band of canvas height per population: at least `minBand` pixels each,
 * the rest shared in proportion to size, so one neuron next to a thousand is still seen.
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
 * Spikes with (step, row) in `chunks`, from step `from` to `to`, left to right; a neuron is a
 * line of pixels within its population's band (at least one pixel high).
 */
export function drawRaster(canvas, chunks, bands, from, to) {
  const { width: W, height: H } = canvas;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(W, H);
  const px = image.data;
  for (let i = 0; i < px.length; i += 4) {
    px.set(BACKGROUND, i);
    px[i + 3] = 255;
  }
  for (const c of chunks) {
    for (let s = 0; s < c.steps.length; s++) {
      const step = c.steps[s];
      if (step < from || step >= to) continue;
      const row = c.rows[s];
      const b = bands.findLast((x) => x.firstRow <= row); // a handful of populations
      const x = Math.floor(((step - from) / (to - from)) * W);
      const i = row - b.firstRow;
      const y0 = Math.floor(b.top + (i * b.height) / b.size);
      const y1 = Math.max(y0 + 1, Math.floor(b.top + ((i + 1) * b.height) / b.size));
      for (let y = y0; y < Math.min(y1, H); y++) px.set(SPIKE, (y * W + x) * 4);
    }
  }
  ctx.putImageData(image, 0, 0);
}

/** A line of rates (Hz) over equal bins, scaled to `top` Hz. */
export function drawRates(canvas, rates, top) {
  const { width: W, height: H } = canvas;
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, W, H);
  ctx.strokeStyle = AXIS;
  ctx.beginPath();
  ctx.moveTo(0, H / 2);
  ctx.lineTo(W, H / 2);
  ctx.stroke();
  ctx.strokeStyle = LINE;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  rates.forEach((r, k) => {
    const x = ((k + 0.5) / rates.length) * W;
    const y = H - 2 - (Math.min(r, top) / top) * (H - 4);
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.stroke();
}

/** A histogram of weights as fractions of `max`, in `bins` bars. */
export function drawWeights(canvas, weights, max, bins = 40) {
  const { width: W, height: H } = canvas;
  const counts = new Array(bins).fill(0);
  for (const w of weights) counts[Math.min(bins - 1, Math.max(0, Math.floor((w / max) * bins)))]++;
  const top = Math.max(...counts, 1);
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, W, H);
  ctx.fillStyle = LINE;
  counts.forEach((n, k) => {
    const h = (n / top) * (H - 4);
    ctx.fillRect((k / bins) * W + 1, H - h, W / bins - 2, h);
  });
}

/** Distinct line colours for traces, on the panel background. */
export const TRACE_COLORS = ['#ffb454', '#59c2ff', '#aad94c', '#f07178', '#d2a6ff', '#95e6cb'];

/**
 * Lines of values over model time: `samples` are { time, values: { name: value } } in time
 * order, drawn from `from` to `to` seconds; `series` gives each name's scale from its value to
 * the plot's unit, `range` that unit bottom to top, with a grid line every `grid`.
 */
export function drawTraces(canvas, samples, series, from, to, range, grid) {
  const { width: W, height: H } = canvas;
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, W, H);
  const y = (v) => H - ((v - range[0]) / (range[1] - range[0])) * H;
  ctx.strokeStyle = AXIS;
  ctx.lineWidth = 1;
  for (let v = Math.ceil(range[0] / grid) * grid; v < range[1]; v += grid) {
    ctx.beginPath();
    ctx.moveTo(0, y(v));
    ctx.lineTo(W, y(v));
    ctx.stroke();
  }
  ctx.lineWidth = 2;
  Object.entries(series).forEach(([name, scale], k) => {
    ctx.strokeStyle = TRACE_COLORS[k % TRACE_COLORS.length];
    ctx.beginPath();
    let first = true;
    for (const s of samples) {
      if (s.time < from) continue;
      const x = ((s.time - from) / (to - from)) * W;
      if (first) ctx.moveTo(x, y(s.values[name] * scale));
      else ctx.lineTo(x, y(s.values[name] * scale));
      first = false;
    }
    ctx.stroke();
  });
}
