// Weight monitors: the histogram of a projection's final weights (Song et al. 2000's bimodal
// distribution is the figure people look for) and, when the monitor samples, the sampled
// synapses' weights over time.
import { drawAxes, spread, xScale, yScale } from './axes.js';
import { displayUnit, labelled } from './display-unit.js';
import { drawHistogram, histogram } from './histogram.js';
import { legendColumn } from './legend.js';
import type { Panel, PlotInput } from './panel.js';
import { color, counted, element, r2 } from './svg.js';
import { inWindow, timeAxis } from './window.js';
import type { WeightsRecord } from '../run-record.js';

const WEIGHT_BINS = 40;
/** Sampled synapses drawn over time; a legend names up to 10. */
const MAX_LINES = 20;
const MAX_NAMED = 10;

export function weightPanels(input: PlotInput): Panel[] {
  return Object.entries(input.record.monitors ?? {})
    .filter((e): e is [string, WeightsRecord] => e[1].type === 'weights')
    .flatMap(([name, m]) => [finalWeights(name, m), ...(m.samples && m.samples.times.length > 0 ? [weightsOverTime(input, name, m)] : [])]);
}

function finalWeights(name: string, m: WeightsRecord): Panel {
  const lo = m.weight.reduce((a, b) => Math.min(a, b), 0);
  const hi = m.weight.reduce((a, b) => Math.max(a, b), 0);
  const unit = displayUnit(m.units?.weight, Math.max(Math.abs(lo), Math.abs(hi)));
  const [xlo, xhi] = spread(lo * unit.factor, hi * unit.factor);
  return {
    kind: 'weights-histogram',
    height: 120,
    title: `final weights of ${m.target}: ${counted(m.weight.length, 'synapse')} (weights monitor ${JSON.stringify(name)})`,
    data: { monitor: name },
    draw(frame) {
      const x = { lo: xlo, hi: xhi, label: labelled('weight', unit) };
      return drawHistogram(frame, histogram(m.weight.map((w) => w * unit.factor), WEIGHT_BINS, x), x, 'synapses', 'weight-bin', '#2ca02c');
    },
  };
}

function weightsOverTime(input: PlotInput, name: string, m: WeightsRecord): Panel {
  const samples = m.samples!;
  const shownSamples = samples.times.flatMap((t, s) => (inWindow(input.window, t) ? [s] : []));
  const lines = samples.synapses.slice(0, MAX_LINES);
  const raw = shownSamples.flatMap((s) => lines.map((_, k) => samples.weights[s * samples.synapses.length + k]!));
  const unit = displayUnit(m.units?.weight, raw.reduce((a, b) => Math.max(a, Math.abs(b)), 0));
  const values = raw.map((w) => w * unit.factor);
  const time = timeAxis(input.window);
  return {
    kind: 'weights-time',
    height: 140,
    title: `weights of ${m.target} over time: ${lines.length} of ${samples.synapses.length} sampled synapses (weights monitor ${JSON.stringify(name)})`,
    data: { monitor: name },
    draw(frame) {
      const [lo, hi] = values.length ? spread(values.reduce((a, b) => Math.min(a, b)), values.reduce((a, b) => Math.max(a, b))) : [0, 1];
      const weightAxis = { lo, hi, label: labelled('weight', unit) };
      const x = xScale(frame, time);
      const y = yScale(frame, weightAxis);
      const paths = lines.map((synapse, k) => element('path', {
        class: 'weight-trace', 'data-synapse': synapse, fill: 'none', stroke: color(k), 'stroke-width': 1,
        d: shownSamples.map((s, j) => `${j ? 'L' : 'M'}${r2(x(samples.times[s]! * time.factor))} ${r2(y(samples.weights[s * samples.synapses.length + k]! * unit.factor))}`).join(''),
      }));
      const named = lines.slice(0, MAX_NAMED).map((s, k) => ({ name: `${m.pre[s]} → ${m.post[s]}`, color: color(k) }));
      return [...paths, ...drawAxes(frame, time, weightAxis), legendColumn(frame.left + frame.width + 8, frame.top + 10, named, 'line')];
    },
  };
}
