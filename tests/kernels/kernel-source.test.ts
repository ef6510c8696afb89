// The core takes the kernel as a compiled module, bytes or a fetch Response (what host entries
// and bundled apps hand it), and names the reason when a Response is no kernel.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../ts/api/simulator.js';

const bytes = readFileSync(new URL('../../dist/spikewasm.wasm', import.meta.url));

async function spikesWith(wasm: WebAssembly.Module | Uint8Array | Response): Promise<number> {
  const net = (await createSimulator({ wasm })).network({ seed: 3, keepRaster: true });
  net.population(20, 'poisson', { rate: 200 });
  await net.run(0.05);
  return net.raster().steps.length;
}

describe('the kernel source given to the core', () => {
  it('a module, bytes, and a Response with or without the application/wasm type run alike', async () => {
    const expected = await spikesWith(new WebAssembly.Module(bytes));
    expect(expected).toBeGreaterThan(0);
    expect(await spikesWith(new Uint8Array(bytes))).toBe(expected);
    expect(await spikesWith(new Response(bytes, { headers: { 'content-type': 'application/wasm' } }))).toBe(expected);
    expect(await spikesWith(new Response(bytes))).toBe(expected); // as Deno's fetch of a file: URL gives it
  });

  it('a failed fetch fails with E_BACKEND naming the HTTP status', async () => {
    await expect(createSimulator({ wasm: new Response('not found', { status: 404 }) })).rejects.toMatchObject({ code: 'E_BACKEND', message: expect.stringMatching(/HTTP 404/) });
  });
});
