// Weight monitors: the histogram of a projection's final weights (Song et al. 2000's bimodal
// distribution is the figure people look for) and, when the monitor samples, the sampled
// synapses' weights over time; for delays that learn (sampled with the weights) the same two
// panels of the delays.
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

/** The quantity a panel shows: weights, or delays that learn (sampled only then, in seconds). */
interface Quantity {
  key: 'weight' | 'delay';
  unit: string | undefined;
  final: number[];
  samples: number[];
  color: string;
}

export function weightPanels(input: PlotInput): Panel[] {
  return Object.entries(input.record.monitors ?? {})
    .filter((e): e is [string, WeightsRecord] => e[1].type === 'weights')
    .flatMap(([name, m]) => {
      const weights: Quantity = { key: 'weight', unit: m.units?.weight, final: m.weight, samples: m.samples?.weights ?? [], color: '#2ca02c' };
      // A CSV holds no sample rows for a monitor without synapses, where the JSON holds its times.
      const sampled = m.samples !== undefined && m.samples.times.length > 0 && m.samples.synapses.length > 0;
      const panels = [finalValues(name, m, weights), ...(sampled ? [overTime(input, name, m, weights)] : [])];
      if (!sampled || !m.samples!.delays) return panels;
      const delays: Quantity = { key: 'delay', unit: 's', final: m.delay, samples: m.samples!.delays, color: '#9467bd' };
      return [...panels, finalValues(name, m, delays), overTime(input, name, m, delays)];
    });
}

function finalValues(name: string, m: WeightsRecord, q: Quantity): Panel {
  const lo = q.final.reduce((a, b) => Math.min(a, b), 0);
  const hi = q.final.reduce((a, b) => Math.max(a, b), 0);
  const unit = displayUnit(q.unit, Math.max(Math.abs(lo), Math.abs(hi)));
  const [xlo, xhi] = spread(lo * unit.factor, hi * unit.factor);
  return {
    kind: `${q.key}s-histogram`,
    height: 120,
    title: `final ${q.key}s of ${m.target}: ${counted(q.final.length, 'synapse')} (weights monitor ${JSON.stringify(name)})`,
    data: { monitor: name },
    draw(frame) {
      const x = { lo: xlo, hi: xhi, label: labelled(q.key, unit) };
      return drawHistogram(frame, histogram(q.final.map((w) => w * unit.factor), WEIGHT_BINS, x), x, 'synapses', `${q.key}-bin`, q.color);
    },
  };
}

function overTime(input: PlotInput, name: string, m: WeightsRecord, q: Quantity): Panel {
  const samples = m.samples!;
  const shownSamples = samples.times.flatMap((t, s) => (inWindow(input.window, t) ? [s] : []));
  const lines = samples.synapses.slice(0, MAX_LINES);
  const raw = shownSamples.flatMap((s) => lines.map((_, k) => q.samples[s * samples.synapses.length + k]!));
  const unit = displayUnit(q.unit, raw.reduce((a, b) => Math.max(a, Math.abs(b)), 0));
  const values = raw.map((w) => w * unit.factor);
  const time = timeAxis(input.window);
  return {
    kind: `${q.key}s-time`,
    height: 140,
    title: `${q.key}s of ${m.target} over time: ${lines.length} of ${samples.synapses.length} sampled synapses (weights monitor ${JSON.stringify(name)})`,
    data: { monitor: name },
    draw(frame) {
      const [lo, hi] = values.length ? spread(values.reduce((a, b) => Math.min(a, b)), values.reduce((a, b) => Math.max(a, b))) : [0, 1];
      const axis = { lo, hi, label: labelled(q.key, unit) };
      const x = xScale(frame, time);
      const y = yScale(frame, axis);
      const paths = lines.map((synapse, k) => element('path', {
        class: `${q.key}-trace`, 'data-synapse': synapse, fill: 'none', stroke: color(k), 'stroke-width': 1,
        d: shownSamples.map((s, j) => `${j ? 'L' : 'M'}${r2(x(samples.times[s]! * time.factor))} ${r2(y(q.samples[s * samples.synapses.length + k]! * unit.factor))}`).join(''),
      }));
      const named = lines.slice(0, MAX_NAMED).map((s, k) => ({ name: `${m.pre[s]} → ${m.post[s]}`, color: color(k) }));
      return [...paths, ...drawAxes(frame, time, axis), legendColumn(frame.left + frame.width + 8, frame.top + 10, named, 'line')];
    },
  };
}
