// int(condition) where a condition occurs more than once: common subexpressions are shared,
// conditions never (a temporary holds a number). A neuron model and a synapse model's
// clock-driven step with a repeated condition run on every backend, the same on wasm and
// reference bit for bit, and each against its definition stepped in float64.
import { expect, it } from 'vitest';
import type { StateData } from '../../ts/api/monitors.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { backendsFor, describeBackends } from '../support/backends.js';

const dt = 1e-4;

/** Euler on dv/dt = (int(v > 0.5) + int(v > 0.5 and v < 2) - v) / 10 ms from v0 = 0.9, in f64. */
function neuronDefinition(steps: number): number {
  let v = 0.9;
  for (let s = 0; s < steps; s++) v += (dt / 0.01) * ((v > 0.5 ? 1 : 0) + (v > 0.5 && v < 2 ? 1 : 0) - v);
  return v;
}

function network(): NetworkDescription {
  return {
    dt,
    populations: [
      { name: 'P', size: 3, model: { equations: 'dv/dt = (int(v > 0.5) + int(v > 0.5 and v < 2) - v) / (10*ms) : 1', method: 'euler' } as never, init: { v: [0.9, 0.2, 3] } },
      { name: 'Q', size: 2, model: { equations: 'dx/dt = -x / (10*ms) : 1' } as never },
    ],
    projections: [{
      pre: { population: 'P' }, post: { population: 'Q' }, rule: 'all_to_all',
      synapse: { model: 'w : 1\ndc/dt = (int(w > 0.4) + int(w > 0.4 and c < 1)) / second : 1 (clock-driven)', method: 'euler', onPre: 'x += w' } as never,
      init: { w: { uniform: [0, 1] } },
    }],
    monitors: [{ type: 'state', population: 'P', variables: ['v'] }],
  };
}

describeBackends('a repeated condition', await backendsFor(), (backend) => {
  it('in a neuron model: each cell follows Euler on its definition', async () => {
    const desc = network();
    desc.projections = [];
    const net = (await backend.simulator()).load(desc);
    await net.run(0.02);
    const v = await net.getPopulation(0).get('v');
    expect(Math.abs(v[0]! - neuronDefinition(200))).toBeLessThan(1e-5);
    // Below 0.5 both conditions are false: v decays as e.g. 0.2 (1 - dt/tau)^200.
    expect(Math.abs(v[1]! - 0.2 * (1 - dt / 0.01) ** 200)).toBeLessThan(1e-6);
  });
});

describeBackends('a repeated condition in a synapse model', await backendsFor({ exact: true }), (backend) => {
  it('each synapse\'s c grows by 2 per second while w > 0.4 and c < 1, by 1 once c >= 1, and not at all for w <= 0.4', async () => {
    const net = (await backend.simulator()).load(network());
    await net.run(0.7);
    const [w, c] = await Promise.all([net.getProjection(0).get('w'), net.getProjection(0).get('c')]);
    for (let k = 0; k < w.length; k++) {
      // Euler: 2 dt per step until c reaches 1 (at 0.5 s), then dt per step.
      const expected = w[k]! > 0.4 ? 1 + (0.7 - 0.5) : 0;
      expect(Math.abs(c[k]! - expected), `synapse ${k} (w ${w[k]})`).toBeLessThan(2e-3);
    }
  });
});
