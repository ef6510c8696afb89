// The histogram of inter-spike intervals within the window, every neuron's pooled.
import { fail, shown } from '../../../ts/errors.js';
import { displayUnit, labelled } from './display-unit.js';
import { drawHistogram, histogram } from './histogram.js';
import type { Panel, PlotInput } from './panel.js';

/** Inter-spike intervals (s) of every neuron, from its consecutive spikes within the window. */
export function interSpikeIntervals(input: PlotInput): number[] {
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
  const longest = isis.reduce((a, b) => Math.max(a, b), input.record.dt);
  const unit = displayUnit('s', longest);
  return {
    kind: 'isi',
    height: 110,
    title: `inter-spike intervals: ${isis.length} from ${new Set(input.spikes.map((k) => input.record.spikes.neurons[k])).size} neurons`,
    draw(frame) {
      const x = { lo: 0, hi: longest * unit.factor, label: labelled('inter-spike interval', unit) };
      return drawHistogram(frame, histogram(isis.map((d) => d * unit.factor), bins, x), x, 'intervals', 'isi-bin', '#777');
    },
  };
}
