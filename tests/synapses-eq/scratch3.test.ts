import { expect, it } from 'vitest';
import { simulator } from '../support/helpers.js';
it('gap + clock', async () => {
  const out = [];
  for (const backend of ['wasm', 'reference'] as const) {
    const net = (await simulator(backend)).network({ dt: 1e-4, seed: 1 });
    const P = net.population(2, {
      equations: `dv/dt = (El - v) / tau + Igap / C : volt
                  Igap : amp`,
      params: { El: '-70 mV', tau: '20 ms', C: '200 pF' },
    }, { v: ['-70 mV', '-50 mV'] });
    net.connect(P, P, {
      synapse: { model: `g : siemens
                         Igap_post = g * (v_pre - v_post) : amp (summed)` },
      init: { g: '5 nS' }, rule: { type: 'all_to_all', autapses: false },
    });
    const mod = net.modulator('da', { tau: 0.2, initial: 1 });
    const src = net.population(5, 'poisson', { rate: 50 });
    const Q = net.population(3, {
      equations: `dv/dt = (El - v) / tau + ge/ms : volt
                  dge/dt = -ge/(5*ms) : volt`,
      threshold: 'v > -55*mV', reset: 'v = El',
      params: { El: '-70 mV', tau: '20 ms' },
    }, { v: '-60 mV' });
    const proj = net.connect(src, Q, {
      synapse: {
        model: `dc/dt = -c / tauc : volt (clock-driven)
                dw/dt = c * da / second : volt (clock-driven)
                dapre/dt = -apre/(20*ms) : 1 (event-driven)`,
        onPre: `ge += w
                apre += 1
                c += apre * 0.1*mV`,
        onPost: `c -= 0.05*mV`,
        params: { tauc: '1 s' }, method: 'exponential_euler',
      },
      init: { w: { uniform: ['1 mV', '3 mV'] } }, rule: 'all_to_all',
    });
    await net.run(0.2);
    const v = await P.get('v');
    out.push({ v: Array.from(v), w: Array.from(await proj.get('w')), c: Array.from(await proj.get('c')), ig: Array.from(await P.get('Igap' as any).catch(() => new Float32Array())) });
  }
  console.log(JSON.stringify(out[0]));
  expect(out[0]).toEqual(out[1]);
});
