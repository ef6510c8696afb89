// Common subexpressions of a step program computed once: a subtree that occurs more than once
// (a subexpression such as alpha_m inlined into both terms of exponential Euler's B/A and
// exp(A dt)) becomes a temporary. Both backends run the rewritten program, so this changes no
// bit: each temporary holds exactly the f32 value its subtree evaluates to.
import { treeKey, type Node } from './nodes.js';
import type { StepProgram } from './integrate.js';

const LEAVES = new Set(['const', 'state', 'param', 'temp', 'input', 't', 'i', 'lastspike', 'free']);
/** Conditions stay where they are: a temporary holds a number (a synapse program's f64 local, WGSL's f32 let). */
const CONDITIONS = new Set(['lt', 'gt', 'le', 'ge', 'eq', 'ne', 'and', 'or', 'not']);

export function shareSubtrees(program: StepProgram): StepProgram {
  const keys = new Map<Node, string>();
  const keyOf = (n: Node): string => treeKey(n, keys);
  const counts = new Map<string, number>();
  const count = (n: Node): void => {
    if (LEAVES.has(n.op)) return;
    if (CONDITIONS.has(n.op)) {
      for (const child of children(n)) count(child);
      return;
    }
    const k = keyOf(n);
    counts.set(k, (counts.get(k) ?? 0) + 1);
    // A subtree counted twice is hoisted whole; its insides need not be counted again.
    if (counts.get(k)! > 1) return;
    for (const child of children(n)) count(child);
  };
  program.temps.forEach(count);
  program.next.forEach(count);

  const temps: Node[] = [];
  const hoisted = new Map<string, Node>();
  const oldTemps: Node[] = [];
  const rewrite = (n: Node): Node => {
    if (n.op === 'temp') return oldTemps[n.index]!;
    if (LEAVES.has(n.op)) return n;
    const k = keyOf(n);
    const done = hoisted.get(k);
    if (done) return done;
    const rebuilt = withChildren(n, children(n).map(rewrite));
    if ((counts.get(k) ?? 0) < 2) return rebuilt;
    const ref: Node = { op: 'temp', index: temps.push(rebuilt) - 1 };
    hoisted.set(k, ref);
    return ref;
  };
  for (const t of program.temps) {
    const value = rewrite(t);
    oldTemps.push(LEAVES.has(value.op) ? value : { op: 'temp', index: temps.push(value) - 1 });
  }
  return { temps, next: program.next.map(rewrite) };
}

function children(n: Node): Node[] {
  const out: Node[] = [];
  if ('c' in n) out.push(n.c);
  if ('a' in n) out.push(n.a);
  if ('b' in n) out.push(n.b);
  return out;
}

function withChildren(n: Node, kids: Node[]): Node {
  const copy = { ...n } as Record<string, unknown>;
  let k = 0;
  for (const field of ['c', 'a', 'b']) if (field in n) copy[field] = kids[k++];
  return copy as unknown as Node;
}
