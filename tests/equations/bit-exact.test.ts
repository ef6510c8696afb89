// Equation models run the same bits on the wasm backend (generated SIMD modules) and the
// reference backend (the interpreter): spikes and every state variable, over models that use
// every method, function and built-in variable of the language.
import { describe, expect, it } from 'vitest';
import type { EquationModelOptions } from '../../ts/api/network.js';
import { simulator } from '../support/helpers.js';
import { COBAHH, CUBA } from '../support/equation-models.js';

/** A model that reads every function (int() of a condition too), t, i, N, lastspike, rand(), randn() and I_input. */
function playground(method: 'rk4' | 'rk2' | 'euler' | 'exponential_euler'): EquationModelOptions {
  return {
    equations: `
      dv/dt = (vRest - v + R*I_input + A*sin(2*pi*freq*t) + B*tanh(u/mV) + B*cos(x)) / tau : volt (unless refractory)
      du/dt = (clip(v - vRest, -5*mV, 20*mV) - u)/tauU + floor(i/4)*mV/second*0.1 + ceil(N/7)*mV/second*0.01 + int(v > vRest + 5*mV and x < 0.3)*mV/second : volt
      dx/dt = -x/tauX + log(1 + abs(v/mV))/second*0.01 + exprel(u/mV)/second*0.001 + abs(x)**1.5/second*0.01 + sqrt(abs(x))/second*0.001 : 1
      I_input : amp`,
    threshold: 'v > vThresh + 2*mV*rand()',
    reset: `v = vReset + mV*randn()
            x += 0.1
            u = u * 0.5`,
    refractory: '(t - lastspike) < 2*ms',
    method,
    params: {
      vRest: '-65 mV', vThresh: '-50 mV', vReset: '-70 mV', R: '100 Mohm', A: '3 mV', B: '2 mV', freq: '40 Hz',
      tau: '10 ms', tauU: '30 ms', tauX: '50 ms', bias: { uniform: ['0.1 nA', '0.25 nA'] },
    },
  };
}

async function runBoth(build: (net: import('../../ts/api/network.js').Network) => { pops: import('../../ts/api/handles.js').Population[]; vars: string[][] }, seconds: number) {
  const results = [];
  for (const backend of ['wasm', 'reference'] as const) {
    const net = (await simulator(backend)).network({ dt: 1e-4, seed: 11 });
    const { pops, vars } = build(net);
    const spikes = pops.map((p) => net.monitorSpikes(p));
    await net.run(seconds);
    const state = await Promise.all(pops.flatMap((p, k) => vars[k]!.map((v) => p.get(v))));
    results.push({ spikes: spikes.map((m) => m.read()), state });
  }
  return results as [typeof results[0], typeof results[0]];
}

const bits = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('equation models: wasm equals reference bit for bit', () => {
  it.each(['rk4', 'rk2', 'euler'] as const)('every function and built-in variable, %s', async (method) => {
    const [wasm, ref] = await runBoth((net) => {
      const P = net.population(37, playground(method), { v: { uniform: ['-70 mV', '-50 mV'] }, x: { uniform: [0, 1] } });
      const src = net.population(20, 'poisson', { rate: 200 });
      net.connect(src, P, { synapse: { onPre: 'v += w' }, weight: { uniform: ['0.5 mV', '2 mV'] }, rule: { p: 0.3 }, delay: '1.5 ms' });
      net.currentStep(P.slice(0, 10), [0.05, 0.1], [0.1e-9, 0]);
      return { pops: [P], vars: [['v', 'u', 'x', 'lastspike']] };
    }, 0.2);
    expect(wasm.spikes[0]!.times.length).toBeGreaterThan(50);
    expect(Array.from(wasm.spikes[0]!.steps)).toEqual(Array.from(ref.spikes[0]!.steps));
    expect(Array.from(wasm.spikes[0]!.neurons)).toEqual(Array.from(ref.spikes[0]!.neurons));
    wasm.state.forEach((s, k) => expect(bits(s).equals(bits(ref.state[k]!)), `state ${k}`).toBe(true));
  });

  it('CUBA (exact, coupled, clamped while refractory) and COBAHH (exponential Euler) networks', async () => {
    const [wasm, ref] = await runBoth((net) => {
      const P = net.population(400, CUBA, { v: { uniform: ['-60 mV', '-50 mV'] } });
      net.connect(P.slice(0, 320), P, { synapse: { onPre: 'ge += w' }, weight: '1.62 mV', rule: { p: 0.1 } });
      net.connect(P.slice(320), P, { synapse: { onPre: 'gi += w' }, weight: '-9 mV', rule: { p: 0.1 } });
      const H = net.population(120, COBAHH, { v: { normal: { mean: '-65 mV', std: '5 mV' } }, ge: '40 nS', gi: '200 nS' });
      net.connect(H.slice(0, 96), H, { synapse: { onPre: 'ge += w' }, weight: '6 nS', rule: { p: 0.2 } });
      net.connect(H.slice(96), H, { synapse: { onPre: 'gi += w' }, weight: '67 nS', rule: { p: 0.2 } });
      return { pops: [P, H], vars: [['v', 'ge', 'gi', 'refractory'], ['v', 'm', 'n', 'h', 'ge', 'gi']] };
    }, 0.1);
    expect(wasm.spikes[0]!.times.length).toBeGreaterThan(100);
    expect(wasm.spikes[1]!.times.length).toBeGreaterThan(10);
    for (const k of [0, 1]) expect(Array.from(wasm.spikes[k]!.steps)).toEqual(Array.from(ref.spikes[k]!.steps));
    wasm.state.forEach((s, k) => expect(bits(s).equals(bits(ref.state[k]!)), `state ${k}`).toBe(true));
  });
});
