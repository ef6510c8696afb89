// The run record: what `spikewasm run --out file.json` writes (hosts/cli/records.ts), as far as a
// reader such as `spikewasm plot` needs it, and the check that a parsed file is one. Records are
// files users pass around, so every array a reader indexes is checked here.
import { fail, shown } from '../../ts/errors.js';

export interface StateRecord {
  type: 'state';
  target: string;
  times: number[];
  neurons: number[];
  /** values[variable][sample * neurons.length + k] for neuron neurons[k]. */
  values: Record<string, number[]>;
  /** The unit of each variable whose model declares one ('V'). */
  units?: Record<string, string>;
}

export interface WeightsRecord {
  type: 'weights';
  target: string;
  pre: number[];
  post: number[];
  weight: number[];
  delay: number[];
  /**
   * With the monitor's `every`: weights[sample * synapses.length + k] of synapse synapses[k], and
   * when the projection's delays learn, its delays (s, unrounded) laid out alike.
   */
  samples?: { times: number[]; synapses: number[]; weights: number[]; delays?: number[] };
  /** units.weight: the weights' unit ('S', 'A', 'V'), where the projection has one. */
  units?: { weight?: string };
}

/** A monitor as written; plot reads state and weights monitors, the rest it passes over. */
export type RecordedMonitor = StateRecord | WeightsRecord | { type: 'spikes' | 'rate'; target: string };

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
  monitors?: Record<string, RecordedMonitor>;
}

const HINT = 'write the file with spikewasm run --out file.json';
const isNumbers = (x: unknown): x is number[] => Array.isArray(x) && x.every((v) => typeof v === 'number' && Number.isFinite(v));
const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Checks that a parsed JSON file is a run record; names the first field that is not. */
export function checkRunRecord(data: unknown): RunRecord {
  const d = data as Partial<RunRecord> | null;
  if (!isObject(d)) fail('E_FORMAT', '', `a run record must be a JSON object (${HINT})`);
  if (typeof d.dt !== 'number' || !(d.dt > 0)) fail('E_FORMAT', 'dt', `must be a time step > 0 (got ${shown(d.dt)}); ${HINT}`);
  if (!Number.isSafeInteger(d.summary?.steps) || d.summary!.steps < 0) fail('E_FORMAT', 'summary.steps', `must be a whole number of steps (got ${shown(d.summary?.steps)}); ${HINT}`);
  if (!Number.isFinite(d.summary!.steps * d.dt)) fail('E_FORMAT', 'summary.steps', `times dt (${d.dt} s) must be a finite duration (got ${d.summary!.steps} steps)`);
  const s = d.spikes;
  if (!s || !isNumbers(s.times) || !isNumbers(s.neurons) || s.times.length !== s.neurons.length) {
    fail('E_FORMAT', 'spikes', 'must hold equally long number arrays times and neurons');
  }
  if (!Array.isArray(s.populations) || s.populations.length === 0) fail('E_FORMAT', 'spikes.populations', 'must be a non-empty array');
  s.populations.forEach((p, k) => {
    if (typeof p?.name !== 'string' || !Number.isInteger(p.size) || p.size < 0 || !Number.isInteger(p.firstIndex) || p.firstIndex < 0) {
      fail('E_FORMAT', `spikes.populations[${k}]`, `must be {name, size, firstIndex} (got ${shown(p)})`);
    }
  });
  const neurons = s.populations.reduce((m, p) => Math.max(m, p.firstIndex + p.size), 0);
  const last = d.summary!.steps * d.dt!;
  const inRun = (path: string, times: number[]) => times.forEach((t, k) => (t < 0 || t > last * (1 + 1e-9)) && fail('E_FORMAT', `${path}[${k}]`, `must lie within the run, [0, ${last}] s (got ${t})`));
  inRun('spikes.times', s.times);
  inOrder('spikes.times', s.times);
  s.neurons.forEach((n, k) => (!Number.isInteger(n) || n < 0 || n >= neurons) && fail('E_FORMAT', `spikes.neurons[${k}]`, `must be a neuron index in [0, ${neurons}) (got ${n})`));
  if (d.monitors !== undefined) {
    if (!isObject(d.monitors)) fail('E_FORMAT', 'monitors', `must be an object of monitors by name (got ${shown(d.monitors)})`);
    for (const [name, m] of Object.entries(d.monitors)) checkMonitor(`monitors[${JSON.stringify(name)}]`, m, inRun);
  }
  return d as RunRecord;
}

/** Spikes and samples come in time order; readers pair consecutive ones (intervals, lines). */
function inOrder(path: string, times: number[]): void {
  times.forEach((t, k) => k > 0 && t < times[k - 1]! && fail('E_FORMAT', `${path}[${k}]`, `must not come before the time before it (${t} after ${times[k - 1]})`));
}

function checkMonitor(path: string, m: unknown, inRun: (path: string, times: number[]) => void): void {
  if (!isObject(m) || !['spikes', 'state', 'rate', 'weights'].includes(m.type as string) || typeof m.target !== 'string') {
    fail('E_FORMAT', path, `must be a monitor {type: spikes, state, rate or weights; target; ...} (got ${shown(m)})`);
  }
  if (m.units !== undefined && (!isObject(m.units) || !Object.values(m.units).every((u) => typeof u === 'string'))) fail('E_FORMAT', `${path}.units`, 'must be an object of unit names by variable');
  const numbers = (key: string, x: unknown, length?: number) => {
    if (!isNumbers(x) || (length !== undefined && x.length !== length)) fail('E_FORMAT', `${path}.${key}`, `must be an array of ${length ?? 'some'} numbers`);
    return x;
  };
  if (m.type === 'state') {
    const times = numbers('times', m.times);
    inRun(`${path}.times`, times);
    inOrder(`${path}.times`, times);
    const neurons = numbers('neurons', m.neurons);
    if (!isObject(m.values)) fail('E_FORMAT', `${path}.values`, 'must be an object of sampled values by variable');
    for (const [v, values] of Object.entries(m.values)) numbers(`values.${v}`, values, times.length * neurons.length);
  } else if (m.type === 'weights') {
    const n = numbers('pre', m.pre).length;
    for (const key of ['post', 'weight', 'delay']) numbers(key, m[key], n);
    if (m.samples !== undefined) {
      const samples = m.samples as Record<string, unknown>;
      if (!isObject(samples)) fail('E_FORMAT', `${path}.samples`, 'must be {times, synapses, weights}');
      const times = numbers('samples.times', samples.times);
      inRun(`${path}.samples.times`, times);
      inOrder(`${path}.samples.times`, times);
      const synapses = numbers('samples.synapses', samples.synapses);
      synapses.forEach((s, k) => (!Number.isInteger(s) || s < 0 || s >= n) && fail('E_FORMAT', `${path}.samples.synapses[${k}]`, `must be a synapse index in [0, ${n}) (got ${s})`));
      numbers('samples.weights', samples.weights, times.length * synapses.length);
      if (samples.delays !== undefined) numbers('samples.delays', samples.delays, times.length * synapses.length);
    }
  }
}
