// The histogram of inter-spike intervals within the window, every neuron's pooled. A few long
// intervals (a neuron silent for most of the run) would squeeze the rest into the first bars:
// of 100 or more intervals, the axis ends at the 99th percentile when the longest is more than
// three times that (rarer than one in a million for a Poisson neuron's), and the title counts
// the intervals left out.
import { fail, shown } from '../../../ts/errors.js';
import { displayUnit, labelled } from './display-unit.js';
import { drawHistogram, histogram } from './histogram.js';
import type { Panel, PlotInput } from './panel.js';
import { counted, fmt } from './svg.js';

/** Inter-spike intervals (s) of every neuron, from its consecutive spikes within the window. */
function interSpikeIntervals(input: PlotInput): number[] {
  const { times, neurons } = input.record.spikes;
  const last = new Map<number, number>();
  const isis: number[] = [];
  for (const k of input.spikes) {
    const before = last.get(neurons[k]!);
    if (before !== undefined) isis.push(times[k]! - before);
    last.set(neurons[k]!, times[k]!);
  }
  return isis;
}

export function isiPanel(input: PlotInput, bins: number, maxBins: number): Panel {
  if (!Number.isInteger(bins) || bins < 1 || bins > maxBins) fail('E_PARAM', '--isi-bins', `must be a whole number from 1 to ${maxBins} (got ${shown(bins)})`);
  const isis = interSpikeIntervals(input);
  const sorted = Float64Array.from(isis).sort();
  const longest = Math.max(sorted[sorted.length - 1] ?? 0, input.record.dt);
  const p99 = sorted[Math.floor(0.99 * (sorted.length - 1))] ?? 0;
  const end = sorted.length >= 100 && longest > 3 * p99 && p99 > 0 ? p99 : longest;
  const shownIsis = isis.filter((d) => d <= end);
  const unit = displayUnit('s', end);
  const beyond = isis.length - shownIsis.length;
  return {
    kind: 'isi',
    height: 110,
    title: `inter-spike intervals: ${isis.length} from ${counted(new Set(input.spikes.map((k) => input.record.spikes.neurons[k])).size, 'neuron')}${beyond > 0 ? `; ${beyond} longer than ${fmt(end * unit.factor)} ${unit.unit} (up to ${fmt(longest * unit.factor)} ${unit.unit}) not shown` : ''}`,
    draw(frame) {
      const x = { lo: 0, hi: end * unit.factor, label: labelled('inter-spike interval', unit) };
      return drawHistogram(frame, histogram(shownIsis.map((d) => d * unit.factor), bins, x), x, 'intervals', 'isi-bin', '#777');
    },
  };
}
