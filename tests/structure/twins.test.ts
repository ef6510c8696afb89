// The kernels' three twins hold the same kernels, by path (tests/support/twins.ts has the rules).
import { describe, expect, it } from 'vitest';
import { readTree, twinProblems, UNTWINNED } from '../support/twins.js';

const tree = readTree('.');

describe('kernel twins', () => {
  it('every kernel file has its reference twin with the same exports and its WGSL counterpart; every kernel id has all three', () => {
    expect([...tree.keys()].filter((p) => p.startsWith('ts/backends/reference/')).length).toBeGreaterThanOrEqual(10);
    expect(twinProblems(tree)).toEqual([]);
    for (const path of Object.keys(UNTWINNED)) expect(tree.has(path), path).toBe(true);
  });

  it.each([
    ['ts/backends/reference/neurons/adex.ts', 'assembly/neurons/adex.ts has no twin ts/backends/reference/neurons/adex.ts'],
    ['assembly/plasticity/stp.ts', 'ts/backends/reference/plasticity/stp.ts mirrors no assembly/plasticity/stp.ts'],
    ['ts/backends/webgpu/shaders/synapses/propagate.wgsl', 'assembly/synapses/propagate.ts has no WGSL counterpart ts/backends/webgpu/shaders/synapses/propagate.wgsl'],
    ['ts/backends/webgpu/shaders/neurons/lif-cond.wgsl', 'KERNEL_LIF_COND: no WGSL program in ts/backends/webgpu/shaders/neurons/ names it in its "// kernels:" line'],
  ])('fails when %s is removed', (removed, problem) => {
    const broken = new Map(tree);
    expect(broken.delete(removed)).toBe(true);
    expect(twinProblems(broken)).toContain(problem);
  });

  it('fails when a twin exports another kernel', () => {
    const broken = new Map(tree);
    const path = 'ts/backends/reference/neurons/lif.ts';
    broken.set(path, broken.get(path)!.replace('export function updateAlif', 'export function updateAdaptiveLif'));
    expect(twinProblems(broken)).toEqual(expect.arrayContaining([
      'assembly/neurons/lif.ts exports updateAlif, updateLif but its twin ts/backends/reference/neurons/lif.ts exports updateAdaptiveLif, updateLif',
      'KERNEL_ALIF: no updateAlif in ts/backends/reference/neurons/',
    ]));
  });
});
