// current_step inputs that set a per-neuron parameter of equations (a dendrite's injected
// current) instead of the input current: a passive cell follows the closed form
// R A (1 - exp(-t / tau)) from the step on, the parameter keeps its own value before, two
// inputs on one parameter add, net.step sets one live, and bad targets get typed errors. On
// every backend.
import { describe, expect, it } from 'vitest';
import type { StateData } from '../../ts/api/monitors.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { planNetwork } from '../../ts/model/plan-network.js';
import { backendsFor, describeBackends } from '../support/backends.js';
import { failureOf, refusalOf } from '../support/helpers.js';

const [R, tau, dt] = [50e6, 10e-3, 1e-4];
const cell = {
  equations: `dv/dt = (-v + R * (Id + I_input)) / tau : volt
              Id : amp
              Iplateau : amp
              I_input : amp`,
};
function network(inputs: unknown[]): NetworkDescription {
  return {
    dt,
    populations: [{ name: 'P', size: 3, model: cell as never, params: { R: `${R} ohm`, tau: `${tau} s`, Id: ['0 pA', '0 pA', '40 pA'] } }],
    inputs: inputs as never,
    monitors: [{ type: 'state', population: 'P', variables: ['v', 'Id'] }],
  };
}

describeBackends('inputs that set a parameter', await backendsFor(), (backend) => {
  it('a step into Id: R A (1 - e^(-t/tau)) from its step on; before it, the parameter keeps its own value; two inputs add', async () => {
    const A = 100e-12;
    const desc = network([
      { type: 'current_step', target: { population: 'P' }, parameter: 'Id', times: [0.005], amplitudes: [A] },
      { type: 'current_step', target: { population: 'P', start: 1, stop: 2 }, parameter: 'Id', times: [0.005, 0.01], amplitudes: [A, 0] },
    ]);
    const net = (await backend.simulator()).load(desc);
    await net.run(0.02);
    const { values } = net.getMonitor<StateData>(0).read();
    const [v, Id] = [values.v!, values.Id!];
    const steps = v.length / 3;
    for (let m = 0; m < steps; m++) {
      // Neuron 2 holds its 40 pA until the step, then the input's 100 pA (its own value is replaced).
      const at50 = R * 40e-12 * (1 - Math.exp(-50 * dt / tau));
      const at2 = m <= 50 ? R * 40e-12 * (1 - Math.exp(-m * dt / tau)) : R * A + (at50 - R * A) * Math.exp(-(m - 50) * dt / tau);
      const at0 = m <= 50 ? 0 : R * A * (1 - Math.exp(-(m - 50) * dt / tau));
      expect(Math.abs(v[3 * m]! - at0)).toBeLessThan(1e-4 * R * A);
      expect(Math.abs(v[3 * m + 2]! - at2)).toBeLessThan(1e-4 * R * A);
      expect(Id[3 * m + 1]).toBe(Math.fround(m < 50 ? 0 : m < 100 ? 2 * A : A));
    }
  });
});

describeBackends('net.step inputs that set a parameter', await backendsFor(), (backend) => {
  it('step.current with parameter sets Id from that step on: the cell follows R A (1 - e^(-t/tau)); an unknown parameter is refused', async () => {
    const A = 60e-12;
    const net = (await backend.simulator()).load(network([]));
    const P = net.getPopulation(0);
    await net.step(30, { current: [{ target: P.slice(0, 2), parameter: 'Id', amplitude: A }] });
    expect(Array.from(await P.get('Id'))).toEqual([A, A, 40e-12].map(Math.fround));
    const v = await P.get('v');
    expect(Math.abs(v[0]! - R * A * (1 - Math.exp(-30 * dt / tau)))).toBeLessThan(1e-4 * R * A);
    const e = await failureOf(() => net.step(1, { current: [{ target: P, parameter: 'Ix', amplitude: 0 }] }));
    expect([e.code, e.path]).toEqual(['E_MODEL', 'step.current[0].parameter']);
    // A snapshot holds the parameter as set, and restores (the image check counts parameters as changing).
    const restored = await (await backend.simulator()).restore(await net.snapshot());
    expect(Array.from(await restored.getPopulation(0).get('Id'))).toEqual([A, A, 40e-12].map(Math.fround));
  });
});

describe('inputs that set a parameter: typed errors', () => {
  it.each([
    ['a parameter the equations lack', { parameter: 'Ix' }, 'E_MODEL', 'inputs[0].parameter', 'declares no per-neuron parameter "Ix"'],
    ['a parameter that is no name', { parameter: 3 }, 'E_PARAM', 'inputs[0].parameter', 'must name'],
  ])('%s', (_what, extra, code, path, message) => {
    const e = refusalOf(() => planNetwork(network([{ type: 'current_step', target: { population: 'P' }, times: [0.001], amplitudes: [1e-12], ...extra }])));
    expect([e.code, e.path]).toEqual([code, path]);
    expect(e.message).toContain(message);
  });

  it('a built-in model has no parameters to set', () => {
    const desc = network([{ type: 'current_step', target: { population: 'L' }, parameter: 'Id', times: [0.001], amplitudes: [1e-12] }]);
    desc.populations.push({ name: 'L', size: 2, model: 'lif', params: { tauM: 0.02, vRest: -0.065, vThresh: -0.05, vReset: -0.065, tRef: 0.002 } });
    const e = refusalOf(() => planNetwork(desc));
    expect([e.code, e.path]).toEqual(['E_MODEL', 'inputs[0].parameter']);
  });

  it('a parameter a dendritic plateau or a coupling sets every step', () => {
    const desc = network([{ type: 'current_step', target: { population: 'P' }, parameter: 'Iplateau', times: [0.001], amplitudes: [1e-12] }]);
    desc.populations[0]!.dendrites = { segments: 1, theta: 1, plateau: { duration: 0.01, current: 'Iplateau', amplitude: 1e-10 } };
    expect(refusalOf(() => planNetwork(desc)).message).toContain('which its dendritic plateaus hold (dendrites.plateau.current) every step');
    delete desc.populations[0]!.dendrites;
    desc.projections = [{ pre: { population: 'P' }, post: { population: 'P' }, electrical: { current: 'Iplateau' }, weight: 1e-9, rule: 'all_to_all' }];
    expect(refusalOf(() => planNetwork(desc)).message).toContain("which projection 'projection0' sets every step");
  });
});
