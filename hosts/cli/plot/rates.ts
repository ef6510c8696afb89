// One rate panel per population: its spikes per neuron per second in bins wide enough to hold
// about 20 spikes each, so a single neuron's rate reads as a rate and not as a comb of 0s and
// 1/dt (at least 10 and at most 200 bins across the window; --bin sets the width instead).
import { drawAxes, roundedUp, xScale, yScale } from './axes.js';
import { fail, shown } from '../../../ts/errors.js';
import type { Panel, PlotInput } from './panel.js';
import { color, counted, element, fmt, largest, r2 } from './svg.js';
import { timeAxis, type TimeWindow } from './window.js';

/** The bin width in steps: --bin if given, else a round width (1, 2 or 5 times a power of ten seconds), at most a tenth of the window. */
function binSteps(window: TimeWindow, dt: number, spikes: number, maxBins: number, bin?: number): number {
  if (bin !== undefined) {
    if (!(bin > 0) || !Number.isFinite(bin)) fail('E_PARAM', '--bin', `must be a time in seconds > 0 (got ${shown(bin)})`);
    if (bin < dt * (1 - 1e-9)) fail('E_PARAM', '--bin', `must be at least one step (${dt} s); got ${bin}`);
    const steps = Math.round(bin / dt);
    const bins = Math.ceil(Math.round((window.to - window.from) / dt) / steps);
    if (bins > maxBins) fail('E_PARAM', '--bin', `${bin} s makes ${bins} bins across the window, more than its ${maxBins} pixels; at least ${fmt(((window.to - window.from) / maxBins))} s`);
    return steps;
  }
  const span = window.to - window.from;
  const wanted = Math.max(span / 200, (20 * span) / Math.max(spikes, 1));
  const p = 10 ** Math.floor(Math.log10(wanted));
  const rounded = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= wanted * (1 - 1e-9))!;
  const round = Math.min(rounded, span / 10);
  return Math.max(1, Math.round(round / dt));
}

/** `maxBins`: the plot's width in pixels, one bin each at the most. */
export function ratePanel(input: PlotInput, population: number, maxBins: number, bin?: number): Panel {
  const { record, window } = input;
  const p = record.spikes.populations[population]!;
  const { dt } = record;
  const times = input.spikes.filter((k) => record.spikes.neurons[k]! >= p.firstIndex && record.spikes.neurons[k]! < p.firstIndex + p.size).map((k) => record.spikes.times[k]!);
  const steps = binSteps(window, dt, times.length, maxBins, bin);
  const first = Math.round(window.from / dt);
  const last = Math.round(window.to / dt);
  const counts = new Int32Array(Math.max(1, Math.ceil((last - first) / steps)));
  for (const t of times) counts[Math.min(counts.length - 1, Math.floor((Math.round(t / dt) - first) / steps))]!++;
  const widthOf = (b: number) => Math.max(1, Math.min(steps, last - first - b * steps)) * dt;
  const rates = Array.from(counts, (c, b) => c / (Math.max(p.size, 1) * widthOf(b)));
  const mean = times.length / (Math.max(p.size, 1) * (window.to - window.from));
  const time = timeAxis(window);
  return {
    kind: 'rate',
    height: 90,
    title: `${p.name}: ${counted(p.size, 'neuron')}, mean ${fmt(mean)} Hz, bins of ${fmt(steps * dt * time.factor)} ${time.unit}`,
    data: { population: p.name },
    draw(frame) {
      const rateAxis = { lo: 0, hi: roundedUp(largest(rates), frame.height), label: 'rate (Hz)' };
      const x = xScale(frame, time);
      const y = yScale(frame, rateAxis);
      const bars = Array.from(counts, (c, b) => {
        const t0 = (window.from + b * steps * dt) * time.factor;
        const t1 = (window.from + b * steps * dt + widthOf(b)) * time.factor;
        return element('rect', { class: 'rate-bin', 'data-count': c, x: r2(x(t0)), y: r2(y(rates[b]!)), width: r2(x(t1) - x(t0)), height: r2(y(0) - y(rates[b]!)), fill: color(population) });
      });
      return [...bars, ...drawAxes(frame, time, rateAxis)];
    },
  };
}
