// spikewasm connectome: the command's action as cli.ts calls it, on the tables in data/celegans.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectome } from '../../hosts/cli/connectome.js';
import { parseConnectome } from '../../ts/connectome/formats.js';
import { connectomeDescription } from '../../ts/connectome/model.js';
import { failureOf } from '../support/helpers.js';

const data = (name: string) => new URL(`../../data/celegans/${name}`, import.meta.url).pathname;
const OPENWORM = data('openworm_connectome_neurotransmitters.csv');
const MUSCLES = data('openworm_neurons_to_muscle.csv');
const WHITE = data('white1986_whole.csv');
const dir = mkdtempSync(join(tmpdir(), 'spikewasm-connectome-'));

/** Runs the command; returns what it printed. */
async function run(table: string, values: Record<string, string | boolean>): Promise<string> {
  const printed: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((text) => printed.push(String(text)) > 0);
  expect(await connectome(table, values)).toBe(0);
  return printed.join('');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('spikewasm connectome', () => {
  it('writes the model file the API makes and prints the counts', async () => {
    const out = join(dir, 'worm.json');
    const printed = await run(OPENWORM, { format: 'openworm', 'muscle-table': MUSCLES, muscles: true, 'g-gap': '0.1 nS', 'g-syn': '2e-10', out });
    const loaded = parseConnectome('openworm', { name: OPENWORM, text: readFileSync(OPENWORM, 'utf8') }, { name: MUSCLES, text: readFileSync(MUSCLES, 'utf8') });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(connectomeDescription(loaded, { muscles: true, gGap: '0.1 nS', gSyn: 2e-10 }));
    expect(printed).toContain(`${out}: 300 neurons from OpenWorm`);
    expect(printed).toContain('chemical synapses: 2279 connections, 6465 synapses\n');
    expect(printed).toContain('gap junctions: 552 pairs, 934 junctions\n');
    expect(printed).toContain('neuromuscular synapses: 564 connections, 1881 synapses onto 97 muscles (in the model)\n');
    expect(printed).toContain('left out: 5 rows, gap junction of a neuron with itself (carries no current)\n');
    expect(printed).toContain('projections: gap_junctions 552, chemical_excitatory 2079, chemical_inhibitory 200, neuromuscular_excitatory 438, neuromuscular_inhibitory 126\n');
    expect(printed).toContain(`neurons by index: ${loaded.neurons.join(' ')}\n`);
  });

  it('reads White et al. 1986 without muscles by default', async () => {
    const printed = await run(WHITE, { format: 'white1986', out: join(dir, 'white.json') });
    expect(printed).toContain('onto 3 muscles (not in the model: --muscles adds them)');
    expect(printed).toContain('projections: gap_junctions 563, chemical_excitatory 2266\n');
  });

  it.each([
    [{ format: 'openworm' }, 'E_PARAM', '--out', /is required/],
    [{ format: 'openworm', out: 'worm.txt' }, 'E_PARAM', '--out', /must end in .json/],
    [{ out: 'w.json' }, 'E_PARAM', '--format', /must be openworm, cook2019, white1986 \(got undefined\)/],
    [{ format: 'white1986', 'muscle-table': MUSCLES, out: 'w.json' }, 'E_PARAM', '--muscle-table', /a white1986 table lists its neuromuscular synapses itself/],
    [{ format: 'white1986', 'g-gap': '1 mV', out: 'w.json' }, 'E_UNITS', '--g-gap', /must be in S/],
    [{ format: 'white1986', 'g-syn': '-1e-9', out: 'w.json' }, 'E_PARAM', '--g-syn', /must be >= 0/],
    [{ format: 'cook2019', out: join(dir, 'w.json') }, 'E_FORMAT', `${WHITE}:1`, /has no column "Source"/],
  ])('refuses %o', async (values, code, path, message) => {
    const e = await failureOf(() => connectome(WHITE, values));
    expect(e).toMatchObject({ code, path });
    expect(e.message).toMatch(message);
  });

  it('names a table it cannot read', async () => {
    const missing = join(dir, 'missing.csv');
    expect(await failureOf(() => connectome(missing, { format: 'cook2019', out: join(dir, 'w.json') }))).toMatchObject({ code: 'E_FORMAT', path: missing });
  });
});
