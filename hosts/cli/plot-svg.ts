// A run's spikes as one SVG figure: the raster, the population rate under it and the
// inter-spike-interval histogram. Plain SVG text, no DOM, so it works on every host.
import { fail, shown } from '../../ts/errors.js';
import type { RunRecord } from './run-record.js';

export interface PlotOptions {
  /** Rate bin in seconds (default: 1 ms, or wider so there are at most 400 bins). */
  bin?: number;
  /** Up to this many spikes every spike is drawn as a tick; above, the raster becomes a density grid. */
  maxPoints?: number;
  /** Bars of the ISI histogram. */
  isiBins?: number;
}

/** Spikes drawn one by one up to this many (about 20 bytes of SVG each). */
export const DEFAULT_MAX_POINTS = 50000;
const W = 900;
const LEFT = 70;
const PLOT_W = 760;
const RASTER = { top: 50, height: 300 };
const RATE = { top: 390, height: 110 };
const ISI = { top: 560, height: 110 };
const H = 720;
/** The density grid when the raster is downsampled: columns of 4 px, rows of at least 3 px, 8 shades. */
const GRID_COLUMNS = PLOT_W / 4;
const GRID_ROWS = RASTER.height / 3;
const SHADES = 8;
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

/** The rate bins: `binSteps` steps each, the last one possibly shorter. */
export function rateBins(record: RunRecord, bin?: number): { binSteps: number; counts: Int32Array } {
  const { dt, summary } = record;
  const steps = summary.steps;
  const wanted = bin ?? Math.max(1e-3, (steps * dt) / 400);
  if (!(wanted > 0) || !Number.isFinite(wanted)) fail('E_PARAM', '--bin', `must be a time in seconds > 0 (got ${shown(bin)})`);
  const binSteps = Math.max(1, Math.round(wanted / dt));
  const counts = new Int32Array(Math.max(1, Math.ceil(steps / binSteps)));
  for (const t of record.spikes.times) counts[Math.min(counts.length - 1, Math.floor(Math.round(t / dt) / binSteps))]!++;
  return { binSteps, counts };
}

/** Inter-spike intervals (s) of every neuron, from its consecutive spikes. */
export function interSpikeIntervals(record: RunRecord): number[] {
  const last = new Map<number, number>();
  const isis: number[] = [];
  record.spikes.times.forEach((t, k) => {
    const n = record.spikes.neurons[k]!;
    const before = last.get(n);
    if (before !== undefined) isis.push(t - before);
    last.set(n, t);
  });
  return isis;
}

export function plotSvg(record: RunRecord, options: PlotOptions = {}): string {
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
  const isiBins = options.isiBins ?? 50;
  if (!Number.isInteger(maxPoints) || maxPoints < 0) fail('E_PARAM', '--max-points', `must be a whole number >= 0 (got ${shown(maxPoints)})`);
  if (!Number.isInteger(isiBins) || isiBins < 1 || isiBins > PLOT_W) fail('E_PARAM', '--isi-bins', `must be a whole number from 1 to ${PLOT_W} (got ${shown(isiBins)})`);
  const { dt, spikes } = record;
  const duration = Math.max(record.summary.steps * dt, dt);
  const neurons = spikes.populations.reduce((m, p) => Math.max(m, p.firstIndex + p.size), 0);
  const x = (t: number) => LEFT + (t / duration) * PLOT_W;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    text(LEFT, 22, `${spikes.times.length} spikes of ${neurons} neurons in ${fmt(duration)} s (mean ${fmt(spikes.times.length / (neurons * duration))} Hz)`, 'start', 13),
  ];

  // Raster: neuron 0 at the bottom, one band per population.
  const rowH = RASTER.height / neurons;
  const y = (n: number) => RASTER.top + RASTER.height - (n + 1) * rowH;
  const popOf = (n: number) => spikes.populations.findLastIndex((p) => p.firstIndex <= n);
  if (spikes.times.length <= maxPoints) {
    const ticks = spikes.populations.map(() => [] as string[]);
    const tick = Math.max(rowH, 1);
    spikes.times.forEach((t, k) => {
      const n = spikes.neurons[k]!;
      ticks[Math.max(0, popOf(n))]!.push(`M${r2(x(t))} ${r2(y(n) + (rowH - tick) / 2)}v${r2(tick)}`);
    });
    ticks.forEach((d, p) => d.length && out.push(`<path class="spikes" stroke="${color(p)}" stroke-width="1.2" d="${d.join('')}"/>`));
  } else {
    // Too many spikes to draw one by one: count every spike into a grid of time x neuron cells
    // and shade each cell by its count (nothing is dropped; dense and sparse regions stay
    // visible). Cells of one population and shade share a path, whose data-spikes is their total.
    const rows = Math.min(neurons, GRID_ROWS);
    const counts = new Map<number, number>();
    spikes.times.forEach((t, k) => {
      const c = Math.min(GRID_COLUMNS - 1, Math.floor((t / duration) * GRID_COLUMNS));
      const r = Math.min(rows - 1, Math.floor((spikes.neurons[k]! / neurons) * rows));
      counts.set(r * GRID_COLUMNS + c, (counts.get(r * GRID_COLUMNS + c) ?? 0) + 1);
    });
    const most = largest(counts.values());
    const cw = r2(PLOT_W / GRID_COLUMNS);
    const ch = r2(RASTER.height / rows);
    const paths = new Map<string, { d: string[]; spikes: number }>();
    for (const [cell, count] of counts) {
      const r = Math.floor(cell / GRID_COLUMNS);
      const c = cell % GRID_COLUMNS;
      const p = Math.max(0, popOf(Math.floor(((r + 0.5) * neurons) / rows)));
      const shade = Math.ceil((SHADES * count) / most);
      const key = `${p} ${shade}`;
      if (!paths.has(key)) paths.set(key, { d: [], spikes: 0 });
      const path = paths.get(key)!;
      path.d.push(`M${r2(LEFT + c * cw)} ${r2(RASTER.top + RASTER.height - (r + 1) * ch)}h${cw}v${ch}h-${cw}z`);
      path.spikes += count;
    }
    for (const [key, { d, spikes: n }] of paths) {
      const [p, shade] = key.split(' ').map(Number) as [number, number];
      out.push(`<path class="cells" data-spikes="${n}" fill="${color(p)}" fill-opacity="${r2(shade / SHADES)}" d="${d.join('')}"/>`);
    }
    out.push(text(LEFT + PLOT_W, RASTER.top - 6, `density: all ${spikes.times.length} spikes counted into ${GRID_COLUMNS} x ${rows} cells (${fmt(duration / GRID_COLUMNS)} s x ${fmt(neurons / rows)} neurons), darkest = ${most}`, 'end'));
  }
  spikes.populations.forEach((p, k) => {
    const top = y(p.firstIndex + p.size - 1);
    if (p.firstIndex > 0) out.push(`<line x1="${LEFT}" x2="${LEFT + PLOT_W}" y1="${r2(y(p.firstIndex - 1))}" y2="${r2(y(p.firstIndex - 1))}" stroke="#999" stroke-dasharray="3 3"/>`);
    out.push(text(LEFT + PLOT_W + 6, r2(top + (p.size * rowH) / 2 + 4), p.name, 'start', 11, color(k)));
  });
  axes(out, RASTER, 'neuron', [0, neurons], duration, 'time (s)');

  // Population rate of all neurons.
  const { binSteps, counts } = rateBins(record, options.bin);
  const rates = Array.from(counts, (c, b) => c / (neurons * Math.max(1, Math.min(binSteps, record.summary.steps - b * binSteps)) * dt));
  const topRate = Math.max(largest(rates), 1e-9);
  counts.forEach((c, b) => {
    const h = (rates[b]! / topRate) * RATE.height;
    const t0 = b * binSteps * dt;
    const t1 = Math.min((b + 1) * binSteps * dt, duration);
    out.push(`<rect class="rate-bin" data-count="${c}" x="${r2(x(t0))}" y="${r2(RATE.top + RATE.height - h)}" width="${r2(x(t1) - x(t0))}" height="${r2(h)}" fill="#555"/>`);
  });
  axes(out, RATE, `rate (Hz), bins of ${fmt(binSteps * dt * 1e3)} ms`, [0, topRate], duration, 'time (s)');

  // ISI histogram over [0, longest interval].
  const isis = interSpikeIntervals(record);
  const longest = Math.max(largest(isis), dt);
  const hist = new Int32Array(isiBins);
  for (const d of isis) hist[Math.min(isiBins - 1, Math.floor((d / longest) * isiBins))]!++;
  const topCount = Math.max(largest(hist), 1);
  const bw = PLOT_W / isiBins;
  hist.forEach((c, b) => {
    const h = (c / topCount) * ISI.height;
    out.push(`<rect class="isi-bin" data-count="${c}" x="${r2(LEFT + b * bw)}" y="${r2(ISI.top + ISI.height - h)}" width="${r2(bw)}" height="${r2(h)}" fill="#777" stroke="white" stroke-width="0.5"/>`);
  });
  axes(out, ISI, `intervals (${isis.length})`, [0, topCount], longest, 'inter-spike interval (s)');
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** A frame, y labels at both ends, and x ticks at round values. */
function axes(out: string[], panel: { top: number; height: number }, yLabel: string, [lo, hi]: [number, number], xMax: number, xLabel: string): void {
  const bottom = panel.top + panel.height;
  out.push(`<rect x="${LEFT}" y="${panel.top}" width="${PLOT_W}" height="${panel.height}" fill="none" stroke="black"/>`);
  out.push(text(LEFT - 4, bottom, fmt(lo), 'end'), text(LEFT - 4, panel.top + 9, fmt(hi), 'end'));
  out.push(`<text x="14" y="${panel.top + panel.height / 2}" text-anchor="middle" transform="rotate(-90 14 ${panel.top + panel.height / 2})">${escape(yLabel)}</text>`);
  const step = niceStep(xMax / 6);
  for (let t = 0; t <= xMax * (1 + 1e-9); t += step) {
    const px = r2(LEFT + (t / xMax) * PLOT_W);
    out.push(`<line x1="${px}" x2="${px}" y1="${bottom}" y2="${bottom + 4}" stroke="black"/>`, text(px, bottom + 15, fmt(t), 'middle'));
  }
  out.push(text(LEFT + PLOT_W / 2, bottom + 29, xLabel, 'middle'));
}

/** The largest value (0 for none); Math.max(...xs) overflows the stack for millions of values. */
function largest(xs: Iterable<number>): number {
  let m = 0;
  for (const x of xs) if (x > m) m = x;
  return m;
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
}

function text(x: number, y: number, s: string, anchor: 'start' | 'middle' | 'end', size = 11, fill = 'black'): string {
  return `<text x="${x}" y="${y}" text-anchor="${anchor}" font-size="${size}" fill="${fill}">${escape(s)}</text>`;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const color = (p: number) => COLORS[p % COLORS.length]!;
const r2 = (v: number) => Math.round(v * 100) / 100;
const fmt = (v: number) => String(Number(v.toPrecision(3)));
