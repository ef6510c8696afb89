import type { Backend } from '../backends/backend.js';
import type { BuiltNetwork } from '../layout/build.js';
import { countRecord, HEADER, imageStep, RECORD_FILL_CELLS, recordBuffers, recordFills, spikeRecord, stateRecord, synapseVariableRegion, SYNAPTIC_EVENTS, type Region } from '../layout/cells.js';
import { checkRestoredImage } from '../layout/check-image.js';
import { checkCouplingStability } from '../layout/coupling-stability.js';
import { writeImage } from '../layout/image.js';
import * as abi from '../../assembly/abi.js';
import { generatedPrograms, variableSlots } from '../equations/synapse-program.js';
import { checkKernelsModule } from './kernels.js';
import { fail } from '../errors.js';
import { Growable, RateMonitor, SpikeMonitor, StateMonitor, WeightMonitor } from './monitors.js';
import { spikesOf, type SpikeRecord } from './spike-record.js';

export type MonitorData = SpikeMonitor | StateMonitor | RateMonitor | null;

/**
 * A built network loaded into a backend: runs it in chunks and drains the record buffers into
 * the monitors (copies) when one is full and at the end of a run, then resets their fill levels.
 */
export class Runner {
  readonly monitors: MonitorData[];
  /** Every recorded spike as (step, global index), when the raster was asked for. */
  readonly raster: { steps: Growable<Uint32Array>; neurons: Growable<Int32Array> } | null;
  /** While net.step runs: each drained spike record, as recorded (ts/api/stream.ts). */
  streamed: SpikeRecord[] | null = null;
  /** Whether a single population records spikes (then every recorded spike is one of its). */
  readonly oneRecorder: boolean;
  private step = 0;
  /** The step up to which the record buffers have been drained (they hold what came after). */
  private drainedTo = 0;
  /**
   * Steps per call into the backend, doubling from a few dozen: engines first run wasm in a
   * baseline compiler and switch to optimised code only for later calls (V8 has no on-stack
   * replacement for wasm), so one long first call would stay slow to its end.
   */
  private chunk = 32;

  /** `step`: where the image is (a restored snapshot's step); monitors record from there on. */
  constructor(readonly net: BuiltNetwork, readonly backend: Backend, keepRaster: boolean, step = 0) {
    const dt = net.dt;
    this.step = step;
    this.drainedTo = step;
    this.oneRecorder = net.layout.input.populations.filter((p) => p.recordSpikes).length === 1;
    this.monitors = net.monitors.map((m) => {
      switch (m.type) {
        case 'spikes': return new SpikeMonitor(m.name, m.population, dt);
        case 'state': return new StateMonitor(m.name, m.population, m.variables, m.neurons, m.every, dt);
        case 'rate': return new RateMonitor(m.name, m.population, net.populations[m.population]!.size, m.binSteps, dt, step);
        case 'weights':
          if (m.every === 0) return null; // the final table, read on request
          return new WeightMonitor(m.name, m.projection, m.synapses ?? Array.from({ length: net.projections[m.projection]!.synapses }, (_, k) => k), m.every, dt, m.delays);
      }
    });
    this.raster = keepRaster ? { steps: new Growable((n) => new Uint32Array(n)), neurons: new Growable((n) => new Int32Array(n)) } : null;
  }

  /** Loads the network's initial image, or a snapshot's image of it (which sets the step count). */
  /** `kernels`: the network's programs compiled ahead of time (spikewasm compile), checked here before they are used. */
  static async start(net: BuiltNetwork, backend: Backend, keepRaster: boolean, image?: Uint8Array, kernels?: WebAssembly.Module): Promise<Runner> {
    if (image && image.byteLength !== net.layout.totalBytes) {
      fail('E_FORMAT', 'snapshot.image', `has ${image.byteLength} bytes; the network it describes lays out ${net.layout.totalBytes}`);
    }
    if (image) checkRestoredImage(net, image);
    const programs = generatedPrograms(net);
    if (kernels !== undefined) checkKernelsModule('kernels', kernels, programs);
    await backend.load(net.layout.totalBytes, (memory) => {
      if (image) memory.set(image);
      else writeImage(net, memory, backend.connectivity);
      checkCouplingStability(net, memory);
    }, programs, kernels);
    const step = image ? imageStep(image) : 0;
    return new Runner(net, backend, keepRaster, step);
  }

  /**
   * A copy of the whole image with the (already drained) record buffers zeroed, so equal
   * states give equal bytes however the run was split into chunks.
   */
  async image(): Promise<Uint8Array> {
    await this.drain(); // records left by a run that failed part way
    const L = this.net.layout;
    const image = new Uint8Array(await this.backend.read(0, L.totalBytes));
    for (const { at, bytes } of recordBuffers(L)) image.fill(0, at, at + bytes);
    return image;
  }

  get steps(): number {
    return this.step;
  }

  /**
   * Runs in chunks (see `chunk`); the record buffers are drained when the kernel stops early
   * because one is full, and at the end, so a run's spikes are copied out in few large pieces.
   */
  async run(steps: number): Promise<void> {
    let left = steps;
    let idle = 0;
    while (left > 0) {
      const asked = Math.min(left, this.chunk);
      const done = await this.backend.run(asked);
      this.chunk = Math.min(this.chunk * 2, 1 << 16);
      this.step += done;
      left -= done;
      if (done < asked || left === 0) await this.drain();
      await this.checkFinite();
      // A kernel that runs no step even with drained buffers would otherwise spin here forever.
      idle = done === 0 ? idle + 1 : 0;
      if (idle > 1) fail('E_BACKEND', 'run', `the ${this.backend.name} backend ran no step at step ${this.step} although its record buffers were drained`);
    }
  }

  /**
   * Stops with E_NUMERIC once an equation population has recorded a step at which a state
   * variable became NaN or infinite (abi CE_DIVERGED), naming the first such neuron and
   * variable; and likewise a synapse model (abi J_DIVERGED), naming a synapse and variable.
   */
  private async checkFinite(): Promise<void> {
    for (const pop of this.net.populations) {
      if (!pop.model.equations) continue;
      const at = this.net.layout.populations[pop.index]!;
      const diverged = new Int32Array(await this.backend.read(at.coef + abi.CE_DIVERGED * 4, 4))[0]!;
      if (diverged === 0) continue;
      await this.drain();
      const step = diverged - 1;
      const states = pop.model.equations.states;
      let found = '';
      for (let k = 0; k < states.length && !found; k++) {
        const values = new Float32Array(await this.backend.read(at.state + k * at.nPad * 4, pop.size * 4));
        const i = values.findIndex((x) => !Number.isFinite(x));
        if (i >= 0) found = `variable ${states[k]!.name} of neuron ${i} is ${values[i]}`;
      }
      fail('E_NUMERIC', `populations[${pop.index}]`, `population '${pop.name}' diverged at step ${step} (t = ${+(step * this.net.dt).toPrecision(12)} s): ${found || 'a state variable became NaN or infinite'}; a smaller dt, another method or other parameters may keep it finite`);
    }
    for (const proj of this.net.projections) {
      const syn = proj.synapseModel?.syn;
      if (!syn) continue;
      const L = this.net.layout;
      const diverged = new Int32Array(await this.backend.read(L.projectionTable + (proj.index * abi.J_WORDS + abi.J_DIVERGED) * 4, 4))[0]!;
      if (diverged === 0) continue;
      await this.drain();
      const step = diverged - 1;
      const slots = variableSlots(syn);
      let found = '';
      for (let k = 0; k < syn.variables.length && !found; k++) {
        const region = slots[k]! < 0 ? { at: L.projections[proj.index]!.weights, bytes: proj.synapses * 4 } : synapseVariableRegion(L, proj.index, slots[k]!, proj.synapses);
        const values = new Float32Array(await this.backend.read(region.at, region.bytes));
        const e = values.findIndex((x) => !Number.isFinite(x));
        if (e >= 0) found = `variable ${syn.variables[k]!.name} of synapse ${e} (CSR order) is ${values[e]}`;
      }
      fail('E_NUMERIC', `projections[${proj.index}].synapse`, `the synapse model of projection '${proj.name}' diverged at step ${step} (t = ${+(step * this.net.dt).toPrecision(12)} s): ${found || 'a synapse variable became NaN or infinite'}; other parameters or bounds (clip) may keep it finite`);
    }
  }

  async synapticEvents(): Promise<number> {
    return new DataView(await this.read(SYNAPTIC_EVENTS)).getFloat64(0, true);
  }

  private read(region: Region): Promise<ArrayBuffer> {
    return this.backend.read(region.at, region.bytes);
  }

  /** Takes what the kernel recorded since `drainedTo` (steps up to `step`) into the monitors. */
  private async drain(): Promise<void> {
    const from = this.drainedTo;
    const to = this.step;
    if (from === to) return;
    const L = this.net.layout;
    const fill = recordFills(new Int32Array(await this.read(HEADER)));
    if (fill.spikes > 0) {
      const record = spikeRecord(L, fill.spikes);
      this.takeSpikes({ steps: new Uint32Array(await this.read(record.steps)), neurons: new Int32Array(await this.read(record.neurons)) });
    }
    if (fill.states > 0) this.takeStates(new Uint32Array(await this.read(stateRecord(L, fill.states))), from, to);
    if (fill.counts > 0) this.takeCounts(new Int32Array(await this.read(countRecord(L, fill.counts))));
    for (const cell of RECORD_FILL_CELLS) await this.backend.write(cell, new Int32Array([0]));
    this.drainedTo = to;
  }

  /** Hands a drained spike record to the raster and to each spike monitor, in order. */
  private takeSpikes(record: SpikeRecord): void {
    this.streamed?.push(record);
    if (this.raster) {
      this.raster.steps.append(record.steps);
      this.raster.neurons.append(record.neurons);
    }
    const { populations, layout } = this.net;
    for (const m of this.monitors) {
      if (!(m instanceof SpikeMonitor)) continue;
      const lo = layout.populations[m.population]!.globalStart;
      const { steps, neurons } = spikesOf(record, lo, lo + populations[m.population]!.size, this.oneRecorder);
      m.steps.append(steps);
      m.neurons.append(neurons);
    }
  }

  private takeStates(bits: Uint32Array, from: number, to: number): void {
    let k = 0;
    for (let step = from; step < to; step++) {
      for (const m of this.monitors) {
        if (!(m instanceof StateMonitor) || step % m.every !== 0) continue;
        m.sampleSteps.push(step);
        for (let n = 0; n < m.neurons.length; n++) {
          for (let v = 0; v < m.variables.length; v++) m.bits[v]!.push(bits[k++]!);
        }
      }
    }
  }

  private takeCounts(counts: Int32Array): void {
    const nPops = this.net.populations.length;
    for (let k = 0; k < counts.length; k += nPops) {
      for (const m of this.monitors) if (m instanceof RateMonitor) m.perStep.push(counts[k + m.population]!);
    }
  }
}
