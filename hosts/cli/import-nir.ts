// spikewasm import: a NIR file to a model file that `spikewasm run` takes (docs/nir.md), with
// what the import chose and what the network will cost, said before anything is built.
import { readFile, writeFile } from 'node:fs/promises';
import { fail, shown, SpikewasmError } from '../../ts/errors.js';
import { importNIR, type NirImport, type NirImportOptions } from '../../ts/nir/import.js';
import { modelInfo } from './info.js';
import { formatInfo } from './format-info.js';

type Values = Record<string, string | boolean | undefined>;

export async function importNir(file: string, values: Values): Promise<number> {
  const { out } = values;
  if (typeof out !== 'string') return fail('E_PARAM', '--out', 'is required: the model file to write (e.g. --out model.json)');
  if (!out.endsWith('.json')) fail('E_PARAM', '--out', `must end in .json (got ${shown(out)})`);
  const options: Record<string, unknown> = {};
  if (values.preset !== undefined) options.preset = values.preset;
  if (values.dt !== undefined) options.dt = number('--dt', values.dt);
  if (values.spike !== undefined) options.spike = values.spike;
  if (values.reset !== undefined) options.reset = values.reset;
  if (values['reset-latency'] !== undefined) options.resetLatency = number('--reset-latency', values['reset-latency']);
  if (values.duration !== undefined) options.duration = number('--duration', values.duration);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return fail('E_FORMAT', file, `cannot read the NIR file: ${(e as Error).message}`);
  }
  let imported: NirImport;
  try {
    imported = importNIR(bytes, options as NirImportOptions, file);
  } catch (e) {
    // The API names its options; a command-line user typed flags.
    if (!(e instanceof SpikewasmError) || !e.path.startsWith('fromNIR.options')) throw e;
    const key = e.path.slice('fromNIR.options.'.length);
    const flag = key === '' ? '--preset' : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    return fail(e.code, flag, e.message.slice(e.path.length + 2).replace('give a preset', 'give --preset').replace('or each of them', 'or each of --dt, --spike, --reset, --reset-latency'));
  }
  try {
    await writeFile(out, `${JSON.stringify(imported.model)}\n`);
  } catch (e) {
    fail('E_PARAM', '--out', `cannot write ${shown(out)}: ${(e as Error).message}`);
  }
  const c = imported.conventions;
  const lines = [
    `${out}: NIR ${imported.version}, dt ${c.dt} s, inputs as ${c.spike === 'held' ? 'currents held for a step' : 'Diracs'}, reset ${c.reset === 'zero' ? 'to v_reset' : 'by subtraction'}${c.resetLatency === 1 ? ' one step late' : ''}`,
    ...imported.inputs.map((i) => `input ${shown(i.node)}: spike_source ${shown(i.population)} of shape [${i.shape.join(', ')}] (its spikeTimes are empty: fill them in)`),
    ...imported.outputs.map((o) => `output ${shown(o.node)}: ${o.record === 'spikes' ? 'spikes' : 'v'} of ${shown(o.population)}, monitor ${shown(o.monitor)}, ${o.latency === null ? 'reached from no input' : `${o.latency} steps after an input spike`}`),
    ...imported.warnings.map((w) => `warning: ${w}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n${formatInfo(out, modelInfo(imported.model))}`);
  return 0;
}

function number(flag: string, text: string | boolean): number {
  const x = typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
  return Number.isFinite(x) ? x : fail('E_PARAM', flag, `must be a number (got ${shown(text)})`);
}
