// Pinned outputs: the README's run summary is what `npm start` prints, every example file gives
// its golden raster (tests/golden/examples.json, rewritten only deliberately with
// tests/golden/update.mjs), and the raster hash is SHA-256 of the layout its documentation gives.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as sw from '../../hosts/node.js';
import { rasterHash } from '../../ts/io/raster-hash.js';
import { goldenRuns } from '../golden/run-examples.mjs';

const run = promisify(execFile);
const golden = JSON.parse(readFileSync(new URL('../golden/examples.json', import.meta.url), 'utf8')) as Record<string, { seconds: number; spikes: number; rasterHash: string }>;

describe('pinned outputs', () => {
  it('the raster hash is SHA-256 of the (step, neuron) pairs sorted by step then neuron, as little-endian u32s', async () => {
    const bytes = Buffer.alloc(4 * 8);
    [[1, 3], [1, 7], [2, 5], [70000, 65536]].forEach(([step, neuron], k) => {
      bytes.writeUInt32LE(step!, 8 * k);
      bytes.writeUInt32LE(neuron!, 8 * k + 4);
    });
    const expected = createHash('sha256').update(bytes).digest('hex');
    expect(await rasterHash([2, 1, 70000, 1], [5, 7, 65536, 3])).toBe(expected);
    expect(await rasterHash([], [])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('every example file gives its golden spikes (tests/golden/examples.json)', async () => {
    const runs = await goldenRuns(sw);
    expect(Object.keys(runs).length).toBeGreaterThanOrEqual(6);
    expect(runs).toEqual(golden);
  });

  it('npm start prints the summary the README shows', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const line = readme.match(/`npm start` prints one line like\s+```json\n(.+)\n```/)?.[1];
    expect(line, 'the README shows npm start\'s line').toBeDefined();
    const shown = JSON.parse(line!.replace(/"rasterHash":"([0-9a-f]+)…"/, '"rasterHash":"$1"')) as Record<string, unknown>;
    const scripts = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts as Record<string, string>;
    const command = scripts.start!.split(' && ').pop()!.split(' ');
    expect(command.slice(0, 2)).toEqual(['node', 'dist/hosts/cli.js']);
    const { stdout } = await run(process.execPath, command.slice(1), { cwd: new URL('../..', import.meta.url).pathname });
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of ['backend', 'neurons', 'synapses', 'steps', 'spikes', 'meanRateHz', 'synapticEvents']) expect(printed[key], key).toBe(shown[key]);
    expect(String(shown.rasterHash).length).toBeGreaterThanOrEqual(8);
    expect(String(printed.rasterHash).startsWith(String(shown.rasterHash))).toBe(true);
    expect(printed.rasterHash).toBe(golden['cuba.json']!.rasterHash);
  });
});
