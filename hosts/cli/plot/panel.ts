// What every part of the figure is: a titled panel of a given height, drawn into a frame that the
// figure (figure.ts) places below the one before.
import type { Frame } from './axes.js';
import type { TimeWindow } from './window.js';
import type { RunRecord } from '../run-record.js';

export interface Panel {
  /** Plotting-area height in pixels at the default figure size. */
  height: number;
  title: string;
  /** The elements, in a group of class "panel" that the figure adds with `kind`. */
  kind: string;
  /** Extra attributes of the panel's group (data-population, data-variable ...). */
  data?: Record<string, string>;
  draw(frame: Frame): string[];
}

/** What every panel reads: the record, the window shown, and the spikes within it. */
export interface PlotInput {
  record: RunRecord;
  window: TimeWindow;
  /** Indices into record.spikes of the spikes within the window, in time order. */
  spikes: number[];
  /** Total neurons of all populations. */
  neurons: number;
}
