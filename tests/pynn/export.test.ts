// What the PyNN export writes without running Python: the data file holds exactly the synapses
// and initial values spikewasm built, converted to PyNN's units by the closed forms of
// docs/scale-out.md; what PyNN's standard cells cannot express is refused naming it.
import { describe, expect, it } from 'vitest';
import type { NetworkDescription } from '../../ts/model/description.js';
import { failureOf, simulator } from '../support/helpers.js';

const stdp = { rule: 'stdp' as const, aPlus: 1e-4, aMinus: 1.2e-4, tauPlus: 0.02, tauMinus: 0.03, wMax: 0.01 };
const lif = { tauM: 0.02, vRest: -0.049, vThresh: -0.05, vReset: -0.06, tRef: 0.005, rM: 2, bias: 1e-3, receptors: { e: { tau: 0.005 }, i: { tau: 0.01 } } };

function network(extra: Partial<NetworkDescription> = {}): NetworkDescription {
  return {
    dt: 1e-4,
    seed: 5,
    populations: [
      { name: 'drive', size: 30, model: 'poisson', params: { rate: 20 } },
      { name: 'P', size: 50, model: 'lif', params: lif, init: { v: { uniform: [-0.06, -0.05] } } },
      { name: 'S', size: 3, model: 'spike_source', params: { spikeTimes: [[0.001, 0.002], [], [0.0005]] } },
    ],
    projections: [
      { name: 'in', pre: { population: 'drive' }, post: { population: 'P' }, receptor: 'e', weight: { uniform: [1e-4, 2e-3] }, delay: { uniform: [1e-4, 2e-3] }, rule: { p: 0.3 } },
      { name: 'inh', pre: { population: 'P', start: 40 }, post: { population: 'P' }, receptor: 'i', weight: -3e-3, rule: { p: 0.2 } },
      { name: 'kick', pre: { population: 'S' }, post: { population: 'P', stop: 3 }, receptor: 'e', weight: 1e-3, rule: { type: 'one_to_one' } },
    ],
    ...extra,
  };
}

/** The arrays of a .npz written by ts/io/npz.ts (stored entries, f64 and i64 little-endian). */
function readNpz(bytes: Uint8Array): Map<string, { shape: number[]; values: number[] }> {
  const out = new Map<string, { shape: number[]; values: number[] }>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; view.getUint32(at, true) === 0x04034b50;) {
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength)).replace(/\.npy$/, '');
    const npy = bytes.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
    const headerLength = new DataView(npy.buffer, npy.byteOffset).getUint16(8, true);
    const header = new TextDecoder().decode(npy.subarray(10, 10 + headerLength));
    const shape = header.match(/'shape': \(([^)]*)\)/)![1]!.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
    const body = npy.slice(10 + headerLength);
    const values = header.includes("'<i8'") ? [...new BigInt64Array(body.buffer)].map(Number) : [...new Float64Array(body.buffer)];
    out.set(name, { shape, values });
    at += 30 + nameLength + size;
  }
  return out;
}

describe('the PyNN export', () => {
  it('writes every synapse and initial v as built, in PyNN units, and the cells by closed form', async () => {
    const net = (await simulator()).load(network());
    const { script, data, synapses } = await net.toPyNN({ scriptFile: 'net.py', dataFile: 'net-data.npz' });
    const arrays = readNpz(data);
    const v = await net.getPopulation('P').get('v');
    expect(arrays.get('P/v')!.values).toEqual([...v].map((x) => x * 1e3));
    // A current I into lif is rM I / tauM nA on PyNN's 1 nF: 100 for rM 2 and tauM 20 ms.
    for (const [name, scale] of [['in', 100], ['inh', 100], ['kick', 100]] as const) {
      const table = await net.getProjection(name).weights();
      const rows = arrays.get(`${name}/connections`)!;
      expect(rows.shape).toEqual([table.pre.length, 4]);
      expect(synapses[name]).toBe(table.pre.length);
      for (let s = 0; s < table.pre.length; s++) {
        expect(rows.values.slice(4 * s, 4 * s + 4)).toEqual([table.pre[s], table.post[s], table.weight[s]! * scale, Math.round(table.delay[s]! / 1e-4) * 0.1]);
      }
    }
    expect(arrays.get('S/spike_times')!.values).toEqual([1, 2, 0.5]);
    expect(arrays.get('S/spike_counts')!.values).toEqual([2, 0, 1]);
    expect(script).toContain('sim.IF_curr_exp(cm=1.0, tau_m=20.0, v_rest=-49.0, v_thresh=-50.0, v_reset=-60.0, tau_refrac=5.0, tau_syn_E=5.0, tau_syn_I=10.0, i_offset=0.1)');
    expect(script).toContain('sim.SpikeSourcePoisson(rate=20.0)');
    expect(script).toMatch(/projections\["inh"\] = sim\.Projection\(populations\["P"\], populations\["P"\], sim\.FromListConnector\(data\["inh\/connections"\]\), sim\.StaticSynapse\(\), receptor_type="inhibitory"/);
    expect(script).toContain('MIN_DELAY = 0.1  # ms');
    expect(script).not.toContain('IF_curr_delta'); // the stop for pyNN.neuron comes only with delta cells
  });

  it('converts lif with delta receptors to IF_curr_delta, weights as mV jumps, and the script refuses pyNN.neuron, which lacks it', async () => {
    const desc = network();
    desc.populations[1]!.params = { ...lif, receptors: { e: { tau: 0 }, i: { tau: 0 } } };
    const net = (await simulator()).load(desc);
    const { script, data } = await net.toPyNN();
    expect(script).toContain('sim.IF_curr_delta(cm=1.0, tau_m=20.0, v_rest=-49.0, v_thresh=-50.0, v_reset=-60.0, tau_refrac=5.0, i_offset=0.1)');
    expect(script).toMatch(/if args\.backend == 'neuron':\n {4}raise SystemExit\("pyNN\.neuron 0\.10\.1 has no IF_curr_delta/);
    const table = await net.getProjection('inh').weights();
    expect(readNpz(data).get('inh/connections')!.values[2]).toBeCloseTo(table.weight[0]! * 1e3, 12);
  });

  it('converts lif_cond to IF_cond_exp: nF, ms, mV, nA and weights in µS', async () => {
    const net = (await simulator()).load({
      dt: 1e-4,
      populations: [{ name: 'C', size: 2, model: 'lif_cond', params: { cM: 2e-10, gL: 1e-8, eL: -0.06, vThresh: -0.05, vReset: -0.06, tRef: 0.005, bias: 2e-10, receptors: { e: { tau: 0.005, eRev: 0 }, i: { tau: 0.01, eRev: -0.08 } } } }],
      projections: [{ name: 'J', pre: { population: 'C' }, post: { population: 'C' }, receptor: 'i', weight: 6.7e-8, rule: { type: 'all_to_all' } }],
    });
    const { script, data } = await net.toPyNN();
    expect(script).toContain('sim.IF_cond_exp(cm=0.2, tau_m=20.0, v_rest=-60.0, v_thresh=-50.0, v_reset=-60.0, tau_refrac=5.0, tau_syn_E=5.0, tau_syn_I=10.0, e_rev_E=0.0, e_rev_I=-80.0, i_offset=0.2)');
    const rows = readNpz(data).get('J/connections')!;
    expect(rows.values[2]).toBeCloseTo(Math.fround(6.7e-8) * 1e6, 12);
  });

  it('seeds NumpyRNG with connectors rules only, within its 32 bits', async () => {
    const desc = network({ seed: 2 ** 32 + 5 });
    expect((await (await simulator()).load(desc).toPyNN()).script).not.toContain('NumpyRNG(seed');
    expect((await (await simulator()).load(desc).toPyNN({ connectors: 'rules' })).script).toContain('rng = NumpyRNG(seed=5)');
  });

  it('with connectors rules, writes PyNN connectors and seeded distributions in PyNN units, and lists only list rules', async () => {
    const net = (await simulator()).load(network({ projections: [
      ...network().projections!,
      { name: 'fan', pre: { population: 'drive', start: 10 }, post: { population: 'P', start: 5, stop: 25 }, receptor: 'e', weight: { normal: { mean: 1e-3, std: 2e-4, min: 0, max: 2e-3 } }, rule: { type: 'fixed_indegree', k: 4, autapses: false } },
      { name: 'listed', pre: { population: 'drive' }, post: { population: 'P' }, receptor: 'e', rule: { type: 'list', pre: [0, 1], post: [2, 3], weight: [1e-3, 2e-3] } },
      { name: 'total', pre: { population: 'drive' }, post: { population: 'P' }, receptor: 'e', weight: 1e-3, rule: { type: 'fixed_total_number', n: 70, multapses: true } },
    ] }));
    const { script, data } = await net.toPyNN({ connectors: 'rules' });
    expect(script).toContain('populations["drive"], populations["P"], sim.FixedTotalNumberConnector(70, allow_self_connections=True, with_replacement=True, rng=rng)');
    expect(script).toContain('rng = NumpyRNG(seed=5)');
    expect(script).toContain(`projections["in"] = sim.Projection(populations["drive"], populations["P"], sim.FixedProbabilityConnector(0.3, allow_self_connections=True, rng=rng), sim.StaticSynapse(weight=RandomDistribution('uniform', (0.01, 0.2), rng=rng), delay=RandomDistribution('uniform', (0.1, 2.0), rng=rng)), receptor_type="excitatory", label="in")`);
    expect(script).toContain('projections["inh"] = sim.Projection(populations["P"][40:50], populations["P"], sim.FixedProbabilityConnector(0.2, allow_self_connections=True, rng=rng), sim.StaticSynapse(weight=-0.3, delay=0.1)');
    expect(script).toContain('sim.OneToOneConnector()');
    expect(script).toContain(`populations["drive"][10:30], populations["P"][5:25], sim.FixedNumberPreConnector(4, allow_self_connections=False, with_replacement=False, rng=rng), sim.StaticSynapse(weight=RandomDistribution('normal_clipped_to_boundary', (0.1, 0.02, 0.0, 0.2), rng=rng)`);
    expect(script).toContain('sim.FromListConnector(data["listed/connections"])');
    expect([...readNpz(data).keys()].filter((k) => k.endsWith('/connections'))).toEqual(['listed/connections']);
    expect(script).toContain('MAX_DELAY = 2.0');
    const refuse = async (weight: unknown) => failureOf(() => (simulator()).then((s) => s.load(network({ projections: [{ ...network().projections![0]!, weight } as never] })).toPyNN({ connectors: 'rules' })));
    expect((await refuse({ normal: { mean: 1e-3, std: 1e-4 } })).message).toMatch(/without min and max; the export writes it as PyNN's normal_clipped_to_boundary, which needs both/);
    expect((await refuse({ uniform: [-1e-3, 1e-3] })).message).toMatch(/has a weight of -[\d.e-]+ onto the first \(excitatory\) receptor of 'P', which PyNN requires to be >= 0/);
  });

  it('converts izhikevich to Izhikevich: its own units, i_offset in nA on a 1 pF cell, a pulse weight times dt, v and u as drawn', async () => {
    const net = (await simulator()).load({
      dt: 2e-4,
      populations: [{ name: 'I', size: 3, model: 'izhikevich', params: { scheme: 'izhikevich2003', a: 0.1, b: 0.25, c: -60, d: 4, bias: 7, receptors: { e: { tau: 0 } } }, init: { v: { uniform: [-70, -60] } } }],
      projections: [{ name: 'J', pre: { population: 'I' }, post: { population: 'I' }, receptor: 'e', weight: 5, rule: { type: 'all_to_all' } }],
    });
    const { script, data } = await net.toPyNN();
    expect(script).toContain('sim.Izhikevich(a=0.1, b=0.25, c=-60.0, d=4.0, i_offset=0.007)');
    expect(script).toContain('populations["I"].initialize(v=data["I/v"], u=data["I/u"])');
    const arrays = readNpz(data);
    expect(arrays.get('I/v')!.values).toEqual([...await net.getPopulation('I').get('v')]);
    expect(arrays.get('I/u')!.values).toEqual([...await net.getPopulation('I').get('u')]);
    expect(arrays.get('J/connections')!.values[2]).toBeCloseTo(5 * 0.2, 12); // 5 mV/ms for one step of 0.2 ms
  });

  it('writes pair-based additive STDP as STDPMechanism, A_plus and A_minus as fractions of w_max', async () => {
    const net = (await simulator()).load(network({ projections: [{ ...network().projections![0]!, plasticity: { ...stdp, learningRate: 0.5 } }] }));
    const { script } = await net.toPyNN();
    // aPlus 1e-4 A of wMax 0.01 A, at half rate: 0.005; weights in nA (rM / tauM = 100 per A).
    expect(script).toContain('sim.STDPMechanism(timing_dependence=sim.SpikePairRule(tau_plus=20, tau_minus=30, A_plus=0.005, A_minus=0.006), weight_dependence=sim.AdditiveWeightDependence(w_min=0, w_max=1), dendritic_delay_fraction=0.0)');
    expect(script).toContain('PLASTIC = {"in": 100}');
  });

  it('writes hostile names and descriptions as Python text, never as code', async () => {
    const desc = network({ description: 'ends with a quote" and a backslash \\ and a NUL \u0000 """' });
    desc.populations[0]!.name = 'a"b\\c\n\u2028\'é{x}"""';
    desc.projections![0]!.name = 'x"])\nimport os\n#';
    desc.projections![0]!.pre = { population: 0 };
    const { script } = await (await simulator()).load(desc).toPyNN({ source: 'm"""+__import__("os").system("echo INJECTED")+""".json', scriptFile: 'a\\N.py' });
    // The docstring ends at its one closing quote; every line after it is code the export wrote.
    const [, doc, code] = /^#!\/usr\/bin\/env python3\n"""([\s\S]*?)\n"""\n([\s\S]*)$/.exec(script)!;
    expect(doc).not.toMatch(/(^|[^\\])"/);
    expect(doc).not.toMatch(/[\0-\x09\x0b-\x1f]/);
    expect(doc).toContain('from m\\"\\"\\"+__import__(\\"os\\")');
    expect(doc).toContain('python3 a\\\\N.py');
    expect(doc).toContain('a NUL \\x00');
    expect(code.match(/^import os$/gm)).toHaveLength(1); // the script's own, not the projection name's
    expect(code).toContain(`populations[${JSON.stringify(desc.populations[0]!.name)}]`);
  });

  it('refuses what PyNN\'s standard cells cannot say, naming the population or projection', async () => {
    const sim = await simulator();
    const cases: [NetworkDescription, string, RegExp][] = [
      [{ dt: 1e-4, populations: [{ name: 'A', size: 1, model: 'adex', params: { cM: 2.81e-10, gL: 3e-8, eL: -0.0706, vT: -0.0504, deltaT: 0.002, tauW: 0.144, a: 4e-9, b: 8.05e-11, vReset: -0.0706, vPeak: 0.02 } }] }, 'populations[0].model', /'A' is a adex population; the PyNN export writes lif/],
      [{ dt: 1e-4, populations: [{ name: 'I', size: 1, model: 'izhikevich', params: { scheme: 'euler', receptors: { e: { tau: 0.005 } } } }] }, 'populations[0].params.receptors.e', /decaying receptor \(tau 0\.005 s\); PyNN's Izhikevich takes pulses only/],
      [{ dt: 1e-4, populations: [{ name: 'I', size: 1, model: 'izhikevich', params: { scheme: 'euler', noise: 5 } }] }, 'populations[0].params.noise', /has noise/],
      [network({ inputs: [{ type: 'current_step', target: { population: 'P' }, times: [0], amplitudes: [1e-3] }] }), 'inputs', /current steps are not exported/],
      [{ ...network(), populations: network().populations.map((p) => (p.name === 'P' ? { ...p, params: { ...lif, bias: [...Array(50).keys()].map((k) => k * 1e-5) } } : p)) }, 'populations[1].params.bias', /'P' gives bias per neuron/],
      [{ ...network(), populations: network().populations.map((p) => (p.name === 'P' ? { ...p, params: { ...lif, receptors: { e: { tau: 0 }, i: { tau: 0.01 } } } } : p)), projections: [] }, 'populations[1].params.receptors', /has delta \(tau 0\) and decaying receptors; PyNN's cells have one kind/],
      [{ ...network(), projections: [{ ...network().projections![1]!, weight: 3e-3 }] }, 'projections[0].weight', /onto the second \(inhibitory\) receptor of 'P', which PyNN requires to be <= 0/],
      [{ ...network(), projections: [{ ...network().projections![1]!, receptor: 'e', plasticity: { ...stdp, pairing: 'nearest' }, weight: 3e-3 }] }, 'projections[0].plasticity.pairing', /pairs nearest spikes only; the PyNN export writes pair-based additive STDP/],
      [{ ...network(), projections: [{ ...network().projections![1]!, receptor: 'e', plasticity: { ...stdp, weightDependence: 'multiplicative' }, weight: 3e-3 }] }, 'projections[0].plasticity.weightDependence', /multiplicative/],
      [{ ...network(), projections: [{ ...network().projections![1]!, receptor: 'e', plasticity: { ...stdp, delays: { rate: 0.5, window: 0.01, min: 1e-4, max: 0.01 } }, weight: 3e-3 }] }, 'projections[0].plasticity.delays', /learns its delays, which PyNN has no mechanism for/],
      [{ ...network(), projections: [{ ...network().projections![1]!, receptor: 'e', plasticity: { rule: 'triplet', a2Plus: 1e-4, a2Minus: 1e-4, a3Plus: 0, a3Minus: 0, tauPlus: 0.02, tauMinus: 0.02, tauX: 0.1, tauY: 0.1, wMax: 0.01 }, weight: 3e-3 }] }, 'projections[0].plasticity.rule', /has triplet plasticity/],
      [{ ...network(), projections: [{ ...network().projections![1]!, plasticity: { ...stdp, wMin: -0.01, wMax: 0 } }] }, 'projections[0].plasticity', /plastic onto the inhibitory receptor of a current-based cell/],
      [{ ...network(), projections: [{ ...network().projections![1]!, receptor: 'e', stp: { U: 0.2, tauRec: 0.1 }, weight: 3e-3 }] }, 'projections[0].stp', /static synapses and pair-based STDP only/],
      [{ ...network(), projections: [network().projections![0]!, { ...network().projections![0]!, rule: { type: 'one_to_one' }, pre: { population: 'drive', stop: 30 }, post: { population: 'P', stop: 30 } }] }, 'projections[1].name', /a second projection is named "in"/],
    ];
    for (const [desc, path, message] of cases) {
      const e = await failureOf(() => sim.load(desc).toPyNN());
      expect(e.path, path).toBe(path);
      expect(e.message, path).toMatch(message);
    }
    const rules: [NetworkDescription, string, RegExp][] = [
      [network({ projections: [{ name: 'self', pre: { population: 'P', stop: 30 }, post: { population: 'P', start: 20 }, receptor: 'e', weight: 1e-3, rule: { type: 'fixed_indegree', k: 3, autapses: false } }] }), 'projections[0].rule', /fixed_indegree without autapses between parts of one population/],
      [network({ projections: [{ ...network().projections![0]!, delay: { uniform: [5e-5, 4.9e-4] } }] }), 'projections[0].delay', /draws delays from 0\.00005 s, under one step \(0\.0001 s\), which spikewasm rounds up and PyNN would keep/],
    ];
    for (const [desc, path, message] of rules) {
      const e = await failureOf(() => sim.load(desc).toPyNN({ connectors: 'rules' }));
      expect(e.path, path).toBe(path);
      expect(e.message, path).toMatch(message);
    }
    // The exact connectors carry what spikewasm drew: the same networks export.
    for (const [desc] of rules) await sim.load(desc).toPyNN();
    const ran = sim.load(network());
    await ran.run(0.001);
    expect((await failureOf(() => ran.toPyNN())).message).toMatch(/has run 10 steps; the script starts from step 0/);
    expect((await failureOf(() => sim.load(network()).toPyNN({ backend: 'nrn' }))).path).toBe('toPyNN.options.backend');
    expect((await failureOf(() => sim.load(network()).toPyNN({ threads: 2 } as never))).path).toBe('toPyNN.options.threads');
  });
});
