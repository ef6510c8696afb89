// The stretch of a run a figure shows (--from, --to), and its time axis in s or ms.
import { fail, shown } from '../../../ts/errors.js';
import type { Axis } from './axes.js';
import { displayUnit, labelled } from './display-unit.js';
import type { RunRecord } from '../run-record.js';

/** [from, to) in seconds; `dt` the run's step, which a window must span at least once. */
export interface TimeWindow {
  from: number;
  to: number;
  dt: number;
}

/** The window within the run; the whole run by default. */
export function timeWindow(record: RunRecord, from?: number, to?: number): TimeWindow {
  const end = record.summary.steps * record.dt;
  const w = { from: from ?? 0, to: to ?? end, dt: record.dt };
  if (!(end > 0)) fail('E_FORMAT', 'summary.steps', 'the run has no steps: there is nothing to plot');
  if (!(w.from >= 0 && w.from < end)) fail('E_PARAM', '--from', `must be a time in seconds within the run, [0, ${end}) (got ${shown(from)})`);
  if (!(w.to >= w.from + record.dt * (1 - 1e-9) && w.to <= end * (1 + 1e-9))) {
    fail('E_PARAM', '--to', `must be a time in seconds at least one step (${record.dt} s) after --from (${w.from}) and at most the run's end, ${end} (got ${shown(to)})`);
  }
  return w;
}

/**
 * Whether an event at time t (a step's start) lies in [from, to): a spike at exactly `to` belongs
 * to the next window, so adjacent windows never count it twice. Times are step * dt, so the
 * edges get a millionth of a step of slack against rounding.
 */
export const inWindow = (w: TimeWindow, t: number) => t >= w.from - w.dt * 1e-6 && t < w.to - w.dt * 1e-6;

/** The time axis: ms for windows under a second, s otherwise; `factor` turns seconds into its `unit`. */
export function timeAxis(w: TimeWindow): Axis & { factor: number; unit: string } {
  const shown = displayUnit('s', w.to - w.from >= 1 ? 1 : 1e-3);
  return { lo: w.from * shown.factor, hi: w.to * shown.factor, label: labelled('time', shown), factor: shown.factor, unit: shown.unit };
}
