// Property-based fuzzing (fast-check): every example model file mutated at random (a value
// replaced by a hostile one, a key deleted, an unknown key added; `spikewasm validate` must
// agree with building on each), and the public API called with hostile arguments. Every case
// must end in success or a SpikewasmError: an untyped error (TypeError, RangeError, a wasm
// trap) or a case over 10 s (a hang; plus a microsecond for each step a call asks to simulate)
// fails the suite, naming the case. Bounded for CI (FUZZ_CASES, default 150 per property);
// `npm run fuzz -- --cases N` runs a long campaign and prints the outcomes per kind and per
// error code.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../hosts/cli/validate.js';
import { SpikewasmError } from '../../ts/errors.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { simulator } from '../support/helpers.js';

const CASES = Number(process.env.FUZZ_CASES ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const HANG_MS = 10_000;

type Outcome = 'success' | `typed ${string}` | 'untyped' | 'hang';

/**
 * Runs one case; returns its outcome (an untyped error is kept for the report). A case that
 * asks for `steps` steps of simulation may take as long as they take: it hangs only past
 * HANG_MS plus a microsecond a step (the fuzzed networks run over 10^7 steps a second).
 */
async function outcomeOf(run: () => Promise<unknown>, failures: string[], label: () => string, steps = 0): Promise<Outcome> {
  const started = performance.now();
  let outcome: Outcome = 'success';
  try {
    await run();
  } catch (e) {
    if (e instanceof SpikewasmError) outcome = `typed ${e.code}`;
    else {
      outcome = 'untyped';
      failures.push(`${label()}: ${(e as Error)?.name}: ${(e as Error)?.message?.slice(0, 200)}`);
    }
  }
  if (performance.now() - started > HANG_MS + steps / 1000) {
    failures.push(`${label()}: took ${Math.round(performance.now() - started)} ms`);
    return 'hang';
  }
  return outcome;
}

function report(what: string, counts: Map<Outcome, number>, failures: string[]): void {
  console.log(`fuzz ${what}: ${[...counts].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
  expect(failures.slice(0, 5)).toEqual([]);
}

/** Numbers a user might get wrong: signs, zero, non-finite, huge, non-integers; no sizes so large they only test memory. */
const hostileNumber = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ min: -1e3, max: 1e3, noNaN: false }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, 2 ** 31, 2 ** 32 + 1, 2 ** 53, 5e-324),
);
const deep = (() => {
  let v: unknown = 1;
  for (let i = 0; i < 200; i++) v = [v];
  return v;
})();
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  fc.constantFrom(null, true, false, '', 'lif', 'x'.repeat(300), [], {}, [[1, 2]], { uniform: [1, 0] }, { normal: {} }, deep),
  fc.constantFrom({ constructor: 1 }, { toString: 2 }, { valueOf: 3 }, { hasOwnProperty: 4 }),
  // Array-likes with a bogus length, class instances, typed arrays, a getter.
  fc.constantFrom({ length: 2 ** 32 }, { length: 1e9 }, { length: -1 }, new Map([['a', 1]]), new Date(0), Float64Array.of(1, 2), new Uint8Array(3),
    Object.defineProperty({}, 'tauM', { get: () => 0.02, enumerable: true })),
  fc.array(hostileNumber, { maxLength: 4 }),
  fc.string({ maxLength: 6 }),
);

const examples = readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.json')).sort()
  .map((f) => ({ file: f, desc: JSON.parse(readFileSync(new URL(`../../examples/${f}`, import.meta.url), 'utf8')) as NetworkDescription }));

/** Paths into a description (long arrays: their first three entries). */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [at];
  const keys = Array.isArray(value) ? value.slice(0, 3).map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...at, k]))];
}

type Mutation = { example: number; path: number; action: 'replace' | 'delete' | 'add'; value: unknown; key: string };

function mutate(m: Mutation): { desc: NetworkDescription; label: string } {
  const { file, desc: original } = examples[m.example % examples.length]!;
  const desc = structuredClone(original) as unknown as Record<string, unknown>;
  const all = paths(desc);
  const path = all[m.path % all.length]!;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, desc);
  const last = path.at(-1);
  let label = `${file} ${m.action} ${path.join('.') || '(root)'}`;
  if (m.action === 'add' && last !== undefined) {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[m.key] = m.value;
    label += `.${m.key}`;
  } else if (m.action === 'delete' && last !== undefined) {
    delete parent[last];
  } else if (last !== undefined) {
    parent[last] = m.value;
  }
  return { desc: desc as unknown as NetworkDescription, label: `${label} = ${shortly(m.value)}` };
}

/** Steps a call asks to simulate (step(k), run(seconds) at dt 1e-4), for the hang limit; 0 for other calls. */
function stepsAsked(name: string, a: unknown): number {
  if (typeof a !== 'number' || !Number.isFinite(a) || a < 0) return 0;
  return name === 'step' ? a : name === 'run' ? a / 1e-4 : 0;
}

const shortly = (v: unknown) => {
  try {
    return JSON.stringify(v)?.slice(0, 40) ?? String(v);
  } catch {
    return typeof v;
  }
};

describe('fuzzing', () => {
  it(`example model files, mutated (${CASES} cases): success or a typed error, never anything else`, async () => {
    const sim = await simulator();
    const counts = new Map<Outcome, number>();
    const failures: string[] = [];
    const mutation = fc.record({
      example: fc.nat(), path: fc.nat(), action: fc.constantFrom('replace', 'replace', 'delete', 'add'),
      value: hostileValue, key: fc.constantFrom('constructor', 'toString', 'bogus', '__proto__', 'size', 'p'),
    }) as fc.Arbitrary<Mutation>;
    for (const m of fc.sample(mutation, { numRuns: CASES, seed: SEED })) {
      const { desc, label } = mutate(m);
      let built = false;
      const outcome = await outcomeOf(async () => {
        const net = sim.load(desc);
        await net.build();
        built = true;
        await net.run(0.002);
      }, failures, () => label);
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      // spikewasm validate runs the loader's own checks: it may never disagree with building.
      await outcomeOf(async () => {
        const valid = validateModel(desc).length === 0;
        if (valid !== built) failures.push(`${label}: validate finds it ${valid ? 'valid' : 'invalid'}, building ${built ? 'succeeds' : 'fails'}`);
      }, failures, () => `${label} (validate)`);
    }
    report('model files', counts, failures);
  }, 600_000 + CASES * 200);

  it(`the public API with hostile arguments (${CASES} cases): success or a typed error, never anything else`, async () => {
    const sim = await simulator();
    const lif = { tauM: 0.02, vRest: -0.07, vThresh: -0.05, vReset: -0.07, receptors: { e: { tau: 0.005 } } };
    const counts = new Map<Outcome, number>();
    const failures: string[] = [];
    const calls = ['population', 'connect', 'monitorState', 'monitorRate', 'run', 'step', 'slice', 'setRates', 'setWeights', 'get', 'getPopulation', 'modulate', 'currentStep', 'snapshot-restore'] as const;
    const call = fc.record({ name: fc.constantFrom(...calls), a: hostileValue, b: hostileValue, c: hostileValue });
    for (const { name, a, b, c } of fc.sample(call, { numRuns: CASES, seed: SEED + 1 })) {
      const outcome = await outcomeOf(async () => {
        const net = sim.network({ dt: 1e-4, seed: 1 });
        const P = net.population(8, 'lif', lif);
        const S = net.population(4, 'poisson', { rate: 50 });
        const J = net.connect(S, P, { receptor: 'e', rule: { type: 'all_to_all' }, weight: { uniform: [0, 1e-3] } });
        const any = net as unknown as Record<string, (...args: unknown[]) => unknown>;
        // The call, then a step, so that what a call accepted is also built and run.
        await (async () => {
          switch (name) {
            case 'population': return any.population!(a, b, c);
            case 'connect': return any.connect!(a, P, b);
            case 'monitorState': return any.monitorState!(P, a, b);
            case 'monitorRate': return any.monitorRate!(P, a);
            case 'run': return net.run(a as number);
            case 'step': return net.step(a as number, b as never);
            case 'slice': return P.slice(a as number, b as number);
            case 'setRates': await net.run(1e-4); return S.setRates(a as number);
            case 'setWeights': await net.run(1e-4); return J.setWeights(a as number);
            case 'get': await net.run(1e-4); return P.get(a as string);
            case 'getPopulation': return net.getPopulation(a as string);
            case 'modulate': return net.modulate(a as string, b as number);
            case 'currentStep': return net.currentStep(P, a as number[], b as number[]);
            case 'snapshot-restore': return sim.restore(a as Uint8Array);
          }
        })();
        await net.run(1e-4);
      }, failures, () => `${name}(${shortly(a)}, ${shortly(b)}, ${shortly(c)})`, stepsAsked(name, a));
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    }
    report('API calls', counts, failures);
  }, 600_000 + CASES * 200);
});
