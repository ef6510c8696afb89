// spikewasm export --to nir: a model file's network, built (its random synapses drawn), as a NIR
// file (docs/nir.md#export), and the conventions that import it back.
import { readFile, writeFile } from 'node:fs/promises';
import { fail, shown } from '../../ts/errors.js';
import { parseModel } from '../../ts/io/model-file.js';
import { createSimulator } from '../node.js';

type Values = Record<string, string | boolean | undefined>;

export async function exportModel(file: string, values: Values): Promise<number> {
  const { out, to } = values;
  if (to !== 'nir') return fail('E_PARAM', '--to', `must be nir, the one format export writes (got ${shown(to)})`);
  if (typeof out !== 'string') return fail('E_PARAM', '--out', 'is required: the .nir file to write (e.g. --out model.nir)');
  if (!out.endsWith('.nir')) fail('E_PARAM', '--out', `must end in .nir (got ${shown(out)})`);
  const outputs = typeof values.outputs === 'string' ? values.outputs.split(',').map((s) => s.trim()) : undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return fail('E_FORMAT', file, `cannot read the model file: ${(e as Error).message}`);
  }
  const net = (await createSimulator()).load(parseModel(text));
  const { bytes, conventions: c } = await net.toNIR(outputs ? { outputs } : {});
  try {
    await writeFile(out, bytes);
  } catch (e) {
    fail('E_PARAM', '--out', `cannot write ${shown(out)}: ${(e as Error).message}`);
  }
  process.stdout.write(`${out}: ${bytes.length} bytes; import it back with --dt ${c.dt} --spike ${c.spike} --reset ${c.reset} --reset-latency ${c.resetLatency}\n`);
  return 0;
}
