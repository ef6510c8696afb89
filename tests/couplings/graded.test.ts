// Graded chemical synapses against their closed form: a presynaptic cell held at a potential
// drives a passive post cell through g s(v_pre) (E - v_post), s = 1 / (1 + exp((vTh - v_pre) /
// vSlope)), so the post cell settles at (gL EL + g s E) / (gL + g s); the synapse is directed,
// so the presynaptic cell feels nothing. On every backend.
import { expect, it } from 'vitest';
import { backendsFor, describeBackends } from '../support/backends.js';
import { failureOf } from '../support/helpers.js';

const [gL, EL, g] = [10e-9, -70e-3, 5e-9];

describeBackends('graded synapses', await backendsFor(), (backend) => {
  it.each([
    { eRev: 0, vTh: -40e-3, vSlope: 8e-3 },
    { eRev: -90e-3, vTh: -30e-3, vSlope: 3e-3 },
  ])('a held presynaptic potential from -80 to 0 mV holds the post cell where its currents balance (within 1e-4), eRev $eRev V', async ({ eRev, vTh, vSlope }) => {
    const held = Array.from({ length: 9 }, (_, k) => -80e-3 + k * 10e-3);
    const net = (await backend.simulator()).network({ dt: 1e-4 });
    const pre = net.population(held.length, { equations: 'dv/dt = 0 * volt / second : volt' }, { v: held });
    const post = net.population(held.length, {
      equations: `dv/dt = (gL*(EL - v) + Isyn) / C : volt
                  Isyn : amp`,
      params: { gL: `${gL} S`, EL: `${EL} V`, C: '200 pF' },
    }, { v: '-70 mV' });
    net.connect(pre, post, { graded: { current: 'Isyn', eRev: `${eRev} V`, vTh: `${vTh} V`, vSlope: `${vSlope} V` }, weight: `${g} S`, rule: 'one_to_one' });
    await net.run(0.4); // 20 membrane time constants at rest, more with the synapse open
    const got = await post.get('v');
    held.forEach((v, k) => {
      const s = 1 / (1 + Math.exp((vTh - v) / vSlope));
      const want = (gL * EL + g * s * eRev) / (gL + g * s);
      expect(Math.abs(got[k]! / want - 1), `pre at ${v} V`).toBeLessThan(1e-4);
    });
    expect(Array.from(await pre.get('v'))).toEqual(Array.from(Float32Array.from(held)));
    // The synapse moved the cells it opened most (the sigmoid's upper half) by more than a millivolt.
    expect(Math.abs(got[held.length - 1]! - EL)).toBeGreaterThan(1e-3);
  });

  it('counts toward the stability bound with its full conductance: dt g / C past 1 is refused naming the neuron, below it runs', async () => {
    const sim = await backend.simulator();
    const build = (g: string) => {
      const net = sim.network({ dt: 1e-4 });
      const pre = net.population(1, { equations: 'dv/dt = 0 * volt / second : volt' }, { v: '0 mV' });
      const post = net.population(2, { equations: `dv/dt = (gL*(EL - v) + Isyn) / C : volt
                                                  Isyn : amp`, params: { gL: `${gL} S`, EL: `${EL} V`, C: '200 pF' } }, { v: '-70 mV' });
      net.connect(pre, post, { graded: { current: 'Isyn', eRev: '0 mV', vTh: '-40 mV', vSlope: '8 mV' }, weight: g, rule: 'all_to_all' });
      return { net, post };
    };
    // C / dt = 2 uS.
    const e = await failureOf(() => build('2.1 uS').net.run(0.001));
    expect([e.code, e.path]).toEqual(['E_PARAM', 'projections[0].weight']);
    expect(e.message).toMatch(/neuron 0 of population .* dt·Σg\/C = 1\.0[0-9]* exceeds 1/);
    const { net, post } = build('1.9 uS');
    await net.run(0.01);
    // The synapse is open (s = 0.99): the cells settle near its reversal potential, pulled down a little by the leak.
    for (const v of await post.get('v')) expect(Math.abs(v)).toBeLessThan(1e-3);
  });
});
