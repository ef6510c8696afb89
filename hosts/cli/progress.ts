// The progress line of `spikewasm run` on a terminal: model time, steps, real-time factor and
// time left, redrawn in place on stderr at most ten times a second and erased when done, so
// stdout keeps only the JSON summary. Written here rather than taken from a progress-bar
// package: it is one line of text, and the run needed no runtime dependency for it.
import { RealTimeMeter } from '../../ts/api/realtime.js';
import type { RunProgress } from './run-model.js';

export interface TextSink {
  write(text: string): unknown;
  columns?: number;
}

export class ProgressLine {
  private readonly meter = new RealTimeMeter(2);
  private last: RunProgress | null = null;
  private drawnAt = -Infinity;

  constructor(private readonly sink: TextSink, private readonly now: () => number = () => performance.now()) {}

  /** Takes a progress report; redraws when 100 ms have passed (and always at the end). */
  update(p: RunProgress): void {
    if (this.last) this.meter.add((p.step - this.last.step) * p.dt, p.wallSeconds - this.last.wallSeconds);
    this.last = p;
    const t = this.now();
    if (t - this.drawnAt < 100 && p.step < p.totalSteps) return;
    this.drawnAt = t;
    this.sink.write(`\r${this.render(p)}\x1b[K`);
  }

  /** Erases the line (once; later calls do nothing). */
  done(): void {
    if (this.last) this.sink.write('\r\x1b[K');
    this.last = null;
  }

  render(p: RunProgress): string {
    const rtf = this.meter.factor;
    const left = (p.totalSteps - p.step) * p.dt / rtf;
    const stats = [
      `${p.step * p.dt < 10 ? (p.step * p.dt).toFixed(3) : (p.step * p.dt).toFixed(1)}/${(p.totalSteps * p.dt).toPrecision(4)} s`,
      `${p.step}/${p.totalSteps} steps`,
      Number.isFinite(rtf) ? `${rtf >= 10 ? rtf.toFixed(0) : rtf.toFixed(2)}x real time` : '',
      Number.isFinite(left) ? `${seconds(left)} left` : '',
    ].filter(Boolean).join('  ');
    const width = Math.max(10, Math.min(40, (this.sink.columns ?? 80) - stats.length - 4));
    const full = p.totalSteps > 0 ? Math.round((p.step / p.totalSteps) * width) : width;
    return `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${stats}`;
  }
}

function seconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
