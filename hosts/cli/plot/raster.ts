// The raster: one row per neuron, neuron 0 at the bottom, populations in bands. Up to
// --max-points spikes each is a tick; above, every spike is counted into a grid of time x neuron
// cells shaded by count, with a colour scale, so dense and sparse regions stay visible and
// nothing is dropped.
import { drawAxes, roundedUp, xScale, yAxis, yScale, type Frame } from './axes.js';
import type { Panel, PlotInput } from './panel.js';
import { color, element, fmt, group, largest, r2, text } from './svg.js';
import { timeAxis } from './window.js';

/** Spikes drawn one by one up to this many (about 20 bytes of SVG each). */
export const DEFAULT_MAX_POINTS = 50000;
/** Density cells: columns of 4 px, rows of at least 3 px. */
const CELL_WIDTH = 4;
const CELL_HEIGHT = 3;
/** Light to dark (viridis, reversed), so empty white cells read as no spikes. */
const SHADES = ['#fde725', '#a0da39', '#4ac16d', '#1fa187', '#277f8e', '#365c8d', '#46327e', '#440154'];

export function rasterPanel(input: PlotInput, maxPoints: number): Panel {
  const { record, spikes, neurons } = input;
  const dense = spikes.length > maxPoints;
  return {
    kind: 'raster',
    height: 300,
    title: dense ? `spike raster: ${spikes.length} spikes counted into cells` : 'spike raster',
    data: { mode: dense ? 'density' : 'ticks' },
    draw(frame) {
      const time = timeAxis(input.window);
      const neuronAxis = { lo: 0, hi: Math.max(neurons, 1), label: 'neuron', integer: true };
      const out = dense ? densityCells(input, frame) : spikeTicks(input, frame);
      const y = yScale(frame, neuronAxis);
      record.spikes.populations.forEach((p, k) => {
        if (p.firstIndex > 0) out.push(element('line', { x1: frame.left, x2: frame.left + frame.width, y1: r2(y(p.firstIndex)), y2: r2(y(p.firstIndex)), stroke: '#999', 'stroke-dasharray': '3 3' }));
        out.push(text(frame.left + frame.width + 6, (y(p.firstIndex) + y(p.firstIndex + p.size)) / 2 + 4, p.name, 'start', { class: 'band-label', fill: color(k) }));
      });
      return [...out, ...drawAxes(frame, time, neuronAxis)];
    },
  };
}

function spikeTicks(input: PlotInput, frame: Frame): string[] {
  const { record, spikes, neurons } = input;
  const time = timeAxis(input.window);
  const x = xScale(frame, time);
  const rowH = frame.height / Math.max(neurons, 1);
  const tick = Math.max(rowH, 1);
  const popOf = (n: number) => record.spikes.populations.findLastIndex((p) => p.firstIndex <= n);
  const paths = record.spikes.populations.map(() => [] as string[]);
  for (const k of spikes) {
    const n = record.spikes.neurons[k]!;
    const top = frame.top + frame.height - (n + 1) * rowH + (rowH - tick) / 2;
    paths[Math.max(0, popOf(n))]!.push(`M${r2(x(record.spikes.times[k]! * time.factor))} ${r2(top)}v${r2(tick)}`);
  }
  return paths.flatMap((d, p) => (d.length ? [element('path', { class: 'spikes', 'data-population': record.spikes.populations[p]!.name, stroke: color(p), 'stroke-width': 1.2, d: d.join('') })] : []));
}

/**
 * The density grid: columns of at least 4 px and a whole number of steps each (a neuron firing
 * every step then fills every cell alike), rows of at least 3 px.
 */
function grid(input: PlotInput, frame: Frame): { columns: number; stepsPerColumn: number; rows: number } {
  const { window, neurons } = input;
  const steps = Math.max(1, Math.round((window.to - window.from) / window.dt));
  const stepsPerColumn = Math.ceil(steps / Math.floor(frame.width / CELL_WIDTH));
  return { columns: Math.ceil(steps / stepsPerColumn), stepsPerColumn, rows: Math.max(1, Math.min(neurons, Math.floor(frame.height / CELL_HEIGHT))) };
}

/**
 * Cells of one shade share a path, whose data-spikes is their total and data-counts the counts
 * per cell the shade stands for, as on the colour scale.
 */
function densityCells(input: PlotInput, frame: Frame): string[] {
  const { record, spikes, neurons, window } = input;
  const { columns, stepsPerColumn, rows } = grid(input, frame);
  const first = Math.round(window.from / window.dt);
  const counts = new Map<number, number>();
  for (const k of spikes) {
    const c = Math.min(columns - 1, Math.floor((Math.round(record.spikes.times[k]! / window.dt) - first) / stepsPerColumn));
    const r = Math.min(rows - 1, Math.floor((record.spikes.neurons[k]! / neurons) * rows));
    counts.set(r * columns + c, (counts.get(r * columns + c) ?? 0) + 1);
  }
  const top = roundedUp(largest(counts.values()), frame.height, true);
  const cw = frame.width / columns;
  const ch = frame.height / rows;
  const paths = SHADES.map(() => ({ d: [] as string[], spikes: 0 }));
  for (const [cell, count] of counts) {
    const path = paths[shadeOf(count, top)]!;
    path.d.push(`M${r2(frame.left + (cell % columns) * cw)} ${r2(frame.top + frame.height - (Math.floor(cell / columns) + 1) * ch)}h${r2(cw)}v${r2(ch)}h${r2(-cw)}z`);
    path.spikes += count;
  }
  const cells = paths.flatMap(({ d, spikes: n }, s) => (d.length ? [element('path', { class: 'cells', 'data-spikes': n, 'data-counts': shadeRange(s, top), fill: SHADES[s]!, d: d.join('') })] : []));
  const time = timeAxis(window);
  const size = `cells of ${fmt(stepsPerColumn * window.dt * time.factor)} ${time.unit} x ${fmt(neurons / rows)} neuron${neurons === rows ? '' : 's'}`;
  return [...cells, text(frame.left + frame.width, frame.top - 7, size, 'end', { class: 'note' }), colourScale(frame, top)];
}

/** Shade s stands for counts in (s, s + 1] eighths of the scale's top. */
const shadeOf = (count: number, top: number) => Math.min(SHADES.length - 1, Math.ceil((SHADES.length * count) / top) - 1);
const shadeRange = (s: number, top: number) => `${fmt((s * top) / SHADES.length)}-${fmt(((s + 1) * top) / SHADES.length)}`;

/** A vertical bar of the shades beside the raster, with the spike counts they stand for. */
function colourScale(raster: Frame, top: number): string {
  const bar: Frame = { left: raster.left + raster.width + 80, top: raster.top, width: 12, height: raster.height };
  const axis = { lo: 0, hi: top, label: 'spikes per cell', integer: true };
  const y = yScale(bar, axis);
  const blocks = SHADES.map((fill, s) => {
    const [lo, hi] = [y((s * top) / SHADES.length), y(((s + 1) * top) / SHADES.length)];
    return element('rect', { class: 'shade', 'data-counts': shadeRange(s, top), x: bar.left, y: r2(hi), width: bar.width, height: r2(lo - hi), fill });
  });
  return group({ class: 'colour-scale' }, [...blocks, element('rect', { x: bar.left, y: bar.top, width: bar.width, height: bar.height, fill: 'none', stroke: 'black' }), yAxis(bar, axis, 'right')]);
}
