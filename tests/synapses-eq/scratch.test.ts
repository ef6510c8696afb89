import { describe, expect, it } from 'vitest';
import { simulator } from '../support/helpers.js';

describe('synapse models (scratch)', () => {
  it('runs the same on wasm and reference', async () => {
    const results = [];
    for (const backend of ['wasm', 'reference'] as const) {
      const net = (await simulator(backend)).network({ dt: 1e-4, seed: 3 });
      const inputs = net.population(200, 'poisson', { rate: 15 });
      const out = net.population(1, {
        equations: `dv/dt = (ge * (Ee - v) + El - v) / taum : volt
                    dge/dt = -ge / taue : 1`,
        threshold: 'v > vt', reset: 'v = vr', method: 'euler',
        params: { taum: '10 ms', Ee: '0 mV', El: '-74 mV', taue: '5 ms', vt: '-54 mV', vr: '-60 mV' },
      }, { v: '-60 mV' });
      const proj = net.connect(inputs, out, {
        synapse: {
          model: `w : 1
                  dapre/dt = -apre / taupre : 1 (event-driven)
                  dapost/dt = -apost / taupost : 1 (event-driven)`,
          onPre: `ge += w * gmax
                  apre += dApre
                  w = clip(w + apost, 0, 1)`,
          onPost: `apost += dApost
                   w = clip(w + apre, 0, 1)`,
          params: { taupre: '20 ms', taupost: '20 ms', gmax: 0.05, dApre: 0.01, dApost: -0.0105 },
        },
        rule: 'all_to_all', init: { w: { uniform: [0, 1] } },
      });
      const spikes = net.monitorSpikes(out);
      await net.run(2);
      const table = await proj.weights();
      results.push({ w: Array.from(table.weight), spikes: spikes.read().times.length });
    }
    console.log(results[0]!.spikes, results[0]!.w.slice(0, 8));
    expect(results[0]).toEqual(results[1]);
  });
});
