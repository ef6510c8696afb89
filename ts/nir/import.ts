// A NIR file (Pedersen et al. 2024) as a spikewasm model: Input nodes become spike sources,
// neuron nodes populations written as equations, and every chain of linear nodes between two of
// them (Affine, Linear, Scale, Flatten, Delay, convolutions, pooling) the synapses it multiplies
// out to. What the file leaves open (dt, input amplitude, reset) comes from the conventions.
import { fail, shown } from '../errors.js';
import type { MonitorDescription, NetworkDescription, PopulationDescription, ProjectionDescription } from '../model/description.js';
import { MODEL_VERSION } from '../model/versions.js';
import { checkImportOptions, nirConventions, type NirConventions } from './conventions.js';
import { nirGraph, type NirGraph, type NirNode } from './graph.js';
import { readHdf5, type NirGroup } from './hdf5.js';
import { LINEAR_TYPES, linearMap, size, type LinearMap } from './linear-maps.js';
import { NEURON_TYPES, nirNeurons, nodeShape, THRESHOLDED_TYPES, type NirNeurons } from './neurons.js';

export interface NirImportOptions {
  preset?: string;
  dt?: number | string;
  spike?: 'held' | 'dirac';
  reset?: 'zero' | 'subtract';
  resetLatency?: 0 | 1;
  /** Spike times (s) of each neuron of each Input node, by node name; none by default. */
  inputs?: Record<string, number[][]>;
  /** The model's default run length (s). */
  duration?: number;
}

export interface NirPort {
  /** The NIR node. */
  readonly node: string;
  readonly population: string;
  readonly shape: readonly number[];
}

export interface NirOutput extends NirPort {
  /** The monitor recording it: spikes, or v of a population that does not spike (LI, CubaLI, I). */
  readonly monitor: string;
  readonly record: 'spikes' | 'v';
  /**
   * Steps from an input spike to the first step it can act in this population, along the
   * shortest path: a spike sent in step n reaches the next population's neurons in step n + 2
   * (one step of delay, then one step held or, for a Dirac, after that step's threshold test), plus Delay nodes;
   * null where no Input reaches it.
   */
  readonly latency: number | null;
}

export interface NirImport {
  readonly version: string;
  readonly conventions: NirConventions;
  readonly model: NetworkDescription;
  readonly inputs: readonly NirPort[];
  readonly outputs: readonly NirOutput[];
  readonly synapses: number;
  readonly warnings: readonly string[];
}

/** Every synapse of one (source, target) pair, in the order of the source's neurons. */
interface SynapseList {
  pre: number[];
  post: number[];
  weight: number[];
  delay: number[];
}

const MAX_EXTRA_DELAY = 65534;

/** An Input or Output node's shape: positive whole sizes, at most 2^28 values (a population's limit). */
function checkedShape(n: NirNode): number[] {
  const shape = n.params.shape!.values as number[];
  if (!shape.every((x) => Number.isInteger(x) && x >= 1) || size(shape) > 2 ** 28) fail('E_FORMAT', `${n.path}/shape`, `must be positive whole sizes of at most 2^28 values in all (got [${shape.join(', ')}])`);
  return shape;
}

export function importNIR(bytes: ArrayBuffer | Uint8Array, options: NirImportOptions, path = 'nir'): NirImport {
  // Before the file is read, so that a mistyped option does not wait for a large file.
  checkImportOptions(options, 'fromNIR.options', ['inputs', 'duration']);
  return importNirTree(readHdf5(bytes, path), options, path);
}

/** The same from a file's tree as readHdf5 gives it. */
export function importNirTree(tree: NirGroup, options: NirImportOptions, path: string): NirImport {
  const opts = checkImportOptions(options, 'fromNIR.options', ['inputs', 'duration']);
  const c = nirConventions(opts, 'fromNIR.options');
  return new Importer(nirGraph(tree, path), c, opts).result();
}

class Importer {
  private readonly warnings: string[];
  private readonly next = new Map<string, string[]>();
  private readonly prev = new Map<string, string[]>();
  private readonly maps = new Map<string, LinearMap>();
  private readonly shapes = new Map<string, readonly number[]>();
  /** Neuron node -> the Threshold node that reads it. */
  private readonly thresholdOf = new Map<string, NirNode>();
  private readonly neurons = new Map<string, NirNeurons>();
  private readonly lists = new Map<string, SynapseList>(); // "source\0target"

  constructor(private readonly g: NirGraph, private readonly c: NirConventions, private readonly opts: Record<string, unknown>) {
    this.warnings = [...g.warnings];
    for (const name of g.nodes.keys()) {
      this.next.set(name, []);
      this.prev.set(name, []);
    }
    for (const [a, b] of g.edges) {
      this.next.get(a)!.push(b);
      this.prev.get(b)!.push(a);
    }
  }

  private node(name: string): NirNode {
    return this.g.nodes.get(name)!;
  }

  private isSource(n: NirNode): boolean {
    return n.type === 'Input' && !n.inner;
  }

  private isSink(n: NirNode): boolean {
    return n.type === 'Output' && !n.inner;
  }

  result(): NirImport {
    const nodes = [...this.g.nodes.values()];
    for (const n of nodes) if (n.type === 'Threshold') this.mergeThreshold(n);
    for (const n of nodes) if (this.isSource(n) && this.prev.get(n.name)!.length > 0) fail('E_MODEL', n.path, `is an Input, but edges lead into it from ${this.prev.get(n.name)!.map((p) => shown(p)).join(', ')}`);
    const bias = this.biases();
    const populations: PopulationDescription[] = [];
    const inputs: NirPort[] = [];
    const sources: string[] = [];
    for (const n of nodes) {
      if (this.isSource(n)) {
        const shape = this.shapeOf(n.name);
        populations.push({ name: n.name, size: size(shape), model: 'spike_source', params: { spikeTimes: this.inputTimes(n.name, size(shape)) } });
        inputs.push({ node: n.name, population: n.name, shape });
        sources.push(n.name);
      } else if (NEURON_TYPES.includes(n.type)) {
        const neurons = nirNeurons(n, n.name, this.c, bias.get(n.name) ?? null, this.thresholdValues(n));
        this.neurons.set(n.name, neurons);
        populations.push(neurons.population);
        if (neurons.spiking) sources.push(n.name);
        else this.checkStateOnlyToOutputs(n);
      }
    }
    if (inputs.length === 0) fail('E_MODEL', 'nir:node', 'has no Input node');
    for (const s of sources) this.synapsesFrom(s);
    const projections = this.projections();
    const latency = this.latencies(inputs.map((i) => i.node));
    const outputs = nodes.filter((n) => this.isSink(n)).map((n) => this.output(n, latency));
    if (outputs.length === 0) fail('E_MODEL', 'nir:node', 'has no Output node');
    const monitors: MonitorDescription[] = outputs.map((o) =>
      o.record === 'spikes' ? { type: 'spikes', name: o.monitor, population: o.population } : { type: 'state', name: o.monitor, population: o.population, variables: ['v'], everySteps: 1 },
    );
    const model: NetworkDescription = { format: 'spikewasm-model', version: MODEL_VERSION, dt: this.c.dt, seed: 0, populations, projections, monitors };
    if (this.opts.duration !== undefined) model.duration = this.opts.duration as number;
    const synapses = projections.reduce((sum, p) => sum + (p.rule as { pre: number[] }).pre.length, 0);
    return { version: this.g.version, conventions: this.c, model, inputs, outputs, synapses, warnings: this.warnings };
  }

  /** A Threshold node reads the v of the one LI, CubaLI or I node before it, which then spikes. */
  private mergeThreshold(t: NirNode): void {
    const before = this.prev.get(t.name)!;
    const source = before.length === 1 ? this.node(this.behindPorts(before[0]!)) : undefined;
    if (source === undefined || !THRESHOLDED_TYPES.includes(source.type) || this.next.get(source.name)!.length !== 1) {
      fail('E_MODEL', t.path, `a Threshold node is imported as the spiking of the one LI, CubaLI or I node before it, which feeds nothing else (before it: ${before.map((b) => `${shown(b)} (${this.node(b).type})`).join(', ') || 'nothing'})`);
    }
    this.thresholdOf.set(source.name, t);
  }

  private thresholdValues(n: NirNode): Float64Array | null {
    const t = this.thresholdOf.get(n.name);
    if (t === undefined) return null;
    const a = t.params.threshold!.values as number[];
    const count = nodeShape(n).n;
    if (a.length !== 1 && a.length !== count) fail('E_FORMAT', `${t.path}/threshold`, `has ${a.length} values for ${count} neurons`);
    return a.length === 1 ? new Float64Array(count).fill(a[0]!) : Float64Array.from(a);
  }

  /** Where a node's spikes (or values) go: a Threshold's successors for the node it reads. */
  private successors(name: string): string[] {
    const t = this.thresholdOf.get(name);
    return t === undefined ? this.next.get(name)! : this.next.get(t.name)!;
  }

  private checkStateOnlyToOutputs(n: NirNode): void {
    const check = (names: readonly string[]): void => {
      for (const s of names) {
        const next = this.node(s);
        if (next.inner) check(this.next.get(s)!);
        else if (!this.isSink(next)) fail('E_MODEL', n.path, `a ${n.type} node does not spike, so only an Output can read it (it feeds ${shown(s)}); a Threshold after it makes it spike`);
      }
    };
    check(this.successors(n.name));
  }

  /** The node behind the Input and Output nodes of nested graphs, which pass values on unchanged. */
  private behindPorts(name: string): string {
    let at = name;
    while (this.node(at).inner && this.prev.get(at)!.length === 1) at = this.prev.get(at)![0]!;
    return at;
  }

  private shapeOf(name: string, visiting = new Set<string>()): readonly number[] {
    const known = this.shapes.get(name);
    if (known !== undefined) return known;
    const n = this.node(name);
    let shape: readonly number[];
    if (this.isSource(n) || this.isSink(n)) shape = checkedShape(n);
    else if (NEURON_TYPES.includes(n.type)) shape = nodeShape(n).shape;
    else if (n.type === 'Threshold') shape = this.shapeOf(this.prev.get(name)![0]!, visiting);
    else shape = this.mapOf(name, visiting).outShape;
    this.shapes.set(name, shape);
    return shape;
  }

  /** A linear node's map, its input shape being what the nodes before it give (they must agree). */
  private mapOf(name: string, visiting = new Set<string>()): LinearMap {
    const known = this.maps.get(name);
    if (known !== undefined) return known;
    const n = this.node(name);
    if (visiting.has(name)) fail('E_MODEL', n.path, 'is on a loop of linear nodes with no neuron on it');
    visiting.add(name);
    const before = this.prev.get(name)!;
    if (before.length === 0) fail('E_MODEL', n.path, 'receives nothing');
    const shapes = before.map((b) => this.shapeOf(this.thresholdTarget(b), visiting));
    if (shapes.some((s) => size(s) !== size(shapes[0]!))) fail('E_FORMAT', n.path, `receives inputs of different sizes (${before.map((b, i) => `${b}: ${size(shapes[i]!)}`).join(', ')})`);
    const map = linearMap(n, shapes[0]!, this.c.dt, this.warnings);
    if (map.inSize !== size(shapes[0]!)) fail('E_FORMAT', n.path, `takes ${map.inSize} values but receives ${size(shapes[0]!)}`);
    this.maps.set(name, map);
    return map;
  }

  /** A Threshold node stands for the neuron node it reads. */
  private thresholdTarget(name: string): string {
    const n = this.node(name);
    return n.type === 'Threshold' ? this.behindPorts(this.prev.get(name)![0]!) : name;
  }

  /** The constant input of each neuron node: biases of linear nodes carried through the linear nodes after them. */
  private biases(): Map<string, Float64Array> {
    const out = new Map<string, Float64Array>();
    for (const n of this.g.nodes.values()) {
      if (!LINEAR_TYPES.includes(n.type) || this.isSource(n) || this.isSink(n)) continue;
      const b = this.mapOf(n.name).bias;
      if (b === null) continue;
      const entries = new Map<number, number>();
      b.forEach((x, j) => x !== 0 && entries.set(j, x));
      const starts = this.next.get(n.name)!;
      this.carry(starts, this.linearOrder(starts), entries, b.length, n.name, (target, j, x) => {
        const into = out.get(target) ?? out.set(target, new Float64Array(nodeShape(this.node(target)).n)).get(target)!;
        into[j]! += x;
      });
    }
    return out;
  }

  /**
   * The linear nodes reachable from `starts` through linear nodes, each after every linear node
   * that feeds it; a loop of them is refused.
   */
  private linearOrder(starts: readonly string[]): string[] {
    const order: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (name: string): void => {
      const n = this.node(name);
      if (!LINEAR_TYPES.includes(n.type) || this.isSource(n) || this.isSink(n) || state.get(name) === 'done') return;
      if (state.get(name) === 'open') fail('E_MODEL', n.path, 'is on a loop of linear nodes with no neuron on it');
      state.set(name, 'open');
      for (const s of this.next.get(name)!) visit(s);
      state.set(name, 'done');
      order.push(name);
    };
    for (const s of starts) visit(s);
    return order.reverse();
  }

  /**
   * Carries values (index -> amount, delay folded into the key) into `starts` and on through the
   * linear nodes of `order` (linearOrder's), each applied once to the sum of what reaches it,
   * to the neuron nodes they reach: `reach(target, j, amount, delaySteps)`. `from` names where
   * the values come from, for errors.
   */
  private carry(starts: readonly string[], order: readonly string[], entries: Map<number, number>, width: number, from: string, reach: (target: string, j: number, amount: number, delay: number) => void): void {
    // What reaches each linear node; `ports`: whether only the Input and Output nodes of nested graphs lie between.
    const pending = new Map<string, { entries: Map<number, number>; width: number; ports: boolean; last: string }>();
    const deliver = (name: string, values: Map<number, number>, w: number, ports: boolean, last: string): void => {
      const n = this.node(name);
      if (NEURON_TYPES.includes(n.type)) {
        const count = nodeShape(n).n;
        if (count !== w) fail('E_FORMAT', n.path, `has ${count} neurons, but ${shown(last)} before it gives ${w} values`);
        for (const [key, amount] of values) reach(name, key % count, amount, Math.floor(key / count));
      } else if (this.isSink(n)) {
        if (!ports) fail('E_MODEL', n.path, `an Output reads a linear map of ${shown(from)} (through ${shown(last)}); spikewasm outputs spikes or a neuron's v`);
      } else if (this.isSource(n) || n.type === 'Threshold') {
        fail('E_MODEL', n.path, `receives values from linear nodes; spikewasm reads a ${n.type} only straight after a neuron node`);
      } else {
        const p = pending.get(name);
        if (p === undefined) pending.set(name, { entries: new Map(values), width: w, ports, last });
        else {
          if (p.width !== w) fail('E_FORMAT', n.path, `receives ${p.width} values from ${shown(p.last)} and ${w} from ${shown(last)}`);
          for (const [k, x] of values) p.entries.set(k, (p.entries.get(k) ?? 0) + x);
          p.ports &&= ports;
        }
      }
    };
    for (const s of starts) deliver(s, entries, width, true, from);
    for (const name of order) {
      const p = pending.get(name);
      if (p === undefined) continue;
      const n = this.node(name);
      const map = this.mapOf(name);
      if (map.inSize !== p.width) fail('E_FORMAT', n.path, `takes ${map.inSize} values, but ${shown(p.last)} before it gives ${p.width}`);
      const outSize = size(map.outShape);
      const out = new Map<number, number>();
      for (const [key, amount] of p.entries) {
        const delay = Math.floor(key / map.inSize);
        map.scatter(key % map.inSize, (j, factor, d) => {
          const total = delay + d;
          if (total > MAX_EXTRA_DELAY) fail('E_PARAM', n.path, `delays add up to ${total} steps, more than a synapse holds (${MAX_EXTRA_DELAY + 1})`);
          const k = total * outSize + j;
          out.set(k, (out.get(k) ?? 0) + amount * factor);
        });
      }
      for (const s of this.next.get(name)!) deliver(s, out, outSize, p.ports && n.inner === true, name);
    }
  }

  /** The synapses from every neuron of `source`, neuron by neuron. */
  private synapsesFrom(source: string): void {
    const count = size(this.shapeOf(source));
    const starts = this.successors(source);
    const order = this.linearOrder(starts);
    for (let i = 0; i < count; i++) {
      const perTarget = new Map<string, Map<number, number>>();
      this.carry(starts, order, new Map([[i, 1]]), count, source, (target, j, amount, delay) => {
        const m = perTarget.get(target) ?? perTarget.set(target, new Map()).get(target)!;
        const k = delay * 2 ** 28 + j;
        m.set(k, (m.get(k) ?? 0) + amount);
      });
      for (const [target, m] of perTarget) {
        const factor = this.neurons.get(target)!.inputFactor;
        for (const k of [...m.keys()].sort((a, b) => a - b)) {
          const amount = m.get(k)!;
          if (amount === 0) continue; // paths that cancel make no synapse
          const key = `${source}\0${target}`;
          const list = this.lists.get(key) ?? this.lists.set(key, { pre: [], post: [], weight: [], delay: [] }).get(key)!;
          const j = k % 2 ** 28;
          list.pre.push(i);
          list.post.push(j);
          list.weight.push(amount * factor[j]!);
          list.delay.push((1 + Math.floor(k / 2 ** 28)) * this.c.dt);
        }
      }
    }
  }

  /** One per (source, target) pair, in the file's order of sources, then of targets. */
  private projections(): ProjectionDescription[] {
    const order = new Map([...this.g.nodes.keys()].map((name, k) => [name, k]));
    const pairs = [...this.lists].map(([key, list]) => ({ ends: key.split('\0') as [string, string], list }));
    pairs.sort((a, b) => order.get(a.ends[0])! - order.get(b.ends[0])! || order.get(a.ends[1])! - order.get(b.ends[1])!);
    return pairs.map(({ ends: [source, target], list }) => {
      return {
        name: `${source}->${target}`,
        pre: { population: source },
        post: { population: target },
        synapse: { onPre: `${this.neurons.get(target)!.onPre} += w` },
        rule: { type: 'list', pre: list.pre, post: list.post, weight: list.weight, delay: list.delay },
      } as ProjectionDescription;
    });
  }

  /** Fewest steps from an input spike to each population (see NirOutput.latency). */
  private latencies(inputs: string[]): Map<string, number> {
    const lat = new Map<string, number>(inputs.map((i) => [i, 0]));
    const hops = [...this.lists].map(([key, list]) => {
      const [s, t] = key.split('\0') as [string, string];
      return { s, t, steps: Math.round(list.delay.reduce((a, b) => Math.min(a, b), Infinity) / this.c.dt) + 1 };
    });
    for (let changed = true; changed; ) {
      changed = false;
      for (const h of hops) {
        const via = (lat.get(h.s) ?? Infinity) + h.steps;
        if (via < (lat.get(h.t) ?? Infinity)) {
          lat.set(h.t, via);
          changed = true;
        }
      }
    }
    for (const h of hops) {
      const s = lat.get(h.s) ?? Infinity;
      const t = lat.get(h.t) ?? Infinity;
      if (s < t && s + h.steps !== t) this.warnings.push(`${h.t}: input from ${h.s} arrives ${s + h.steps} steps after an input spike, from its other inputs after ${t}; a simulator without latency sums them in one step`);
      if (s >= t) this.warnings.push(`${h.s}->${h.t}: a recurrent edge acts 2 steps after a spike (snnTorch's and Norse's recurrences act after 1)`);
    }
    return lat;
  }

  private output(n: NirNode, latency: Map<string, number>): NirOutput {
    const before = this.prev.get(n.name)!;
    if (before.length !== 1) fail('E_MODEL', n.path, `an Output reads one node (it reads ${before.length})`);
    const population = this.thresholdTarget(this.behindPorts(before[0]!));
    const src = this.node(population);
    if (!this.isSource(src) && !NEURON_TYPES.includes(src.type)) fail('E_MODEL', n.path, `an Output reads a linear map of spikes (${shown(before[0])} is ${src.type}); spikewasm outputs spikes or a neuron's v`);
    const spiking = this.isSource(src) || this.neurons.get(population)!.spiking;
    const shape = this.shapeOf(population);
    const declared = n.params.shape!.values as number[];
    if (size(declared) !== size(shape)) this.warnings.push(`${n.path}/shape: [${declared.join(', ')}] has ${size(declared)} values, ${shown(population)} gives ${size(shape)}`);
    const steps = latency.get(population);
    if (steps === undefined) this.warnings.push(`${n.path}: ${shown(population)} is reached from no Input`);
    return { node: n.name, population, shape, monitor: n.name, record: spiking ? 'spikes' : 'v', latency: steps ?? null };
  }

  private inputTimes(node: string, count: number): number[][] {
    const given = this.opts.inputs as Record<string, unknown> | undefined;
    const path = `fromNIR.options.inputs`;
    if (given !== undefined) {
      if (given === null || typeof given !== 'object') fail('E_PARAM', path, 'must map Input node names to spike times per neuron');
      for (const k of Object.keys(given)) if (!this.g.nodes.has(k) || !this.isSource(this.node(k))) fail('E_PARAM', `${path}.${k}`, `is not an Input node of the file`);
    }
    const times = given?.[node];
    if (times === undefined) return Array.from({ length: count }, () => []);
    if (!Array.isArray(times) || times.length !== count || !times.every((t) => Array.isArray(t))) fail('E_PARAM', `${path}.${node}`, `must be ${count} arrays of spike times, one per neuron`);
    return times as number[][];
  }
}
