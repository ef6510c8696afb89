// A tree's value in f64, every operation as the generated synapse code does it (f64 wasm
// instructions, the deterministic functions of nodes.ts): what the reference backend runs for
// synapse statements, how a synapse model's decays are found, and how the coupling check
// (ts/model/coupling-stability.ts) probes a neuron's update. Conditions are 1 or 0.
import { applyFn, generalPower, type Node } from './nodes.js';

/** Where a tree's leaves come from. */
export interface Leaves {
  state(index: number): number;
  param(index: number): number;
  temp(index: number): number;
  t: number;
  /** What only a neuron's trees read (none in synapse trees: the resolver keeps them out). */
  neuron?: { input: number; i: number; lastspike: number; free: boolean; rand: number; randn: number };
}

/** The value of `node`. */
export function evaluate(node: Node, leaves: Leaves): number {
  const v = (m: Node) => evaluate(m, leaves);
  const neuron = () => leaves.neuron ?? (() => { throw new Error(`a synapse tree cannot hold ${node.op}`); })();
  switch (node.op) {
    case 'const': return node.value;
    case 'state': return leaves.state(node.index);
    case 'param': return leaves.param(node.index);
    case 'temp': return leaves.temp(node.index);
    case 't': return leaves.t;
    case 'input': return neuron().input;
    case 'i': return neuron().i;
    case 'lastspike': return neuron().lastspike;
    case 'free': return neuron().free ? 1 : 0;
    case 'rand': return neuron().rand;
    case 'randn': return neuron().randn;
    case 'neg': return -v(node.a);
    case 'add': return v(node.a) + v(node.b);
    case 'sub': return v(node.a) - v(node.b);
    case 'mul': return v(node.a) * v(node.b);
    case 'div': return v(node.a) / v(node.b);
    case 'min': return Math.min(v(node.a), v(node.b));
    case 'max': return Math.max(v(node.a), v(node.b));
    case 'pow': return generalPower(v(node.a), v(node.b));
    case 'fn': return applyFn(node.fn, v(node.a));
    case 'lt': return v(node.a) < v(node.b) ? 1 : 0;
    case 'gt': return v(node.a) > v(node.b) ? 1 : 0;
    case 'le': return v(node.a) <= v(node.b) ? 1 : 0;
    case 'ge': return v(node.a) >= v(node.b) ? 1 : 0;
    case 'eq': return v(node.a) === v(node.b) ? 1 : 0;
    case 'ne': return v(node.a) !== v(node.b) ? 1 : 0;
    case 'and': return v(node.a) && v(node.b) ? 1 : 0;
    case 'or': return v(node.a) || v(node.b) ? 1 : 0;
    case 'not': return v(node.a) ? 0 : 1;
    case 'select': return v(node.c) ? v(node.a) : v(node.b);
  }
}
