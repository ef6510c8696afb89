// NIR files are untrusted input: what cannot be imported is refused with a typed error naming
// the node and the field (or the option), never a crash or a silently different network; a flaw
// with only one reading is repaired with a warning.
import { describe, expect, it } from 'vitest';
import { readHdf5, type NirArray, type NirGroup } from '../../ts/nir/hdf5.js';
import { importNIR, importNirTree, type NirImportOptions } from '../../ts/nir/import.js';
import { refusalOf } from '../support/helpers.js';
import { fixture } from './support.js';

type Tree = { [k: string]: Tree | NirArray };
const text = (s: string): NirArray => ({ shape: [], values: [s] });
const numbers = (shape: number[], values: number[] | string[]): NirArray => ({ shape, values });

/** A fixture's tree to change: root, and its graph's nodes and edges. */
function tree(file: string): { root: Tree; nodes: Tree; setEdges(e: [string, string][]): void } {
  const root = structuredClone(readHdf5(fixture(file), file)) as Tree;
  const graph = root.node as Tree;
  return { root, nodes: graph.nodes as Tree, setEdges: (e) => (graph.edges = numbers([e.length, 2], e.flat())) };
}

const LIF = '01_lif_lif_norse.nir';
const norse: NirImportOptions = { preset: 'norse' };
const refusal = (root: Tree, options = norse) => refusalOf(() => importNirTree(root as NirGroup, options, 'model.nir'));

describe('NIR import refuses what it cannot read', () => {
  it('bytes that are not HDF5', () => {
    const e = refusalOf(() => importNIR(new Uint8Array(64).fill(7), norse, 'noise.nir'));
    expect(e.code).toBe('E_FORMAT');
    expect(e.path).toBe('noise.nir');
  });

  it('missing, unknown or bad options', () => {
    const bytes = fixture(LIF);
    expect(refusalOf(() => importNIR(bytes, {})).message).toMatch(/does not say its dt, spike, reset, resetLatency: give a preset/);
    expect(refusalOf(() => importNIR(bytes, { preset: 'brian' })).path).toBe('fromNIR.options.preset');
    expect(refusalOf(() => importNIR(bytes, { preset: 'norse', dtt: 1e-4 } as never)).code).toBe('E_PARAM');
    expect(refusalOf(() => importNIR(bytes, { preset: 'norse', spike: 'pulse' } as never)).path).toBe('fromNIR.options.spike');
    expect(refusalOf(() => importNIR(bytes, { preset: 'norse', resetLatency: 2 } as never)).path).toBe('fromNIR.options.resetLatency');
    expect(refusalOf(() => importNIR(bytes, { preset: 'norse', dt: -1 })).path).toBe('fromNIR.options.dt');
    expect(refusalOf(() => importNIR(bytes, { preset: 'norse', inputs: { '1': [[0.001]] } })).path).toBe('fromNIR.options.inputs.1');
    expect(refusalOf(() => importNIR(bytes, { preset: 'norse', inputs: { input: [[0.001], []] } })).message).toMatch(/must be 1 arrays of spike times/);
  });

  it('a node type it does not import, naming the node', () => {
    const t = tree(LIF);
    (t.nodes['1'] as Tree).type = text('SpikingConv3d');
    const e = refusal(t.root);
    expect([e.code, e.path]).toEqual(['E_MODEL', 'node/nodes/1/type']);
    expect(e.message).toMatch(/"SpikingConv3d" is not a node type spikewasm imports/);
  });

  it('a parameter the node type does not have, and one that is missing or not finite', () => {
    const unknown = tree(LIF);
    (unknown.nodes['1'] as Tree).tau_adapt = numbers([1], [0.1]);
    expect([refusal(unknown.root).code, refusal(unknown.root).path]).toEqual(['E_MODEL', 'node/nodes/1/tau_adapt']);
    const missing = tree(LIF);
    delete (missing.nodes['1'] as Tree).tau;
    expect([refusal(missing.root).code, refusal(missing.root).path]).toEqual(['E_FORMAT', 'node/nodes/1/tau']);
    const nan = tree(LIF);
    (nan.nodes['1'] as Tree).v_threshold = numbers([1], [NaN]);
    expect(refusal(nan.root).path).toBe('node/nodes/1/v_threshold');
  });

  it('edges naming no node, unless one reading is the only one', () => {
    const one = tree(LIF);
    one.setEdges([['input', '0'], ['0', 'lif'], ['lif', 'output']]);
    const repaired = importNirTree(one.root as NirGroup, norse, 'model.nir');
    expect(repaired.warnings).toContain('node/edges: name "lif", which is no node; read as "1", the only node no edge names');
    expect(repaired.model.projections!.map((p) => p.name)).toEqual(['input->1']);
    const two = tree(LIF);
    two.setEdges([['input', 'affine'], ['affine', 'lif'], ['lif', 'output']]);
    const e = refusal(two.root);
    expect([e.code, e.path]).toEqual(['E_FORMAT', 'node/edges[0]']);
    expect(e.message).toMatch(/names "affine", which is no node of this graph/);
  });

  it('layers whose sizes do not join', () => {
    const t = tree(LIF);
    for (const key of ['tau', 'r', 'v_leak', 'v_threshold']) {
      const a = (t.nodes['1'] as Tree)[key] as NirArray;
      (t.nodes['1'] as Tree)[key] = numbers([2], [a.values[0] as number, a.values[0] as number]);
    }
    const e = refusal(t.root);
    expect([e.code, e.path]).toEqual(['E_FORMAT', 'node/nodes/1']);
    expect(e.message).toMatch(/has 2 neurons, but "0" before it gives 1 values/);
  });

  it('a neuron node without spikes sending to a linear node, a Threshold after a linear node, an Output of a linear map', () => {
    const li = tree(LIF);
    const lif = li.nodes['1'] as Tree;
    li.nodes['1'] = { type: text('LI'), tau: lif.tau!, r: lif.r!, v_leak: lif.v_leak! };
    li.nodes.readout = { type: text('Linear'), weight: numbers([1, 1], [1]) };
    li.nodes.lif2 = { ...lif };
    li.setEdges([['input', '0'], ['0', '1'], ['1', 'readout'], ['readout', 'lif2'], ['lif2', 'output']]);
    expect(refusal(li.root).message).toMatch(/a LI node does not spike, so only an Output can read it/);
    const threshold = tree(LIF);
    threshold.nodes.theta = { type: text('Threshold'), threshold: numbers([1], [0.5]) };
    threshold.setEdges([['input', '0'], ['0', 'theta'], ['theta', 'output']]);
    expect([refusal(threshold.root).code, refusal(threshold.root).path]).toEqual(['E_MODEL', 'node/nodes/theta']);
    const readout = tree(LIF);
    readout.nodes.readout = { type: text('Linear'), weight: numbers([1, 1], [2]) };
    readout.setEdges([['input', '0'], ['0', '1'], ['1', 'readout'], ['readout', 'output']]);
    expect(refusal(readout.root).message).toMatch(/an Output reads a linear map of "1"/);
  });

  it('a loop of linear nodes with no neuron on it', () => {
    const t = tree(LIF);
    t.nodes.echo = { type: text('Linear'), weight: numbers([1, 1], [0.5]) };
    t.setEdges([['input', '0'], ['0', 'echo'], ['echo', '0'], ['0', '1'], ['1', 'output']]);
    const e = refusal(t.root);
    expect(e.code).toBe('E_MODEL');
    expect(e.message).toMatch(/loop of linear nodes with no neuron on it/);
  });

  it('a negative Delay', () => {
    const t = tree(LIF);
    t.nodes.wait = { type: text('Delay'), delay: numbers([1], [-0.001]) };
    t.setEdges([['input', 'wait'], ['wait', '0'], ['0', '1'], ['1', 'output']]);
    expect([refusal(t.root).code, refusal(t.root).path]).toEqual(['E_PARAM', 'node/nodes/wait/delay[0]']);
  });

  it('an HDF5 file whose links loop back', () => {
    const e = refusalOf(() => importNIR(fixture('link_cycle.nir'), norse, 'cycle.nir'));
    expect(e.code).toBe('E_FORMAT');
    expect(e.message).toMatch(/nests groups more than 64 deep/);
  });

  it('two nodes with one name once nested graphs are opened', () => {
    const t = tree('03_rnn_braille_nested.nir');
    t.nodes['lif1.lif1'] = structuredClone(((t.nodes.lif1 as Tree).nodes as Tree).lif1!);
    const e = refusal(t.root, { preset: 'snntorch' });
    expect(e.code).toBe('E_FORMAT');
    expect(e.message).toMatch(/is named "lif1.lif1" once nested graphs are opened, as another node is/);
  });

  it('Input shapes that are not positive whole sizes, and layers larger than a population', () => {
    for (const shape of [[-3], [2.5], [2 ** 20, 2 ** 10]]) {
      const t = tree(LIF);
      (t.nodes.input as Tree).shape = numbers([shape.length], shape);
      expect([refusal(t.root).code, refusal(t.root).path]).toEqual(['E_FORMAT', 'node/nodes/input/shape']);
    }
    const conv = tree(LIF);
    conv.nodes['0'] = { type: text('Conv1d'), weight: numbers([1, 1, 1], [1]), stride: numbers([1], [1]), padding: numbers([1], [1e9]), dilation: numbers([1], [1]), groups: numbers([], [1]), bias: numbers([1], [0]), input_shape: numbers([1], [1]) };
    expect(refusal(conv.root).message).toMatch(/leaves an output of 2000000001 from an input of 1/);
  });
});
