/// <reference types="@webgpu/types" />
import * as abi from '../../../assembly/abi.js';
import { SpikewasmError } from '../../errors.js';
import { COMPUTE_STAGE } from './gpu-flags.js';
import { wgsl } from './shaders.generated.js';

type Part = keyof typeof wgsl;

/** Each program: the shader files it is assembled from, in order (common first). */
const parts = {
  'step-begin': ['common', 'step-begin'],
  'step-end': ['common', 'step-end'],
  lif: ['common', 'neuron-io', 'lif'],
  'lif-cond': ['common', 'neuron-io', 'lif-cond'],
  izhikevich: ['common', 'neuron-io', 'philox', 'gaussian', 'izhikevich'],
  adex: ['common', 'neuron-io', 'adex'],
  poisson: ['common', 'neuron-io', 'philox', 'poisson'],
  'spike-source': ['common', 'neuron-io', 'spike-source'],
  compact: ['common', 'compact'],
  propagate: ['common', 'f64', 'stp', 'propagate'],
  modulators: ['common', 'modulators'],
  'plastic-drive': ['common', 'f64', 'stdp', 'plastic-drive'],
  'stdp-post': ['common', 'f64', 'stdp', 'stdp-post'],
  'scaling-decay': ['common', 'f64', 'stdp', 'scaling-decay'],
  'scaling-apply': ['common', 'f64', 'stdp', 'scaling-apply'],
  'stdp-pre': ['common', 'f64', 'stp', 'stdp', 'stdp-pre'],
} satisfies Record<string, Part[]>;

export type ProgramName = keyof typeof parts;

/** Every abi.ts number as a WGSL constant, so shaders read the same offsets as the kernels. */
const abiConstants = Object.entries(abi)
  .filter(([, v]) => typeof v === 'number')
  .map(([k, v]) => `const ${k} = ${v};`)
  .join('\n');

export interface Programs {
  layout: GPUBindGroupLayout;
  pipelines: Record<ProgramName, GPUComputePipeline>;
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
  const names = Object.keys(parts) as ProgramName[];
  const made = await Promise.all(names.map(async (name) => {
    const code = [abiConstants, ...parts[name].map((p) => wgsl[p])].join('\n');
    const module = device.createShaderModule({ code, label: name });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error');
    if (errors.length > 0) throw new SpikewasmError('E_BACKEND', 'backend', `webgpu: WGSL program ${name} does not compile: ${errors.map((m) => `line ${m.lineNum}: ${m.message}`).join('; ')}`);
    return device.createComputePipelineAsync({ layout: pipelineLayout, compute: { module, entryPoint: 'main' }, label: name });
  }));
  return { layout, pipelines: Object.fromEntries(names.map((n, k) => [n, made[k]!])) as Record<ProgramName, GPUComputePipeline> };
}
