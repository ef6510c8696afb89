// The run record: what `spikewasm run --out file.json` writes (hosts/cli/records.ts), as far as a
// reader such as `spikewasm plot` needs it, and the check that a parsed file is one.
import { fail, shown } from '../../ts/errors.js';

/** What `spikewasm run --out file.json` writes. */
export interface RunRecord {
  summary: { steps: number };
  dt: number;
  spikes: {
    populations: { name: string; size: number; firstIndex: number }[];
    /** Spike times in seconds, in step order. */
    times: number[];
    /** Global neuron indices (firstIndex of the population + index within it). */
    neurons: number[];
  };
  /** Every monitor of the model file, by name (docs/model-format.md, "Running a file and its output"). */
  monitors?: Record<string, unknown>;
}

/** Checks that a parsed JSON file is a run record; names the first field that is not. */
export function checkRunRecord(data: unknown): RunRecord {
  const d = data as Partial<RunRecord> | null;
  const isNumbers = (x: unknown) => Array.isArray(x) && x.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (d === null || typeof d !== 'object') fail('E_FORMAT', '', 'a run record must be a JSON object (write one with spikewasm run --out file.json)');
  if (typeof d.dt !== 'number' || !(d.dt > 0)) fail('E_FORMAT', 'dt', `must be a time step > 0 (got ${shown(d.dt)}); write the file with spikewasm run --out file.json`);
  if (typeof d.summary?.steps !== 'number' || !(d.summary.steps >= 0)) fail('E_FORMAT', 'summary.steps', `must be a number of steps (got ${shown(d.summary?.steps)}); write the file with spikewasm run --out file.json`);
  const s = d.spikes;
  if (!s || !isNumbers(s.times) || !isNumbers(s.neurons) || s.times.length !== s.neurons.length) {
    fail('E_FORMAT', 'spikes', 'must hold equally long number arrays times and neurons');
  }
  if (!Array.isArray(s.populations) || s.populations.length === 0) fail('E_FORMAT', 'spikes.populations', 'must be a non-empty array');
  s.populations.forEach((p, k) => {
    if (typeof p?.name !== 'string' || !Number.isInteger(p.size) || !Number.isInteger(p.firstIndex)) {
      fail('E_FORMAT', `spikes.populations[${k}]`, `must be {name, size, firstIndex} (got ${shown(p)})`);
    }
  });
  const neurons = s.populations.reduce((m, p) => Math.max(m, p.firstIndex + p.size), 0);
  const last = d.summary!.steps * d.dt!;
  s.times.forEach((t, k) => (t < 0 || t > last * (1 + 1e-9)) && fail('E_FORMAT', `spikes.times[${k}]`, `must lie within the run, [0, ${last}] s (got ${t})`));
  s.neurons.forEach((n, k) => (!Number.isInteger(n) || n < 0 || n >= neurons) && fail('E_FORMAT', `spikes.neurons[${k}]`, `must be a neuron index in [0, ${neurons}) (got ${n})`));
  return d as RunRecord;
}
