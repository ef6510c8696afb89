// A legend: a colour swatch and a name per entry, stacked at the right of a panel or in a row.
import { element, group, text } from './svg.js';

export interface LegendEntry {
  name: string;
  color: string;
}

/** Entries one under another from (x, y); the swatch is a line for traces and a block otherwise. */
export function legendColumn(x: number, y: number, entries: LegendEntry[], swatch: 'line' | 'block'): string {
  return group({ class: 'legend' }, entries.flatMap((e, k) => [
    swatch === 'line'
      ? element('line', { x1: x, x2: x + 14, y1: y + k * 15 - 4, y2: y + k * 15 - 4, stroke: e.color, 'stroke-width': 2 })
      : element('rect', { x, y: y + k * 15 - 9, width: 10, height: 10, fill: e.color }),
    text(x + 18, y + k * 15, e.name, 'start', { class: 'legend-entry' }),
  ]));
}

/** Entries side by side from (x, y), each as wide as its name needs (about 6.5 px a character at 11 px). */
export function legendRow(x: number, y: number, entries: LegendEntry[]): string {
  let at = x;
  return group({ class: 'legend' }, entries.flatMap((e) => {
    const out = [element('rect', { x: at, y: y - 9, width: 10, height: 10, fill: e.color }), text(at + 14, y, e.name, 'start', { class: 'legend-entry' })];
    at += 30 + e.name.length * 6.5;
    return out;
  }));
}
