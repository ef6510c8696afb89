// The command line, as a user runs it: summary fields, a raster hash that the API
// reproduces, and --out files that hold the same spikes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { example, simulator } from '../support/helpers.js';

const run = promisify(execFile);
const cli = new URL('../../dist/hosts/cli.js', import.meta.url).pathname;
const cuba = new URL('../../examples/cuba.json', import.meta.url).pathname;

describe('spikewasm run', () => {
  it('prints one JSON summary whose raster hash the API reproduces', async () => {
    const { stdout } = await run(process.execPath, [cli, 'run', cuba, '--duration', '0.1', '--seed', '3']);
    const summary = JSON.parse(stdout);
    expect(Object.keys(summary)).toEqual(['backend', 'neurons', 'synapses', 'steps', 'spikes', 'meanRateHz', 'synapticEvents', 'buildSeconds', 'runSeconds', 'rasterHash']);
    expect(summary).toMatchObject({ backend: 'wasm', neurons: 4000, steps: 1000 });
    expect(summary.meanRateHz).toBe(Number((summary.spikes / 400).toPrecision(6)));

    const net = (await simulator()).load({ ...example('cuba.json'), seed: 3 }, { keepRaster: true });
    await net.run(0.1);
    const raster = net.raster();
    expect(raster.steps.length).toBe(summary.spikes);
    expect(await rasterHash(raster.steps, raster.neurons)).toBe(summary.rasterHash);
    expect(await net.synapticEvents()).toBe(summary.synapticEvents);
    expect((await net.build()).projections.reduce((s, j) => s + j.synapses, 0)).toBe(summary.synapses);
  });

  it('writes the spikes and declared monitors to JSON and CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikewasm-'));
    const json = join(dir, 'out.json');
    const csv = join(dir, 'out.csv');
    const { stdout } = await run(process.execPath, [cli, 'run', cuba, '--duration', '0.05', '--out', json]);
    await run(process.execPath, [cli, 'run', cuba, '--duration', '0.05', '--out', csv]);
    const summary = JSON.parse(stdout);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    expect(out.spikes.times.length).toBe(summary.spikes);
    expect(await rasterHash(out.spikes.times.map((t: number) => Math.round(t / 1e-4)), out.spikes.neurons)).toBe(summary.rasterHash);
    expect(out.monitors.spikes.neurons.length).toBe(summary.spikes);
    expect(out.monitors.rate.counts.reduce((a: number, b: number) => a + b, 0)).toBe(summary.spikes);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('record,type,time,target,neuron,post,variable,value');
    expect(rows.filter((r) => r.startsWith('raster,spikes,')).length).toBe(summary.spikes);
    expect(rows.filter((r) => r.startsWith('spikes,spikes,')).length).toBe(summary.spikes);
    expect(rows.filter((r) => r.startsWith('rate,rate,')).length).toBe(50);
    rmSync(dir, { recursive: true });
  });

  it('--out holds the final weights of a plastic projection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikewasm-'));
    const song = new URL('../../examples/stdp-song2000.json', import.meta.url).pathname;
    const json = join(dir, 'out.json');
    await run(process.execPath, [cli, 'run', song, '--duration', '1', '--out', json]);
    const final = JSON.parse(readFileSync(json, 'utf8')).monitors['final weights'];
    const net = (await simulator()).load(example('stdp-song2000.json'));
    const drawn = (await net.build()).projections[0]!.weights!;
    await net.run(1);
    const learned = (await net.getProjection('stdp').weights()).weight;
    expect(final.weight.length).toBe(1000);
    expect(final.weight).toEqual(Array.from(learned));
    expect(final.weight).not.toEqual(Array.from(drawn));
    rmSync(dir, { recursive: true });
  });

  it('quotes CSV fields that hold commas or quotes, so every row has 8 fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikewasm-'));
    const model = join(dir, 'm.json');
    writeFileSync(model, JSON.stringify({
      dt: 1e-4, duration: 0.01,
      populations: [{ name: 'exc, layer "2/3"', size: 3, model: 'spike_source', params: { spikeTimes: [[0.001], [0.003], [0.0051]] } }],
      monitors: [{ type: 'spikes', name: 'm,1', population: 0 }],
    }));
    const csv = join(dir, 'out.csv');
    await run(process.execPath, [cli, 'run', model, '--out', csv]);
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
    // A minimal RFC 4180 reader: fields are plain, or quoted with doubled quotes inside.
    const fields = (row: string) => [...row.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replaceAll('""', '"'));
    expect(rows.length).toBe(10); // dt, steps and the population's size; three raster rows; the monitor and its three rows
    for (const r of rows) expect(fields(r).length).toBe(8);
    expect(rows.slice(0, 3).map(fields)).toEqual([
      ['run', 'run', '', '', '', '', 'dt', '0.0001'],
      ['run', 'run', '', '', '', '', 'steps', '100'],
      ['run', 'population', '', 'exc, layer "2/3"', '', '', 'size', '3'],
    ]);
    expect(fields(rows[3]!)).toEqual(['raster', 'spikes', '0.001', 'exc, layer "2/3"', '0', '', '', '']);
    expect(fields(rows[6]!)).toEqual(['m,1', 'monitor', '', 'exc, layer "2/3"', '', '', 'spikes', '']);
    expect(fields(rows[9]!).slice(0, 5)).toEqual(['m,1', 'spikes', '0.0051', 'exc, layer "2/3"', '2']);
    rmSync(dir, { recursive: true });
  });

  it('explains its usage', async () => {
    const failed = await run(process.execPath, [cli, 'simulate']).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain('usage: spikewasm run <model.json>');
  });
});
