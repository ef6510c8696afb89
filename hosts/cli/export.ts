// spikewasm export: a model file's network, built (its random synapses drawn), written for another
// tool: --to nir (hosts/cli/export-nir.ts) or --to pynn (hosts/cli/export-pynn.ts).
import { readFile } from 'node:fs/promises';
import { fail, shown } from '../../ts/errors.js';
import { parseModel } from '../../ts/io/model-file.js';
import { createSimulator } from '../node.js';
import { exportNir } from './export-nir.js';
import { exportPynn } from './export-pynn.js';

type Values = Record<string, string | boolean | undefined>;

const WRITERS = { nir: exportNir, pynn: exportPynn };

export async function exportModel(file: string, values: Values): Promise<number> {
  const { to } = values;
  if (to !== 'nir' && to !== 'pynn') return fail('E_PARAM', '--to', `must be nir or pynn (got ${shown(to)})`);
  if (typeof values.out !== 'string') return fail('E_PARAM', '--out', `is required: the ${to === 'nir' ? '.nir file (e.g. --out model.nir)' : 'PyNN script (e.g. --out model.py)'} to write`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return fail('E_FORMAT', file, `cannot read the model file: ${(e as Error).message}`);
  }
  const net = (await createSimulator()).load(parseModel(text));
  return WRITERS[to](net, values.out, values, file);
}
