/// <reference types="@webgpu/types" />
import * as abi from '../../../assembly/abi.js';
import { SpikewasmError } from '../../errors.js';
import type { Backend } from '../backend.js';
import type { GeneratedProgram } from '../../equations/synapse-program.js';
import { couplingsPipeline, equationPipelines } from './assembled-pipelines.js';
import { receptorExponents } from './fixed-point.js';
import { COPY_DST, COPY_SRC, MAP_READ, STORAGE, UNIFORM } from './gpu-flags.js';
import { programs, type FixedProgram, type Programs } from './programs.js';
import { checkSupported, programFor } from './support.js';
import { readTables, ringWords, type ImageTables } from './tables.js';

/** Steps encoded into one command buffer; a run submits as many as it needs back to back. */
const STEPS_PER_SUBMIT = 128;
/** Uniform entries are this far apart (minUniformBufferOffsetAlignment is at most 256). */
const PARAMS_STRIDE = 256;
/** aux words before the scales: stop flag, events of the step, events of the run (lo, hi). */
const AUX_CONTROL = 4;
const WORKGROUP = 64;
const MAX_GROUPS = 65535;

interface Dispatch {
  pipeline: GPUComputePipeline;
  group: GPUBindGroup;
  x: number;
  y: number;
}

/** The GPU buffers and per-step dispatch list of one loaded network. */
interface Loaded {
  tables: ImageTables;
  image: GPUBuffer;
  acc: GPUBuffer;
  aux: GPUBuffer;
  params: GPUBuffer;
  /** acc word offset of each population's ring, and each receptor's exponent k. */
  accAt: number[];
  exponents: number[][];
  step: Dispatch[];
  /** Mirrors of header values the GPU does not keep: the step count and the f64 event counter. */
  stepCount: number;
  synapticEvents: number;
}

function grid(threads: number): { x: number; y: number } {
  const groups = Math.max(1, Math.ceil(threads / WORKGROUP));
  const x = Math.min(groups, MAX_GROUPS);
  return { x, y: Math.ceil(groups / x) };
}

/**
 * The network on a GPU through WebGPU. The layout image is uploaded once into one storage
 * buffer that the WGSL programs (shaders/) address exactly as the wasm kernel addresses its
 * memory; the delay rings live beside it in fixed point (see shaders/neurons/common.wgsl), and aux
 * holds the spike bitmaps. Each step is a fixed list of dispatches (begin, per population:
 * couplings, update then compact, modulators, per projection: propagate, or the STDP phases when plastic, end),
 * many steps per submit. Results agree
 * with wasm statistically (docs/webgpu.md), not bit for bit.
 */
export class WebGpuBackend implements Backend {
  readonly name = 'webgpu' as const;
  private net: Loaded | null = null;

  constructor(private readonly device: GPUDevice) {}

  async load(bytes: number, write: (image: Uint8Array) => void, generated: readonly GeneratedProgram[] = []): Promise<void> {
    const limit = this.device.limits.maxStorageBufferBindingSize;
    if (bytes > limit) {
      throw new SpikewasmError('E_MEMORY', '', `the network needs a ${bytes}-byte storage buffer; this WebGPU device binds at most ${limit}`);
    }
    // The image is uploaded from here: the GPU buffer is its home, this copy is dropped after load.
    const image = new ArrayBuffer(bytes);
    write(new Uint8Array(image));
    const tables = readTables(image);
    checkSupported(tables);
    const progs = await programs(this.device);
    const equations = await equationPipelines(progs, tables, image, generated);
    const couplings = await couplingsPipeline(progs, tables);
    this.device.pushErrorScope('validation');
    const exponents = receptorExponents(image, tables);
    const accAt: number[] = [];
    let accWords = 0;
    for (const p of tables.populations) {
      accAt.push(accWords);
      accWords += ringWords(p);
    }
    const scalesAt: number[] = [];
    let auxWords = AUX_CONTROL;
    for (const p of tables.populations) {
      scalesAt.push(auxWords);
      auxWords += p.receptors;
    }
    const bitmapAt = tables.populations.map((p) => {
      const at = auxWords;
      auxWords += Math.ceil(p.nPad / 32);
      return at;
    });

    const usage = STORAGE | COPY_SRC | COPY_DST;
    const imageBuf = this.upload(new Uint8Array(image), usage);
    const acc = new Int32Array(Math.max(accWords, 4));
    const ringF32 = new Float32Array(image);
    tables.populations.forEach((p, k) => {
      // A snapshot's in-flight input, in fixed point.
      for (let x = 0; x < ringWords(p); x++) {
        const r = Math.floor(x / p.nPad) % p.receptors;
        acc[accAt[k]! + x] = Math.round(ringF32[(p.ring >>> 2) + x]! * 2 ** exponents[k]![r]!);
      }
    });
    const aux = new Float32Array(auxWords);
    tables.populations.forEach((_, k) => exponents[k]!.forEach((e, r) => (aux[scalesAt[k]! + r] = 2 ** -e)));
    const accBuf = this.upload(new Uint8Array(acc.buffer), usage);
    const auxBuf = this.upload(new Uint8Array(aux.buffer), usage);

    // Params entry 0: the whole network; then one per population, one per projection.
    const nPops = tables.populations.length;
    const entries = 1 + nPops + tables.projections.length;
    const params = new ArrayBuffer(entries * PARAMS_STRIDE);
    const entry = (e: number, index: number, accOffset: number, bitmap: number, scales: number, scale: number) => {
      new Uint32Array(params, e * PARAMS_STRIDE, 4).set([index, accOffset, bitmap, scales]);
      new Float32Array(params, e * PARAMS_STRIDE + 16, 1)[0] = scale;
    };
    tables.populations.forEach((_, p) => entry(1 + p, p, accAt[p]!, bitmapAt[p]!, scalesAt[p]!, 1));
    tables.projections.forEach((j, k) => entry(1 + nPops + k, k, accAt[j.post]!, 0, 0, 2 ** exponents[j.post]![j.receptor]!));
    const paramsBuf = this.upload(new Uint8Array(params), UNIFORM);
    const groups = Array.from({ length: entries }, (_, e) => this.device.createBindGroup({
      layout: progs.layout,
      entries: [
        { binding: 0, resource: { buffer: imageBuf } },
        { binding: 1, resource: { buffer: accBuf } },
        { binding: 2, resource: { buffer: auxBuf } },
        { binding: 3, resource: { buffer: paramsBuf, offset: e * PARAMS_STRIDE, size: 32 } },
      ],
    }));

    const header = new Uint32Array(image, 0, abi.H_WORDS);
    this.net = {
      tables,
      image: imageBuf,
      acc: accBuf,
      aux: auxBuf,
      params: paramsBuf,
      accAt,
      exponents,
      step: this.stepDispatches(progs, { equations, couplings }, new Int32Array(image), tables, groups),
      stepCount: header[abi.H_STEP]!,
      synapticEvents: new DataView(image).getFloat64(abi.H_SYN_EVENTS * 4, true),
    };
    await this.check('loading the network');
  }

  async run(steps: number): Promise<number> {
    const net = this.loaded();
    this.device.queue.writeBuffer(net.aux, 0, new Uint32Array(AUX_CONTROL));
    this.device.pushErrorScope('validation');
    for (let done = 0; done < steps; done += STEPS_PER_SUBMIT) {
      const encoder = this.device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      for (let s = done; s < Math.min(steps, done + STEPS_PER_SUBMIT); s++) {
        for (const d of net.step) {
          pass.setPipeline(d.pipeline);
          pass.setBindGroup(0, d.group);
          pass.dispatchWorkgroups(d.x, d.y);
        }
      }
      pass.end();
      this.device.queue.submit([encoder.finish()]);
    }
    await this.check('running');
    // The steps that ran (a full record buffer stops a run early) and the synaptic events made.
    const step = new Uint32Array(await this.download(net.image, abi.H_STEP * 4, 4))[0]!;
    const control = new Uint32Array(await this.download(net.aux, 0, AUX_CONTROL * 4));
    const ran = step - net.stepCount;
    net.stepCount = step;
    net.synapticEvents += control[2]! + control[3]! * 2 ** 32;
    this.device.queue.writeBuffer(net.image, abi.H_SYN_EVENTS * 4, new Float64Array([net.synapticEvents]));
    return ran;
  }

  async read(offset: number, bytes: number): Promise<ArrayBuffer> {
    const net = this.loaded();
    if (bytes === 0) return new ArrayBuffer(0);
    const start = offset & ~3;
    const end = Math.ceil((offset + bytes) / 4) * 4;
    const words = new Uint8Array(await this.download(net.image, start, end - start));
    // The delay rings live in acc, in fixed point: give them back as the f32 values of the image.
    for (const [k, p] of net.tables.populations.entries()) {
      const from = Math.max(start, p.ring);
      const to = Math.min(end, p.ring + ringWords(p) * 4);
      if (from >= to) continue;
      const first = (from - p.ring) >>> 2;
      const fixed = new Int32Array(await this.download(net.acc, (net.accAt[k]! + first) * 4, to - from));
      const out = new Float32Array(words.buffer, from - start, fixed.length);
      fixed.forEach((x, w) => {
        const r = Math.floor((first + w) / p.nPad) % p.receptors;
        out[w] = Math.fround(Math.fround(x) * 2 ** -net.exponents[k]![r]!);
      });
    }
    return words.buffer.slice(offset - start, offset - start + bytes);
  }

  async write(offset: number, data: ArrayBufferView): Promise<void> {
    const net = this.loaded();
    // The delay rings live in fixed point in their own buffer: a write into their bytes in the
    // image (spikes given to net.step) would be lost, so it is refused instead.
    for (const p of net.tables.populations) {
      const end = p.ring + p.ringSlots * p.receptors * p.nPad * 4;
      if (p.ringSlots > 0 && offset < end && offset + data.byteLength > p.ring) {
        throw new SpikewasmError('E_BACKEND', 'step.spikes', 'spikes given to net.step go into the delay rings, which the webgpu backend keeps in fixed point: not supported yet (use backend "wasm")');
      }
    }
    const bytes = new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
    if (offset % 4 === 0 && bytes.byteLength % 4 === 0) {
      this.device.queue.writeBuffer(net.image, offset, bytes);
      return;
    }
    // writeBuffer takes whole words: merge the bytes into the words around them.
    const start = offset & ~3;
    const words = new Uint8Array(await this.read(start, Math.ceil((offset + bytes.byteLength) / 4) * 4 - start));
    words.set(bytes, offset - start);
    this.device.queue.writeBuffer(net.image, start, words);
  }

  dispose(): void {
    if (!this.net) return;
    for (const b of [this.net.image, this.net.acc, this.net.aux, this.net.params]) b.destroy();
    this.net = null;
  }

  private stepDispatches(
    progs: Programs, assembled: { equations: Map<number, GPUComputePipeline>; couplings: GPUComputePipeline | null }, i32: Int32Array, tables: ImageTables, groups: GPUBindGroup[],
  ): Dispatch[] {
    const one = (name: FixedProgram, group: GPUBindGroup, threads = 1): Dispatch => ({ pipeline: progs.pipelines[name], group, ...grid(threads) });
    const list = [one('step-begin', groups[0]!)];
    // Couplings read the state at the start of the step: before any population updates.
    if (assembled.couplings) list.push({ pipeline: assembled.couplings, group: groups[0]!, x: 1, y: 1 });
    tables.populations.forEach((p, k) => {
      const equation = assembled.equations.get(k);
      if (equation) list.push({ pipeline: equation, group: groups[1 + k]!, ...grid(p.nPad) });
      else {
        const program = programFor(p.kernel)!;
        list.push({ pipeline: progs.pipelines[program.name]!, group: groups[1 + k]!, ...grid(program.threads(p.n, p.nPad)) });
      }
      // compact runs as one workgroup whatever the size.
      list.push({ pipeline: progs.pipelines.compact, group: groups[1 + k]!, x: 1, y: 1 });
    });
    // Modulators see this step's spikes; the projections' eligibility drive sees their value.
    if (tables.modulators > 0) list.push(one('modulators', groups[0]!));
    tables.projections.forEach((j, k) => {
      if (tables.couplings.includes(k)) return;
      const group = groups[1 + tables.populations.length + k]!;
      const pre = tables.populations[j.pre]!.nPad;
      if (!j.plastic) {
        if (j.synapses > 0) list.push(one('propagate', group, pre));
        return;
      }
      // The phases of assembly/plasticity/stdp.ts, each only when the projection uses it.
      const block = j.plastic >>> 2;
      const postPad = tables.populations[j.post]!.nPad;
      if (i32[block + abi.K_ELIG]) list.push(one('plastic-drive', group, j.synapses));
      list.push(one('stdp-post', group, postPad));
      if (i32[block + abi.K_SCALE_EVERY]) list.push(one('scaling-decay', group, postPad), one('scaling-apply', group, j.synapses));
      list.push(one('stdp-pre', group, pre));
    });
    list.push(one('step-end', groups[0]!));
    return list;
  }

  private upload(bytes: Uint8Array, usage: number): GPUBuffer {
    const buffer = this.device.createBuffer({ size: Math.max(16, Math.ceil(bytes.byteLength / 4) * 4), usage, mappedAtCreation: true });
    new Uint8Array(buffer.getMappedRange()).set(bytes);
    buffer.unmap();
    return buffer;
  }

  /** A copy of `bytes` bytes (a multiple of 4) at `offset` of a buffer. */
  private async download(buffer: GPUBuffer, offset: number, bytes: number): Promise<ArrayBuffer> {
    const staging = this.device.createBuffer({ size: Math.max(4, bytes), usage: COPY_DST | MAP_READ });
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, offset, staging, 0, bytes);
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(MAP_READ);
    const copy = staging.getMappedRange().slice(0, bytes);
    staging.unmap();
    staging.destroy();
    return copy;
  }

  private async check(what: string): Promise<void> {
    const error = await this.device.popErrorScope();
    if (error) throw new SpikewasmError('E_BACKEND', 'backend', `webgpu: ${what} failed: ${error.message}`);
  }

  private loaded(): Loaded {
    if (!this.net) throw new Error('webgpu backend: no network loaded');
    return this.net;
  }
}
