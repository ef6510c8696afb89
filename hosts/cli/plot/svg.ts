// SVG text for the plot figure: elements as strings, no DOM, so it works on every host.

export function text(x: number, y: number, s: string, anchor: 'start' | 'middle' | 'end', attrs: Record<string, string | number> = {}): string {
  return `<text x="${r2(x)}" y="${r2(y)}" text-anchor="${anchor}"${attributes(attrs)}>${escape(s)}</text>`;
}

export function element(name: string, attrs: Record<string, string | number>): string {
  return `<${name}${attributes(attrs)}/>`;
}

/** A group around already written elements. */
export function group(attrs: Record<string, string | number>, children: string[]): string {
  return `<g${attributes(attrs)}>\n${children.join('\n')}\n</g>`;
}

function attributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs).map(([k, v]) => ` ${k}="${escape(String(v))}"`).join('');
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Pixel coordinates to two decimals: enough for print, and half the bytes of full floats. */
export const r2 = (v: number) => Math.round(v * 100) / 100;
/** A value in a label, to three significant digits. */
export const fmt = (v: number) => String(Number(v.toPrecision(3)));

/** '1 neuron', '2 neurons'. */
export const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Colours of populations and traces (matplotlib's tab10, which readers know). */
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
export const color = (k: number) => COLORS[k % COLORS.length]!;

/** The largest value (0 for none); Math.max(...xs) overflows the stack for millions of values. */
export function largest(xs: Iterable<number>): number {
  let m = 0;
  for (const x of xs) if (x > m) m = x;
  return m;
}
