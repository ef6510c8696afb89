// Axes for the demo's canvases: every plot draws inside a plot area with margins for tick labels
// and axis titles, and one function draws both axes. The labels drawn are also written to the
// canvas's data-axes (JSON: { x: { title, ticks }, y: { title, ticks } }) for the page's tests
// and for screen readers' sake in the canvas's aria-description.

const MARGIN = { left: 74, right: 14, top: 10, bottom: 38 };
const INK = '#9aa3b2'; // --muted in demo.css
const GRID = '#2a3040';
const FONT = '13px system-ui, sans-serif';

/**
 * The rectangle inside `canvas` where data is drawn, in canvas pixels: inside the usual margins,
 * or `margin` ({ left, right, top, bottom }) for a small plot.
 * @returns {{ x: number, y: number, w: number, h: number }}
 */
export function plotArea(canvas, margin = MARGIN) {
  return { x: margin.left, y: margin.top, w: canvas.width - margin.left - margin.right, h: canvas.height - margin.top - margin.bottom };
}

/** Pixel column of value `v` on an x axis from `from` (left) to `to` (right). */
export const xPixel = (area, from, to, v) => area.x + ((v - from) / (to - from)) * area.w;

/** Pixel row of value `v` on a y axis from `from` (bottom) to `to` (top). */
export const yPixel = (area, from, to, v) => area.y + ((to - v) / (to - from)) * area.h;

/**
 * Round ticks covering `from` to `to` (in either order): steps of 1, 2 or 5 × 10^k, about `count`
 * of them, labelled with as many decimals as the step needs; `integer` axes (neurons, synapse
 * counts) step by 1 at the least.
 * @returns {{ at: number, label: string }[]}
 */
export function niceTicks(from, to, count = 6, integer = false) {
  const [lo, hi] = from < to ? [from, to] : [to, from];
  const rough = Math.max((hi - lo) / count || 1, integer ? 1 : 0);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
    const at = k * step;
    ticks.push({ at, label: (Math.abs(at) < step / 2 ? 0 : at).toFixed(decimals).replace('-', '−') });
  }
  return ticks;
}

/**
 * @typedef {{ from: number, to: number, title: string, ticks: { at: number, label: string }[], grid?: boolean, inset?: number }} Axis
 *   from and to: the values at the left and right (x) or bottom and top (y) of the plot area;
 *   grid: draw a faint line across the plot at each tick; inset (x only): pixels the centre of a
 *   tick label keeps from either end of the axis (default 12, clear of the corner), 0 for labels
 *   under their ticks on a small plot.
 */

/**
 * Draws the x and y axes of `area`: the frame's left and bottom edges, ticks with their labels
 * and each axis's title (the y title turned to read upwards).
 * @param {HTMLCanvasElement} canvas
 * @param {{ x: number, y: number, w: number, h: number }} area
 * @param {{ x: Axis, y: Axis }} axes
 */
export function drawAxes(canvas, area, { x, y }) {
  const ctx = canvas.getContext('2d');
  ctx.save();
  ctx.font = FONT;
  ctx.lineWidth = 1;
  const xTicks = x.ticks.filter((t) => between(t.at, x.from, x.to));
  const yTicks = y.ticks.filter((t) => between(t.at, y.from, y.to));
  // Grid lines first, under the frame.
  ctx.strokeStyle = GRID;
  for (const t of x.grid ? xTicks : []) line(ctx, Math.round(xPixel(area, x.from, x.to, t.at)) + 0.5, area.y, Math.round(xPixel(area, x.from, x.to, t.at)) + 0.5, area.y + area.h);
  for (const t of y.grid ? yTicks : []) line(ctx, area.x, Math.round(yPixel(area, y.from, y.to, t.at)) + 0.5, area.x + area.w, Math.round(yPixel(area, y.from, y.to, t.at)) + 0.5);

  ctx.strokeStyle = INK;
  ctx.fillStyle = INK;
  line(ctx, area.x - 0.5, area.y, area.x - 0.5, area.y + area.h + 0.5);
  line(ctx, area.x - 0.5, area.y + area.h + 0.5, area.x + area.w, area.y + area.h + 0.5);

  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of xTicks) {
    const px = Math.round(xPixel(area, x.from, x.to, t.at)) + 0.5;
    line(ctx, px, area.y + area.h, px, area.y + area.h + 5);
    ctx.fillText(t.label, clamp(px, area.x + (x.inset ?? 12), area.x + area.w - (x.inset ?? 12)), area.y + area.h + 7);
  }
  ctx.textAlign = 'right';
  ctx.fillText(x.title, area.x + area.w, area.y + area.h + 22);

  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yTicks) {
    const py = Math.round(yPixel(area, y.from, y.to, t.at)) + 0.5;
    line(ctx, area.x - 5, py, area.x, py);
    ctx.fillText(t.label, area.x - 7, clamp(py, area.y + 6, area.y + area.h - 6));
  }
  ctx.translate(12, area.y + area.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(y.title, 0, 0);
  ctx.restore();

  const shown = { x: { title: x.title, ticks: xTicks.map((t) => t.label) }, y: { title: y.title, ticks: yTicks.map((t) => t.label) } };
  const text = JSON.stringify(shown);
  if (canvas.dataset.axes !== text) {
    canvas.dataset.axes = text;
    canvas.setAttribute('aria-description', `x axis: ${x.title}, ${shown.x.ticks.join(', ')}; y axis: ${y.title}, ${shown.y.ticks.join(', ')}`);
  }
}

/** A background over the whole canvas, so the labels of the last frame go. */
export function clearCanvas(canvas, color) {
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
}

function line(ctx, x0, y0, x1, y1) {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

const between = (v, a, b) => v >= Math.min(a, b) - 1e-9 && v <= Math.max(a, b) + 1e-9;
const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);
