// A run record read back from the CSV that `spikewasm run --out file.csv` writes (records.ts),
// so `spikewasm plot` draws CSV runs too: record "run" gives dt, the steps and the population
// sizes, "raster" the spikes, and each monitor a row of type "monitor" and then its rows under its name.
import { fail } from '../../ts/errors.js';
import { checkRunRecord, type RecordedMonitor, type RunRecord, type StateRecord, type WeightsRecord } from './run-record.js';

const HEADER = 'record,type,time,target,neuron,post,variable,value';

interface Row {
  line: number;
  record: string;
  type: string;
  time: number;
  target: string;
  neuron: number;
  post: number;
  variable: string;
  value: number;
}

export function csvRunRecord(text: string, file: string): RunRecord {
  const lines = text.split(/\r?\n/);
  if (lines[0] !== HEADER) fail('E_FORMAT', file, `is not a spikewasm CSV: its first line must be ${HEADER} (write one with spikewasm run --out run.csv)`);
  const rows = lines.slice(1).flatMap((l, k) => (l === '' ? [] : [parseRow(l, k + 2, file)]));
  const setting = (name: string) => rows.find((r) => r.type === 'run' && r.variable === name)?.value;
  const dt = setting('dt');
  const steps = setting('steps');
  const sizes = rows.filter((r) => r.type === 'population');
  if (dt === undefined || steps === undefined || sizes.length === 0) {
    fail('E_FORMAT', file, 'has no "run" rows (dt, steps, population sizes), which CSV files written before this release lack: run the model again with --out run.csv, or write --out run.json');
  }
  const populations: RunRecord['spikes']['populations'] = [];
  for (const r of sizes) populations.push({ name: r.target, size: r.value, firstIndex: populations.reduce((n, p) => n + p.size, 0) });
  const byName = new Map(populations.map((p) => [p.name, p]));
  const times: number[] = [];
  const neurons: number[] = [];
  for (const r of rows.filter((r) => r.record === 'raster' && r.type === 'spikes')) {
    const p = byName.get(r.target);
    if (p === undefined) fail('E_FORMAT', `${file}:${r.line}`, `names population ${JSON.stringify(r.target)}, which no "run" row sizes`);
    if (!Number.isInteger(r.neuron) || r.neuron < 0 || r.neuron >= p.size) fail('E_FORMAT', `${file}:${r.line}`, `neuron must be an index within population ${JSON.stringify(p.name)}, [0, ${p.size}) (got ${r.neuron})`);
    times.push(r.time);
    neurons.push(p.firstIndex + r.neuron);
  }
  // The same checks as a JSON record: spikes within the run, in order, monitor shapes.
  return checkRunRecord({ summary: { steps }, dt, spikes: { populations, times, neurons }, monitors: monitorsOf(rows, file) });
}

/** Each declared monitor (a row of type "monitor") with the rows under its name; plot reads state and weights ones. */
function monitorsOf(rows: Row[], file: string): Record<string, RecordedMonitor> {
  const declared = new Map<string, { type: string; target: string; rows: Row[] }>();
  for (const r of rows.filter((r) => r.type === 'monitor')) {
    if (r.record === 'raster' || r.record === 'run' || declared.has(r.record)) fail('E_FORMAT', `${file}:${r.line}`, `declares a monitor named ${JSON.stringify(r.record)}, which is taken`);
    declared.set(r.record, { type: r.variable, target: r.target, rows: [] });
  }
  for (const r of rows.filter((r) => r.type === 'state' || r.type === 'weights' || r.type === 'unit')) {
    const m = declared.get(r.record);
    if (m === undefined || (r.type === 'unit' ? m.type === 'spikes' || m.type === 'rate' : r.type !== m.type)) {
      fail('E_FORMAT', `${file}:${r.line}`, `is a ${r.type} row of ${JSON.stringify(r.record)}, which no row of type "monitor" declares as a ${r.type === 'unit' ? 'state or weights' : r.type} monitor`);
    }
    m.rows.push(r);
  }
  return Object.fromEntries([...declared].map(([name, m]): [string, RecordedMonitor] => {
    if (m.type === 'state') return [name, stateOf(m.target, m.rows)];
    if (m.type === 'weights') return [name, weightsOf(m.target, m.rows)];
    return [name, { type: m.type as 'spikes', target: m.target }];
  }));
}

/** State rows come sample by sample, neuron by neuron, variable by variable, after the unit rows. */
function stateOf(target: string, all: Row[]): StateRecord {
  const units = Object.fromEntries(all.filter((r) => r.type === 'unit').map((r) => [r.variable, r.target]));
  const rows = all.filter((r) => r.type === 'state');
  const times = [...new Set(rows.map((r) => r.time))];
  const neurons = [...new Set(rows.map((r) => r.neuron))];
  const sample = new Map(times.map((t, k) => [t, k]));
  const slot = new Map(neurons.map((n, k) => [n, k]));
  const values = new Map<string, number[]>();
  for (const r of rows) {
    if (!values.has(r.variable)) values.set(r.variable, new Array<number>(times.length * neurons.length).fill(NaN));
    values.get(r.variable)![sample.get(r.time)! * neurons.length + slot.get(r.neuron)!] = r.value;
  }
  return { type: 'state', target, times, neurons, values: Object.fromEntries(values), ...(Object.keys(units).length > 0 ? { units } : {}) };
}

/**
 * The final table is the rows at the time of the last delay row (written last); rows at other
 * times are samples, matched by (pre, post): weight rows, and delay rows where delays learn.
 */
function weightsOf(target: string, all: Row[]): WeightsRecord {
  const unit = all.find((r) => r.type === 'unit' && r.variable === 'weight');
  const rows = all.filter((r) => r.type === 'weights');
  const delayRows = rows.filter((r) => r.variable === 'delay');
  const end = delayRows.length > 0 ? delayRows[delayRows.length - 1]!.time : Infinity;
  const final = rows.filter((r) => r.time === end && r.variable === 'weight');
  const index = new Map<string, number>();
  final.forEach((r, k) => index.has(`${r.neuron} ${r.post}`) || index.set(`${r.neuron} ${r.post}`, k));
  const sampled = rows.filter((r) => r.time !== end && r.variable === 'weight');
  const sampledDelays = rows.filter((r) => r.time !== end && r.variable === 'delay');
  const times = [...new Set(sampled.map((r) => r.time))];
  const synapses = sampled.filter((r) => r.time === times[0]).map((r) => index.get(`${r.neuron} ${r.post}`) ?? -1);
  const table: WeightsRecord = {
    type: 'weights', target, pre: final.map((r) => r.neuron), post: final.map((r) => r.post), weight: final.map((r) => r.value),
    delay: delayRows.filter((r) => r.time === end).map((r) => r.value),
    ...(unit ? { units: { weight: unit.target } } : {}),
  };
  if (times.length === 0) return table;
  return { ...table, samples: { times, synapses, weights: sampled.map((r) => r.value), ...(sampledDelays.length > 0 ? { delays: sampledDelays.map((r) => r.value) } : {}) } };
}

/** The fields each row type fills with numbers. */
const NUMBERS: Record<string, string[]> = {
  run: ['value'],
  population: ['value'],
  spikes: ['time', 'neuron'],
  state: ['time', 'neuron', 'value'],
  rate: ['time', 'value'],
  unit: [],
  monitor: [],
  weights: ['time', 'neuron', 'post', 'value'],
};

function parseRow(line: string, at: number, file: string): Row {
  const fields = [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,"]*)/g)].map((m) => m[1]!.replace(/^"([\s\S]*)"$/, '$1').replaceAll('""', '"'));
  if (fields.length !== 8) fail('E_FORMAT', `${file}:${at}`, `must have the 8 fields ${HEADER} (got ${fields.length})`);
  const [record, type, time, target, neuron, post, variable, value] = fields as [string, string, string, string, string, string, string, string];
  const needed = Object.hasOwn(NUMBERS, type) ? NUMBERS[type]! : fail('E_FORMAT', `${file}:${at}`, `type must be ${Object.keys(NUMBERS).join(', ')} (got ${JSON.stringify(type)})`);
  const given: Record<string, string> = { time, neuron, post, value };
  const num = (name: string) => {
    if (!needed.includes(name)) return 0;
    const x = given[name] === '' ? NaN : Number(given[name]);
    if (!Number.isFinite(x)) fail('E_FORMAT', `${file}:${at}`, `${name} must be a number (got ${JSON.stringify(given[name])})`);
    return x;
  };
  return { line: at, record, type, target, variable, time: num('time'), neuron: num('neuron'), post: num('post'), value: num('value') };
}
