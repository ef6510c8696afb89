// A tree's value in f64, every operation as the generated synapse code does it (f64 wasm
// instructions, the deterministic functions of nodes.ts): what the reference backend runs for
// synapse statements, and how a synapse model's decays are found.
import { applyFn, generalPower, type Node } from './nodes.js';

/** Where a tree's leaves come from. */
export interface Leaves {
  state(index: number): number;
  param(index: number): number;
  temp(index: number): number;
  t: number;
}

/** The value of `node` (synapse trees hold no conditions: the resolver keeps them out of values). */
export function evaluate(node: Node, leaves: Leaves): number {
  const v = (m: Node) => evaluate(m, leaves);
  switch (node.op) {
    case 'const': return node.value;
    case 'state': return leaves.state(node.index);
    case 'param': return leaves.param(node.index);
    case 'temp': return leaves.temp(node.index);
    case 't': return leaves.t;
    case 'neg': return -v(node.a);
    case 'add': return v(node.a) + v(node.b);
    case 'sub': return v(node.a) - v(node.b);
    case 'mul': return v(node.a) * v(node.b);
    case 'div': return v(node.a) / v(node.b);
    case 'min': return Math.min(v(node.a), v(node.b));
    case 'max': return Math.max(v(node.a), v(node.b));
    case 'pow': return generalPower(v(node.a), v(node.b));
    case 'fn': return applyFn(node.fn, v(node.a));
    default: throw new Error(`a synapse tree cannot hold ${node.op}`);
  }
}
