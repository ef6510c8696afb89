// State traces: a panel per sampled variable of each state monitor, a line per chosen neuron,
// in the unit the model declares (V shown as mV). Long recordings keep each pixel column's
// first, lowest, highest and last sample, so spikes and resets stay drawn at any length.
import { fail } from '../../../ts/errors.js';
import { drawAxes, spread, xScale, yScale, type Frame } from './axes.js';
import { displayUnit, labelled } from './display-unit.js';
import { legendColumn } from './legend.js';
import type { Panel, PlotInput } from './panel.js';
import { color, element, r2 } from './svg.js';
import { inWindow, timeAxis } from './window.js';
import type { StateRecord } from '../run-record.js';

/** Neurons traced by default: the first few the monitor sampled. */
const DEFAULT_TRACES = 5;

export interface TraceChoice {
  /** Neuron indices within the population (--neurons); default the first 5 sampled. */
  neurons?: number[];
  /** Variables (--variables); default every sampled one. */
  variables?: string[];
}

export function tracePanels(input: PlotInput, choice: TraceChoice): Panel[] {
  const states = Object.entries(input.record.monitors ?? {}).filter((e): e is [string, StateRecord] => e[1].type === 'state');
  const recorded = new Set(states.flatMap(([, m]) => m.neurons));
  const missing = choice.neurons?.filter((n) => !recorded.has(n)) ?? [];
  if (missing.length > 0) fail('E_PARAM', '--neurons', `neuron ${missing.join(', ')} is not in any state monitor (they sample ${[...recorded].slice(0, 20).join(', ') || 'none'})`);
  const names = new Set(states.flatMap(([, m]) => Object.keys(m.values)));
  const unknown = choice.variables?.filter((v) => !names.has(v)) ?? [];
  if (unknown.length > 0) fail('E_PARAM', '--variables', `${unknown.join(', ')} is not sampled by any state monitor (they sample ${[...names].join(', ') || 'nothing'})`);
  return states.flatMap(([name, m]) => {
    const slots = m.neurons.flatMap((n, k) => (choice.neurons ? choice.neurons.includes(n) : k < DEFAULT_TRACES) ? [k] : []);
    if (slots.length === 0) return [];
    return Object.keys(m.values).filter((v) => choice.variables?.includes(v) ?? true).map((v) => tracePanel(input, name, m, v, slots));
  });
}

function tracePanel(input: PlotInput, name: string, m: StateRecord, variable: string, slots: number[]): Panel {
  const values = m.values[variable]!;
  const samples = m.times.flatMap((t, s) => (inWindow(input.window, t) ? [s] : []));
  const shownValues = samples.flatMap((s) => slots.map((k) => values[s * m.neurons.length + k]!)).filter(Number.isFinite);
  const lo = shownValues.reduce((a, b) => Math.min(a, b), Infinity);
  const hi = shownValues.reduce((a, b) => Math.max(a, b), -Infinity);
  const unit = displayUnit(m.units?.[variable], shownValues.length ? Math.max(Math.abs(lo), Math.abs(hi)) : 0);
  const time = timeAxis(input.window);
  return {
    kind: 'trace',
    height: 140,
    title: `${variable} of ${m.target} (state monitor ${JSON.stringify(name)})`,
    data: { monitor: name, variable },
    draw(frame) {
      const [ylo, yhi] = shownValues.length ? spread(lo * unit.factor, hi * unit.factor) : [0, 1];
      const valueAxis = { lo: ylo, hi: yhi, label: labelled(variable, unit) };
      const paths = slots.map((k, j) => {
        const points = samples.map((s) => [m.times[s]! * time.factor, values[s * m.neurons.length + k]! * unit.factor] as [number, number]);
        return element('path', { class: 'trace', 'data-neuron': m.neurons[k]!, fill: 'none', stroke: color(j), 'stroke-width': 1.2, d: line(frame, decimated(points, frame.width), xScale(frame, time), yScale(frame, valueAxis)) });
      });
      const legend = legendColumn(frame.left + frame.width + 8, frame.top + 10, slots.map((k, j) => ({ name: `neuron ${m.neurons[k]}`, color: color(j) })), 'line');
      return [...paths, ...drawAxes(frame, time, valueAxis), legend];
    },
  };
}

/** Path data through the points; a missing value (NaN) breaks the line. */
function line(frame: Frame, points: [number, number][], x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const [t, v] of points) {
    if (!Number.isFinite(v)) pen = false;
    else {
      d += `${pen ? 'L' : 'M'}${r2(x(t))} ${r2(Math.min(frame.top + frame.height, Math.max(frame.top, y(v))))}`;
      pen = true;
    }
  }
  return d;
}

/** At most four points per pixel column: its first, lowest, highest and last, in time order. */
function decimated(points: [number, number][], columns: number): [number, number][] {
  if (points.length <= 4 * columns) return points;
  const t0 = points[0]![0];
  const span = points[points.length - 1]![0] - t0 || 1;
  const out: [number, number][] = [];
  let column: [number, number][] = [];
  let at = 0;
  const flush = () => {
    if (column.length === 0) return;
    const finite = column.filter((p) => Number.isFinite(p[1]));
    const low = finite.reduce((a, p) => (p[1] < a[1] ? p : a), finite[0] ?? column[0]!);
    const high = finite.reduce((a, p) => (p[1] > a[1] ? p : a), finite[0] ?? column[0]!);
    out.push(...[...new Set([column[0]!, low, high, column[column.length - 1]!])].sort((a, b) => a[0] - b[0]));
    column = [];
  };
  for (const p of points) {
    const c = Math.min(columns - 1, Math.floor(((p[0] - t0) / span) * columns));
    if (c !== at) flush();
    at = c;
    column.push(p);
  }
  flush();
  return out;
}
