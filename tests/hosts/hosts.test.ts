// Every host, the same bits: the packed package runs the same networks in Node, Deno, Bun,
// Chromium (also from esbuild and rollup bundles), Firefox ESR, WebKitGTK, workerd and an
// edge runtime; each must report Node's raster, state and weight hashes, straight through
// and continued from Node's half-way snapshot, and the hashes of the NIR file it exports and
// of that file imported back; the WASI command continues the same snapshots
// under node:wasi with the same spikes. A host that cannot start fails with its reason.
// The table of hashes is printed.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsers, hostMissing, runBrowser } from './browsers.js';
import { available } from '../support/requirements.js';
import { bundle, bundlers } from './bundles.js';
import { runEdge } from './edge.js';
import { resolvedEntry, runCommandHost } from './process-hosts.js';
import type { HostResults, WasiResults } from './results.js';
import { EQUATION_CASES, packedScratch, repo } from './scratch.js';
import { serve } from '../../hosts/cli/static-server.js';
import { runWasi } from './wasi.js';
import { runWebKit } from './webkit.js';
import { runWorkerd, runWorkerdExample } from './workerd.js';

const exec = promisify(execFile);
let dir: string;
let server: Awaited<ReturnType<typeof serve>> | undefined;
const seen = new Map<string, HostResults>();
const wasi = new Map<string, WasiResults>();

beforeAll(async () => {
  dir = await packedScratch();
  server = await serve(dir);
  seen.set('Node', await runCommandHost('Node', dir));
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  const short = (h: string) => h.slice(0, 12);
  const rows = [...seen].flatMap(([host, results]) => Object.entries(results).map(([net, r]) => ('error' in r
    ? `| ${host} | ${net} | refused: ${(r as { error: string }).error} | | | | | |`
    : `| ${host} | ${net} | ${r.spikes} | ${short(r.rasterHash)} | ${short(r.stateHash)} | ${short(r.weightsHash)} | ${short(r.restored.rasterHash)} | ${short(r.restored.stateHash)} |`)));
  console.log(['host tests: hashes per host (first 12 hex digits of SHA-256)',
    '| host | network | spikes | raster | final state | weights | restored: raster after split | restored: final state |',
    '|---|---|---|---|---|---|---|---|', ...rows,
    ...[...wasi].flatMap(([host, results]) => Object.entries(results).map(([net, r]) => `| ${host} | ${net} | ${r.spikes} after the split | | | | ${short(r.rasterHash)} | |`)),
  ].join('\n'));
});

const page = (path = 'probe.html') => `${server!.url}/${path}`;
const node = () => seen.get('Node')!;

describe('package exports', () => {
  it('the package installs without the optional webgpu package (Dawn, 132 MB); --backend webgpu then says how to add it', async () => {
    expect(existsSync(join(dir, 'node_modules/webgpu'))).toBe(false);
    const cli = join(dir, 'node_modules/spikewasm/dist/hosts/cli.js');
    const refused = await exec(process.execPath, [cli, 'run', join(repo, 'examples/cuba.json'), '--duration', '0.001', '--backend', 'webgpu']).then(() => ({ stderr: '' }), (e: { stderr: string }) => e);
    expect(refused.stderr).toContain('npm install webgpu, the optional package that brings Dawn');
  });

  it.each([['Node', 'node.js'], ['Deno', 'deno.js'], ['Bun', 'node.js']])('%s resolves spikewasm to its entry, dist/hosts/%s', async (host, entry) => {
    const url = await resolvedEntry(host, dir);
    expect(url.slice(url.indexOf('/node_modules/'))).toBe(`/node_modules/spikewasm/dist/hosts/${entry}`);
  });
});

describe('Node, the host the others are compared with', () => {
  it('exports the imported Braille network to NIR and imports it back (every host must write and read the same)', () => {
    const r = node()[EQUATION_CASES[6]!]!;
    expect('nirHash' in r && [r.nirHash, r.nirImportHash]).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
  });

  it('runs every network, and its half-way snapshot continues with the straight run\'s spikes and final state', () => {
    for (const r of Object.values(node())) {
      if ('error' in r) throw new Error(`Node refused a network: ${r.error}`);
      expect(r.spikes).toBeGreaterThan(0);
      expect(r.restored.rasterHash).toBe(r.tailHash);
      expect(r.restored.stateHash).toBe(r.stateHash);
      expect(r.restored.weightsHash).toBe(r.weightsHash);
    }
  });
});

const hosts: [string, () => Promise<HostResults>][] = [
  ['Deno', () => runCommandHost('Deno', dir)],
  ['Bun', () => runCommandHost('Bun', dir)],
  ...browsers.map((b): [string, () => Promise<HostResults>] => [b, () => runBrowser(b, page())]),
  ...bundlers.map((b): [string, () => Promise<HostResults>] => [`Chromium, ${b} bundle`, async () => runBrowser('Chromium', page(await bundle(b, dir)))]),
  ['WebKitGTK', () => runWebKit(page())],
  ['workerd', () => runWorkerd(dir)],
  ['edge-runtime', () => runEdge(dir)],
];

// workerd forbids compiling WebAssembly at run time: it runs the equation cases through the
// ahead-of-time route (tests/hosts/workerd.ts), to the same hashes.
describe('every other host gives Node\'s hashes, straight through and from Node\'s snapshot', () => {
  it.for(hosts)('%s', async ([host, runHost], ctx) => {
    // Without CI a host whose browser is not installed is skipped, saying what installs it.
    const missing = hostMissing(host);
    if (!available(host, missing)) return ctx.skip(missing as string);
    const results = await runHost();
    seen.set(host, results);
    expect(results).toEqual(node());
  }, 240_000);
});

describe('the workerd example of docs/equations.md', () => {
  it('examples/workerd/worker.mjs runs COBAHH from its kernels compiled ahead of time, with Node\'s spikes', async () => {
    const answer = await runWorkerdExample(dir);
    const sw = await import(pathToFileURL(join(dir, 'node_modules/spikewasm/dist/hosts/node.js')).href);
    const net = (await sw.createSimulator()).load(JSON.parse(readFileSync(join(repo, 'examples/cobahh.json'), 'utf8')));
    await net.run(answer.seconds);
    expect(answer.spikes).toBeGreaterThan(1000);
    expect(answer.spikes).toBe(net.getMonitor('spikes').read().times.length);
  }, 120_000);
});

describe('the WASI command continues Node\'s snapshots with the JS hosts\' spikes', () => {
  it.each(['Node', 'Deno', 'Bun'])('under %s\'s node:wasi', async (runtime) => {
    const results = await runWasi(runtime, dir);
    wasi.set(`WASI (${runtime} node:wasi)`, results);
    const continued = Object.entries(node()).filter(([name]) => !EQUATION_CASES.includes(name));
    for (const [name, r] of continued) expect(results[name]).toEqual({ spikes: expect.any(Number), rasterHash: 'restored' in r ? r.restored.rasterHash : r });
    expect(Object.keys(results)).toEqual(continued.map(([name]) => name));
  }, 240_000);
});
