// A run's results for Python: NumPy's .npz (numpy.load) and HDF5 (h5py, pandas), the same arrays
// under the same names (docs/guide.md#results-in-python). Neuron indices are called `neurons`
// everywhere, and are within their population.
import { writeHdf5, type H5Group } from '../../ts/io/hdf5-writer.js';
import { writeNpz, type NpyArray } from '../../ts/io/npz.js';
import { fail, shown } from '../../ts/errors.js';
import type { RateData, SpikeData, StateData, WeightData } from '../../ts/api/monitors.js';
import type { SynapseTable } from '../../ts/api/handles.js';
import { collect } from './records.js';
import type { ModelRun } from './run-model.js';

/**
 * Every array of the run, by path: `dt`, `summary` (JSON text), `populations/names|sizes`,
 * `spikes/times|population|neurons` (every spike), and `monitors/<name>/...` by type: spikes
 * (times, neurons), state (times, neurons, one [samples, neurons] array per variable), rate
 * (times, rates, counts), weights (pre, post, weight, delay; sample_times, sample_synapses and
 * samples [samples, synapses] when it samples, and sample_delays alike when the delays learn).
 */
export async function resultArrays(run: ModelRun): Promise<Map<string, NpyArray>> {
  const built = await run.network.build();
  const raster = run.network.raster();
  const starts = built.layout.populations.map((p) => p.globalStart);
  const populationOf = (g: number) => starts.findLastIndex((s) => s <= g);
  const out = new Map<string, NpyArray>();
  const f64 = (values: ArrayLike<number>, shape = [values.length]): NpyArray => ({ dtype: 'f64', shape, values });
  const i64 = (values: ArrayLike<number>): NpyArray => ({ dtype: 'i64', shape: [values.length], values });
  const text = (value: string): NpyArray => ({ dtype: 'string', shape: [], values: [value] });
  out.set('dt', f64([built.dt], []));
  out.set('summary', text(JSON.stringify(run.summary)));
  out.set('populations/names', { dtype: 'string', shape: [built.populations.length], values: built.populations.map((p) => p.name) });
  out.set('populations/sizes', i64(built.populations.map((p) => p.size)));
  const population = Array.from(raster.neurons, populationOf);
  out.set('spikes/times', f64(Array.from(raster.steps, (s) => s * built.dt)));
  out.set('spikes/population', i64(population));
  out.set('spikes/neurons', i64(Array.from(raster.neurons, (g, k) => g - starts[population[k]!]!)));
  for (const r of await collect(run)) {
    if (r.name.includes('/') || r.name === '') fail('E_PARAM', `monitor ${shown(r.name)}`, 'a name with "/" cannot name a group of .npz or .h5 results');
    const at = (key: string) => `monitors/${r.name}/${key}`;
    out.set(at('type'), text(r.type));
    out.set(at('target'), text(r.target));
    if (r.type === 'spikes') {
      const d = r.data as SpikeData;
      out.set(at('times'), f64(d.times));
      out.set(at('neurons'), i64(d.neurons));
    } else if (r.type === 'state') {
      const d = r.data as StateData;
      out.set(at('times'), f64(d.times));
      out.set(at('neurons'), i64(d.neurons));
      for (const [name, values] of Object.entries(d.values)) out.set(at(name), f64(values, [d.times.length, d.neurons.length]));
    } else if (r.type === 'rate') {
      const d = r.data as RateData;
      out.set(at('times'), f64(d.times));
      out.set(at('rates'), f64(d.rates));
      out.set(at('counts'), i64(d.counts));
    } else {
      const d = r.data as SynapseTable & { samples?: WeightData };
      out.set(at('pre'), i64(d.pre));
      out.set(at('post'), i64(d.post));
      out.set(at('weight'), f64(d.weight));
      out.set(at('delay'), f64(d.delay));
      if (d.samples) {
        out.set(at('sample_times'), f64(d.samples.times));
        out.set(at('sample_synapses'), i64(d.samples.synapses));
        out.set(at('samples'), f64(d.samples.weights, [d.samples.times.length, d.samples.synapses.length]));
        if (d.samples.delays) out.set(at('sample_delays'), f64(d.samples.delays, [d.samples.times.length, d.samples.synapses.length]));
      }
    }
  }
  return out;
}

/** The arrays as an .npz (flat names) or an HDF5 file (the names' parts as groups). */
export async function pythonResults(run: ModelRun, path: string): Promise<Uint8Array> {
  const arrays = await resultArrays(run);
  if (path.endsWith('.npz')) return writeNpz(arrays);
  const root = new Map<string, H5Group | NpyArray>();
  for (const [name, array] of arrays) {
    const parts = name.split('/');
    let group = root;
    for (const part of parts.slice(0, -1)) group = (group.get(part) ?? group.set(part, new Map()).get(part)) as Map<string, H5Group | NpyArray>;
    group.set(parts.at(-1)!, array);
  }
  return writeHdf5(root);
}
