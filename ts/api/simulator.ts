import type { Backend, BackendName, WasmSource } from '../backends/backend.js';
import { openBackend, type BackendChoice } from '../backends/registry.js';
import type { GpuSource } from '../backends/webgpu/gpu-source.js';
import type { NetworkDescription } from '../model/description.js';
import { ModelRegistry } from '../model/neurons/registry.js';
import { checkOptions } from '../model/plain-data.js';
import { readSnapshot } from '../io/snapshot.js';
import { fail, shown } from '../errors.js';
import { importNIR, type NirImport, type NirImportOptions } from '../nir/import.js';
import { Network } from './network.js';

export interface SimulatorOptions {
  /**
   * 'auto' (the default) picks wasm; 'webgpu' runs on a GPU (docs/webgpu.md; auto never picks it:
   * no real-GPU benchmark has shown where it wins yet); 'reference' is the slow plain-TypeScript oracle.
   */
  backend?: BackendChoice;
  /** webgpu: a GPU (navigator.gpu is the default; in Node, `create([])` of the `webgpu` package) or a GPUDevice. */
  gpu?: GpuSource;
  /** The compiled kernel, its bytes or a Response; host entries fill this in. */
  wasm?: WasmSource;
}

/** The settings createSimulator knows. */
export const SIMULATOR_OPTIONS = ['backend', 'gpu', 'wasm'];

function checkFlag(path: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') fail('E_PARAM', path, `must be true or false (got ${shown(value)})`);
}

export interface NetworkOptions {
  /** Time step in seconds (default 1e-4). */
  dt?: number;
  seed?: number;
  /** Record every spike of every population as one raster (for hashing and export). */
  keepRaster?: boolean;
}

export interface LoadOptions {
  /** Record every spike of every population as one raster (for hashing and export). */
  keepRaster?: boolean;
  /** The model's programs compiled ahead of time (`spikewasm compile`), imported as a wasm module. */
  kernels?: WebAssembly.Module;
}

export class Simulator {
  /**
   * The neuron models this simulator's networks may name: the built-in ones, and any registered
   * here (a variant of a built-in kernel; docs/architecture.md). A snapshot restores on a
   * simulator that knows its models.
   */
  readonly models = new ModelRegistry();
  private readonly context: { backend: () => Promise<Backend>; models: ModelRegistry };

  private constructor(readonly backend: BackendName, factory: () => Promise<Backend>) {
    this.context = { backend: factory, models: this.models };
  }

  static async create(options: SimulatorOptions = {}): Promise<Simulator> {
    checkOptions('createSimulator.options', options, SIMULATOR_OPTIONS);
    const choice = options.backend ?? 'auto';
    if (!['auto', 'wasm', 'webgpu', 'reference'].includes(choice)) {
      fail('E_PARAM', 'backend', `must be "auto", "wasm", "webgpu" or "reference" (got ${shown(choice)})`);
    }
    const factory = await openBackend(choice, options.wasm, options.gpu);
    return new Simulator(choice === 'auto' ? 'wasm' : choice, factory);
  }

  /** A new, empty network. */
  network(options: NetworkOptions = {}): Network {
    checkOptions('network.options', options, ['dt', 'seed', 'keepRaster']);
    const { dt = 1e-4, seed = 0, keepRaster } = options;
    checkFlag('network.options.keepRaster', keepRaster);
    return new Network(this.context, { dt, seed, populations: [] }, { keepRaster });
  }

  /**
   * A network from a description (a parsed model file). `kernels`: what the model has written
   * as equations, compiled ahead of time by `spikewasm compile` (for hosts that cannot compile
   * WebAssembly at run time, such as workerd); it is checked against the network when it loads.
   */
  load(description: NetworkDescription, options: LoadOptions = {}): Network {
    if (description === null || typeof description !== 'object') fail('E_FORMAT', '', `a model must be an object (got ${shown(description)})`);
    checkOptions('load.options', options, ['keepRaster', 'kernels']);
    checkFlag('load.options.keepRaster', options.keepRaster);
    return new Network(this.context, description, options);
  }

  /**
   * A network from a NIR file's bytes (docs/nir.md): what the file leaves open (dt, how an input
   * enters a neuron, the reset) comes from `options.preset` or each option given; spike times for
   * its Input nodes from `options.inputs`. Returns the network with what the import chose: the
   * model description, inputs, outputs (their monitors and latency), synapse count and warnings.
   */
  fromNIR(bytes: ArrayBuffer | Uint8Array, options: NirImportOptions): NirImport & { network: Network } {
    const imported = importNIR(bytes, options);
    return { ...imported, network: this.load(imported.model) };
  }

  /**
   * A network continued from `net.snapshot()`'s blob (taken on any host or backend): built
   * and loaded now, so a blob of another format or ABI version, or a corrupted one, fails
   * here with E_FORMAT. `kernels` as for load.
   */
  async restore(snapshot: Uint8Array, options: { kernels?: WebAssembly.Module } = {}): Promise<Network> {
    checkOptions('restore.options', options, ['kernels']);
    const s = readSnapshot(snapshot);
    const net = new Network(this.context, s.description, { keepRaster: s.keepRaster, resume: { image: s.image, targetTime: s.targetTime }, kernels: options.kernels });
    await net.build();
    return net;
  }
}

export function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return Simulator.create(options);
}
