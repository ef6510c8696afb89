// spikewasm export --to nir: the network as a NIR file (docs/nir.md#export), and the conventions
// that import it back.
import { writeFile } from 'node:fs/promises';
import { fail, shown } from '../../ts/errors.js';
import type { Network } from '../../ts/api/network.js';

type Values = Record<string, string | boolean | undefined>;

export async function exportNir(net: Network, out: string, values: Values): Promise<number> {
  if (!out.endsWith('.nir')) fail('E_PARAM', '--out', `must end in .nir (got ${shown(out)})`);
  for (const flag of ['backend', 'connectors']) if (values[flag] !== undefined) fail('E_PARAM', `--${flag}`, 'is for --to pynn');
  const outputs = typeof values.outputs === 'string' ? values.outputs.split(',').map((s) => s.trim()) : undefined;
  const { bytes, conventions: c } = await net.toNIR(outputs ? { outputs } : {});
  try {
    await writeFile(out, bytes);
  } catch (e) {
    fail('E_PARAM', '--out', `cannot write ${shown(out)}: ${(e as Error).message}`);
  }
  process.stdout.write(`${out}: ${bytes.length} bytes; import it back with --dt ${c.dt} --spike ${c.spike} --reset ${c.reset} --reset-latency ${c.resetLatency}\n`);
  return 0;
}
