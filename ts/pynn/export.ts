// A spikewasm network as a standalone PyNN script (docs/scale-out.md): the cells as PyNN's
// standard types (ts/pynn/cells.ts), and the network exactly as spikewasm built it (every
// synapse drawn, every neuron's initial v) in a NumPy .npz beside the script, connected with
// FromListConnector, so NEURON, NEST and Brian2 run the same network on any number of MPI
// ranks. What PyNN's standard types cannot express is refused naming the population or projection.
import { fail } from '../errors.js';
import type { NetworkDescription, ValueSpec } from '../model/description.js';
import type { PlannedProjection, SynapseList } from '../model/build-projections.js';
import type { PlannedPopulation } from '../model/plan-population.js';
import { writeNpz, type NpyArray } from '../io/npz.js';
import { pynnCell, type PynnCell } from './cells.js';
import { stdpText } from './stdp.js';

export interface PynnNetwork {
  desc: NetworkDescription;
  populations: readonly PlannedPopulation[];
  tables: readonly SynapseList[];
  /** Each population's state variables at step 0, by name (spikewasm's units). */
  initial: readonly Record<string, ArrayLike<number>>[];
  /** The projections as planned: their rules and weight and delay specs, for connectors 'rules'. */
  plans: readonly PlannedProjection[];
}

export interface PynnExportOptions {
  /** The script's file name, for its usage lines. */
  scriptFile: string;
  /** The data file's name, beside the script. */
  dataFile: string;
  /** The run record the script writes by default. */
  spikesFile: string;
  /** 'neuron' (default), 'nest' or 'brian2': the script's default --backend. */
  backend: string;
  /** The model file's name, for the script's header. */
  source: string;
  /** 'exact' (default): the synapses spikewasm drew; 'rules': PyNN's connectors draw their own. */
  connectors: 'exact' | 'rules';
}

export interface PynnExport {
  script: string;
  data: Uint8Array;
  /** Synapses per projection, as the script will connect them. */
  synapses: Record<string, number>;
}

export const PYNN_BACKENDS = ['neuron', 'nest', 'brian2'];
export const PYNN_CONNECTORS = ['exact', 'rules'];

const py = (s: string) => JSON.stringify(s);
const num = (x: number) => (Number.isInteger(x) ? `${x}.0` : `${x}`);

export function exportPyNN(net: PynnNetwork, options: PynnExportOptions): PynnExport {
  const { desc } = net;
  refuseUnmapped(desc);
  const dtMs = desc.dt * 1e3;
  const cells = net.populations.map((p) => pynnCell(p, dtMs));
  const arrays = new Map<string, NpyArray>();
  net.populations.forEach((pop, k) => {
    for (const [variable, factor] of Object.entries(cells[k]!.initial)) {
      arrays.set(`${pop.name}/${variable}`, { dtype: 'f64', shape: [pop.size], values: Float64Array.from(net.initial[k]![variable]!, (x) => x * factor) });
    }
    if (cells[k]!.type === 'SpikeSourceArray') {
      const events = pop.sourceEvents ?? new Int32Array(0);
      const times: number[][] = Array.from({ length: pop.size }, () => []);
      for (let e = 0; e < events.length; e += 2) times[events[e + 1]!]!.push(events[e]! * dtMs);
      arrays.set(`${pop.name}/spike_times`, { dtype: 'f64', shape: [events.length / 2], values: times.flat() });
      arrays.set(`${pop.name}/spike_counts`, { dtype: 'i64', shape: [pop.size], values: times.map((t) => t.length) });
    }
  });
  const synapses: Record<string, number> = {};
  let minDelay = Infinity;
  let maxDelay = dtMs;
  const projections = (desc.projections ?? []).map((j, k): ScriptProjection => {
    const name = j.name ?? `projection${k}`;
    const path = `projections[${k}]`;
    const table = net.tables[k]!;
    const plan = net.plans[k]!;
    const post = net.populations[plan.post.population]!;
    const cell = cells[post.index]!;
    const receptor = cell.receptors.indexOf(j.receptor!);
    if (receptor < 0) fail('E_MODEL', `${path}.receptor`, `projection '${name}' targets receptor ${py(String(j.receptor))}, which population '${post.name}' has not`);
    // PyNN wants excitatory weights >= 0 and, on current-based cells, inhibitory ones <= 0.
    const positive = receptor === 0 || cell.conductance;
    const checkSign = (w: number) => (positive ? w < 0 : w > 0) && fail('E_MODEL', `${path}.weight`,
      `projection '${name}' has a weight of ${w} onto the ${receptor === 0 ? 'first (excitatory)' : 'second (inhibitory)'} receptor of '${post.name}', which PyNN requires to be ${positive ? '>= 0' : '<= 0'}`);
    const n = table.pre.length;
    for (let s = 0; s < n; s++) {
      checkSign(table.weight[s]!);
      const d = Math.round(table.delay[s]! / desc.dt) * dtMs;
      minDelay = Math.min(minDelay, d);
      maxDelay = Math.max(maxDelay, d);
    }
    synapses[name] = n;
    const base = { name, pre: view(plan.pre, net.populations), post: view(plan.post, net.populations), receptor: receptor === 0 ? 'excitatory' : 'inhibitory' };
    const weightScale = plan.plasticity ? cell.weightScale : null;
    const synapse = (weightDelay: string) => (plan.plasticity
      ? stdpText(j, plan.plasticity, cell.weightScale, path, name, weightDelay)
      : `sim.StaticSynapse(${weightDelay.replace(/^, /, '')})`);
    if (plan.plasticity && (receptor !== 0 && !cell.conductance)) fail('E_MODEL', `${path}.plasticity`, `projection '${name}' is plastic onto the inhibitory receptor of a current-based cell, whose weights PyNN keeps <= 0 while its STDP bounds are >= 0`);
    if (options.connectors === 'rules' && plan.rule.type !== 'list') {
      // PyNN draws delays over the spec's whole range, not only over those spikewasm drew, and
      // does not round them to steps as spikewasm does: one under a step would not run.
      const [low, high] = specRange(plan.delay);
      if (typeof plan.delay !== 'number' && Number.isFinite(low) && low < desc.dt * (1 - 1e-9)) {
        fail('E_MODEL', `${path}.delay`, `projection '${name}' draws delays from ${low} s, under one step (${desc.dt} s), which spikewasm rounds up and PyNN would keep; export without --connectors rules`);
      }
      minDelay = Math.min(minDelay, typeof plan.delay === 'number' ? Math.round(low / desc.dt) * dtMs : low * 1e3);
      maxDelay = Math.max(maxDelay, typeof plan.delay === 'number' ? Math.round(high / desc.dt) * dtMs : high * 1e3);
      const weightDelay = `, weight=${specText(plan.weight, cell.weightScale, `${path}.weight`, checkSign)}, delay=${specText(plan.delay, 1e3, `${path}.delay`, () => false, desc.dt)}`;
      return { ...base, connector: connectorText(plan, path, net.populations), synapse: synapse(weightDelay), weightScale };
    }
    const rows = new Float64Array(n * 4);
    for (let s = 0; s < n; s++) {
      // Indices within the populations: the connector joins whole populations.
      rows.set([table.pre[s]!, table.post[s]!, table.weight[s]! * cell.weightScale, Math.round(table.delay[s]! / desc.dt) * dtMs], 4 * s);
    }
    arrays.set(`${name}/connections`, { dtype: 'f64', shape: [n, 4], values: rows });
    return { name, pre: populationRef(net.populations[plan.pre.population]!), post: populationRef(post), receptor: base.receptor, connector: `sim.FromListConnector(data[${py(`${name}/connections`)}])`, synapse: synapse(''), weightScale };
  });
  if (!Number.isFinite(minDelay)) minDelay = dtMs;
  const script = scriptText(net, cells, projections, { ...options, dtMs, minDelay, maxDelay });
  return { script, data: writeNpz(arrays), synapses };
}

type Selection = { population: number; start: number; stop: number };

/** A population as the script names it. */
const populationRef = (pop: PlannedPopulation) => `populations[${py(pop.name)}]`;

const isWhole = (sel: Selection, pops: readonly PlannedPopulation[]) => sel.start === 0 && sel.stop === pops[sel.population]!.size;

/** A selection as the script names it: a population, or a view of part of it. */
function view(sel: Selection, pops: readonly PlannedPopulation[]): string {
  const whole = populationRef(pops[sel.population]!);
  return isWhole(sel, pops) ? whole : `${whole}[${sel.start}:${sel.stop}]`;
}

/** The least and greatest value a spec gives. */
function specRange(spec: ValueSpec): [number, number] {
  if (typeof spec === 'number') return [spec, spec];
  if (Array.isArray(spec)) return [spec.reduce((a, x) => Math.min(a, x), Infinity), spec.reduce((a, x) => Math.max(a, x), -Infinity)];
  if ('uniform' in spec) return spec.uniform;
  return [spec.normal.min ?? -Infinity, spec.normal.max ?? Infinity];
}

/** A connection rule as PyNN's connector, drawn with the script's seeded rng. */
function connectorText(plan: PlannedProjection, path: string, pops: readonly PlannedPopulation[]): string {
  const r = plan.rule;
  // PyNN's fixed-number connectors leave out self-connections only when pre and post are one
  // object: between two views of a population they would connect a neuron to itself.
  const views = plan.pre.population === plan.post.population && !(isWhole(plan.pre, pops) && isWhole(plan.post, pops));
  if (views && !r.autapses && (r.type === 'fixed_indegree' || r.type === 'fixed_outdegree')) {
    fail('E_MODEL', `${path}.rule`, `${r.type} without autapses between parts of one population: PyNN's connector would connect neurons to themselves; export without --connectors rules`);
  }
  const self = `allow_self_connections=${r.autapses ? 'True' : 'False'}`;
  switch (r.type) {
    case 'all_to_all': return `sim.AllToAllConnector(${self})`;
    case 'one_to_one': return 'sim.OneToOneConnector()';
    case 'fixed_probability': return `sim.FixedProbabilityConnector(${num(r.p)}, ${self}, rng=rng)`;
    case 'fixed_indegree': return `sim.FixedNumberPreConnector(${r.k}, ${self}, with_replacement=${r.multapses ? 'True' : 'False'}, rng=rng)`;
    case 'fixed_outdegree': return `sim.FixedNumberPostConnector(${r.k}, ${self}, with_replacement=${r.multapses ? 'True' : 'False'}, rng=rng)`;
    case 'fixed_total_number': return `sim.FixedTotalNumberConnector(${r.n}, ${self}, with_replacement=${r.multapses ? 'True' : 'False'}, rng=rng)`;
    default: return fail('E_MODEL', `${path}.rule`, `has no PyNN connector (${(r as { type: string }).type})`);
  }
}

/**
 * A weight or delay spec as a PyNN value: a number, or a RandomDistribution drawn with the
 * script's rng; `scale` converts to PyNN's unit. Delays (given `dt`) are rounded to the step grid.
 */
function specText(spec: ValueSpec, scale: number, path: string, wrongSign: (x: number) => unknown, dt?: number): string {
  const value = (x: number) => (dt === undefined ? x * scale : Math.round(x / dt) * dt * scale);
  if (typeof spec === 'number') {
    wrongSign(spec);
    return num(value(spec));
  }
  if (Array.isArray(spec)) return fail('E_MODEL', path, 'gives one value per synapse, which only the exact connectors carry: export without --connectors rules');
  if ('uniform' in spec) {
    spec.uniform.forEach(wrongSign);
    return `RandomDistribution('uniform', (${spec.uniform.map((x) => num(x * scale)).join(', ')}), rng=rng)`;
  }
  const { mean, std, min, max } = spec.normal;
  if (min === undefined || max === undefined) return fail('E_MODEL', path, 'is a normal distribution without min and max; the export writes it as PyNN\'s normal_clipped_to_boundary, which needs both');
  [min, max].forEach(wrongSign);
  // spikewasm clips a normal draw to [min, max]; PyNN's normal_clipped would redraw instead.
  return `RandomDistribution('normal_clipped_to_boundary', (${[mean, std, min, max].map((x) => num(x * scale)).join(', ')}), rng=rng)`;
}

/** What the export does not write, refused before anything is made. */
function refuseUnmapped(desc: NetworkDescription): void {
  if ((desc.inputs ?? []).length > 0) fail('E_MODEL', 'inputs', 'current steps are not exported to PyNN yet (PyNN has StepCurrentSource)');
  if ((desc.poissonInputs ?? []).length > 0) fail('E_MODEL', 'poissonInputs', 'Poisson inputs are not exported to PyNN yet (PyNN says them as a SpikeSourcePoisson population of the same size, connected one to one)');
  if ((desc.modulators ?? []).length > 0) fail('E_MODEL', 'modulators', 'PyNN has no modulated plasticity');
  desc.populations.forEach((p, k) => {
    if (p.dendrites) fail('E_MODEL', `populations[${k}].dendrites`, `population '${p.name ?? `population${k}`}' has dendritic segments, which PyNN's standard cells lack`);
    const init = Object.keys(p.init ?? {}).filter((v) => v !== 'v' && v !== 'u');
    if (init.length > 0) fail('E_MODEL', `populations[${k}].init.${init[0]}`, `population '${p.name ?? `population${k}`}' sets an initial ${init[0]}; the PyNN export sets v (and an Izhikevich cell's u) only`);
  });
  const named = new Set<string>();
  (desc.projections ?? []).forEach((j, k) => {
    const name = j.name ?? `projection${k}`;
    // The script and its data file know a projection by its name.
    if (named.has(name)) fail('E_MODEL', `projections[${k}].name`, `a second projection is named ${py(name)}; the PyNN script names each projection once: give them different names`);
    named.add(name);
    for (const key of ['stp', 'synapse', 'electrical', 'graded'] as const) {
      if (j[key] !== undefined) fail('E_MODEL', `projections[${k}].${key}`, `projection '${name}' has ${key === 'synapse' ? 'a synapse model written as equations' : key}, which the PyNN export does not write (static synapses and pair-based STDP only)`);
    }
  });
}

interface ScriptProjection {
  name: string;
  /** The script's expressions for the pre and post populations (or views) and the connector. */
  pre: string;
  post: string;
  receptor: string;
  connector: string;
  /** The synapse type: static or STDP, with the weights and delays where the connector does not list them. */
  synapse: string;
  /** Plastic projections: PyNN's weight per spikewasm weight, to report final weights in spikewasm's units. */
  weightScale: number | null;
}

function scriptText(net: PynnNetwork, cells: readonly PynnCell[], projections: readonly ScriptProjection[], o: PynnExportOptions & { dtMs: number; minDelay: number; maxDelay: number }): string {
  const { desc } = net;
  const pops = net.populations.map((pop, k) => {
    const cell = cells[k]!;
    const params = Object.entries(cell.params).map(([key, value]) => `${key}=${num(value)}`);
    if (cell.type === 'SpikeSourceArray') params.push(`spike_times=spike_trains(${py(pop.name)})`);
    const line = `${populationRef(pop)} = sim.Population(${pop.size}, sim.${cell.type}(${params.join(', ')}), label=${py(pop.name)})`;
    const initial = Object.keys(cell.initial).map((v) => `${v}=data[${py(`${pop.name}/${v}`)}]`);
    return initial.length > 0 ? `${line}\n${populationRef(pop)}.initialize(${initial.join(', ')})` : line;
  });
  const projs = projections.map((j) => `projections[${py(j.name)}] = sim.Projection(${j.pre}, ${j.post}, ${j.connector}, ${j.synapse}, receptor_type=${py(j.receptor)}, label=${py(j.name)})`);
  const layout = net.populations.map((p) => `(${py(p.name)}, ${p.size})`).join(', ');
  const plastic = projections.filter((j) => j.weightScale !== null).map((j) => `${py(j.name)}: ${j.weightScale}`).join(', ');
  const duration = desc.duration ?? 1;
  const about = `${desc.description ?? 'A spikewasm network'}

Written by \`spikewasm export --to pynn\` from ${o.source}. It needs PyNN and NumPy, not spikewasm.
The network is the one spikewasm built (seed ${desc.seed ?? 0}): ${o.connectors === 'rules'
    ? `PyNN's connectors draw the synapses by the same rules (another draw), and every
neuron's initial state is in ${o.dataFile} beside this script.`
    : `every synapse as drawn and every
neuron's initial state are in ${o.dataFile} beside this script, so each simulator runs the same network.`}

  mpirun -np 2 python3 ${o.scriptFile}            pyNN.neuron (or --backend nest) on 2 MPI ranks
  python3 ${o.scriptFile} --backend brian2         pyNN.brian2, one process

Spikes go to ${o.spikesFile} (--out): a run record that \`spikewasm plot\` draws.`;
  return `#!/usr/bin/env python3
"""${docstring(about)}
"""
import argparse
import importlib
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument('--backend', choices=${pyList(PYNN_BACKENDS)}, default=${py(o.backend)})
parser.add_argument('--duration', type=float, default=${num(duration)}, help='model seconds to run')
parser.add_argument('--out', default=os.path.join(HERE, ${py(o.spikesFile)}), help='the run record to write')
parser.add_argument('--timestep', type=float, default=${num(o.dtMs)}, help="the simulator's time step in ms (default: the model's)")
args = parser.parse_args()
sim = importlib.import_module('pyNN.' + args.backend)
from pyNN.parameters import Sequence  # noqa: E402 (after the backend: it loads PyNN)
from pyNN.random import NumpyRNG, RandomDistribution  # noqa: E402,F401

data = np.load(os.path.join(HERE, ${py(o.dataFile)}))
DT = args.timestep  # ms
MIN_DELAY = ${num(o.minDelay)}  # ms, the shortest synaptic delay
MAX_DELAY = ${num(o.maxDelay)}  # ms, the longest
${cells.some((c) => c.type === 'IF_curr_delta') ? `if args.backend == 'neuron':
    raise SystemExit("pyNN.neuron 0.10.1 has no IF_curr_delta, which this network's delta synapses need: run it with --backend nest or brian2")
` : ''}if args.backend == 'neuron' and sim.num_processes() > 1 and MIN_DELAY <= DT:
    # NEURON refuses (mindelay is 0) when a delay between ranks is not above its step.
    if sim.rank() == 0:
        print(f'NEURON on {sim.num_processes()} ranks needs every delay above its time step; the shortest is {MIN_DELAY} ms: '
              f'pass --timestep {MIN_DELAY / 2} (ms) or run on one rank')
    raise SystemExit(2)


def spike_trains(name):
    """A SpikeSourceArray's spike times (ms), one Sequence per neuron."""
    counts = data[name + '/spike_counts']
    return [Sequence(t) for t in np.split(data[name + '/spike_times'], np.cumsum(counts)[:-1])]


sim.setup(timestep=DT, min_delay=MIN_DELAY, max_delay=MAX_DELAY)
${o.connectors === 'rules' ? `rng = NumpyRNG(seed=${(desc.seed ?? 0) % 2 ** 32})  # the model's seed within NumpyRNG's 32 bits; the same draw on any number of ranks
` : ''}populations = {}
${pops.join('\n')}
projections = {}
${projs.join('\n')}
PLASTIC = {${plastic}}
for population in populations.values():
    population.record('spikes')
steps = int(round(args.duration * 1e3 / DT))
sim.run(steps * DT)

# Every rank takes part in gathering; rank 0 writes the run record (times in s, global neuron indices).
synapses = {name: int(projection.size()) for name, projection in projections.items()}
# Plastic projections' final weights, in spikewasm's units (PyNN's divided by the export's factor).
weights = {name: (np.array(projections[name].get('weight', format='list', with_address=False), dtype=float) / factor).tolist()
           for name, factor in PLASTIC.items()}
trains = {name: population.get_data('spikes', gather=True).segments[0].spiketrains for name, population in populations.items()}
if sim.rank() == 0:
    layout, times, neurons, first = [], [], [], 0
    for name, size in [${layout}]:
        layout.append({'name': name, 'size': size, 'firstIndex': first})
        for train in trains[name]:
            local = train.annotations.get('source_index')
            if local is None:  # pyNN.brian2 gives the cell's id instead
                local = populations[name].id_to_index(train.annotations['channel_id'])
            index = first + int(local)
            for t in train.magnitude:
                times.append(float(t) * 1e-3)
                neurons.append(index)
        first += size
    order = np.lexsort((neurons, times))
    record = {
        'summary': {'steps': steps, 'spikes': len(times), 'simulator': 'pyNN.' + args.backend, 'ranks': sim.num_processes()},
        'dt': DT * 1e-3,
        'spikes': {'populations': layout, 'times': [times[i] for i in order], 'neurons': [neurons[i] for i in order]},
        'synapses': synapses,
        'finalWeights': weights,
    }
    with open(args.out, 'w') as f:
        json.dump(record, f)
    print(f'{len(times)} spikes, {sum(synapses.values())} synapses, pyNN.{args.backend} on {sim.num_processes()} rank(s): {args.out}')
sim.end()
`;
}

/**
 * Text for a Python docstring: backslashes, quotes that could end it, and control characters
 * (a NUL is refused in Python source) escaped. The text holds the model's description and file
 * names: untrusted.
 */
function docstring(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\0-\x09\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function pyList(items: readonly string[]): string {
  return `(${items.map(py).join(', ')})`;
}
