// Escape noise (a threshold drawn from rand(), the seeded Philox streams): at a clamped membrane
// potential each neuron spikes in a step with p = rho0 exp((v - vT) / deltaU) dt, so the
// spike count over N neurons and T steps is binomial.
import { expect, it } from 'vitest';
import { backendsFor, describeBackends } from '../support/backends.js';

// The reference backend interprets 2 million neuron-steps per case: wasm's twin, it adds nothing here.
const backends = (await backendsFor()).filter((b) => b.name !== 'reference');

describeBackends('escape noise', backends, (backend) => it.each([
  { v: -55e-3, seed: 1 },
  { v: -50e-3, seed: 2 },
  { v: -46e-3, seed: 3 },
])('spike counts at v = $v V pass a binomial test (|z| < 4)', async ({ v, seed }) => {
  const [rho0, vT, deltaU, dt, n, steps] = [20, -50e-3, 2e-3, 1e-4, 500, 4000];
  const net = (await backend.simulator()).network({ dt, seed });
  const P = net.population(n, {
    equations: 'dv/dt = 0 * volt / second : volt',
    threshold: 'rand() < rho0 * exp((v - vT) / deltaU) * dt',
    method: 'euler',
    params: { rho0: '20 Hz', vT: '-50 mV', deltaU: '2 mV' },
  }, { v: `${v} V` });
  const spikes = net.monitorSpikes(P);
  await net.run(steps * dt);
  const p = rho0 * Math.exp((v - vT) / deltaU) * dt;
  const trials = n * steps;
  const z = (spikes.read().times.length - trials * p) / Math.sqrt(trials * p * (1 - p));
  expect(Math.abs(z)).toBeLessThan(4);
  // Each neuron draws its own numbers: per-neuron counts spread as binomial ones do (Fano
  // factor 1 - p), where numbers shared between neurons would make the counts equal.
  const counts = new Float64Array(n);
  for (const i of spikes.read().neurons) counts[i]!++;
  const m = counts.reduce((s, c) => s + c, 0) / n;
  const variance = counts.reduce((s, c) => s + (c - m) ** 2, 0) / (n - 1);
  expect(Math.abs(variance / m - (1 - p))).toBeLessThan(0.3);
}));
