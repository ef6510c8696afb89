// docs/model.schema.json against the examples, against broken files, and against the code:
// every parameter, option and receptor rule of every neuron model, the top-level keys, the
// connection rules and the monitor types must agree with what the loader accepts, so the
// schema cannot drift from the code silently.
import { readFileSync, readdirSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SpikewasmError } from '../../ts/errors.js';
import { createSimulator } from '../../ts/api/simulator.js';
import { parseModel } from '../../ts/io/model-file.js';
import { buildNetwork } from '../../ts/layout/build.js';
import { BUILTIN_MODELS, ModelRegistry } from '../../ts/model/neurons/registry.js';
import { modelSchemaParts } from '../../ts/model/schema.js';

const models = new ModelRegistry();
const modelNames = models.names;
const neuronModel = (path: string, name: string) => models.get(path, name);
import { resolveParams } from '../../ts/model/params.js';

type Json = Record<string, any>;

const root = new URL('../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('docs/model.schema.json', root), 'utf8')) as Json;
// ajv is CommonJS: typed under NodeNext, its default import is the module; at run time, the class.
const Ajv2020 = ((Ajv2020Module as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const ajv = new Ajv2020({ strict: true, strictTypes: true, strictTuples: true, allErrors: true });
const validate = ajv.compile(schema);

const readExample = (file: string): Json => JSON.parse(readFileSync(new URL(`examples/${file}`, root), 'utf8')) as Json;
// Model files anywhere under examples/ (other JSON there, such as a synapse model's fragment, has no populations).
const exampleFiles = (readdirSync(new URL('examples/', root), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.json') && !f.includes('node_modules') && 'populations' in readExample(f)).sort();

function valid(data: unknown): boolean {
  return validate(data);
}

/** Whether the code accepts a description: parsed as a file, then built. */
function codeAccepts(data: unknown): boolean {
  try {
    buildNetwork(parseModel(JSON.stringify(data)));
    return true;
  } catch (e) {
    if (e instanceof SpikewasmError) return false;
    throw e;
  }
}

/** The message of the SpikewasmError `f` throws. */
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof SpikewasmError) return e.message;
    throw e;
  }
  throw new Error('expected a SpikewasmError');
}

/** The names in an error message's "(known: a, b, c)". */
function knownList(message: string): string[] {
  const m = /\(known: ([^)]*)\)/.exec(message);
  if (!m) throw new Error(`no known list in ${JSON.stringify(message)}`);
  return m[1]!.split(', ');
}

const def = (name: string): Json => schema.$defs[name] as Json;
const deref = (s: Json): Json => (s.$ref ? def((s.$ref as string).replace('#/$defs/', '')) : s);

/** The params schema the population schema applies for `model` (following its if/then). */
function paramsSchema(model: string): Json {
  const branch = (def('population').allOf as Json[]).find((b) => b.if?.properties?.model?.const === model);
  if (!branch) throw new Error(`no if/then for model ${model}`);
  return deref(branch.then.properties.params as Json);
}

describe('the schema\'s per-model parts', () => {
  it('are what the models\' rules make (npm run schema rewrites them)', () => {
    const { modelEnum, allOf, defs } = modelSchemaParts(BUILTIN_MODELS);
    expect(def('population').properties.model.anyOf[0].enum).toEqual(modelEnum);
    expect(def('population').allOf).toEqual(allOf);
    expect(Object.fromEntries(Object.entries(schema.$defs as Json).filter(([k]) => k.startsWith('params_')))).toEqual(defs);
  });
});

describe('model.schema.json', () => {
  it('is a draft 2020-12 schema that Ajv compiles in strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof validate).toBe('function');
  });

  it('examples/ has model files to check', () => {
    expect(exampleFiles).toContain('cuba.json');
    expect(exampleFiles).toContain('sequence-memory/sequence-memory.json');
  });

  it.each(exampleFiles)('accepts examples/%s', (file) => {
    const data = readExample(file);
    expect(valid(data), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(() => parseModel(JSON.stringify(data))).not.toThrow();
  });

  it('accepts a small model that uses every model, rule, input and monitor, as the code does', () => {
    const data = kitchenSink();
    expect(valid(data), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(codeAccepts(data)).toBe(true);
  });

  it('accepts what the API writes (net.toJSON())', async () => {
    const sim = await createSimulator({ backend: 'reference' });
    const net = sim.network({ dt: 1e-4, seed: 42 });
    const P = net.population(100, 'lif', {
      tauM: 20e-3, vRest: -49e-3, vThresh: -50e-3, vReset: -60e-3, tRef: 5e-3,
      receptors: { e: { tau: 5e-3 }, i: { tau: 10e-3 } },
    }, { v: { uniform: [-60e-3, -50e-3] } });
    const drive = net.population(10, 'poisson', { rate: 20 }, {}, 'drive');
    net.connect(P.slice(0, 80), P, { receptor: 'e', weight: 1.62e-3, rule: { p: 0.02 } });
    net.connect(P.slice(80), P, { receptor: 'i', weight: -9e-3, rule: { p: 0.02, autapses: false }, name: 'inh' });
    net.connect(drive, P.slice(0, 3), { receptor: 'e', rule: { type: 'list', pre: [0, 1], post: [2, 2], weight: [1e-3, 2e-3] } });
    net.currentStep(P.slice(0, 5), [0.01, 0.02], [1e-3, 0]);
    net.monitorSpikes(P);
    net.monitorState(P, ['v', 'e'], { neurons: [0, 1, 2], every: '1 ms' });
    net.monitorState(P, ['v'], { neurons: [3], everySteps: 7, name: 'v3' });
    net.monitorRate(drive, { bin: 0.005 });
    net.monitorRate(P, { binSteps: 20 });
    const data = JSON.parse(JSON.stringify(net.toJSON())) as Json;
    expect(valid(data), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(codeAccepts(data)).toBe(true);
  });
});

/** Broken files the schema and the code must both reject. */
const learningDelays = { rule: 'none', delays: { rate: 0.5, window: 0.01, min: 0.0001, max: 0.02 } };
const broken: [string, (m: Json) => void][] = [
  ['delay learning with an unknown key', (m) => (m.projections[0].plasticity = { ...learningDelays, delays: { ...learningDelays.delays, lag: 1 } })],
  ['fixed_total_number without n', (m) => (m.projections[0].rule = { type: 'fixed_total_number', multapses: true })],
  ['fixed_total_number with a fractional n', (m) => (m.projections[0].rule = { type: 'fixed_total_number', n: 2.5 })],
  ['delay learning at a rate above 1', (m) => (m.projections[0].plasticity = { ...learningDelays, delays: { ...learningDelays.delays, rate: 1.5 } })],
  ['delay learning without max', (m) => (m.projections[0].plasticity = { ...learningDelays, delays: { rate: 0.5, window: 0.01, min: 0.0001 } })],
  ['rule none with scaling and delays but no wMax', (m) => (m.projections[0].plasticity = { ...learningDelays, scaling: { targetRate: 5, tau: 1, eta: 0.1 } })],
  ['an unknown model', (m) => (m.populations[0].model = 'lif_typo')],
  ['a misspelt parameter (tauMem)', (m) => (m.populations[0].params.tauMem = m.populations[0].params.tauM)],
  ['a missing required parameter', (m) => delete m.populations[0].params.vThresh],
  ['a negative size', (m) => (m.populations[0].size = -5)],
  ['a fractional size', (m) => (m.populations[0].size = 2.5)],
  ['an unknown top-level key', (m) => (m.populations2 = [])],
  ['a wrong format tag', (m) => (m.format = 'brian2')],
  ['version 3', (m) => (m.version = 3)],
  ['a negative dt', (m) => (m.dt = -1e-4)],
  ['a negative duration', (m) => (m.duration = -1)],
  ['no populations', (m) => (m.populations = [])],
  ['a negative time constant', (m) => (m.populations[0].params.tauM = -0.02)],
  ['a per-neuron array for a scalar parameter', (m) => (m.populations[0].params.tauM = [0.02, 0.02])],
  ['a receptor setting the model lacks (eRev on lif)', (m) => (m.populations[0].params.receptors.e.eRev = 0)],
  ['a receptor without tau', (m) => (m.populations[0].params.receptors.e = {})],
  ['spikeTimes on a lif population', (m) => (m.populations[0].params.spikeTimes = [])],
  ['a misspelt rule type', (m) => (m.projections[0].rule.type = 'fixed_prob')],
  ['a probability above 1', (m) => (m.projections[0].rule.p = 1.5)],
  ['a rule without type or p', (m) => (m.projections[0].rule = {})],
  ['a projection without a receptor', (m) => delete m.projections[0].receptor],
  ['a zero delay', (m) => (m.projections[0].delay = 0)],
  ['a normal delay without min', (m) => (m.projections[0].delay = { normal: { mean: 0.001, std: 0.0005 } })],
  ['a uniform with one bound', (m) => (m.projections[0].weight = { uniform: [0.001] })],
  ['a negative selection start', (m) => (m.projections[0].pre.start = -1)],
  ['an unknown monitor type', (m) => (m.monitors[0].type = 'voltage')],
  ['a state monitor without variables', (m) => (m.monitors[0] = { type: 'state', population: 'P' })],
  ['a rate monitor with bin 0', (m) => (m.monitors[1].bin = 0)],
  ['a rate monitor with both bin and binSteps', (m) => (m.monitors[1].binSteps = 10)],
  ['a version-1 state monitor with every in seconds', (m) => m.monitors.push({ type: 'state', population: 'P', variables: ['v'], every: '1 ms' })],
  ['a version-1 state monitor with every of half a step', (m) => m.monitors.push({ type: 'state', population: 'P', variables: ['v'], every: 0.5 })],
  ['a version-2 state monitor with both every and everySteps', (m) => {
    m.version = 2;
    m.monitors.push({ type: 'state', population: 'P', variables: ['v'], every: 0.001, everySteps: 10 });
  }],
  ['a version-2 state monitor with a fractional everySteps', (m) => {
    m.version = 2;
    m.monitors.push({ type: 'state', population: 'P', variables: ['v'], everySteps: 2.5 });
  }],
  ['an unknown input type', (m) => (m.inputs = [{ type: 'sine', target: { population: 'P' }, times: [0], amplitudes: [1] }])],
  ['a current step without amplitudes', (m) => (m.inputs = [{ type: 'current_step', target: { population: 'P' }, times: [0] }])],
];

describe('broken files', () => {
  // A small CUBA network (examples/cuba.json at 100 neurons), kept here so that edits to the
  // examples cannot move what each case breaks.
  const base: Json = {
    format: 'spikewasm-model',
    version: 1,
    dt: 1e-4,
    seed: 42,
    duration: 0.1,
    populations: [{
      name: 'P', size: 100, model: 'lif',
      params: { tauM: 0.02, vRest: -0.049, vThresh: -0.05, vReset: -0.06, tRef: 0.005, receptors: { e: { tau: 0.005 }, i: { tau: 0.01 } } },
      init: { v: { uniform: [-0.06, -0.05] } },
    }],
    projections: [
      { name: 'Ce', pre: { population: 'P', stop: 80 }, post: { population: 'P' }, receptor: 'e', weight: 0.00162, rule: { type: 'fixed_probability', p: 0.02 } },
      { name: 'Ci', pre: { population: 'P', start: 80 }, post: { population: 'P' }, receptor: 'i', weight: -0.009, rule: { type: 'fixed_probability', p: 0.02 } },
    ],
    monitors: [
      { name: 'spikes', type: 'spikes', population: 'P' },
      { name: 'rate', type: 'rate', population: 'P', bin: 0.001 },
    ],
  };

  it('the unbroken base is accepted by both', () => {
    expect(valid(base)).toBe(true);
    expect(codeAccepts(base)).toBe(true);
  });

  it.each(broken)('rejects %s (and so does the code)', (_, breakIt) => {
    const m = structuredClone(base);
    breakIt(m);
    expect(valid(m)).toBe(false);
    expect(codeAccepts(m)).toBe(false);
  });

  it('rejects a missing izhikevich scheme (and so does the code)', () => {
    const m = { dt: 1e-3, populations: [{ size: 10, model: 'izhikevich', params: { a: 0.02 } }] };
    expect(valid(m)).toBe(false);
    expect(codeAccepts(m)).toBe(false);
    m.populations[0]!.params = { a: 0.02, scheme: 'euler' } as never;
    expect(valid(m)).toBe(true);
    expect(codeAccepts(m)).toBe(true);
  });

  // The loader ignores unknown keys inside populations, projections, rules, selections, inputs and
  // monitors; the schema flags them, because they are almost always typos (a misspelt "weight"
  // leaves the projection at weight 0).
  it.each([
    ['a misspelt projection weight', (m: Json) => { m.projections[0].weigth = m.projections[0].weight; delete m.projections[0].weight; }],
    ['a misspelt population field', (m: Json) => (m.populations[0].param = {})],
    ['a misspelt rule setting', (m: Json) => (m.projections[0].rule.autapse = false)],
    ['a misspelt selection field', (m: Json) => { m.projections[0].pre.end = m.projections[0].pre.stop; delete m.projections[0].pre.stop; }],
    ['a misspelt monitor field', (m: Json) => (m.monitors[1].binSize = 0.002)],
    ['multapses on a fixed_probability rule', (m: Json) => (m.projections[0].rule.multapses = true)],
  ] as [string, (m: Json) => void][])('flags %s, which the loader would ignore', (_, breakIt) => {
    const m = structuredClone(base);
    breakIt(m);
    expect(valid(m)).toBe(false);
  });
});

describe('the schema agrees with the code', () => {
  it('top-level keys: exactly those the loader allows', () => {
    const known = knownList(errorOf(() => buildNetwork({ bogus: 1 } as never)));
    expect(Object.keys(schema.properties as Json).sort()).toEqual([...known].sort());
  });

  it('neuron models: exactly the code\'s', () => {
    expect(def('population').properties.model.anyOf[0].enum).toEqual(modelNames);
    expect(knownList(errorOf(() => neuronModel('m', 'bogus')))).toEqual(modelNames);
  });

  it('connection rule types: exactly the code\'s', () => {
    const base = { dt: 1e-3, populations: [{ size: 2, model: 'lif', params: { tauM: 0.01, vRest: 0, vThresh: 1, vReset: 0, receptors: { e: { tau: 0 } } } }] };
    const net = { ...base, projections: [{ pre: { population: 0 }, post: { population: 0 }, receptor: 'e', rule: { type: 'bogus' } }] };
    const known = knownList(errorOf(() => buildNetwork(net as never)));
    const [named, object] = def('rule').anyOf as Json[];
    const types = (object!.allOf as Json[])[0]!.then.properties.type.enum as string[];
    expect(types).toEqual(known);
    // The rules with nothing to set may be named alone, as the code accepts them.
    for (const t of named!.enum as string[]) expect(() => buildNetwork({ ...net, projections: [{ ...net.projections[0]!, rule: t }] } as never)).not.toThrow();
    for (const t of known) expect(def(`rule_${t}`).properties.type.const).toBe(t);
  });

  it('monitor and input types: exactly the code\'s', () => {
    const base = { dt: 1e-3, populations: [{ size: 2, model: 'lif', params: { tauM: 0.01, vRest: 0, vThresh: 1, vReset: 0 } }] };
    const monitors = knownList(errorOf(() => buildNetwork({ ...base, monitors: [{ type: 'bogus', population: 0 }] } as never)));
    expect(def('monitor').properties.type.enum).toEqual(monitors);
    for (const t of monitors) expect(def(`monitor_${t}`).properties.type.const).toBe(t);
    const inputs = knownList(errorOf(() => buildNetwork({ ...base, inputs: [{ type: 'bogus' }] } as never)));
    expect([def('input').properties.type.const]).toEqual(inputs);
  });

  describe.each(modelNames)('model %s', (name) => {
    const model = neuronModel('model', name);
    const options = model.options ?? {};
    const params = paramsSchema(name);
    const props = params.properties as Json;

    it('has the same parameter names', () => {
      const expected = [
        ...Object.keys(model.rules),
        ...Object.keys(options),
        ...(model.receptorRules ? ['receptors'] : []),
        ...(name === 'spike_source' ? ['spikeTimes'] : []),
      ];
      expect(Object.keys(props).sort()).toEqual(expected.sort());
      expect(params.additionalProperties).toBe(false);
    });

    it('requires the same parameters', () => {
      const required = [...Object.entries(model.rules).filter(([, r]) => r.default === undefined).map(([k]) => k), ...Object.keys(options)];
      expect([...((params.required as string[] | undefined) ?? [])].sort()).toEqual(required.sort());
    });

    // A minimal valid parameter set, then one change at a time: the schema's verdict on the
    // whole file must equal resolveParams' verdict on the parameters.
    const minimal: Json = {};
    for (const [k, r] of Object.entries(model.rules)) if (r.default === undefined) minimal[k] = 0.01;
    for (const [k, { choices }] of Object.entries(options)) minimal[k] = choices[0];
    const probes: [string, Json][] = [['minimal', minimal], ['unknown parameter', { ...minimal, bogus: 1 }]];
    for (const [k, r] of Object.entries(model.rules)) {
      if (r.default === undefined) {
        const { [k]: _, ...without } = minimal;
        probes.push([`without ${k}`, without]);
      }
      const at = (v: unknown): Json => ({ ...minimal, [k]: v });
      probes.push(
        [`${k} = -0.01`, at(-0.01)], [`${k} = 0`, at(0)], [`${k} = 0.02`, at(0.02)], [`${k} = "0.02"`, at('0.02')], [`${k} = null`, at(null)],
        [`${k} = [0.01, 0.02]`, at([0.01, 0.02])], [`${k} = [0.01, -0.02]`, at([0.01, -0.02])],
        [`${k} = uniform`, at({ uniform: [0.01, 0.02] })], [`${k} = uniform from 0`, at({ uniform: [0, 0.02] })],
        [`${k} = normal`, at({ normal: { mean: 0.01, std: 0.001 } })],
        [`${k} = normal, min`, at({ normal: { mean: 0.01, std: 0.001, min: 0.001 } })],
        [`${k} = normal, min 0`, at({ normal: { mean: 0.01, std: 0.001, min: 0 } })],
      );
    }
    for (const [k, { choices }] of Object.entries(options)) {
      for (const c of choices) probes.push([`${k} = ${c}`, { ...minimal, [k]: c }]);
      probes.push([`${k} = bogus`, { ...minimal, [k]: 'bogus' }], [`${k} = 1`, { ...minimal, [k]: 1 }]);
    }
    const receptors: [string, unknown][] = [
      ['current', { r: { tau: 0.005 } }],
      ['delta', { r: { tau: 0 } }],
      ['negative tau', { r: { tau: -0.005 } }],
      ['conductance', { r: { tau: 0.005, eRev: 0 } }],
      ['eRev only', { r: { eRev: 0 } }],
      ['unknown setting', { r: { tau: 0.005, bogus: 1 } }],
      ['two', { e: { tau: 0.005, eRev: 0 }, i: { tau: 0.01, eRev: -0.08 } }],
      ['none', {}],
      ['an array', [{ tau: 0.005 }]],
    ];
    for (const [label, r] of receptors) probes.push([`receptors: ${label}`, { ...minimal, receptors: r }]);

    it(`agrees with resolveParams on ${probes.length} parameter sets`, () => {
      const disagreements: string[] = [];
      for (const [label, p] of probes) {
        const file = { dt: 1e-4, populations: [{ size: 2, model: name, params: p }] };
        let code = true;
        try {
          const { spikeTimes: _, ...rest } = p; // spike_source's spikeTimes is checked apart (below)
          resolveParams('params', rest, model.rules, model.receptorRules, options);
        } catch (e) {
          if (!(e instanceof SpikewasmError)) throw e;
          code = false;
        }
        if (valid(file) !== code) disagreements.push(`${label}: the code ${code ? 'accepts' : 'rejects'} it, the schema does not`);
      }
      expect(disagreements).toEqual([]);
    });

    it('agrees on init variables', () => {
      const settable = model.stateVars.filter((v) => v.type === 'f32').map((v) => v.name);
      // Realistic parameters (the code also checks e.g. vReset < vThresh), with one receptor r.
      const pop = (kitchenSink().populations as Json[]).find((q) => q.model === name)!;
      const own = pop.params as Json;
      const size = pop.size as number;
      const p = model.receptorRules ? { ...own, receptors: { r: { tau: 0.005, ...(model.receptorRules.needsReversal ? { eRev: 0 } : {}) } } } : own;
      const file = (init: Json) => ({ dt: 1e-4, populations: [{ size, model: name, params: p, init }] });
      // The schema cannot know receptor names or state variables; it only forbids init for sources.
      for (const v of [...settable, ...(model.receptorRules ? ['r'] : [])]) {
        expect(codeAccepts(file({ [v]: 0 }))).toBe(true);
        expect(valid(file({ [v]: 0 }))).toBe(true);
      }
      if (!model.receptorRules && settable.length === 0) {
        expect(codeAccepts(file({ v: 0 }))).toBe(false);
        expect(valid(file({ v: 0 }))).toBe(false);
      }
    });
  });

  it('spike_source: spikeTimes is one array of times per neuron', () => {
    const file = (spikeTimes: unknown) => ({ dt: 1e-4, populations: [{ size: 2, model: 'spike_source', params: { spikeTimes } }] });
    for (const [times, ok] of [[[[0.001], []], true], [[[-0.001], []], false], [[0.001, 0.002], false], [[['0.001'], []], false]] as const) {
      expect(valid(file(times))).toBe(ok);
      expect(codeAccepts(file(times))).toBe(ok);
    }
    expect(valid({ dt: 1e-4, populations: [{ size: 2, model: 'spike_source' }] })).toBe(true);
    expect(codeAccepts({ dt: 1e-4, populations: [{ size: 2, model: 'spike_source' }] })).toBe(true);
  });
});

/** Every model, every rule, shorthand rules, value specs, inputs and every monitor type. */
function kitchenSink(): Json {
  const lif = { tauM: 0.02, vRest: -0.065, vThresh: -0.05, vReset: -0.065, tRef: 0.002 };
  return {
    $schema: '../docs/model.schema.json',
    format: 'spikewasm-model',
    version: 1,
    description: 'kitchen sink',
    dt: 1e-4,
    seed: 3,
    duration: 0.01,
    populations: [
      { name: 'noise', size: 20, model: 'poisson', params: { rate: { uniform: [5, 50] } } },
      { name: 'cue', size: 2, model: 'spike_source', params: { spikeTimes: [[0.001, 0.004], []] } },
      { name: 'lif', size: 30, model: 'lif', params: { ...lif, rM: 1e8, bias: { normal: { mean: 1e-10, std: 1e-11 } }, receptors: { e: { tau: 0.005 }, d: { tau: 0 } } }, init: { v: { uniform: [-0.065, -0.05] }, e: 0 } },
      { name: 'alif', size: 10, model: 'alif', params: { ...lif, tauTheta: 0.05, thetaPlus: 0.002, receptors: { e: { tau: 0.003 } } }, init: { theta: 0.001 } },
      { name: 'cond', size: 10, model: 'lif_cond', params: { cM: 2e-10, gL: 1e-8, eL: -0.06, vThresh: -0.05, vReset: -0.06, receptors: { e: { tau: 0.005, eRev: 0 }, i: { tau: 0.01, eRev: -0.08 } } } },
      { name: 'adex', size: 10, model: 'adex', params: { cM: 2.81e-10, gL: 3e-8, eL: -0.0706, vT: -0.0504, deltaT: 0.002, a: 4e-9, b: 8.05e-11, tauW: 0.144, vReset: -0.0706, vPeak: 0.02, receptors: { e: { tau: 0.005 } } }, init: { w: 0 } },
      { name: 'izh', size: 10, model: 'izhikevich', params: { scheme: 'euler', a: 0.02, b: 0.2, c: { uniform: [-65, -50] }, d: Array(10).fill(8), noise: 1, receptors: { p: { tau: 0 } } }, init: { v: -65, u: -13 } },
    ],
    projections: [
      { pre: { population: 'noise' }, post: { population: 'lif' }, receptor: 'e', weight: 1e-11, rule: { p: 0.1 } },
      { pre: { population: 1 }, post: { population: 'lif', start: 0, stop: 2 }, receptor: 'd', weight: 0.001, rule: { type: 'one_to_one' } },
      { name: 'recurrent', pre: { population: 'lif' }, post: { population: 'lif' }, receptor: 'e', weight: { normal: { mean: 1e-11, std: 1e-12 } }, delay: { uniform: [1e-4, 0.002] }, rule: { type: 'fixed_indegree', k: 5, autapses: false } },
      { pre: { population: 'lif' }, post: { population: 'alif' }, receptor: 'e', weight: 0.001, rule: { type: 'fixed_outdegree', k: 3, multapses: true } },
      { pre: { population: 'noise' }, post: { population: 'cond' }, receptor: 'e', weight: 1e-9, rule: { type: 'all_to_all' } },
      { pre: { population: 'noise' }, post: { population: 'cond' }, receptor: 'i', weight: 1e-9, rule: { type: 'fixed_probability', p: 0.2, autapses: true } },
      { pre: { population: 'noise' }, post: { population: 'adex' }, receptor: 'e', weight: 1e-10, rule: { type: 'list', pre: [0, 1, 2], post: [2, 1, 0], weight: [1e-10, 2e-10, 3e-10], delay: [0.001, 0.002, 0.0003] } },
      { pre: { population: 'noise' }, post: { population: 'izh' }, receptor: 'p', weight: 2, rule: { p: 0.3 } },
      { pre: { population: 'noise' }, post: { population: 'cond' }, receptor: 'e', weight: 1e-9, rule: { type: 'fixed_total_number', n: 40, multapses: true } },
      { name: 'learning delays', pre: { population: 'noise' }, post: { population: 'lif' }, receptor: 'e', weight: -1e-11, delay: 0.002, rule: { p: 0.1 }, plasticity: { rule: 'none', delays: { rate: 0.5, window: 0.01, min: 0.001, max: 0.02 } } },
      { pre: { population: 'noise' }, post: { population: 'alif' }, receptor: 'e', weight: 1e-3, delay: { uniform: [0.001, 0.004] }, rule: { p: 0.1 },
        plasticity: { rule: 'stdp', aPlus: 1e-4, aMinus: 1e-4, tauPlus: 0.02, tauMinus: 0.02, wMax: 0.002, delays: { rate: 0.2, window: 0.01, min: 0.0005, max: 0.01 } } },
    ],
    inputs: [
      { type: 'current_step', target: { population: 'adex' }, times: [0, 0.005], amplitudes: [5e-10, 0] },
      { type: 'current_step', target: { population: 'izh', start: 5 }, times: [0.002], amplitudes: [10] },
    ],
    monitors: [
      { type: 'spikes', population: 'lif' },
      { name: 'v', type: 'state', population: 'lif', variables: ['v', 'refractory', 'e'], neurons: [0, 1], every: 2 },
      { type: 'rate', population: 3, bin: 0.002 },
      { type: 'rate', population: 'izh' },
      { type: 'weights', projection: 'recurrent' },
      { type: 'weights', projection: 0 },
    ],
  };
}
