// Histogram bars over [lo, hi] for the ISI and weight panels; each bar's data-count is its count.
import { drawAxes, roundedUp, xScale, yScale, type Axis, type Frame } from './axes.js';
import { element, largest, r2 } from './svg.js';

/** Counts of `values` (in the axis's shown unit) in `bins` equal bins over the axis range. */
export function histogram(values: number[], bins: number, x: Axis): Int32Array {
  const counts = new Int32Array(bins);
  const width = (x.hi - x.lo) / bins;
  for (const v of values) counts[Math.max(0, Math.min(bins - 1, Math.floor((v - x.lo) / width)))]!++;
  return counts;
}

export function drawHistogram(frame: Frame, counts: Int32Array, x: Axis, yLabel: string, cls: string, fill: string): string[] {
  const countAxis = { lo: 0, hi: roundedUp(largest(counts), frame.height, true), label: yLabel, integer: true };
  const px = xScale(frame, x);
  const py = yScale(frame, countAxis);
  const width = (x.hi - x.lo) / counts.length;
  const bars = Array.from(counts, (c, b) => element('rect', {
    class: cls, 'data-count': c, x: r2(px(x.lo + b * width)), y: r2(py(c)), width: r2(px(x.lo + (b + 1) * width) - px(x.lo + b * width)), height: r2(py(0) - py(c)), fill, stroke: 'white', 'stroke-width': 0.5,
  }));
  return [...bars, ...drawAxes(frame, x, countAxis)];
}
