// spikewasm import: the command's action as cli.ts calls it, on the NIR fixtures.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportModel } from '../../hosts/cli/export.js';
import { importNir } from '../../hosts/cli/import-nir.js';
import { importNIR } from '../../ts/nir/import.js';
import { failureOf } from '../support/helpers.js';
import { fixture } from './support.js';

const path = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'spikewasm-nir-'));

async function run(file: string, values: Record<string, string | boolean>, command = importNir): Promise<string> {
  const printed: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((text) => printed.push(String(text)) > 0);
  expect(await command(file, values)).toBe(0);
  return printed.join('');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('spikewasm import', () => {
  it('writes the model the API imports and says what it chose, the latency, the warnings, synapses and memory', async () => {
    const out = join(dir, 'braille.json');
    const printed = await run(path('03_rnn_braille_nested.nir'), { out, preset: 'snntorch', reset: 'zero', duration: '0.05' });
    const api = importNIR(fixture('03_rnn_braille_nested.nir'), { preset: 'snntorch', reset: 'zero', duration: 0.05 });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(api.model);
    expect(printed).toContain(`${out}: NIR 0.2.0, dt 0.0001 s, inputs as currents held for a step, reset to v_reset one step late\n`);
    expect(printed).toContain('input "input": spike_source "input" of shape [12]');
    expect(printed).toContain('output "output": spikes of "lif2", monitor "output", 4 steps after an input spike\n');
    expect(printed).toContain('warning: node/nodes/lif1/edges: name "lif", which is no node; read as "lif1", the only node no edge names\n');
    expect(printed).toMatch(/2166 synapses expected in 3 projections/);
    expect(printed).toMatch(/memory: [\d.]+ MiB \(\d+ bytes\), allocated when the network is built/);
  });

  it('options override the preset; bad ones are typed errors naming the flag', async () => {
    const out = join(dir, 'lif.json');
    const printed = await run(path('01_lif_lif_norse.nir'), { out, preset: 'norse', dt: '1e-4', spike: 'dirac', reset: 'subtract', 'reset-latency': '1' });
    expect(printed).toContain('dt 0.0001 s, inputs as Diracs, reset by subtraction one step late');
    expect((await failureOf(() => importNir(path('01_lif_lif_norse.nir'), { out, preset: 'norse', dt: 'soon' }))).path).toBe('--dt');
    expect((await failureOf(() => importNir(path('01_lif_lif_norse.nir'), { out, preset: 'norse', 'reset-latency': '2' }))).path).toBe('--reset-latency');
    const bare = await failureOf(() => importNir(path('01_lif_lif_norse.nir'), { out }));
    expect([bare.path, bare.message]).toEqual(['--preset', '--preset: a NIR file does not say its dt, spike, reset, resetLatency: give --preset (snntorch, norse, sinabs, rockpool, lava) or each of --dt, --spike, --reset, --reset-latency']);
    expect((await failureOf(() => importNir(path('01_lif_lif_norse.nir'), { preset: 'norse' }))).path).toBe('--out');
    expect((await failureOf(() => importNir(join(dir, 'missing.nir'), { out, preset: 'norse' }))).code).toBe('E_FORMAT');
  });

  it('spikewasm export --to nir writes a file that imports back to the same model, with the conventions it prints', async () => {
    const model = join(dir, 'braille-model.json');
    await run(path('03_rnn_braille_noDelay_bias_zero.nir'), { out: model, preset: 'snntorch', reset: 'zero' });
    const nir = join(dir, 'braille-out.nir');
    const printed = await run(model, { to: 'nir', out: nir }, exportModel);
    expect(printed).toMatch(/braille-out\.nir: \d+ bytes; import it back with --dt 0\.0001 --spike held --reset zero --reset-latency 0\n$/);
    const back = importNIR(readFileSync(nir), { dt: 1e-4, spike: 'held', reset: 'zero', resetLatency: 0 }).model;
    expect(back).toEqual(JSON.parse(readFileSync(model, 'utf8')));
    expect((await failureOf(() => exportModel(model, { to: 'onnx', out: nir }))).path).toBe('--to');
    expect((await failureOf(() => exportModel(new URL('../../examples/cuba.json', import.meta.url).pathname, { to: 'nir', out: nir }))).path).toBe('populations[0].model');
  });
});
