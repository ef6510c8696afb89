import type { Backend } from '../backends/backend.js';
import { fail, shown } from '../errors.js';
import { writeSnapshot } from '../io/snapshot.js';
import { buildNetwork, type BuiltNetwork } from '../layout/build.js';
import { wideColumnsOf } from '../layout/image-widths.js';
import { learningRateCell, poissonProbabilities, synapseRegions, synapseVariableRegion, variableRegion, type Region } from '../layout/cells.js';
import { variableSlots } from '../equations/synapse-program.js';
import type {
  DendritesDescription, EquationModelDescription, ModulatorDescription, MonitorDescription, NetworkDescription, PlasticityDescription,
  PoissonInputDescription, PopulationDescription, ProjectionDescription, Quantity, QuantitySpec, StpDescription,
} from '../model/description.js';
import { stateProbe } from '../model/monitors.js';
import { currentVersion, MODEL_VERSION } from '../model/versions.js';
import type { ModelName, ModelRegistry } from '../model/neurons/registry.js';
import type { ModelParams } from '../model/neurons/model-params.js';
import { spikeProbabilities } from '../model/neurons/sources.js';
import { checkF32, checkNumber } from '../model/params.js';
import { oneEach } from '../model/values.js';
import { checkOptions, isPlainObject, plainCopy } from '../model/plain-data.js';
import type { NirConventions } from '../nir/conventions.js';
import { exportNIR } from '../nir/export.js';
import { writeHdf5 } from '../io/hdf5-writer.js';
import { exportPyNN, PYNN_BACKENDS, PYNN_CONNECTORS, type PynnExport, type PynnExportOptions } from '../pynn/export.js';
import { planNetwork } from '../model/plan-network.js';
import { Monitor, Population, PopulationRef, Projection, type NetworkAccess, type SynapseTable } from './handles.js';
import { modulatorValue, modulatorWrite } from './modulators.js';
import { stepTimes, WeightMonitor, type RateData, type SpikeData, type StateData, type WeightData } from './monitors.js';
import { Readout, type ReadoutOptions } from './readout.js';
import { Runner } from './runner.js';
import { stepRunner, type StepInput, type StepResult } from './stream.js';

/** A model written as equations, with its parameters and name, for `net.population`. */
export interface EquationModelOptions extends EquationModelDescription {
  /** Shared parameters ('20 ms', or a dimensionless number) and per-neuron ones the equations declare. */
  params?: Record<string, unknown>;
  name?: string;
  /** Dendritic segments on every neuron (docs/dendrites.md). */
  dendrites?: DendritesDescription;
}

export interface ConnectOptions {
  /** The target's receptor (built-in models). */
  receptor?: string;
  /**
   * For a target written as equations: what a spike does, `{ onPre: 'ge += w' }`; or a synapse
   * model written as equations, `{ model, onPre, onPost, params }` (docs/equations.md).
   */
  synapse?: ProjectionDescription['synapse'];
  /** Initial values of a synapse model's variables, per synapse. */
  init?: ProjectionDescription['init'];
  rule: ProjectionDescription['rule'] | { p: number; autapses?: boolean };
  weight?: QuantitySpec;
  delay?: QuantitySpec;
  name?: string;
  plasticity?: PlasticityDescription;
  stp?: StpDescription;
  /** Gap junctions instead of spikes: `{ current: 'Igap' }` (docs/couplings.md). */
  electrical?: ProjectionDescription['electrical'];
  /** Graded chemical synapses instead of spikes: `{ current, eRev, vTh, vSlope }` (docs/couplings.md). */
  graded?: ProjectionDescription['graded'];
}

/**
 * A network under construction, then running. Populations, projections, inputs and
 * monitors can be added until the first run; then it is built (connectivity drawn,
 * memory laid out and loaded) and structural changes are refused.
 */
export class Network implements NetworkAccess {
  private readonly desc: NetworkDescription;
  private runner: Runner | null = null;
  private building: Promise<Runner> | null = null;
  /** Operations on the running network, one at a time (a forgotten await must not interleave runs). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Model time asked for so far; each run rounds the end time, not its own duration. */
  private targetTime: number;

  constructor(
    /** Where it runs (a new backend each time it is built) and the models it may name. */
    private readonly context: { backend: () => Promise<Backend>; models: ModelRegistry },
    description: NetworkDescription,
    private readonly options: { keepRaster?: boolean; resume?: { image: Uint8Array; targetTime: number }; kernels?: WebAssembly.Module } = {},
  ) {
    this.targetTime = options.resume?.targetTime ?? 0;
    this.desc = currentVersion(plainCopy('', description));
    this.desc.projections ??= [];
    this.desc.inputs ??= [];
    this.desc.monitors ??= [];
    this.desc.populations ??= [];
  }

  get dt(): number {
    return this.desc.dt;
  }

  /** Model time simulated so far, in seconds. */
  get time(): number {
    return (this.runner?.steps ?? 0) * this.desc.dt;
  }

  get steps(): number {
    return this.runner?.steps ?? 0;
  }

  /**
   * A population of a built-in model (ModelName, its parameters typed by ModelParams) or of one
   * registered with `sim.models`: `population(size, 'lif', params, init, name?)`; or of a model written as equations:
   * `population(size, { equations, threshold, reset, refractory, method, params, name }, init)`.
   */
  population<M extends ModelName | (string & {})>(size: number, model: M, params?: M extends keyof ModelParams ? ModelParams[M] : Record<string, unknown>, init?: Record<string, QuantitySpec>, name?: string): Population;
  population(size: number, model: EquationModelOptions, init?: Record<string, QuantitySpec>): Population;
  population(size: number, model: string | EquationModelOptions, second: Record<string, unknown> = {}, third: Record<string, QuantitySpec> = {}, fourth?: string): Population {
    this.mutable('population');
    const equations = isPlainObject(model);
    let params = second;
    let init: Record<string, QuantitySpec> = third;
    let name = fourth;
    let given = model as PopulationDescription['model'];
    let dendrites: DendritesDescription | undefined;
    if (equations) {
      if (arguments.length > 3) fail('E_PARAM', 'population', 'a model written as equations takes (size, {equations, ..., params, name}, init): params and the name go in the model object');
      const { params: p = {}, name: n, dendrites: d, ...spec } = model as EquationModelOptions;
      [params, init, name, given, dendrites] = [p, second as Record<string, QuantitySpec>, n, spec, d];
    }
    if (!isPlainObject(params)) fail('E_PARAM', 'population.params', `must be an object of parameters (got ${shown(params)})`);
    if (!isPlainObject(init)) fail('E_PARAM', 'population.init', `must be an object of initial values (got ${shown(init)})`);
    const index = this.desc.populations.length;
    const desc: PopulationDescription = plainCopy('population', {
      size, model: given, params, init, ...(name === undefined ? {} : { name }), ...(dendrites === undefined ? {} : { dendrites }),
    });
    this.desc.populations.push(desc);
    return new Population(this, index, size, name ?? `population${index}`);
  }

  connect(pre: PopulationRef, post: PopulationRef, options: ConnectOptions): Projection {
    this.mutable('projection');
    const pres = this.own('connect.pre', pre).selection();
    const posts = this.own('connect.post', post).selection();
    checkOptions('connect.options', options, ['receptor', 'synapse', 'init', 'rule', 'weight', 'delay', 'name', 'plasticity', 'stp', 'electrical', 'graded']);
    if (options === undefined) fail('E_PARAM', 'connect.options', 'are required (receptor and rule at least)');
    const projections = this.desc.projections!;
    const index = projections.length;
    const { receptor, synapse, init, rule, weight, delay, name, plasticity, stp, electrical, graded } = options;
    projections.push(plainCopy('connect.options', {
      pre: pres,
      post: posts,
      ...(receptor === undefined ? {} : { receptor }),
      ...(synapse === undefined ? {} : { synapse }),
      ...(init === undefined ? {} : { init }),
      rule: rule as ProjectionDescription['rule'],
      ...(weight === undefined ? {} : { weight }),
      ...(delay === undefined ? {} : { delay }),
      ...(name === undefined ? {} : { name }),
      ...(plasticity === undefined ? {} : { plasticity }),
      ...(stp === undefined ? {} : { stp }),
      ...(electrical === undefined ? {} : { electrical }),
      ...(graded === undefined ? {} : { graded }),
    }));
    return new Projection(this, index, name ?? `projection${index}`);
  }

  /**
   * A Poisson input onto a whole population (Brian2's PoissonInput): every step each neuron
   * receives k ~ Poisson(rate dt) events, each adding `weight` to `receptor` `delay` later
   * (default one step). One input stands for many independent sources: rate = sources x their rate.
   */
  poissonInput(population: Population, options: Omit<PoissonInputDescription, 'population'>): void {
    this.mutable('poissonInput');
    const target = this.own('poissonInput.population', population, true);
    checkOptions('poissonInput.options', options, ['receptor', 'rate', 'weight', 'delay', 'name']);
    if (options === undefined) fail('E_PARAM', 'poissonInput.options', 'are required (receptor, rate and weight)');
    (this.desc.poissonInputs ??= []).push(plainCopy('poissonInput.options', { ...options, population: target.index }));
  }

  /** Declares a modulator (dopamine, reward, error, ...) that modulated plasticity can read. */
  modulator(name: string, options: Omit<ModulatorDescription, 'name'>): void {
    this.mutable('modulator');
    checkOptions('modulator.options', options, ['tau', 'initial', 'baseline', 'source']);
    (this.desc.modulators ??= []).push(plainCopy('modulator', { name, ...options }));
  }

  /** Adds `amount` to a modulator's value now (a reward, a dopamine burst, an error signal). */
  async modulate(name: string, amount: number): Promise<void> {
    checkNumber('modulate.amount', amount, 'any');
    return this.exclusive((runner) => modulatorWrite(runner, name, amount, 'modulate.name')());
  }

  /** A modulator's value now. */
  async modulatorValue(name: string): Promise<number> {
    return this.exclusive((runner) => modulatorValue(runner, name, 'modulatorValue.name'));
  }

  /** A piecewise-constant input current: amplitudes[k] from times[k] on (0 before times[0]). */
  currentStep(target: PopulationRef, times: number[], amplitudes: number[]): void {
    this.mutable('input');
    const selection = this.own('currentStep.target', target).selection();
    this.desc.inputs!.push(plainCopy('currentStep', { type: 'current_step', target: selection, times, amplitudes }));
  }

  /**
   * A trained linear readout of the spike counts of `populations` over the last `window`
   * seconds before each record() (ts/api/readout.ts); declared before the network is built.
   */
  readout(populations: Population | Population[], options: ReadoutOptions): Readout {
    this.mutable('readout');
    const list = Array.isArray(populations) ? populations : [populations];
    if (list.length === 0) fail('E_PARAM', 'readout.populations', 'must name at least one population');
    const monitors = list.map((p) => ({ monitor: this.monitorSpikes(p), size: p.size }));
    return new Readout(this, monitors, options);
  }

  monitorSpikes(population: Population, name?: string): Monitor<SpikeData> {
    const p = this.own('monitorSpikes.population', population, true);
    return this.monitor({ type: 'spikes', population: p.index, ...(name === undefined ? {} : { name }) });
  }

  /** Samples variables of chosen neurons (default: all) every `every` seconds ('1 ms'), or every `everySteps` steps; default every step. */
  monitorState(population: PopulationRef, variables: string[], options: { neurons?: number[]; every?: Quantity; everySteps?: number; name?: string } = {}): Monitor<StateData> {
    this.own('monitorState.population', population);
    checkOptions('monitorState.options', options, ['neurons', 'every', 'everySteps', 'name']);
    if (options.neurons !== undefined && !Array.isArray(options.neurons)) fail('E_PARAM', 'monitorState.neurons', `must be an array of neuron indices (got ${shown(options.neurons)})`);
    // On a slice, neurons are relative to the slice; the monitor stores population indices.
    const neurons = (options.neurons ?? Array.from({ length: population.size }, (_, i) => i)).map((i) => {
      if (!Number.isInteger(i) || i < 0 || i >= population.size) fail('E_INDEX', 'monitorState.neurons', `neuron index ${shown(i)} out of range [0, ${population.size})`);
      return population.start + i;
    });
    return this.monitor({ type: 'state', population: population.index, variables, ...options, neurons });
  }

  /** Population rate in bins of `bin` seconds ('5 ms'; default 1 ms), or of `binSteps` steps. */
  monitorRate(population: Population, options: { bin?: Quantity; binSteps?: number; name?: string } = {}): Monitor<RateData> {
    const p = this.own('monitorRate.population', population, true);
    checkOptions('monitorRate.options', options, ['bin', 'binSteps', 'name']);
    return this.monitor({ type: 'rate', population: p.index, ...options });
  }

  /** A population of this network by name or index (e.g. one declared in a model file). */
  getPopulation(ref: string | number): Population {
    const k = this.indexOf('population', this.desc.populations.map((p, i) => p.name ?? `population${i}`), ref);
    return new Population(this, k, this.desc.populations[k]!.size, this.desc.populations[k]!.name ?? `population${k}`);
  }

  getProjection(ref: string | number): Projection {
    const names = this.desc.projections!.map((j, i) => j.name ?? `projection${i}`);
    const k = this.indexOf('projection', names, ref);
    return new Projection(this, k, names[k]!);
  }

  /** Samples the weights of a projection (all synapses, or chosen ones by CSR index) every `every` seconds, or every `everySteps` steps. */
  monitorWeights(projection: Projection, options: ({ every: Quantity } | { everySteps: number }) & { synapses?: number[]; name?: string }): Monitor<WeightData> {
    if (projection instanceof Projection && !projection.of(this)) fail('E_PARAM', 'monitorWeights.projection', `is projection ${projection.index} of another network, not of this one`);
    if (!(projection instanceof Projection)) fail('E_PARAM', 'monitorWeights.projection', `must be a projection of this network (got ${shown(projection)})`);
    checkOptions('monitorWeights.options', options, ['synapses', 'every', 'everySteps', 'name']);
    return this.monitor({ type: 'weights', projection: projection.index, ...options });
  }

  /**
   * A monitor by name or index. A weights monitor without an interval keeps no samples: read its
   * projection's final table with getProjection(name).weights().
   */
  getMonitor<T = SpikeData | StateData | RateData | WeightData>(ref: string | number): Monitor<T> {
    const names = this.desc.monitors!.map((m, i) => m.name ?? `monitor${i}`);
    const k = this.indexOf('monitor', names, ref);
    const m = this.desc.monitors![k]!;
    if (m.type === 'weights' && m.every === undefined && m.everySteps === undefined) fail('E_PARAM', `monitor ${shown(ref)}`, 'is a weights monitor without every or everySteps: read the table with getProjection(name).weights()');
    return new Monitor<T>(this, k, names[k]!);
  }

  /** Runs for `duration` of model time, in seconds or as a quantity ('500 ms'), rounded to whole steps. */
  async run(given: number | string): Promise<void> {
    const duration = checkNumber('run.duration', given, 'nonnegative', 's');
    return this.exclusive(async (runner) => {
      const target = Math.round((this.targetTime + duration) / this.desc.dt);
      if (target > 0xffffffff) fail('E_PARAM', 'run.duration', `the network would pass step 2^32 (${target} steps of ${this.desc.dt} s)`);
      this.targetTime += duration;
      try {
        await runner.run(target - runner.steps);
      } catch (e) {
        // A run stopped part way (E_NUMERIC, a backend failure) ends where it stopped, so a
        // snapshot taken now describes the state it holds.
        this.targetTime = runner.steps * this.desc.dt;
        throw e;
      }
    });
  }

  /**
   * Runs `steps` steps after applying `input` (currents, Poisson rates, arriving spikes) and
   * returns the spikes of just those steps; see ts/api/stream.ts. Bit for bit the same as run().
   */
  async step(steps: number, input: StepInput = {}): Promise<StepResult> {
    return this.exclusive(async (runner) => {
      const result = await stepRunner(runner, steps, input, {
        target: (target, path) => this.own(path, target).index,
        ratesWrite: (p, rates, path) => this.checkedRates(runner, p, rates, path),
      });
      this.targetTime += result.steps * this.desc.dt; // keeps run()'s rounding carry
      return result;
    });
  }

  /**
   * The whole simulation state as one portable blob (docs/snapshot-format.md): description,
   * layout image (state, delay rings with spikes in flight, synapses) and step count.
   * `sim.restore(blob)` continues it, on any host, with the same bits. Monitors' recorded
   * data is not included.
   */
  async snapshot(): Promise<Uint8Array> {
    return this.exclusive(async (runner) => writeSnapshot({
      description: this.toJSON(),
      keepRaster: this.options.keepRaster ?? false,
      step: runner.steps,
      targetTime: this.targetTime,
      image: await runner.image(),
    }));
  }

  /**
   * The network as a NIR file (docs/nir.md#export), with the conventions to import it back with:
   * populations in the form the NIR import writes, spike sources, and each projection's
   * synapses as built (weights learnt so far included). `outputs`: the populations that become
   * Output nodes (default: those no projection leaves). What NIR cannot say is E_MODEL naming it.
   */
  async toNIR(options: { outputs?: string[] } = {}): Promise<{ bytes: Uint8Array; conventions: NirConventions }> {
    checkOptions('toNIR.options', options, ['outputs']);
    const desc = this.toJSON();
    const tables = await Promise.all((desc.projections ?? []).map((_, k) => this.readSynapses(k)));
    const { graph, conventions } = exportNIR(desc, tables, options.outputs);
    return { bytes: writeHdf5(graph), conventions };
  }

  /**
   * The network as a standalone PyNN script and its data file (docs/scale-out.md): every synapse
   * as built and every neuron's initial state, for NEURON, NEST or Brian2. Before the first run.
   */
  async toPyNN(options: Partial<PynnExportOptions> = {}): Promise<PynnExport> {
    checkOptions('toPyNN.options', options, ['scriptFile', 'dataFile', 'spikesFile', 'backend', 'source', 'connectors']);
    const backend = options.backend ?? 'neuron';
    if (!PYNN_BACKENDS.includes(backend)) fail('E_PARAM', 'toPyNN.options.backend', `must be ${PYNN_BACKENDS.join(', ')} (got ${shown(backend)})`);
    const connectors = options.connectors ?? 'exact';
    if (!PYNN_CONNECTORS.includes(connectors)) fail('E_PARAM', 'toPyNN.options.connectors', `must be ${PYNN_CONNECTORS.join(' or ')} (got ${shown(connectors)})`);
    if (this.steps > 0) fail('E_STATE', 'toPyNN', `the network has run ${this.steps} steps; the script starts from step 0, so export before running`);
    const built = await this.build();
    const tables = await Promise.all(built.projections.map((_, k) => this.readSynapses(k)));
    // The state the script starts from: v (and an Izhikevich cell's u), as spikewasm drew them.
    const initial = await Promise.all(built.populations.map(async (p) => Object.fromEntries(await Promise.all(
      p.model.stateVars.filter((v) => v.name === 'v' || v.name === 'u').map(async (v) => [v.name, await this.readVariable(p.index, v.name)] as const)))));
    const plans = planNetwork(this.desc, this.context.models).projections;
    return exportPyNN({ desc: this.toJSON(), populations: built.populations, tables, initial, plans }, {
      scriptFile: options.scriptFile ?? 'model.py', dataFile: options.dataFile ?? 'model-data.npz', spikesFile: options.spikesFile ?? 'model-spikes.json', backend, source: options.source ?? 'a spikewasm network', connectors,
    });
  }

  /** The description, as a JSON model file holds it. */
  toJSON(): NetworkDescription {
    return structuredClone({ format: 'spikewasm-model', ...this.desc, version: MODEL_VERSION });
  }

  /** The built network (after the first run, or after build()). */
  async build(): Promise<BuiltNetwork> {
    return (await this.start()).net;
  }

  /** Synaptic events delivered so far. */
  async synapticEvents(): Promise<number> {
    return this.exclusive((runner) => runner.synapticEvents());
  }

  /** Every recorded spike as (step, global neuron index), when the network keeps a raster. */
  raster(): { steps: Uint32Array; neurons: Int32Array } {
    const r = this.runner?.raster;
    return r ? { steps: r.steps.copy(), neurons: r.neurons.copy() } : { steps: new Uint32Array(0), neurons: new Int32Array(0) };
  }

  /** @internal */
  clearMonitor(index: number): void {
    this.runner?.monitors[index]?.clear();
  }

  /** @internal */
  monitorData(index: number): unknown {
    const m = this.runner?.monitors[index];
    if (m instanceof WeightMonitor) return m.readWeights();
    if (m) return m.read();
    const desc = this.desc.monitors![index]!;
    if (desc.type === 'spikes') return { times: new Float64Array(0), neurons: new Int32Array(0), steps: new Uint32Array(0) };
    if (desc.type === 'rate') return { times: new Float64Array(0), rates: new Float64Array(0), counts: new Int32Array(0) };
    if (desc.type === 'state') return { times: new Float64Array(0), neurons: desc.neurons ?? [], values: {} };
    if (desc.type === 'weights') return { times: new Float64Array(0), synapses: desc.synapses ?? [], weights: new Float32Array(0) };
    return null;
  }

  /** @internal */
  async readVariable(population: number, variable: string): Promise<Float32Array | Int32Array> {
    return this.exclusive((runner) => this.readVariableOf(runner, population, variable));
  }

  private async readVariableOf(runner: Runner, population: number, variable: string): Promise<Float32Array | Int32Array> {
    const pop = runner.net.populations[population]!;
    const probe = stateProbe(`populations[${population}].get`, variable, pop);
    const region = variableRegion(runner.net.layout, population, probe.kind, probe.index, pop.size);
    const bytes = await runner.backend.read(region.at, region.bytes);
    return probe.isInt ? new Int32Array(bytes) : new Float32Array(bytes);
  }

  /** @internal */
  async setRates(population: number, rates: number | ArrayLike<number>): Promise<void> {
    return this.exclusive((runner) => this.setRatesOf(runner, population, rates));
  }

  private async setRatesOf(runner: Runner, population: number, rates: number | ArrayLike<number>): Promise<void> {
    await this.checkedRates(runner, population, rates, `populations[${population}].setRates`)();
  }

  /** Checks new Poisson rates (Hz) of a whole population; returns the write that applies them. */
  private checkedRates(runner: Runner, population: number, rates: unknown, path: string): () => Promise<void> {
    const pop = runner.net.populations[population]!;
    if (pop.model.source !== 'poisson') fail('E_MODEL', path, `only poisson populations have rates (this one is ${pop.model.name})`);
    const values = oneEach(path, rates, pop.size, 'one rate per neuron');
    const prob = spikeProbabilities(values, this.desc.dt, (i) => `${path}[${i}]`);
    return () => runner.backend.write(poissonProbabilities(runner.net.layout, population), prob);
  }

  /** @internal */
  async readSynapses(projection: number): Promise<SynapseTable> {
    return this.exclusive((runner) => this.readSynapsesOf(runner, projection));
  }

  private async readSynapsesOf(runner: Runner, projection: number): Promise<SynapseTable> {
    const proj = runner.net.projections[projection]!;
    const n = proj.synapses;
    const regions = synapseRegions(runner.net.layout, projection, proj.pre.stop - proj.pre.start, n);
    const read = (r: Region) => runner.backend.read(r.at, r.bytes);
    const rowPtr = new Int32Array(await read(regions.rowPtr));
    const columns = await read(regions.col);
    const col = regions.col.width === 4 ? new Int32Array(columns) : Int32Array.from(new Uint16Array(columns));
    const weight = regions.weights ? new Float32Array(await read(regions.weights)) : new Float32Array(n).fill(proj.sharedWeight);
    const delays = regions.delays;
    const delaySteps = !delays ? new Uint16Array(n).fill(proj.sharedDelay)
      : delays.width === 1 ? new Uint8Array(await read(delays)) : new Uint16Array(await read(delays));
    const pre = new Int32Array(n);
    for (let r = 0; r + 1 < rowPtr.length; r++) pre.fill(proj.pre.start + r, rowPtr[r]!, rowPtr[r + 1]!);
    return { pre, post: col, weight, delay: stepTimes(delaySteps, this.desc.dt) };
  }

  /** @internal A synapse model's variable, one value per synapse in CSR order. */
  async readSynapseVariable(projection: number, name: string): Promise<Float32Array> {
    return this.exclusive(async (runner) => {
      const proj = runner.net.projections[projection]!;
      const path = `projections[${projection}].get`;
      const syn = proj.synapseModel?.syn ?? fail('E_MODEL', path, `projection '${proj.name}' has no synapse model (its weights are in weights())`);
      const k = syn.variables.findIndex((v) => v.name === name);
      if (k < 0) fail('E_PARAM', path, `the synapse model has no variable ${shown(name)} (has: ${syn.variables.map((v) => v.name).join(', ')})`);
      if (k === syn.weight) return (await this.readSynapsesOf(runner, projection)).weight;
      const slot = variableSlots(syn)[k]!;
      const region = synapseVariableRegion(runner.net.layout, projection, slot, proj.synapses);
      return new Float32Array(await runner.backend.read(region.at, region.bytes));
    });
  }

  /** @internal */
  async setWeights(projection: number, weights: number | ArrayLike<number>): Promise<void> {
    return this.exclusive(async (runner) => {
      const proj = runner.net.projections[projection]!;
      const n = proj.synapses;
      const stored = synapseRegions(runner.net.layout, projection, proj.pre.stop - proj.pre.start, n).weights;
      const path = `projections[${projection}].setWeights`;
      if (!stored) fail('E_MODEL', path, `projection '${proj.name}' has one shared weight; give it per-synapse weights or plasticity to change them one by one`);
      const values = oneEach(path, weights, n, 'one weight per synapse');
      const conductance = runner.net.populations[proj.post.population]!.model.receptorRules?.needsReversal ?? false;
      const [lo, hi] = proj.plasticity ? [proj.plasticity.wMin, proj.plasticity.wMax] : [conductance ? 0 : -Infinity, Infinity];
      values.forEach((w, i) => {
        checkF32(`${path}[${i}]`, w, 'any');
        if (w < lo || w > hi) fail('E_PARAM', `${path}[${i}]`, `must lie within [${lo}, ${hi}] (got ${w})`);
      });
      await runner.backend.write(stored.at, Float32Array.from(values));
    });
  }

  /** @internal */
  async setLearningRate(projection: number, rate: number): Promise<void> {
    return this.exclusive(async (runner) => {
      const proj = runner.net.projections[projection]!;
      const path = `projections[${projection}].setLearningRate`;
      if (!proj.plasticity) fail('E_MODEL', path, `projection '${proj.name}' is not plastic`);
      if (proj.synapseModel) fail('E_MODEL', path, `projection '${proj.name}' learns by its synapse model's statements: change its parameters instead`);
      checkF32(path, rate, 'nonnegative');
      await runner.backend.write(learningRateCell(runner.net.layout, projection), new Float32Array([rate]));
      // The description follows, so toJSON() and snapshots restart with the rate in force.
      this.desc.projections![projection]!.plasticity!.learningRate = rate;
    });
  }

  private indexOf(kind: string, names: string[], ref: string | number): number {
    const k = typeof ref === 'number' ? ref : names.indexOf(ref);
    if (!Number.isInteger(k) || k < 0 || k >= names.length) fail('E_INDEX', kind, `no ${kind} ${shown(ref)} (have: ${names.join(', ') || 'none'})`);
    return k;
  }

  /** A population (`whole`: not a slice) of this network, or E_PARAM naming `path`. */
  private own(path: string, ref: unknown, whole = false): PopulationRef {
    if (ref instanceof PopulationRef && !ref.of(this)) fail('E_PARAM', path, `is population ${ref.index} of another network, not of this one`);
    if (!(ref instanceof PopulationRef)) fail('E_PARAM', path, `must be a population${whole ? '' : ' (or a slice of one)'} of this network (got ${shown(ref)})`);
    if (whole && (ref.start !== 0 || !(ref instanceof Population))) {
      fail('E_PARAM', path, `must be a whole population, not a slice (got [${ref.start}, ${ref.stop}) of population ${ref.index}); filter the indices for a part of one`);
    }
    return ref;
  }

  private monitor<T>(desc: MonitorDescription): Monitor<T> {
    this.mutable('monitor');
    const index = this.desc.monitors!.length;
    this.desc.monitors!.push(plainCopy('monitor', desc));
    return new Monitor<T>(this, index, desc.name ?? `monitor${index}`);
  }

  private mutable(what: string): void {
    if (this.building) fail('E_STATE', what, 'cannot be added once the network has been built (by its first run or a first read of its state)');
  }

  /** Runs an operation on the built network after every operation asked for before it. */
  private exclusive<T>(operation: (runner: Runner) => Promise<T>): Promise<T> {
    const result = this.queue.then(() => this.start()).then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private start(): Promise<Runner> {
    this.building ??= (async () => {
      const backend = await this.context.backend();
      try {
        const resumed = this.options.resume?.image;
        const built = buildNetwork(this.desc, {
          recordAllSpikes: this.options.keepRaster ?? false, connectivity: backend.connectivity, models: this.context.models,
          wideColumns: resumed ? wideColumnsOf(resumed) : undefined,
        });
        this.runner = await Runner.start(built, backend, this.options.keepRaster ?? false, this.options.resume?.image, this.options.kernels);
      } catch (e) {
        backend.dispose(); // a failed build or load leaves nothing behind
        throw e;
      }
      this.options.resume = undefined; // the backend holds the image now; keep no second copy
      return this.runner;
    })().catch((e: unknown) => {
      this.building = null; // a description that failed to build can still be extended and retried
      throw e;
    });
    return this.building;
  }
}
