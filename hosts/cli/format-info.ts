import type { ModelInfo } from './info.js';

/** `spikewasm info` for a person: sizes, then memory by kind, as aligned text. */
export function formatInfo(file: string, info: ModelInfo): string {
  const lines = [file];
  const duration = info.duration === null ? 'no duration' : `duration ${info.duration} s (${info.steps} steps)`;
  lines.push(`  dt ${info.dt} s, seed ${info.seed}, ${duration}`);
  lines.push(`  ${info.neurons} neurons in ${info.populations.length} population${info.populations.length === 1 ? '' : 's'}`);
  lines.push(...table(info.populations.map((p) => [p.name, p.model, String(p.size)])));
  lines.push(`  ${info.expectedSynapses} synapses expected in ${info.projections.length} projection${info.projections.length === 1 ? '' : 's'}`);
  lines.push(...table(info.projections.map((j) => [j.name, `${j.pre} -> ${j.post}`, j.rule, String(j.expectedSynapses)])));
  const m = info.memory;
  lines.push(info.fits
    ? `  memory: ${bytes(m.totalBytes)} (${m.totalBytes} bytes), allocated when the network is built`
    : `  memory: ${bytes(m.totalBytes)} (${m.totalBytes} bytes): too large, a 32-bit WebAssembly memory holds ${bytes(info.limitBytes)}`);
  lines.push(...table([
    ['neurons', bytes(m.neuronBytes)],
    ['synapses', bytes(m.synapseBytes)],
    ['records', bytes(m.recordBytes)],
    ['header', bytes(m.headerBytes)],
  ]));
  return lines.join('\n') + '\n';
}

function table(rows: string[][]): string[] {
  const widths = rows.reduce((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), [] as number[]);
  return rows.map((r) => `    ${r.map((c, i) => (i === r.length - 1 && /^[\d.]/.test(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')}`.trimEnd());
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}
