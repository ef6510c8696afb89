import { fail } from '../../ts/errors.js';
import type { RateData, SpikeData, StateData, WeightData } from '../../ts/api/monitors.js';
import type { SynapseTable } from '../../ts/api/handles.js';
import type { ModelRun } from './run-model.js';
import type { RecordedMonitor, RunRecord } from './run-record.js';

export interface MonitorRecord {
  name: string;
  type: 'spikes' | 'state' | 'rate' | 'weights';
  target: string;
  /** weights: the final table, plus the samples when the monitor has `every`. */
  data: SpikeData | StateData | RateData | (SynapseTable & { samples?: WeightData });
  /** The unit of each sampled variable whose model declares one ('V'), or of the weights, for readers that label axes. */
  units?: Record<string, string>;
}

export async function collect(run: ModelRun): Promise<MonitorRecord[]> {
  const { network, description } = run;
  const built = await network.build();
  const popName = (p: number) => built.populations[p]!.name;
  return Promise.all(
    (description.monitors ?? []).map(async (m, k): Promise<MonitorRecord> => {
      const resolved = built.monitors[k]!;
      const name = resolved.name;
      if (resolved.type === 'weights') {
        const table = await network.readSynapses(resolved.projection);
        const samples = resolved.every > 0 ? { samples: network.monitorData(k) as WeightData } : {};
        const j = built.projections[resolved.projection]!;
        const unit = j.weightUnit !== null && j.weightUnit !== '1' ? { units: { weight: j.weightUnit } } : {};
        return { name, type: 'weights', target: j.name, data: { ...table, ...samples }, ...unit };
      }
      const data = network.monitorData(k) as MonitorRecord['data'];
      const record: MonitorRecord = { name, type: m.type, target: popName(resolved.population), data };
      if (m.type !== 'state') return record;
      const declared = built.populations[resolved.population]!.model.stateVars.filter((v) => (v.unit ?? v.paperUnit) !== undefined && v.name in (data as StateData).values);
      return { ...record, units: Object.fromEntries(declared.map((v) => [v.name, (v.unit ?? v.paperUnit)!])) };
    }),
  );
}

/**
 * The run's spikes and every monitor of the model file, as JSON or CSV (chosen by the file
 * extension). CSV is one long table: record, type, time, target, neuron, post, variable, value;
 * record "run" holds dt, the steps and each population's size, record "raster" every spike of
 * the run, the other records are the monitors by name (each first as a row of type "monitor"
 * with its target and its type in `variable`; then rows of type "unit" give the unit of a state
 * variable, or of the weights, in `target`, keeping `value` a column of numbers).
 */
export async function writeRecords(run: ModelRun, path: string): Promise<string> {
  const built = await run.network.build();
  const raster = run.network.raster();
  const records = await collect(run);
  const dt = built.dt;
  if (path.endsWith('.json')) {
    return JSON.stringify({
      summary: run.summary,
      dt,
      spikes: {
        populations: built.populations.map((p, k) => ({ name: p.name, size: p.size, firstIndex: built.layout.populations[k]!.globalStart })),
        times: Array.from(raster.steps, (s) => s * dt),
        neurons: Array.from(raster.neurons),
      },
      monitors: Object.fromEntries(records.map((r) => [r.name, { type: r.type, target: r.target, ...plain(r.data), ...(r.units ? { units: r.units } : {}) } as RecordedMonitor])),
    } satisfies RunRecord); // what plot and other readers expect (hosts/cli/run-record.ts)
  }
  if (!path.endsWith('.csv')) fail('E_PARAM', '--out', `must end in .json or .csv (got ${JSON.stringify(path)})`);
  const lines = ['record,type,time,target,neuron,post,variable,value'];
  // What a reader needs to place the spikes (hosts/cli/csv-record.ts): the step, the run's length, each population's size.
  lines.push(row('run', 'run', '', '', '', '', 'dt', dt), row('run', 'run', '', '', '', '', 'steps', run.summary.steps));
  for (const p of built.populations) lines.push(row('run', 'population', '', p.name, '', '', 'size', p.size));
  const popOf = (g: number) => built.layout.populations.findLastIndex((p) => p.globalStart <= g);
  for (let k = 0; k < raster.steps.length; k++) {
    const g = raster.neurons[k]!;
    const p = popOf(g);
    lines.push(row('raster', 'spikes', time(raster.steps[k]! * dt), built.populations[p]!.name, g - built.layout.populations[p]!.globalStart));
  }
  for (const r of records) {
    // Every monitor declared, so one that recorded nothing (no synapses, no samples) is still read back.
    lines.push(row(r.name, 'monitor', '', r.target, '', '', r.type, ''));
    for (const [v, unit] of Object.entries(r.units ?? {})) lines.push(row(r.name, 'unit', '', unit, '', '', v, ''));
    if (r.type === 'spikes') {
      const d = r.data as SpikeData;
      d.times.forEach((t, k) => lines.push(row(r.name, 'spikes', time(t), r.target, d.neurons[k])));
    } else if (r.type === 'state') {
      const d = r.data as StateData;
      d.times.forEach((t, s) => d.neurons.forEach((n, k) => {
        for (const [v, values] of Object.entries(d.values)) lines.push(row(r.name, 'state', time(t), r.target, n, '', v, values[s * d.neurons.length + k]));
      }));
    } else if (r.type === 'rate') {
      const d = r.data as RateData;
      d.times.forEach((t, b) => lines.push(row(r.name, 'rate', time(t), r.target, '', '', 'rate', d.rates[b])));
    } else {
      const d = r.data as SynapseTable & { samples?: WeightData };
      const t = run.network.time;
      d.samples?.times.forEach((ts, n) => d.samples!.synapses.forEach((s, k) => {
        const at = n * d.samples!.synapses.length + k;
        lines.push(row(r.name, 'weights', time(ts), r.target, d.pre[s], d.post[s], 'weight', d.samples!.weights[at]));
        if (d.samples!.delays) lines.push(row(r.name, 'weights', time(ts), r.target, d.pre[s], d.post[s], 'delay', d.samples!.delays[at]));
      }));
      d.pre.forEach((pre, k) => {
        lines.push(row(r.name, 'weights', time(t), r.target, pre, d.post[k], 'weight', d.weight[k]));
        lines.push(row(r.name, 'weights', time(t), r.target, pre, d.post[k], 'delay', d.delay[k]));
      });
    }
  }
  return lines.join('\n') + '\n';
}

/** One CSV row of 8 fields; a field with a comma, quote or line break is quoted (RFC 4180). */
function row(...fields: (string | number | undefined)[]): string {
  const cells = Array.from({ length: 8 }, (_, k) => String(fields[k] ?? ''));
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
}

/** A time for the CSV without float noise (step * dt printed to 12 significant digits). */
function time(t: number): number {
  return Number(t.toPrecision(12));
}

/** Typed arrays to plain arrays, for JSON. */
function plain(data: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (ArrayBuffer.isView(v)) out[k] = Array.from(v as unknown as ArrayLike<number>);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) out[k] = plain(v);
    else out[k] = v;
  }
  return out;
}
