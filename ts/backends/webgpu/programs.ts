/// <reference types="@webgpu/types" />
import * as abi from '../../../assembly/abi.js';
import { SpikewasmError } from '../../errors.js';
import { COMPUTE_STAGE } from './gpu-flags.js';
import { wgsl } from './shaders.generated.js';

export type Part = keyof typeof wgsl;

/**
 * A neuron program: shaders/neurons/<name>.wgsl, whose header says which neuron kernels it
 * runs ("// kernels: KERNEL_LIF KERNEL_ALIF", abi.ts ids), which shared parts it calls
 * ("// needs: philox gaussian") and how many threads a population of n neurons (nPad with
 * padding) takes ("// threads: one per neuron", "one per four neurons" or "one").
 */
export interface NeuronProgram {
  name: string;
  kernels: number[];
  parts: Part[];
  threads(n: number, nPad: number): number;
}

const threadCounts: Record<string, NeuronProgram['threads']> = {
  'one per neuron': (_n, nPad) => nPad,
  'one per four neurons': (n) => Math.ceil(n / 4),
  one: () => 1,
};

function neuronProgram(part: Part): NeuronProgram {
  const text = wgsl[part];
  const line = (key: string) => new RegExp(`^// ${key}: (.*)$`, 'm').exec(text)?.[1]?.trim();
  const kernels = (line('kernels') ?? '').split(/\s+/).map((name) => {
    const id = (abi as Record<string, unknown>)[name];
    if (typeof id !== 'number' || !name.startsWith('KERNEL_')) throw new Error(`${part}.wgsl: "${name}" in its kernels line is not a KERNEL_* of abi.ts`);
    return id;
  });
  const threads = threadCounts[line('threads') ?? ''];
  if (!threads) throw new Error(`${part}.wgsl: its threads line must be one of: ${Object.keys(threadCounts).join('; ')}`);
  const needs = (line('needs') ?? '').split(/\s+/).filter(Boolean) as Part[];
  for (const need of needs) if (!(need in wgsl)) throw new Error(`${part}.wgsl: "${need}" in its needs line is not a shader file`);
  return { name: part.slice('neurons/'.length), kernels, parts: ['common', 'neurons/common', ...needs, part], threads };
}

export const neuronPrograms: NeuronProgram[] = (Object.keys(wgsl) as Part[])
  .filter((part) => part.startsWith('neurons/') && part !== 'neurons/common')
  .map(neuronProgram);

/** The programs other than the neuron programs: the shader files each is assembled from, in order (common first). */
const fixedParts = {
  'step-begin': ['common', 'step-begin'],
  'step-end': ['common', 'step-end'],
  compact: ['common', 'compact'],
  propagate: ['common', 'f64', 'plasticity/stp', 'synapses/propagate'],
  modulators: ['common', 'plasticity/modulators'],
  'plastic-drive': ['common', 'f64', 'plasticity/stdp', 'plasticity/plastic-drive'],
  'stdp-post': ['common', 'f64', 'plasticity/stdp', 'plasticity/stdp-post'],
  'scaling-decay': ['common', 'f64', 'plasticity/stdp', 'plasticity/scaling-decay'],
  'scaling-apply': ['common', 'f64', 'plasticity/stdp', 'plasticity/scaling-apply'],
  'stdp-pre': ['common', 'f64', 'plasticity/stp', 'plasticity/stdp', 'plasticity/stdp-pre'],
} satisfies Record<string, Part[]>;

export type FixedProgram = keyof typeof fixedParts;

const parts: Record<string, Part[]> = { ...fixedParts, ...Object.fromEntries(neuronPrograms.map((p) => [p.name, p.parts])) };

/** Every abi.ts number as a WGSL constant, so shaders read the same offsets as the kernels. */
const abiConstants = Object.entries(abi)
  .filter(([, v]) => typeof v === 'number')
  .map(([k, v]) => `const ${k} = ${v};`)
  .join('\n');

export interface Programs {
  layout: GPUBindGroupLayout;
  /** By name: the fixed programs, and each neuron program by its file name. */
  pipelines: Record<FixedProgram, GPUComputePipeline> & Record<string, GPUComputePipeline>;
  /**
   * A program put together at load (an equation population's update): shader parts, then
   * generated code. Compiled once per device and code.
   */
  assemble(name: string, parts: Part[], generated: string): Promise<GPUComputePipeline>;
}

const cache = new WeakMap<GPUDevice, Promise<Programs>>();

/** The compute pipelines, compiled once per device and shared by every network on it. */
export function programs(device: GPUDevice): Promise<Programs> {
  let made = cache.get(device);
  if (!made) {
    made = compile(device);
    cache.set(device, made);
  }
  return made;
}

async function compile(device: GPUDevice): Promise<Programs> {
  const storage = (binding: number): GPUBindGroupLayoutEntry => ({ binding, visibility: COMPUTE_STAGE, buffer: { type: 'storage' } });
  // One explicit layout for all programs: image, fixed-point rings, aux words, params.
  const layout = device.createBindGroupLayout({
    entries: [storage(0), storage(1), storage(2), { binding: 3, visibility: COMPUTE_STAGE, buffer: { type: 'uniform' } }],
  });
  const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [layout] });
  const pipeline = async (name: string, code: string) => {
    const module = device.createShaderModule({ code: `${abiConstants}\n${code}`, label: name });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error');
    if (errors.length > 0) throw new SpikewasmError('E_BACKEND', 'backend', `webgpu: WGSL program ${name} does not compile: ${errors.map((m) => `line ${m.lineNum}: ${m.message}`).join('; ')}`);
    return device.createComputePipelineAsync({ layout: pipelineLayout, compute: { module, entryPoint: 'main' }, label: name });
  };
  const names = Object.keys(parts);
  const made = await Promise.all(names.map((name) => pipeline(name, parts[name]!.map((p) => wgsl[p]).join('\n'))));
  const assembled = new Map<string, Promise<GPUComputePipeline>>();
  const assemble = (name: string, shared: Part[], generated: string) => {
    const code = [...shared.map((p) => wgsl[p]), generated].join('\n');
    let made = assembled.get(code);
    if (!made) {
      made = pipeline(name, code);
      assembled.set(code, made);
    }
    return made;
  };
  return { layout, pipelines: Object.fromEntries(names.map((n, k) => [n, made[k]!])) as Programs['pipelines'], assemble };
}
