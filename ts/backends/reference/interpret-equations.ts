// The reference backend's run of an equation population: the step of ts/equations/program.ts,
// one neuron at a time, each tree evaluated in f32 (Math.fround after every operation) in the
// order the tree gives: the twin of the generated wasm (ts/equations/wasm/), bit for bit.
import * as abi from '../../../assembly/abi.js';
import type { Mem } from './memory.js';
import { expF32 } from '../../model/random/detmath.js';
import { streamWord } from '../../model/random/philox.js';
import { exprelF32 } from '../../equations/detmath.js';
import { applyFn, generalPower, type Node } from '../../equations/nodes.js';
import { randomStreamIndex, type EquationProgram } from '../../equations/program.js';
import { equationNormal, equationUniform } from '../../equations/random.js';

const f = Math.fround;

/** What a tree reads for one neuron. */
interface Lane {
  state: Float32Array;
  params: Float32Array;
  temps: Float32Array;
  input: number;
  t: number;
  i: number;
  lastspike: number;
  free: boolean;
  step: number;
  k0: number;
  k1: number;
}

type Eval = (lane: Lane) => number;

/** Compiles a tree into closures (no eval, no new Function). Conditions give 1 or 0. */
function compile(node: Node, population: number): Eval {
  const c = (x: Node) => compile(x, population);
  switch (node.op) {
    case 'const': {
      const value = f(node.value);
      return () => value;
    }
    case 'state': { const k = node.index; return (l) => l.state[k]!; }
    case 'param': { const k = node.index; return (l) => l.params[k]!; }
    case 'temp': { const k = node.index; return (l) => l.temps[k]!; }
    case 'input': return (l) => l.input;
    case 't': return (l) => l.t;
    case 'i': return (l) => f(l.i);
    case 'lastspike': return (l) => l.lastspike;
    case 'free': return (l) => (l.free ? 1 : 0);
    case 'neg': { const a = c(node.a); return (l) => -a(l); }
    case 'add': { const a = c(node.a), b = c(node.b); return (l) => f(a(l) + b(l)); }
    case 'sub': { const a = c(node.a), b = c(node.b); return (l) => f(a(l) - b(l)); }
    case 'mul': { const a = c(node.a), b = c(node.b); return (l) => f(a(l) * b(l)); }
    case 'div': { const a = c(node.a), b = c(node.b); return (l) => f(a(l) / b(l)); }
    case 'min': { const a = c(node.a), b = c(node.b); return (l) => Math.min(a(l), b(l)); }
    case 'max': { const a = c(node.a), b = c(node.b); return (l) => Math.max(a(l), b(l)); }
    case 'pow': { const a = c(node.a), b = c(node.b); return (l) => f(generalPower(a(l), b(l))); }
    case 'fn': {
      const a = c(node.a);
      const name = node.fn;
      if (name === 'abs' || name === 'floor' || name === 'ceil') return (l) => applyFn(name, a(l));
      if (name === 'exp') return (l) => expF32(a(l));
      if (name === 'exprel') return (l) => exprelF32(a(l));
      return (l) => f(applyFn(name, a(l)));
    }
    case 'rand': case 'randn': {
      const stream = streamWord(node.op === 'rand' ? abi.RNG_EQ_UNIFORM : abi.RNG_EQ_NORMAL, randomStreamIndex(node.site, population));
      const draw = node.op === 'rand' ? equationUniform : equationNormal;
      return (l) => draw(l.i, l.step, stream, l.k0, l.k1);
    }
    case 'lt': { const a = c(node.a), b = c(node.b); return (l) => (a(l) < b(l) ? 1 : 0); }
    case 'gt': { const a = c(node.a), b = c(node.b); return (l) => (a(l) > b(l) ? 1 : 0); }
    case 'le': { const a = c(node.a), b = c(node.b); return (l) => (a(l) <= b(l) ? 1 : 0); }
    case 'ge': { const a = c(node.a), b = c(node.b); return (l) => (a(l) >= b(l) ? 1 : 0); }
    case 'eq': { const a = c(node.a), b = c(node.b); return (l) => (a(l) === b(l) ? 1 : 0); }
    case 'ne': { const a = c(node.a), b = c(node.b); return (l) => (a(l) !== b(l) ? 1 : 0); }
    case 'and': { const a = c(node.a), b = c(node.b); return (l) => a(l) & b(l); }
    case 'or': { const a = c(node.a), b = c(node.b); return (l) => a(l) | b(l); }
    case 'not': { const a = c(node.a); return (l) => 1 - a(l); }
    case 'select': { const cond = c(node.c), a = c(node.a), b = c(node.b); return (l) => (cond(l) ? a(l) : b(l)); }
  }
}

/** The reference update of one equation population (called through the equation kernel). */
export function interpretProgram(program: EquationProgram): (m: Mem, rec: number, step: number) => void {
  const { eq, population, dt, targets, lastspikeSlot, countdownSlot } = program;
  const c = (node: Node) => compile(node, population);
  const temps = eq.step.temps.map(c);
  const next = eq.step.next.map(c);
  const threshold = eq.threshold && c(eq.threshold);
  const reset = eq.reset.map((r) => ({ index: r.index, value: c(r.value) }));
  const heldBy = eq.refractory && 'condition' in eq.refractory ? c(eq.refractory.condition) : null;
  const refSteps = eq.refractory && 'steps' in eq.refractory ? eq.refractory.steps : 0;
  const nStates = eq.states.length;
  const nParams = eq.params.length;

  return (m, rec, step) => {
    const { f32, i32 } = m;
    const n = i32[rec + abi.P_N]!;
    const nPad = i32[rec + abi.P_NPAD]!;
    const at = (k: number) => i32[rec + k]! >>> 2;
    const state = at(abi.P_STATE);
    const params = at(abi.P_PARAMS);
    const coef = at(abi.P_COEF);
    const slots = i32[rec + abi.P_RING_LEN]!;
    const ring = slots === 0 ? 0 : at(abi.P_RING) + (step % slots) * targets.length * nPad;
    const spikes = at(abi.P_SPIKES);
    const lane: Lane = {
      state: new Float32Array(nStates), params: new Float32Array(nParams), temps: new Float32Array(temps.length),
      input: 0, t: f(step * dt), i: 0, lastspike: 0, free: true, step, k0: i32[abi.H_SEED_LO]! >>> 0, k1: i32[abi.H_SEED_HI]! >>> 0,
    };
    const old = new Float32Array(nStates);
    const fresh = new Float32Array(nStates);
    let count = 0;
    let diverged = false;
    for (let i = 0; i < nPad; i++) {
      for (let k = 0; k < nStates; k++) old[k] = f32[state + k * nPad + i]!;
      for (let q = 0; q < nParams; q++) lane.params[q] = f32[params + q * nPad + i]!;
      if (eq.input) lane.input = f(f32[at(abi.P_BIAS) + i]! + f32[at(abi.P_ISTEP) + i]!);
      lane.i = i;
      lane.lastspike = lastspikeSlot >= 0 ? f32[state + lastspikeSlot * nPad + i]! : 0;
      const countdown = countdownSlot >= 0 ? i32[state + countdownSlot * nPad + i]! : 0;
      lane.state = old;
      const held = countdownSlot >= 0 ? countdown > 0 : heldBy ? heldBy(lane) !== 0 : false;
      lane.free = !held;
      for (let j = 0; j < temps.length; j++) lane.temps[j] = temps[j]!(lane);
      for (let k = 0; k < nStates; k++) fresh[k] = next[k]!(lane);
      lane.state = fresh;
      const spike = threshold !== null && threshold(lane) !== 0 && !held;
      targets.forEach((k, r) => {
        const slot = ring + r * nPad + i;
        fresh[k] = f(fresh[k]! + f32[slot]!);
        f32[slot] = 0;
      });
      if (spike) {
        for (const { index, value } of reset) fresh[index] = value(lane);
        if (lastspikeSlot >= 0) f32[state + lastspikeSlot * nPad + i] = lane.t;
        if (i < n) i32[spikes + count++] = i;
      }
      if (countdownSlot >= 0) i32[state + countdownSlot * nPad + i] = held ? countdown - 1 : spike ? refSteps : 0;
      for (let k = 0; k < nStates; k++) {
        f32[state + k * nPad + i] = fresh[k]!;
        if (i < n && !Number.isFinite(fresh[k]!)) diverged = true;
      }
    }
    i32[rec + abi.P_NSPIKES] = count;
    if (diverged && i32[coef + abi.CE_DIVERGED] === 0) i32[coef + abi.CE_DIVERGED] = step + 1;
  };
}
