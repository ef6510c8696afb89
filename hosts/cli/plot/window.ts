// The stretch of a run a figure shows (--from, --to), and its time axis in s or ms.
import { fail, shown } from '../../../ts/errors.js';
import type { Axis } from './axes.js';
import { displayUnit, labelled } from './display-unit.js';
import type { RunRecord } from '../run-record.js';

export interface TimeWindow {
  from: number;
  to: number;
}

/** The window within the run; the whole run by default. */
export function timeWindow(record: RunRecord, from?: number, to?: number): TimeWindow {
  const end = record.summary.steps * record.dt;
  const w = { from: from ?? 0, to: to ?? end };
  if (!(w.from >= 0 && w.from < end)) fail('E_PARAM', '--from', `must be a time in seconds within the run, [0, ${end}) (got ${shown(from)})`);
  if (!(w.to > w.from && w.to <= end * (1 + 1e-9))) fail('E_PARAM', '--to', `must be a time in seconds after --from (${w.from}) and at most the run's end, ${end} (got ${shown(to)})`);
  return w;
}

export const inWindow = (w: TimeWindow, t: number) => t >= w.from && t <= w.to * (1 + 1e-12);

/** The time axis: ms for windows under a second, s otherwise; `factor` turns seconds into its `unit`. */
export function timeAxis(w: TimeWindow): Axis & { factor: number; unit: string } {
  const shown = displayUnit('s', w.to - w.from >= 1 ? 1 : 1e-3);
  return { lo: w.from * shown.factor, hi: w.to * shown.factor, label: labelled('time', shown), factor: shown.factor, unit: shown.unit };
}
