// spikewasm export --to pynn: the network as a standalone PyNN script and, beside it, the data
// file with every synapse and initial value (docs/scale-out.md).
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fail, shown } from '../../ts/errors.js';
import type { Network } from '../../ts/api/network.js';
import { PYNN_BACKENDS, PYNN_CONNECTORS, type PynnExportOptions } from '../../ts/pynn/export.js';

type Values = Record<string, string | boolean | undefined>;

export async function exportPynn(net: Network, out: string, values: Values, source: string): Promise<number> {
  if (!out.endsWith('.py')) fail('E_PARAM', '--out', `must end in .py (got ${shown(out)})`);
  if (values.outputs !== undefined) fail('E_PARAM', '--outputs', 'is for --to nir');
  const stem = basename(out, '.py');
  const dataFile = `${stem}-data.npz`;
  const backend = typeof values.backend === 'string' ? values.backend : 'neuron';
  if (!PYNN_BACKENDS.includes(backend)) fail('E_PARAM', '--backend', `must be ${PYNN_BACKENDS.join(', ')} (got ${shown(backend)})`);
  const connectors = typeof values.connectors === 'string' ? values.connectors : 'exact';
  if (!PYNN_CONNECTORS.includes(connectors)) fail('E_PARAM', '--connectors', `must be ${PYNN_CONNECTORS.join(' or ')} (got ${shown(connectors)})`);
  const { script, data, synapses } = await net.toPyNN({ scriptFile: basename(out), dataFile, spikesFile: `${stem}-spikes.json`, backend, connectors: connectors as PynnExportOptions['connectors'], source: basename(source) });
  try {
    await writeFile(out, script);
    await writeFile(join(dirname(out), dataFile), data);
  } catch (e) {
    fail('E_PARAM', '--out', `cannot write ${shown(out)}: ${(e as Error).message}`);
  }
  const total = Object.values(synapses).reduce((s, n) => s + n, 0);
  const drawn = connectors === 'exact' ? `${total} synapses` : `PyNN's connectors draw the synapses (spikewasm drew ${total})`;
  process.stdout.write(`${out} and ${dataFile}: ${drawn} in ${Object.keys(synapses).length} projections; run it with mpirun -np 2 python3 ${basename(out)} (pyNN.${backend})\n`);
  return 0;
}
