// What a wrong model gets: a typed error naming the place (E_EQUATION with line and column,
// E_UNITS with both sides' dimensions), never a trap or a hang; and a model that diverges
// stops the run with E_NUMERIC naming population, variable, neuron and step.
import { describe, expect, it } from 'vitest';
import { SpikewasmError } from '../../ts/errors.js';
import { checkEquations } from '../../ts/equations/model.js';
import { programOf } from '../../ts/equations/program.js';
import { generateUpdate } from '../../ts/equations/wasm/generate.js';
import { planNetwork } from '../../ts/model/plan-network.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { failureOf, refusalOf } from '../support/helpers.js';
import { backendsFor, describeBackends } from '../support/backends.js';

const check = (equations: string, extra: Record<string, unknown> = {}, params: Record<string, unknown> = { tau: '10 ms' }) =>
  checkEquations('populations[0].model', { equations, ...extra }, params, 'populations[0].params', 1e-4, 10);

const refusal = refusalOf;

describe('typed errors naming the place', () => {
  it.each([
    ['a parse error', 'dv/dt = -v + : volt', {}, 'E_EQUATION', 'line 1, column 14'],
    ['an unclosed parenthesis', 'dv/dt = (-v / tau : volt', {}, 'E_EQUATION', 'not closed'],
    ['an unknown identifier', 'dv/dt = -v / tau : volt\ndw/dt = -w / taux : 1', {}, 'E_EQUATION', "line 2, column 14: unknown identifier \"taux\""],
    ['a unit mismatch', 'dv/dt = -v / tau + 2 * nA : volt', {}, 'E_UNITS', 'V/s'],
    ['a statement unit mismatch', 'dv/dt = -v / tau : volt', { threshold: 'v > 1*mV', reset: 'v = 5 * ms' }, 'E_UNITS', 'reset'],
    ['a threshold that is not a condition', 'dv/dt = -v / tau : volt', { threshold: 'v + 1*mV' }, 'E_EQUATION', 'condition'],
    ['exact on a non-linear system', 'dv/dt = -v * v / (tau * mV) : volt', { method: 'exact' }, 'E_EQUATION', "'exact' needs a linear system"],
    ['exponential_euler on an equation not linear in its variable', 'dv/dt = -v * v / (tau * mV) : volt', { method: 'exponential_euler' }, 'E_EQUATION', 'linear in its own variable'],
    ['an unsupported function', 'dv/dt = -tan(v / mV) * mV / tau : volt', {}, 'E_EQUATION', 'tan() is not supported'],
    ['int() of a number', 'dv/dt = -int(v / mV) * mV / tau : volt', {}, 'E_EQUATION', 'int() turns a condition into 1 or 0'],
    ['a condition as a value', 'dv/dt = -(v > 0*mV) * mV / tau : volt', {}, 'E_EQUATION', 'got a condition'],
    ['white noise', 'dv/dt = -v / tau + xi * mV / sqrt(tau) : volt', {}, 'E_EQUATION', 'white noise'],
    ['an unsupported flag', 'dv/dt = -v / tau : volt (event-driven)', {}, 'E_EQUATION', '(event-driven) is not supported'],
    ['a variable defined twice', 'dv/dt = -v / tau : volt\nv = 2 * mV : volt', {}, 'E_EQUATION', 'defined twice'],
    ['a built-in name defined', 'dt = 2 * ms : second\ndv/dt = -v / tau : volt', {}, 'E_EQUATION', 'built-in name'],
    ['a self-referring subexpression', 'dv/dt = -a / tau : volt\na = a + v : volt', {}, 'E_EQUATION', 'refers to itself'],
    ['an unknown unit', 'dv/dt = -v / tau : voltz', {}, 'E_EQUATION', '"voltz" is not a unit'],
    ['a boolean variable', 'dv/dt = -v / tau : volt\nb : boolean', {}, 'E_EQUATION', 'boolean variables are not supported'],
    ['unless refractory without a refractory period', 'dv/dt = -v / tau : volt (unless refractory)', {}, 'E_EQUATION', 'needs a refractory period'],
    ['an exponent with units', 'dv/dt = -v / tau * 2**(v/ms) : volt', {}, 'E_UNITS', 'exponent must be dimensionless'],
    ['a function of a quantity', 'dv/dt = -exp(v) / tau : volt', {}, 'E_UNITS', 'exp() needs a dimensionless argument'],
    ['an unknown method', 'dv/dt = -v / tau : volt', { method: 'heun' }, 'E_EQUATION', 'method'],
    ['an unknown key', 'dv/dt = -v / tau : volt', { thresold: 'v > 0*mV' }, 'E_PARAM', 'thresold'],
    ['a refractory period in volts', 'dv/dt = -v / tau : volt', { refractory: '5 mV' }, 'E_UNITS', 'a refractory period is a time'],
  ])('%s', (_what, equations, extra, code, message) => {
    const e = refusal(() => check(equations, extra));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
    expect(e.path).toMatch(/^populations\[0\]/);
  });

  it('the parameters: unused, a plain number for a quantity, a string that is no quantity', () => {
    expect(refusal(() => check('dv/dt = -v / tau : volt', {}, { tau: '10 ms', tauX: '5 ms' })).path).toBe('populations[0].params.tauX');
    const plain = refusal(() => check('dv/dt = -v / tau : volt', {}, { tau: 0.01 }));
    expect([plain.code, plain.message]).toEqual(['E_UNITS', expect.stringContaining('the left side is in V/s, the right side in V')]);
    expect(refusal(() => check('dv/dt = -v / tau : volt', {}, { tau: 'ten ms' })).code).toBe('E_UNITS');
  });

  it('synapses onto equations: only x += w on a state variable, no receptor', async () => {
    const net = (model: unknown, projection: Record<string, unknown>): NetworkDescription => ({
      dt: 1e-4,
      populations: [{ name: 'P', size: 2, model: model as never, params: { tau: '10 ms' } }],
      projections: [{ pre: { population: 'P' }, post: { population: 'P' }, rule: { type: 'all_to_all' }, ...projection } as never],
    });
    const eq = { equations: 'dv/dt = -v / tau : volt' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ synapse: { onPre: 'v += 2*w' } }, 'E_EQUATION', "without a synapse model, onPre is 'x += w'"],
      [{ synapse: { onPre: 'u += w' } }, 'E_EQUATION', 'not a state variable'],
      [{ receptor: 'v' }, 'E_MODEL', 'synapse: { onPre'],
      [{ synapse: { onPre: 'v += w' }, weight: '2 nS' }, 'E_UNITS', 'must be in V'],
      // onPost makes it a synapse model (docs/synapse-models.md), which delivers from onPre only.
      [{ synapse: { onPost: 'v += w' } }, 'E_EQUATION', 'onPost cannot add'],
    ];
    for (const [projection, code, message] of cases) {
      const e = refusal(() => planNetwork(net(eq, projection)));
      expect([e.code, e.message]).toEqual([code, expect.stringContaining(message)]);
    }
    const e = refusal(() => planNetwork({ dt: 1e-4, populations: [{ name: 'L', size: 2, model: 'lif', params: { tauM: 0.02, vRest: -0.06, vThresh: -0.05, vReset: -0.06, receptors: { e: { tau: 5e-3 } } } }], projections: [{ pre: { population: 'L' }, post: { population: 'L' }, rule: { type: 'all_to_all' }, synapse: { onPre: 'v += w' } } as never] }));
    // Onto a built-in model a synapse is a synapse model, which adds to a receptor (e), not to v.
    expect([e.code, e.message]).toEqual(['E_EQUATION', expect.stringContaining('add to a variable of the post neuron (e)')]);
  });

  it('a state monitor of an unknown variable: E_MODEL listing each readable variable once (a receptor bears its variable\'s name; per-neuron parameters are readable)', () => {
    const e = refusal(() => planNetwork({
      dt: 1e-4,
      populations: [{ name: 'P', size: 2, model: { equations: 'dv/dt = (I - v) / tau : volt\nI : volt' } as never, params: { tau: '10 ms', I: '1 mV' } }],
      projections: [{ pre: { population: 'P' }, post: { population: 'P' }, rule: { type: 'all_to_all' }, synapse: { onPre: 'v += w' } } as never],
      monitors: [{ type: 'state', population: 'P', variables: ['J'] }],
    }));
    expect([e.code, e.path]).toEqual(['E_MODEL', 'monitors[0].variables[0]']);
    expect(e.message).toContain('has no variable "J" (has: v, I)');
  });
});

describeBackends('divergence', await backendsFor(), (backend) => {
  it('stops the run with E_NUMERIC at the first non-finite step', async () => {
    const net = (await backend.simulator()).network({ dt: 1e-4 });
    net.population(3, { name: 'quiet', equations: 'dv/dt = -v / tau : 1', params: { tau: '1 ms' } }, { v: 1 });
    net.population(6, { name: 'runaway', equations: 'dv/dt = v / tau : 1', params: { tau: '1 ms' } }, { v: [0, 0, 0, 0, 1, 0] });
    const e = await failureOf(() => net.run(0.5));
    // The same step from the exact propagator, in f32.
    const phi = Math.fround(Math.exp(0.1));
    let v = 1;
    let step = 0;
    for (; Number.isFinite(v); step++) v = Math.fround(v * phi);
    expect(e.code).toBe('E_NUMERIC');
    expect(e.path).toBe('populations[1]');
    expect(e.message).toContain(`population 'runaway' diverged at step ${step - 1}`);
    expect(e.message).toContain('variable v of neuron 4 is Infinity');
    // The run stays stopped: the recorded step persists, in a snapshot too.
    expect((await failureOf(() => net.run(0.01))).code).toBe('E_NUMERIC');
    const restored = await (await backend.simulator()).restore(await net.snapshot());
    expect((await failureOf(() => restored.run(0.01))).message).toContain(`diverged at step ${step - 1}`);
  });
});

describe('10,000 random equation strings', () => {
  it('each is a model or a typed error; every model generates a valid module', () => {
    let seed = 20261207;
    const random = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0) >>> 0) / 2 ** 32;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    // Mostly dimensionless atoms, so that many strings are models; units and unknown names now and then.
    const atoms = ['v/mV', 'w', '1', '2.5', '0', '1e-3', 't/ms', 'dt/ms', 'i', 'N', 'lastspike/ms', 'rand()', 'randn()', 'pi', 'inf', 'v', 'mV', 'x', 'tau'];
    const ops = [' + ', ' - ', ' * ', ' / ', ' ** ', ' < ', ' and ', ', '];
    const expr = (depth: number): string => {
      const r = random();
      if (depth <= 0 || r < 0.3) return pick(atoms);
      if (r < 0.5) return `(${expr(depth - 1)})`;
      if (r < 0.65) return `${pick(['exp', 'log', 'sqrt', 'abs', 'sin', 'clip', 'tanh', 'exprel', 'floor', 'foo'])}(${expr(depth - 1)})`;
      if (r < 0.7) return `-${expr(depth - 1)}`;
      return `${expr(depth - 1)}${pick(ops)}${expr(depth - 1)}`;
    };
    const units = ['volt', '1', 'volt (unless refractory)', 'volt', '1', 'siemens', 'hertz', 'boolean'];
    const line = () => {
      const r = random();
      if (r < 0.6) return random() < 0.5 ? `dv/dt = (${expr(4)}) * mV/ms : ${pick(units)}` : `dw/dt = (${expr(4)}) / ms : ${pick(units)}`;
      if (r < 0.8) return `${pick(['x', 'y', 'v'])} = ${expr(3)} : ${pick(units)}`;
      if (r < 0.9) return `${pick(['x', 'k'])} : ${pick(units)}`;
      // Characters and fragments that belong to no line.
      return [...Array(1 + Math.floor(random() * 12))].map(() => pick(['(', ')', '=', ':', '/', 'd', 'v', '#', '\t', '@', '[', '"', '.', '1', 'e', '$'])).join('');
    };
    const counts = { models: 0, refused: 0 };
    for (let k = 0; k < 10_000; k++) {
      const first = `dv/dt = (${expr(4)}) * mV/ms : volt${pick(['', ' (unless refractory)'])}`;
      const equations = [first, ...Array.from({ length: Math.floor(random() * 3) }, line)].join('\n');
      const extra = {
        method: pick(['exact', 'euler', 'rk2', 'rk4', 'exponential_euler']),
        threshold: pick(['v > 1*mV', 'rand() < 0.5', `v/mV > ${expr(2)}`, expr(2)]),
        reset: pick(['v = 0*mV', 'v = v * 0.5', `v = ${expr(1)} * mV`, expr(1)]),
        refractory: pick(['2 ms', 'v > 0*mV', 'v > 0*mV', '2 ms']),
      };
      try {
        const eq = check(equations, extra, {});
        counts.models++;
        const bytes = generateUpdate(programOf({ index: 0, size: 10, model: { equations: eq }, params: { receptors: [] } }, 1e-4));
        expect(WebAssembly.validate(bytes)).toBe(true);
      } catch (e) {
        if (!(e instanceof SpikewasmError)) throw new Error(`untyped error for ${JSON.stringify({ equations, extra })}: ${(e as Error).stack}`);
        expect(['E_EQUATION', 'E_UNITS', 'E_PARAM', 'E_MODEL']).toContain(e.code);
        counts.refused++;
      }
    }
    expect(counts.models).toBeGreaterThan(100);
    expect(counts.refused).toBeGreaterThan(1000);
  }, 120_000);
});
