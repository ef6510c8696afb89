// Bad dendritic segments get a typed error naming the place: every key of the description, the
// population they need, what may deliver into a segment and write its plateau current, and the
// backend that cannot run them.
import { describe, expect, it } from 'vitest';
import type { NetworkDescription, ProjectionDescription } from '../../ts/model/description.js';
import { planNetwork } from '../../ts/model/plan-network.js';
import { backendsFor } from '../support/backends.js';
import { failureOf, refusalOf, simulator } from '../support/helpers.js';

const CELL = {
  equations: `dv/dt = (-v + R * Idend) / (10 * ms) : volt
              dz/dt = -z / (400 * ms) : 1
              Idend : amp
              Igap : amp`,
  params: { R: '40 Mohm' },
};
const LIF = { tauM: 0.02, vRest: -0.065, vThresh: -0.05, vReset: -0.065, tRef: 0.002, rM: 1e8 };
const DENDRITES = { segments: 2, theta: 3, tau: '5 ms', plateau: { duration: '20 ms', current: 'Idend', amplitude: '200 pA' }, trace: 'z' };

function network(dendrites: unknown, projection?: Partial<ProjectionDescription>, model: unknown = { equations: CELL.equations }): NetworkDescription {
  return {
    dt: 1e-4,
    populations: [
      { name: 'src', size: 3, model: 'spike_source', params: { spikeTimes: [[0.001], [], []] } },
      { name: 'E', size: 4, model: model as never, params: typeof model === 'string' ? LIF : CELL.params, dendrites: dendrites as never },
    ],
    projections: projection ? [{ pre: { population: 'src' }, post: { population: 'E' }, rule: 'all_to_all', ...projection } as ProjectionDescription] : [],
  };
}

const refused = (desc: NetworkDescription) => refusalOf(() => planNetwork(desc));

describe('dendritic segments: typed errors naming the place', () => {
  it.each([
    ['an unknown key', { ...DENDRITES, window: 2 }, 'E_PARAM', 'populations[1].dendrites.window', ''],
    ['no segments', { ...DENDRITES, segments: 0 }, 'E_PARAM', 'populations[1].dendrites.segments', '[1, 256]'],
    ['a segment named twice', { ...DENDRITES, segments: ['a', 'a'] }, 'E_PARAM', 'populations[1].dendrites.segments[1]', 'twice'],
    ['a segment with a variable\'s name', { ...DENDRITES, segments: ['v'] }, 'E_MODEL', 'populations[1].dendrites.segments', 'has the name of a variable'],
    ['a threshold of 0', { ...DENDRITES, theta: 0 }, 'E_PARAM', 'populations[1].dendrites.theta', '> 0'],
    ['a threshold that rounds to 0 in f32', { ...DENDRITES, theta: 1e-50 }, 'E_PARAM', 'populations[1].dendrites.theta', 'rounds to 0'],
    ['a negative window', { ...DENDRITES, tau: '-1 ms' }, 'E_PARAM', 'populations[1].dendrites.tau', '>= 0'],
    ['a plateau shorter than a step', { ...DENDRITES, plateau: { ...DENDRITES.plateau, duration: 1e-5 } }, 'E_PARAM', 'populations[1].dendrites.plateau.duration', 'one step'],
    ['a plateau current the equations lack', { ...DENDRITES, plateau: { ...DENDRITES.plateau, current: 'Iplateau' } }, 'E_MODEL', 'populations[1].dendrites.plateau.current', "add 'Iplateau : amp'"],
    ['an amplitude in the wrong unit', { ...DENDRITES, plateau: { ...DENDRITES.plateau, amplitude: '2 mV' } }, 'E_UNITS', 'populations[1].dendrites.plateau.amplitude', ''],
    ['an unknown key in the plateau', { ...DENDRITES, plateau: { ...DENDRITES.plateau, shape: 'square' } }, 'E_PARAM', 'populations[1].dendrites.plateau.shape', ''],
    ['a trace that is no variable', { ...DENDRITES, trace: 'y' }, 'E_MODEL', 'populations[1].dendrites.trace', 'no state variable "y"'],
  ])('%s', (_what, dendrites, code, path, message) => {
    const e = refused(network(dendrites));
    expect([e.code, e.path]).toEqual([code, path]);
    expect(e.message).toContain(message);
  });

  it('a built-in model has no parameter for a plateau to hold', () => {
    const e = refused(network(DENDRITES, undefined, 'lif'));
    expect([e.code, e.path]).toEqual(['E_MODEL', 'populations[1].dendrites']);
    expect(e.message).toContain('write its model as equations');
  });

  it('onPre into a segment that does not exist lists the variables and segments', () => {
    const e = refused(network(DENDRITES, { synapse: { onPre: 'segment7 += w' }, weight: 1 }));
    expect(e.code).toBe('E_EQUATION');
    expect(e.message).toContain('(has: v, z, segment0, segment1)');
  });

  it('a built-in plasticity rule on a projection into a segment', () => {
    const e = refused(network(DENDRITES, { synapse: { onPre: 'segment0 += w' }, weight: 1, plasticity: { rule: 'stdp' } as never }));
    expect([e.code, e.path]).toEqual(['E_MODEL', 'projections[0].plasticity']);
  });

  it('a coupling or a summed variable that would write the plateau current', () => {
    const desc = network(DENDRITES);
    desc.projections = [{ pre: { population: 'E' }, post: { population: 'E' }, electrical: { current: 'Idend' }, weight: '1 nS', rule: 'all_to_all' }];
    const e = refused(desc);
    expect([e.code, e.path]).toEqual(['E_MODEL', 'projections[0]']);
    expect(e.message).toContain('dendrites.plateau.current');
    desc.projections[0]!.electrical = { current: 'Igap' };
    desc.populations[1]!.model = { equations: CELL.equations.replace('Idend : amp', 'Idend : amp\n') } as never;
    expect(() => planNetwork(desc)).not.toThrow();
  });
});

it('the webgpu backend refuses segments with E_BACKEND naming the population', async (ctx) => {
  const webgpu = (await backendsFor()).find((b) => b.name === 'webgpu')!;
  if (webgpu.missing) return ctx.skip(webgpu.missing);
  const net = (await webgpu.simulator()).load(network(DENDRITES, { synapse: { onPre: 'segment0 += w' }, weight: 1 }));
  const e = await failureOf(() => net.run(0.01));
  expect([e.code, e.path]).toEqual(['E_BACKEND', 'populations[1].dendrites']);
});

it('a snapshot taken during a plateau on wasm continues on the reference backend as on wasm', async () => {
  const desc = network(DENDRITES, { synapse: { onPre: 'segment1 += w' }, weight: 1.5, delay: 2e-3 });
  desc.populations[0]!.params = { spikeTimes: [[0.001, 0.03], [0.001, 0.0305], [0.031]] };
  desc.monitors = [{ type: 'state', population: 'E', variables: ['v', 'Idend', 'z'] }];
  const whole = (await simulator('wasm')).load(desc);
  await whole.run(0.06);
  const half = (await simulator('wasm')).load(desc);
  await half.run(0.01);
  // Mid-plateau: the plateau current is on, 7 ms into its 20.
  expect(Array.from(await half.getPopulation(1).get('Idend'))).toEqual([2e-10, 2e-10, 2e-10, 2e-10].map(Math.fround));
  const restored = await (await simulator('reference')).restore(await half.snapshot());
  await restored.run(0.05);
  for (const v of ['v', 'Idend', 'z']) expect(await restored.getPopulation(1).get(v)).toEqual(await whole.getPopulation(1).get(v));
});
