// spikewasm connectome: a C. elegans connectome table to a model file that `spikewasm run` takes
// (docs/connectome.md), and the counts it read, so a user sees what the table held.
import { readFile, writeFile } from 'node:fs/promises';
import { connectomeCounts, type Connectome } from '../../ts/connectome/connectome.js';
import { CONNECTOME_FORMATS, isConnectomeFormat, parseConnectome } from '../../ts/connectome/formats.js';
import { connectomeDescription, type ConnectomeNetwork } from '../../ts/connectome/model.js';
import type { TableFile } from '../../ts/connectome/table.js';
import { fail, shown } from '../../ts/errors.js';
import { checkNumber } from '../../ts/model/params.js';

type Values = Record<string, string | boolean | undefined>;

export async function connectome(file: string, values: Values): Promise<number> {
  const { out, format } = values;
  if (typeof out !== 'string') return fail('E_PARAM', '--out', 'is required: the model file to write (e.g. --out worm.json)');
  if (!out.endsWith('.json')) fail('E_PARAM', '--out', `must end in .json (got ${shown(out)})`);
  if (!isConnectomeFormat(format)) return fail('E_PARAM', '--format', `must be ${CONNECTOME_FORMATS.join(', ')} (got ${shown(format)})`);
  const muscleTable = values['muscle-table'];
  if (muscleTable !== undefined && format !== 'openworm') fail('E_PARAM', '--muscle-table', `is OpenWorm's second table: a ${format} table lists its neuromuscular synapses itself`);
  // Before reading the tables, so that a mistyped conductance does not wait for them.
  const gGap = conductance('--g-gap', values['g-gap']);
  const gSyn = conductance('--g-syn', values['g-syn']);
  const table = await readTable(file);
  const loaded = parseConnectome(format, table, typeof muscleTable === 'string' ? await readTable(muscleTable) : undefined);
  const model = connectomeDescription(loaded, { muscles: values.muscles === true, gGap, gSyn });
  try {
    await writeFile(out, `${JSON.stringify(model)}\n`);
  } catch (e) {
    fail('E_PARAM', '--out', `cannot write ${shown(out)}: ${(e as Error).message}`);
  }
  process.stdout.write(report(out, loaded, model));
  return 0;
}

/** A conductance flag: siemens as a number ('1e-10') or a quantity ('0.1 nS'); undefined: the default. */
function conductance(flag: string, text: string | boolean | undefined): number | undefined {
  if (text === undefined) return undefined;
  const number = typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
  return checkNumber(flag, Number.isFinite(number) ? number : text, 'nonnegative', 'S');
}

async function readTable(name: string): Promise<TableFile> {
  try {
    return { name, text: await readFile(name, 'utf8') };
  } catch (e) {
    return fail('E_FORMAT', name, `cannot read the connectome table: ${(e as Error).message}`);
  }
}

/** What was read and what the model holds, one fact a line. */
function report(out: string, loaded: Connectome, model: ConnectomeNetwork): string {
  const c = connectomeCounts(loaded);
  const modelled = model.populations.some((p) => p.name === 'muscles') ? 'in the model' : 'not in the model: --muscles adds them';
  return [
    `${out}: ${c.neurons} neurons from ${loaded.source}`,
    `chemical synapses: ${c.chemicalConnections} connections, ${c.chemicalSynapses} synapses`,
    `gap junctions: ${c.gapJunctionPairs} pairs, ${c.gapJunctions} junctions`,
    `neuromuscular synapses: ${c.neuromuscularConnections} connections, ${c.neuromuscularSynapses} synapses onto ${c.muscles} muscles (${modelled})`,
    ...loaded.skipped.map((s) => `left out: ${s.rows} rows, ${s.reason}`),
    `projections: ${(model.projections ?? []).map((p) => `${p.name} ${typeof p.rule === 'object' && p.rule.type === 'list' ? p.rule.pre.length : 0}`).join(', ')}`,
    `neurons by index: ${loaded.neurons.join(' ')}`,
    '',
  ].join('\n');
}
