// What a wrong synapse model gets: a typed error naming the place (E_EQUATION with line and
// column, E_UNITS with both sides' dimensions, E_PARAM or E_MODEL naming the key), never a trap
// or a hang; and 5,000 random model strings are each a model whose generated modules validate,
// or a typed error.
import { describe, expect, it } from 'vitest';
import { SpikewasmError } from '../../ts/errors.js';
import { checkSynapseModel, type SynapseContext } from '../../ts/equations/synapse-model.js';
import { SYNAPSE_EVENTS, variableSlots } from '../../ts/equations/synapse-program.js';
import { generateSynapseHandler } from '../../ts/equations/wasm/generate-synapse.js';
import type { NetworkDescription, ProjectionDescription } from '../../ts/model/description.js';
import { planNetwork } from '../../ts/model/plan-network.js';
import { failureOf, refusalOf, simulator } from '../support/helpers.js';

const mV = 1e-3;

/** Poisson inputs onto an equation population (v, ge; per-neuron parameter I) and a built-in lif. */
function network(projection: Partial<ProjectionDescription>, post: 'cells' | 'lif' = 'cells'): NetworkDescription {
  return {
    dt: 1e-4,
    modulators: [{ name: 'da', tau: 0.2 }],
    populations: [
      { name: 'inputs', size: 5, model: 'poisson', params: { rate: 10 } },
      { name: 'cells', size: 3, model: { equations: 'dv/dt = (ge - v) / (10*ms) + I / (100*pF) : volt\ndge/dt = -ge / (5*ms) : volt\nI : amp' } },
      { name: 'lif', size: 2, model: 'lif', params: { tauM: 0.02, vRest: -65 * mV, vThresh: -50 * mV, vReset: -65 * mV, rM: 1e8, receptors: { e: { tau: 0.005 } } } },
    ],
    projections: [{ pre: { population: 'inputs' }, post: { population: post }, rule: { type: 'all_to_all' }, ...projection } as ProjectionDescription],
  };
}

const STDP = {
  model: 'w : volt\ndapre/dt = -apre / (20*ms) : 1 (event-driven)\ndapost/dt = -apost / (20*ms) : 1 (event-driven)',
  onPre: 'ge += w\napre += 1\nw = clip(w - apost * mV, 0*mV, 5*mV)',
  onPost: 'apost += 1\nw = clip(w + apre * mV, 0*mV, 5*mV)',
};

const refusal = (desc: NetworkDescription) => refusalOf(() => planNetwork(desc));

describe('typed errors naming the place', () => {
  it.each([
    ['a parse error in onPre', { synapse: { ...STDP, onPre: 'ge += w +' } }, 'E_EQUATION', 'projections[0].synapse.onPre', 'line 1, column'],
    ['an equation without a flag', { synapse: { ...STDP, model: 'w : volt\ndx/dt = -x / (5*ms) : 1' } }, 'E_EQUATION', 'synapse.model', 'line 2, column 1: a synapse equation is (event-driven)'],
    ['an event-driven equation that is no decay', { synapse: { ...STDP, model: `${STDP.model}\ndx/dt = -x**2 / (5*ms) : 1 (event-driven)` } }, 'E_EQUATION', 'synapse.model', 'must be a decay'],
    ['an event-driven equation that is piecewise (int() looks linear at three points)', { synapse: { ...STDP, model: `${STDP.model}\ndx/dt = -x * int(x > 0.5) / (5*ms) : 1 (event-driven)` } }, 'E_EQUATION', 'synapse.model', 'must be a decay'],
    ['an event-driven equation that grows', { synapse: { ...STDP, model: `${STDP.model}\ndx/dt = x / (5*ms) : 1 (event-driven)` } }, 'E_EQUATION', 'synapse.model', 'must be a decay'],
    ['five event-driven time constants', { synapse: { ...STDP, model: `w : volt\n${[1, 2, 3, 4, 5].map((k) => `da${k}/dt = -a${k} / (${k}*ms) : 1 (event-driven)`).join('\n')}` } }, 'E_EQUATION', 'synapse.model', 'at most 4 different time constants'],
    ['a clock-driven equation reading an event-driven variable', { synapse: { ...STDP, model: `${STDP.model}\ndc/dt = (apre - c) / (5*ms) : 1 (clock-driven)` } }, 'E_EQUATION', 'synapse.model', 'reads an event-driven variable'],
    ['exact on a coefficient that changes', { synapse: { ...STDP, model: `${STDP.model}\ndc/dt = -c * da / (5*ms) : 1 (clock-driven)` } }, 'E_EQUATION', 'synapse.model', "dc/dt: 'exact' needs constant coefficients"],
    ['a delivery in the wrong unit', { synapse: { ...STDP, onPre: 'ge += 2 * nA' } }, 'E_UNITS', 'synapse.onPre', 'the left side is in V, the right side in A'],
    ['a unit mismatch in the model', { synapse: { ...STDP, model: 'w : volt\ndapre/dt = -apre / (20*mV) : 1 (event-driven)\ndapost/dt = -apost / (20*ms) : 1 (event-driven)' } }, 'E_UNITS', 'synapse.model', 'dapre/dt'],
    ['a post neuron variable set outright', { synapse: { ...STDP, onPre: 'v_post = 0*mV' } }, 'E_EQUATION', 'synapse.onPre', 'can only be added to'],
    ['a delivery from onPost', { synapse: { ...STDP, onPost: 'ge += w' } }, 'E_EQUATION', 'synapse.onPost', 'only onPre delivers'],
    ['two delivery targets', { synapse: { ...STDP, onPre: 'ge += w\nv += w' } }, 'E_EQUATION', 'synapse.onPre', 'adds to ge already'],
    ['a pre neuron variable set', { synapse: { ...STDP, onPost: 'v_pre = 0*mV' } }, 'E_EQUATION', 'synapse.onPost', 'v_pre'],
    ['an unknown identifier', { synapse: { ...STDP, onPost: 'w = w + apre * mV * gain' } }, 'E_EQUATION', 'synapse.onPost', 'unknown identifier "gain"'],
    ['rand() in a statement', { synapse: { ...STDP, onPre: 'ge += w * rand()' } }, 'E_EQUATION', 'synapse.onPre', 'rand is not available in synapse statements'],
    ['a summed variable onto a state variable', { synapse: { model: 'g : siemens\nv_post = g * (v_pre - v_post) / siemens : volt (summed)' } }, 'E_EQUATION', 'synapse.model', 'v is not a parameter'],
    ['a summed variable not ending in _post', { synapse: { model: 'g : siemens\nI = g * v_post : amp (summed)' } }, 'E_EQUATION', 'synapse.model', 'name it x_post'],
    ['an unknown key', { synapse: { ...STDP, onpre: 'ge += w' } }, 'E_PARAM', 'projections[0].synapse', 'onpre'],
    ['an unknown method', { synapse: { ...STDP, method: 'heun' } }, 'E_EQUATION', 'synapse.method', 'heun'],
    ['an unused parameter', { synapse: { ...STDP, params: { tauX: '5 ms' } } }, 'E_PARAM', 'synapse.params.tauX', 'is not used'],
    ['a parameter named like a variable', { synapse: { ...STDP, params: { w: '1 mV' } } }, 'E_PARAM', 'synapse.params.w', 'a variable of the synapse model'],
    ['init of an unknown variable', { synapse: STDP, init: { wx: '1 mV' } }, 'E_PARAM', 'projections[0].init.wx', 'has no variable wx'],
    ['init of w and weight together', { synapse: STDP, init: { w: '1 mV' }, weight: '1 mV' }, 'E_PARAM', 'projections[0].weight', 'give one of them'],
    ['init in the wrong unit', { synapse: STDP, init: { w: '1 nA' } }, 'E_UNITS', 'projections[0].init.w', ''],
    ['a weight without w', { synapse: { model: 'g : siemens\nIgap = g * v_post : amp', onPre: 'ge += 1*mV' }, weight: 1 }, 'E_PARAM', 'projections[0].weight', 'no w'],
    ['a built-in rule beside a synapse model', { synapse: STDP, plasticity: { rule: 'stdp', aPlus: 0.01, aMinus: 0.01, tauPlus: 0.02, tauMinus: 0.02, wMax: 1 } }, 'E_PARAM', 'projections[0].plasticity', 'learns by its statements'],
    ['short-term plasticity beside a synapse model', { synapse: STDP, stp: { U: 0.5, tauRec: 0.1 } }, 'E_PARAM', 'projections[0].stp', 'write it in the model'],
    ['a dendritic delay as long as the delay', { synapse: { ...STDP, dendriticDelay: '1 ms' }, delay: '1 ms' }, 'E_PARAM', 'projections[0].synapse.dendriticDelay', 'less than one step of axonal delay'],
    ['a dendritic delay in volts', { synapse: { ...STDP, dendriticDelay: '1 mV' }, delay: '2 ms' }, 'E_UNITS', 'projections[0].synapse.dendriticDelay', ''],
    ['a receptor beside a synapse model', { synapse: STDP, receptor: 'e' }, 'E_MODEL', 'projections[0].receptor', 'names what it adds to'],
  ] as [string, Partial<ProjectionDescription>, string, string, string][])('%s', (_what, projection, code, path, message) => {
    const e = refusal(network(projection));
    expect(e.code).toBe(code);
    expect(e.path).toContain(path);
    expect(e.message).toContain(message);
  });

  it('onto a built-in population: a receptor as target, in its unit; its variables readable with their units', () => {
    const onLif = { model: 'w : amp', onPre: 'e += w * (1 + (v_post + 65*mV) / mV)' };
    expect(() => planNetwork(network({ synapse: onLif, weight: '10 pA' }, 'lif'))).not.toThrow();
    const wrong = refusal(network({ synapse: { model: 'w : volt', onPre: 'e += w' } }, 'lif'));
    expect([wrong.code, wrong.message]).toEqual(['E_UNITS', expect.stringContaining('the left side is in A, the right side in V')]);
    const none = refusal(network({ synapse: { model: 'w : amp', onPre: 'x += w' } }, 'lif'));
    expect(none.message).toContain('add to a variable of the post neuron (e)');
  });

  it('two projections summing into the same neurons', () => {
    const desc = network({ synapse: { model: 'g : siemens\nI_post = g * (0*mV - v_post) : amp (summed)' } });
    desc.projections!.push({ ...desc.projections![0]!, post: { population: 'cells', start: 1 } });
    const e = refusal(desc);
    expect([e.code, e.message]).toEqual(['E_MODEL', expect.stringContaining("summed by projection 'projection0' already")]);
    desc.projections![0]!.post = { population: 'cells', stop: 1 };
    expect(() => planNetwork(desc)).not.toThrow();
  });

  it('the handles: learning rates and variables', async () => {
    const net = (await simulator('wasm')).load(network({ synapse: STDP, init: { w: { uniform: ['1 mV', '2 mV'] } } }));
    const j = net.getProjection(0);
    expect((await failureOf(() => j.setLearningRate(0.5))).message).toContain("learns by its synapse model's statements");
    expect((await failureOf(() => j.get('wx'))).code).toBe('E_PARAM');
    expect(Array.from(await j.get('w'))).toEqual(Array.from((await j.weights()).weight));
    const plain = (await simulator('wasm')).load(network({ synapse: { onPre: 'ge += w' }, weight: '1 mV' }));
    expect((await failureOf(() => plain.getProjection(0).get('w'))).code).toBe('E_MODEL');
  });
});

describe('5,000 random synapse models', () => {
  it('each is a model or a typed error; every model generates three valid modules', () => {
    let seed = 20261207;
    const random = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0) >>> 0) / 2 ** 32;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const atoms = ['w', 'x', 'c', '1', '0.5', '0', 'v_post/mV', 'v_pre/mV', 'da', 't/ms', 'dt/ms', 'pi', 'mV', 'k', 'gain', 'lastspike'];
    const ops = [' + ', ' - ', ' * ', ' / ', ' ** ', ' < ', ', '];
    const expr = (depth: number): string => {
      const r = random();
      if (depth <= 0 || r < 0.3) return pick(atoms);
      if (r < 0.5) return `(${expr(depth - 1)})`;
      if (r < 0.65) return `${pick(['exp', 'log', 'sqrt', 'abs', 'sin', 'clip', 'tanh', 'floor', 'rand', 'foo'])}(${expr(depth - 1)})`;
      if (r < 0.7) return `-${expr(depth - 1)}`;
      return `${expr(depth - 1)}${pick(ops)}${expr(depth - 1)}`;
    };
    const line = () => pick([
      () => `w : ${pick(['1', 'volt', 'siemens'])}`,
      () => `dx/dt = ${pick(['-x', '(1 - x)', expr(2)])} / (${pick(['5', '20', '-3'])}*ms) : 1 (${pick(['event-driven', 'clock-driven', 'summed'])})`,
      () => `dc/dt = (${expr(3)}) / second : 1 (clock-driven)`,
      () => `I_post = (${expr(3)}) * nA : amp (summed)`,
      () => `k : ${pick(['1', 'second'])}`,
      () => [...Array(1 + Math.floor(random() * 10))].map(() => pick(['(', ')', '=', ':', 'd', 'x', '#', '@', '"', '_post'])).join(''),
    ])();
    const statement = () => `${pick(['w', 'x', 'c', 'ge', 'v_post', 'k', 'I'])} ${pick(['=', '+=', '-=', '*='])} ${expr(3)}`;
    const ctx: SynapseContext = {
      pre: { name: 'pre', variables: [{ name: 'v', slot: 0, dim: [2, 1, -3, -1, 0, 0, 0] }], perNeuron: [] },
      post: { name: 'post', variables: [{ name: 'v', slot: 0, dim: [2, 1, -3, -1, 0, 0, 0] }, { name: 'ge', slot: 1, dim: [0, 0, 0, 0, 0, 0, 0] }], perNeuron: [{ name: 'I', slot: 0, dim: [0, 0, 0, 1, 0, 0, 0] }] },
      targets: [{ name: 'ge', dim: [0, 0, 0, 0, 0, 0, 0] }],
      modulators: ['da'],
      dt: 1e-4,
    };
    const counts = { models: 0, refused: 0 };
    for (let k = 0; k < 5_000; k++) {
      const spec = {
        model: Array.from({ length: 1 + Math.floor(random() * 3) }, line).join('\n'),
        onPre: Array.from({ length: Math.floor(random() * 3) }, statement).join('\n'),
        onPost: Array.from({ length: Math.floor(random() * 2) }, statement).join('\n'),
        method: pick(['exact', 'euler', 'rk4', 'exponential_euler']),
      };
      try {
        const syn = checkSynapseModel('projections[0].synapse', spec, ctx);
        counts.models++;
        const program = {
          syn, projection: 0, dt: 1e-4, prePopulation: 0, postPopulation: 1, postStart: 0, postStop: 3, preNPad: 4, postNPad: 4,
          fadeLimits: syn.taus.map(() => 4096), slots: variableSlots(syn), synPad: 8,
        };
        for (const event of SYNAPSE_EVENTS) expect(WebAssembly.validate(generateSynapseHandler(program, event))).toBe(true);
      } catch (e) {
        if (!(e instanceof SpikewasmError)) throw new Error(`untyped error for ${JSON.stringify(spec)}: ${(e as Error).stack}`);
        expect(['E_EQUATION', 'E_UNITS', 'E_PARAM', 'E_MODEL']).toContain(e.code);
        counts.refused++;
      }
    }
    expect(counts.models).toBeGreaterThan(100);
    expect(counts.refused).toBeGreaterThan(1000);
  }, 120_000);
});

describe('divergence', () => {
  it.each(['wasm', 'reference'] as const)('a synapse variable that becomes infinite stops the run with E_NUMERIC naming projection, variable and synapse (%s)', async (backend) => {
    const net = (await simulator(backend)).load(network({
      name: 'runaway',
      synapse: { model: 'w : volt\ngrow : 1', onPre: 'ge += w * 0\ngrow = grow * 1e6 + 1' },
      weight: '1 mV',
    }));
    const e = await failureOf(() => net.run(0.5));
    expect(e.code).toBe('E_NUMERIC');
    expect(e.path).toBe('projections[0].synapse');
    expect(e.message).toMatch(/the synapse model of projection 'runaway' diverged at step \d+ \(t = [\d.]+ s\): variable grow of synapse \d+ \(CSR order\) is Infinity/);
    // The run stays stopped, in a snapshot too.
    expect((await failureOf(() => net.run(0.01))).code).toBe('E_NUMERIC');
    const restored = await (await simulator(backend)).restore(await net.snapshot());
    expect((await failureOf(() => restored.run(0.01))).code).toBe('E_NUMERIC');
  });
});
