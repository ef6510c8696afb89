// Each NIR node type against what its definition gives: linear nodes by the synapses they
// multiply out to (Scale, Delay, Conv1d, AvgPool2d, Flatten), neuron nodes by forward Euler of
// their equations computed here in float64 (LI, CubaLI, I, and I read by a Threshold).
import { describe, expect, it } from 'vitest';
import type { SpikeData, StateData } from '../../ts/api/monitors.js';
import type { NirArray, NirGroup } from '../../ts/nir/hdf5.js';
import { importNirTree, type NirImport, type NirImportOptions } from '../../ts/nir/import.js';
import { simulator } from '../support/helpers.js';

type Tree = { [k: string]: Tree | NirArray };
const a = (values: number[], shape = [values.length]): NirArray => ({ shape, values });
const node = (type: string, params: Record<string, NirArray> = {}): Tree => ({ type: { shape: [], values: [type] }, ...params });
const DT = 1e-4;
const HELD: NirImportOptions = { dt: DT, spike: 'held', reset: 'zero', resetLatency: 0 };

function graph(nodes: Record<string, Tree>, edges: [string, string][]): NirGroup {
  return { version: { shape: [], values: ['1.0.0'] }, node: { type: { shape: [], values: ['NIRGraph'] }, nodes, edges: { shape: [edges.length, 2], values: edges.flat() } } } as unknown as NirGroup;
}

const ifNeurons = (n: number) => node('IF', { r: a(new Array(n).fill(1)), v_threshold: a(new Array(n).fill(1)) });
const io = (n: number) => ({ input: node('Input', { shape: a([n]) }), output: node('Output', { shape: a([n]) }) });

/** The synapses of the one projection into `target`: [pre, post, weight, delay in steps]. */
function synapses(imported: NirImport, target: string): number[][] {
  const p = imported.model.projections!.find((x) => (x.post as { population: string }).population === target)!;
  const r = p.rule as { pre: number[]; post: number[]; weight: number[]; delay: number[] };
  return r.pre.map((i, k) => [i, r.post[k]!, r.weight[k]!, Math.round(r.delay[k]! / DT)]);
}

describe('NIR linear nodes as synapses', () => {
  it('Scale multiplies the weights after it; Delay adds whole steps to each element', () => {
    const imported = importNirTree(graph({
      ...io(2),
      scale: node('Scale', { scale: a([2, -0.5]) }),
      wait: node('Delay', { delay: a([0, 3 * DT]) }),
      w: node('Linear', { weight: a([1, 2, 3, 4], [2, 2]) }),
      cells: ifNeurons(2),
    }, [['input', 'scale'], ['scale', 'wait'], ['wait', 'w'], ['w', 'cells'], ['cells', 'output']]), { ...HELD, spike: 'dirac' }, 't');
    // Element 0 is scaled by 2 and not delayed; element 1 by -0.5, 3 steps later (one step is every synapse's least).
    expect(synapses(imported, 'cells')).toEqual([[0, 0, 2, 1], [0, 1, 6, 1], [1, 0, -1, 4], [1, 1, -2, 4]]);
    expect(imported.outputs[0]!.latency).toBe(2);
  });

  it('Conv1d with padding, stride and two groups', () => {
    // 2 input channels of length 5, 2 output channels (one per group), kernel 3, stride 2, padding 1.
    const weight = [1, 2, 3, 4, 5, 6];
    const imported = importNirTree(graph({
      input: node('Input', { shape: a([2, 5]) }),
      conv: node('Conv1d', { weight: a(weight, [2, 1, 3]), stride: a([2]), padding: a([1]), dilation: a([1]), groups: a([2]), bias: a([0, 0]), input_shape: a([5]) }),
      cells: ifNeurons(6),
      output: node('Output', { shape: a([6]) }),
    }, [['input', 'conv'], ['conv', 'cells'], ['cells', 'output']]), { ...HELD, spike: 'dirac' }, 't');
    // Output position o of channel c reads inputs 2o - 1 + k of channel c, k = 0, 1, 2 (3 outputs per channel).
    const expected: number[][] = [];
    for (let c = 0; c < 2; c++) for (let x = 0; x < 5; x++) {
      const row: number[][] = [];
      for (let o = 0; o < 3; o++) for (let k = 0; k < 3; k++) if (2 * o - 1 + k === x) row.push([c * 5 + x, c * 3 + o, weight[c * 3 + k]!, 1]);
      expected.push(...row.sort((p, q) => p[1]! - q[1]!));
    }
    expect(synapses(imported, 'cells')).toEqual(expected);
  });

  it('AvgPool2d divides by the kernel area; Flatten keeps the order', () => {
    const imported = importNirTree(graph({
      input: node('Input', { shape: a([1, 4, 4]) }),
      pool: node('AvgPool2d', { kernel_size: a([2, 2]), stride: a([2, 2]), padding: a([0, 0]) }),
      flat: node('Flatten', { start_dim: a([0]), end_dim: a([-1]) }),
      cells: ifNeurons(4),
      output: node('Output', { shape: a([4]) }),
    }, [['input', 'pool'], ['pool', 'flat'], ['flat', 'cells'], ['cells', 'output']]), { ...HELD, spike: 'dirac' }, 't');
    const got = synapses(imported, 'cells');
    expect(got).toHaveLength(16);
    for (const [pre, post, w] of got) {
      expect(post).toBe(Math.floor(pre! / 8) * 2 + Math.floor((pre! % 4) / 2));
      expect(w).toBe(0.25);
    }
  });
});

describe('NIR graphs', () => {
  it('a nested graph as the last layer feeds the Output through its own Output node', () => {
    const inner = { type: { shape: [], values: ['NIRGraph'] }, nodes: { ...io(2), lif: ifNeurons(2) }, edges: { shape: [2, 2], values: ['input', 'lif', 'lif', 'output'] } } as unknown as Tree;
    const imported = importNirTree(graph({ ...io(2), w: node('Linear', { weight: a([1, 0, 0, 1], [2, 2]) }), sub: inner }, [['input', 'w'], ['w', 'sub'], ['sub', 'output']]), { ...HELD, spike: 'dirac' }, 't');
    expect(imported.outputs).toMatchObject([{ population: 'sub.lif', record: 'spikes', latency: 2 }]);
    expect(synapses(imported, 'sub.lif')).toEqual([[0, 0, 1, 1], [1, 1, 1, 1]]);
  });

  it('many paths between two layers are summed once per node, not walked one by one', () => {
    // 30 diamonds of two Scale(1) branches: 2^30 paths, each of weight 1.
    const nodes: Record<string, Tree> = { ...io(1), cells: ifNeurons(1) };
    const edges: [string, string][] = [];
    let last = 'input';
    for (let k = 0; k < 30; k++) {
      nodes[`a${k}`] = node('Scale', { scale: a([1]) });
      nodes[`b${k}`] = node('Scale', { scale: a([1]) });
      nodes[`j${k}`] = node('Flatten', { start_dim: a([0]), end_dim: a([-1]) });
      edges.push([last, `a${k}`], [last, `b${k}`], [`a${k}`, `j${k}`], [`b${k}`, `j${k}`]);
      last = `j${k}`;
    }
    edges.push([last, 'cells'], ['cells', 'output']);
    const imported = importNirTree(graph(nodes, edges), { ...HELD, spike: 'dirac' }, 't');
    expect(synapses(imported, 'cells')).toEqual([[0, 0, 2 ** 30, 1]]);
  });

  it('paths that cancel make no synapse; a population no input reaches has no latency, with a warning', () => {
    const imported = importNirTree(graph({
      ...io(1), plus: node('Scale', { scale: a([1]) }), minus: node('Scale', { scale: a([-1]) }), cells: ifNeurons(1),
    }, [['input', 'plus'], ['input', 'minus'], ['plus', 'cells'], ['minus', 'cells'], ['cells', 'output']]), { ...HELD, spike: 'dirac' }, 't');
    expect(imported.model.projections).toEqual([]);
    expect(imported.outputs[0]!.latency).toBeNull();
    expect(imported.warnings).toContain('node/nodes/output: "cells" is reached from no Input');
  });
});

describe('NIR neuron nodes against forward Euler of their equations', () => {
  /**
   * An input spike in each of `steps` steps from step 0 into one neuron of `type`; its v after
   * each step of the run, its spike steps, and the steps in which it integrates an input of 1.
   */
  async function drive(type: string, params: Record<string, NirArray>, steps: number, threshold?: number, options: NirImportOptions = HELD): Promise<{ v: number[]; spikes: number[]; driven: (k: number) => number }> {
    const nodes: Record<string, Tree> = { ...io(1), w: node('Linear', { weight: a([1], [1, 1]) }), cell: node(type, params) };
    const edges: [string, string][] = [['input', 'w'], ['w', 'cell']];
    if (threshold === undefined) edges.push(['cell', 'output']);
    else {
      nodes.theta = node('Threshold', { threshold: a([threshold]) });
      edges.push(['cell', 'theta'], ['theta', 'output']);
    }
    const imported = importNirTree(graph(nodes, edges), { ...options, inputs: { input: [Array.from({ length: steps }, (_, k) => k * DT)] } }, 't');
    const latency = imported.outputs[0]!.latency;
    const total = steps + latency + 5;
    const model = { ...imported.model, monitors: [...imported.model.monitors!, { type: 'state' as const, name: 'trace', population: 'cell', variables: ['v'], everySteps: 1 }] };
    const net = (await simulator()).load(model);
    await net.run((total + 1) * DT);
    // Sample k + 1 holds v after step k.
    const v = Array.from({ length: total }, (_, k) => net.getMonitor<StateData>('trace').read().values.v![k + 1]!);
    const spikes = threshold === undefined ? [] : Array.from(net.getMonitor<SpikeData>('output').read().steps).filter((s) => s < total);
    return { v, spikes, driven: (k) => (k >= latency && k < latency + steps ? 1 : 0) };
  }

  /** Forward Euler of dx/dt = f(x, input) over the run. */
  function euler(run: { v: number[]; driven: (k: number) => number }, state: number[], f: (x: number[], input: number) => number[]): number[][] {
    return run.v.map((_, k) => {
      const d = f(state, run.driven(k));
      state = state.map((xi, i) => xi + DT * d[i]!);
      return state;
    });
  }

  it('LI: tau dv/dt = v_leak - v + r I', async () => {
    const [tau, r, vLeak] = [2e-3, 3, 0.1];
    const run = await drive('LI', { tau: a([tau]), r: a([r]), v_leak: a([vLeak]) }, 50);
    const want = euler(run, [0], ([v], input) => [(vLeak - v! + r * input) / tau]).map((x) => x[0]!);
    run.v.forEach((v, k) => expect(v).toBeCloseTo(want[k]!, 5));
  });

  it('CubaLI: the synaptic current feeds v a step later', async () => {
    const [tauSyn, tauMem, r, wIn] = [1e-3, 4e-3, 2, 1.5];
    const run = await drive('CubaLI', { tau_syn: a([tauSyn]), tau_mem: a([tauMem]), r: a([r]), v_leak: a([0]), w_in: a([wIn]) }, 60);
    const want = euler(run, [0, 0], ([i, v], input) => [(wIn * input - i!) / tauSyn, (-v! + r * i!) / tauMem]).map((x) => x[1]!);
    run.v.forEach((v, k) => expect(v).toBeCloseTo(want[k]!, 5));
  });

  it('I, read by a Threshold: integrates r I, spikes in every step v stays above the threshold (no reset)', async () => {
    const r = 2000;
    const run = await drive('I', { r: a([r]) }, 20, 1.5);
    const want = euler(run, [0], (_, input) => [r * input]).map((x) => x[0]!);
    run.v.forEach((v, k) => expect(v).toBeCloseTo(want[k]!, 5));
    expect(run.spikes).toEqual(want.flatMap((v, k) => (v > 1.5 ? [k] : [])));
    expect(run.spikes.length).toBeGreaterThan(5);
  });

  it('a Dirac input: a LIF v jumps by r w / tau where it arrives, then decays by forward Euler', async () => {
    const [tau, r] = [5e-3, 2];
    const run = await drive('LIF', { tau: a([tau]), r: a([r]), v_leak: a([0]), v_threshold: a([1e9]) }, 1, undefined, { ...HELD, spike: 'dirac' });
    // The input spike of step 0 arrives at the end of step 1 (one step of delay).
    const landed = run.v.findIndex((v) => v !== 0);
    expect(landed).toBe(1);
    run.v.slice(landed).forEach((v, k) => expect(v).toBeCloseTo((r / tau) * (1 - DT / tau) ** k, 3));
  });
});
