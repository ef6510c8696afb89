// Panel frames with labelled ticks on both axes, at round values (1, 2 or 5 times a power of ten).
import { element, group, r2, text } from './svg.js';

/** Where a panel's plotting area lies on the page, in pixels. */
export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The range an axis shows, in the shown unit, and its label with that unit. */
export interface Axis {
  lo: number;
  hi: number;
  label: string;
  /** Whole numbers only (neurons, counts): no tick between two integers. */
  integer?: boolean;
}

/** Pixels between y tick labels at the least, and between x tick labels (which are wider). */
const Y_SPACING = 20;
const X_SPACING = 70;

/**
 * The step of round tick values within [lo, hi]: as many as fit one per `spacing` pixels of an
 * axis `pixels` long, and never fewer than 3 (2 on a whole-number axis spanning one unit).
 */
function tickStep(axis: Axis, pixels: number, spacing: number): number {
  const { lo, hi } = axis;
  // A range under a billionth of its values gets its ends alone (ever smaller steps would never end).
  if (!(hi - lo > 1e-9 * Math.max(Math.abs(lo), Math.abs(hi)))) return Math.max(hi - lo, Number.MIN_VALUE);
  const most = Math.max(3, Math.floor(pixels / spacing));
  const count = (step: number) => Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) + 1;
  let step = niceStep((hi - lo) / most);
  const least = axis.integer ? 1 : 0;
  while (count(step) < 3 && smallerNiceStep(step) >= least) step = smallerNiceStep(step);
  return Math.max(step, least);
}

function ticks(axis: Axis, pixels: number, spacing: number): number[] {
  const step = tickStep(axis, pixels, spacing);
  const out: number[] = [];
  for (let k = Math.ceil(axis.lo / step - 1e-9); k * step <= axis.hi + step * 1e-9; k++) out.push(k * step);
  return out;
}

/** The smallest of 1, 2 or 5 times a power of ten that is at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw * (1 - 1e-12))!;
}

/** The next round step below `step` (10 -> 5 -> 2 -> 1). */
function smallerNiceStep(step: number): number {
  const p = 10 ** Math.floor(Math.log10(step) + 1e-9);
  const m = Math.round(step / p);
  return m === 1 ? p / 2 : m === 2 ? p : 2 * p;
}

/** A tick label: as many decimals as the tick step needs, and no '-0'. */
function tickLabel(v: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const s = v.toFixed(Math.min(decimals, 12));
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** The top of a count or rate y axis `pixels` high: the next tick at or above the largest value, so the top is labelled. */
export function roundedUp(largest: number, pixels: number, integer = false): number {
  if (!(largest > 0)) return integer ? 2 : 1;
  const step = tickStep({ lo: 0, hi: Math.max(largest, integer ? 2 : 0), label: '', integer }, pixels, Y_SPACING);
  return Math.ceil(Math.max(largest, integer ? 2 : 0) / step - 1e-9) * step;
}

/**
 * An axis range for values from lo to hi that is never empty or too thin to tick: a flat
 * signal gets 5 % of its size (or 1) either side.
 */
export function spread(lo: number, hi: number): [number, number] {
  const size = Math.max(Math.abs(lo), Math.abs(hi));
  if (hi - lo > 1e-6 * size) return [lo, hi];
  const pad = size * 0.05 || 1;
  return [lo - pad, hi + pad];
}

export const xScale = (frame: Frame, axis: Axis) => (v: number) => frame.left + ((v - axis.lo) / (axis.hi - axis.lo)) * frame.width;
export const yScale = (frame: Frame, axis: Axis) => (v: number) => frame.top + frame.height - ((v - axis.lo) / (axis.hi - axis.lo)) * frame.height;

/** The frame, and each axis as a group of class "axis" holding its ticks, tick labels and label. */
export function drawAxes(frame: Frame, x: Axis, y: Axis): string[] {
  return [
    element('rect', { x: frame.left, y: frame.top, width: frame.width, height: frame.height, fill: 'none', stroke: 'black' }),
    xAxis(frame, x),
    yAxis(frame, y, 'left'),
  ];
}

function xAxis(frame: Frame, x: Axis): string {
  const bottom = frame.top + frame.height;
  const at = xScale(frame, x);
  const values = ticks(x, frame.width, X_SPACING);
  return group({ class: 'axis', 'data-axis': 'x' }, [
    ...values.flatMap((v) => [
      element('line', { x1: r2(at(v)), x2: r2(at(v)), y1: bottom, y2: bottom + 4, stroke: 'black' }),
      text(at(v), bottom + 15, tickLabel(v, stepOf(values)), 'middle', { class: 'tick-label' }),
    ]),
    text(frame.left + frame.width / 2, bottom + 30, x.label, 'middle', { class: 'axis-label' }),
  ]);
}

/** A y axis on the frame's left edge, or on its right (a colour bar's). */
export function yAxis(frame: Frame, y: Axis, side: 'left' | 'right'): string {
  const at = yScale(frame, y);
  const values = ticks(y, frame.height, Y_SPACING);
  const edge = side === 'left' ? frame.left : frame.left + frame.width;
  const out = side === 'left' ? -1 : 1;
  const labelX = side === 'left' ? 18 : edge + 50;
  const midY = frame.top + frame.height / 2;
  return group({ class: 'axis', 'data-axis': 'y' }, [
    ...values.flatMap((v) => [
      element('line', { x1: edge, x2: edge + 4 * out, y1: r2(at(v)), y2: r2(at(v)), stroke: 'black' }),
      text(edge + 6 * out, at(v) + 4, tickLabel(v, stepOf(values)), side === 'left' ? 'end' : 'start', { class: 'tick-label' }),
    ]),
    text(labelX, midY, y.label, 'middle', { class: 'axis-label', transform: `rotate(-90 ${r2(labelX)} ${r2(midY)})` }),
  ]);
}

const stepOf = (values: number[]) => (values.length > 1 ? values[1]! - values[0]! : 1);
