// A run record as one SVG figure: the raster, a rate panel per population, the state traces and
// weights its monitors sampled, and the ISI histogram, one panel under another with labelled
// ticks on every axis. Drawn by hand as SVG text (no DOM, no charting library): it runs on every
// host the core runs on and adds nothing to the package.
import { fail, shown } from '../../../ts/errors.js';
import type { Frame } from './axes.js';
import { isiPanel } from './isi.js';
import { legendRow } from './legend.js';
import type { Panel, PlotInput } from './panel.js';
import { DEFAULT_MAX_POINTS, rasterPanel } from './raster.js';
import { ratePanel } from './rates.js';
import { color, counted, fmt, group, text } from './svg.js';
import { tracePanels, type TraceChoice } from './traces.js';
import { weightPanels } from './weights.js';
import { inWindow, timeWindow } from './window.js';
import type { RunRecord } from '../run-record.js';

export interface PlotOptions extends TraceChoice {
  /** Rate bin in seconds (default: about 20 spikes a bin, 10 to 200 bins). */
  bin?: number;
  /** Up to this many spikes every spike is drawn as a tick; above, the raster becomes a density grid. */
  maxPoints?: number;
  /** Bars of the ISI histogram. */
  isiBins?: number;
  /** The window shown, in seconds (default: the whole run). */
  from?: number;
  to?: number;
  /** Figure size in pixels; without a height, the panels' own heights add up to it. */
  width?: number;
  height?: number;
  /** Populations that get a rate panel (default: the first 12; the figure says when some are left out). */
  populations?: string[];
}

const DEFAULT_WIDTH = 1000;
const LEFT = 80;
/** Room right of the panels: band names, legends, the density colour scale. */
const RIGHT = 190;
const HEADER = 58;
/** Above each frame its title, below it the x tick labels and axis label. */
const TITLE = 22;
const BELOW = 44;
const MIN_PANEL = 40;
/** Either side of the figure, in pixels (a 20000 x 20000 PNG is 1.6 GB of pixels to render). */
const MAX_SIZE = 20000;
const MAX_RATE_PANELS = 12;

/** The figure, and what it holds: the spikes in its window, its panels, whether the raster counts spikes into cells. */
export interface Figure {
  svg: string;
  spikes: number;
  panels: number;
  dense: boolean;
}

export function plotSvg(record: RunRecord, options: PlotOptions = {}): Figure {
  const maxPoints = options.maxPoints ?? DEFAULT_MAX_POINTS;
  if (!Number.isInteger(maxPoints) || maxPoints < 0) fail('E_PARAM', '--max-points', `must be a whole number >= 0 (got ${shown(maxPoints)})`);
  const width = options.width ?? DEFAULT_WIDTH;
  if (!Number.isInteger(width) || width < LEFT + RIGHT + 200 || width > MAX_SIZE) fail('E_PARAM', '--size', `width must be a whole number of pixels from ${LEFT + RIGHT + 200} to ${MAX_SIZE} (got ${shown(width)})`);
  const plotWidth = width - LEFT - RIGHT;
  const window = timeWindow(record, options.from, options.to);
  const spikes = record.spikes.times.flatMap((t, k) => (inWindow(window, t) ? [k] : []));
  const neurons = record.spikes.populations.reduce((m, p) => Math.max(m, p.firstIndex + p.size), 0);
  const input: PlotInput = { record, window, spikes, neurons };

  const rated = ratePopulations(record, options.populations);
  const panels: Panel[] = [
    rasterPanel(input, maxPoints),
    ...rated.map((p) => ratePanel(input, p, plotWidth, options.bin)),
    ...tracePanels(input, options),
    ...weightPanels(input),
    isiPanel(input, options.isiBins ?? 50, plotWidth),
  ];
  const fixed = HEADER + panels.length * (TITLE + BELOW);
  const natural = panels.reduce((s, p) => s + p.height, 0);
  const height = options.height ?? fixed + natural;
  const scale = (height - fixed) / natural;
  const shortest = Math.min(...panels.map((p) => p.height * scale));
  if (!Number.isInteger(height) || shortest < MIN_PANEL || height > MAX_SIZE) {
    fail('E_PARAM', '--size', `height must be a whole number of pixels from ${Math.ceil(fixed + (natural * MIN_PANEL) / Math.min(...panels.map((p) => p.height)))} (for these ${panels.length} panels) to ${MAX_SIZE} (got ${shown(height)})`);
  }

  const span = window.to - window.from;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    text(LEFT, 22, `${counted(spikes.length, 'spike')} of ${counted(neurons, 'neuron')} from ${fmt(window.from)} to ${fmt(window.to)} s (mean ${fmt(spikes.length / (Math.max(neurons, 1) * span))} Hz)`, 'start', { 'font-size': 14, class: 'figure-title' }),
    legendRow(LEFT, 44, record.spikes.populations.map((p, k) => ({ name: `${p.name} (${p.size})`, color: color(k) }))),
  ];
  if (rated.length < record.spikes.populations.length && options.populations === undefined) {
    out.push(text(width - 10, 22, `rates of the first ${rated.length} of ${record.spikes.populations.length} populations; --populations chooses`, 'end', { class: 'note' }));
  }
  let top = HEADER;
  for (const panel of panels) {
    const frame: Frame = { left: LEFT, top: top + TITLE, width: plotWidth, height: Math.floor(panel.height * scale) };
    const attrs: Record<string, string> = { class: 'panel', 'data-kind': panel.kind };
    for (const [k, v] of Object.entries(panel.data ?? {})) attrs[`data-${k}`] = v;
    out.push(group(attrs, [text(LEFT, frame.top - 7, panel.title, 'start', { class: 'panel-title', 'font-size': 12 }), ...panel.draw(frame)]));
    top = frame.top + frame.height + BELOW;
  }
  out.push('</svg>');
  return { svg: out.join('\n') + '\n', spikes: spikes.length, panels: panels.length, dense: spikes.length > maxPoints };
}

/** The populations that get rate panels, by index: --populations, or the first 12. */
function ratePopulations(record: RunRecord, names?: string[]): number[] {
  const all = record.spikes.populations.map((p) => p.name);
  if (names === undefined) return all.slice(0, MAX_RATE_PANELS).map((_, k) => k);
  if (names.length === 0) fail('E_PARAM', '--populations', `must name at least one population (the run has ${all.slice(0, 20).join(', ')})`);
  return names.map((n, k) => {
    const at = all.indexOf(n);
    if (at < 0) fail('E_PARAM', '--populations', `${JSON.stringify(n)} is not a population of the run (it has ${all.slice(0, 20).join(', ')})`);
    if (names.indexOf(n) !== k) fail('E_PARAM', '--populations', `names ${JSON.stringify(n)} twice`);
    return at;
  });
}
