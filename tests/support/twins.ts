// The kernel twins mirror each other by path: every file of assembly/neurons/, synapses/ and
// plasticity/ has a twin of the same name in ts/backends/reference/ exporting the same
// functions, and a WGSL counterpart in ts/backends/webgpu/shaders/; every neuron kernel id of
// abi.ts has its update function in both trees and a WGSL program that names it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A tree of source files: repository path -> text. */
export type Tree = Map<string, string>;

export const FOLDERS = ['neurons', 'synapses', 'plasticity'] as const;
const ASSEMBLY = 'assembly';
const REFERENCE = 'ts/backends/reference';
const SHADERS = 'ts/backends/webgpu/shaders';

/** Files with no twin of the same path, and why. */
export const UNTWINNED: Record<string, string> = {
  'assembly/synapses/connect.ts': "the fixed_probability drawing kernel; its twin is eachSynapse's loop in ts/model/connectivity.ts (tests/kernels/connectivity.test.ts compares the rows they count)",
  'assembly/synapses/connect-pairs.ts': "the fixed_total_number (multapses) drawing kernel; its twin is eachSynapse's loop in ts/model/connectivity.ts (tests/kernels/draw-kernels.test.ts compares rows and columns)",
  'assembly/synapses/sort-rows.ts': "orders fixed_total_number's rows as placeColumns' TypedArray sort does (tests/kernels/draw-kernels.test.ts)",
  'assembly/synapses/draw-values.ts': "the uniform and normal value drawing kernel; its twin is eachValue's loop in ts/model/values.ts (tests/kernels/draw-kernels.test.ts compares the values)",
};
/** Neuron kernels whose WGSL is written at load rather than kept in a file, and by what. */
export const WGSL_GENERATED: Record<string, string> = {
  KERNEL_EQUATION: "ts/equations/wgsl/generate.ts, from the model's trees",
};
/** Kernel files with no WGSL counterpart yet, and why (the webgpu backend refuses what they run by name). */
export const WGSL_PENDING_FILES: Record<string, string> = {
  'plasticity/synapse-program.ts': 'synapse models written as equations have no WGSL yet (their per-synapse event order is not ported): the webgpu backend refuses them with E_BACKEND naming the projection',
  'plasticity/delay-learning.ts': 'delay learning has no WGSL yet (nor have the per-synapse delays it needs): the webgpu backend refuses it with E_BACKEND naming the projection',
  'synapses/poisson-input.ts': 'Poisson inputs have no WGSL yet (the webgpu rings are fixed point): the webgpu backend refuses a network with any, with E_BACKEND at poissonInputs',
};
/** Files whose exports differ by design: helpers shaped by each language. */
const HELPERS = new Set(['neurons/common.ts']);

export function readTree(root: string): Tree {
  const tree: Tree = new Map();
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else if (/\.(ts|wgsl)$/.test(e.name) && !e.name.includes('.generated.')) tree.set(path, readFileSync(join(root, path), 'utf8'));
    }
  };
  for (const folder of FOLDERS) for (const base of [ASSEMBLY, REFERENCE, SHADERS]) walk(`${base}/${folder}`);
  tree.set(`${ASSEMBLY}/abi.ts`, readFileSync(join(root, ASSEMBLY, 'abi.ts'), 'utf8'));
  return tree;
}

const exportsOf = (text: string) => [...text.matchAll(/^export function (\w+)/gm)].map((m) => m[1]!).sort();
const camel = (snake: string) => snake.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** What breaks the mirror, one line each (empty when the twins are whole). */
export function twinProblems(tree: Tree): string[] {
  const problems: string[] = [];
  const files = (base: string, ext: string) => [...tree.keys()].filter((p) => p.startsWith(`${base}/`) && p.endsWith(ext)).map((p) => p.slice(base.length + 1));
  const kernelFiles = files(ASSEMBLY, '.ts').filter((p) => FOLDERS.some((f) => p.startsWith(`${f}/`)));
  const referenceFiles = files(REFERENCE, '.ts').filter((p) => p !== 'neurons/index.ts');
  for (const file of kernelFiles) {
    if (UNTWINNED[`${ASSEMBLY}/${file}`]) continue;
    const twin = tree.get(`${REFERENCE}/${file}`);
    if (twin === undefined) {
      problems.push(`${ASSEMBLY}/${file} has no twin ${REFERENCE}/${file}`);
      continue;
    }
    const [a, b] = [exportsOf(tree.get(`${ASSEMBLY}/${file}`)!), exportsOf(twin)];
    if (!HELPERS.has(file) && a.join() !== b.join()) problems.push(`${ASSEMBLY}/${file} exports ${a.join(', ')} but its twin ${REFERENCE}/${file} exports ${b.join(', ')}`);
    const stem = file.replace(/\.ts$/, '');
    if (!file.startsWith('neurons/') && !WGSL_PENDING_FILES[file] && !tree.has(`${SHADERS}/${stem}.wgsl`)) problems.push(`${ASSEMBLY}/${file} has no WGSL counterpart ${SHADERS}/${stem}.wgsl`);
  }
  for (const file of referenceFiles) {
    if (!tree.has(`${ASSEMBLY}/${file}`)) problems.push(`${REFERENCE}/${file} mirrors no ${ASSEMBLY}/${file}`);
  }
  const kernels = [...tree.get(`${ASSEMBLY}/abi.ts`)!.matchAll(/^export const (KERNEL_[A-Z0-9_]+) = \d+;/gm)].map((m) => m[1]!);
  const exported = (base: string) => new Set([...tree].filter(([p]) => p.startsWith(`${base}/neurons/`) && p.endsWith('.ts')).flatMap(([, text]) => exportsOf(text)));
  const [inAssembly, inReference] = [exported(ASSEMBLY), exported(REFERENCE)];
  const programs = [...tree].filter(([p]) => p.startsWith(`${SHADERS}/neurons/`)).map(([p, text]) => ({ path: p, kernels: /^\/\/ kernels: (.*)$/m.exec(text)?.[1]?.split(/\s+/) ?? [] }));
  for (const kernel of kernels) {
    const fn = `update${camel(kernel.slice('KERNEL_'.length))}`;
    if (!inAssembly.has(fn)) problems.push(`${kernel}: no ${fn} in ${ASSEMBLY}/neurons/`);
    if (!inReference.has(fn)) problems.push(`${kernel}: no ${fn} in ${REFERENCE}/neurons/`);
    if (!WGSL_GENERATED[kernel] && !programs.some((p) => p.kernels.includes(kernel))) problems.push(`${kernel}: no WGSL program in ${SHADERS}/neurons/ names it in its "// kernels:" line`);
  }
  for (const p of programs) {
    if (p.path.endsWith('/common.wgsl')) continue;
    if (p.kernels.length === 0) problems.push(`${p.path} names no kernel in a "// kernels:" line`);
    for (const k of p.kernels) if (!kernels.includes(k)) problems.push(`${p.path} names ${k}, which abi.ts does not define`);
  }
  return problems;
}
