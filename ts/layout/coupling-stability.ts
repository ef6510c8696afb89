// The stability guard of electrical and graded synapses (docs/couplings.md). A step adds each
// junction's g (v_j - v_i), and each graded synapse's g s (E - v_post), from the state at its
// start: an explicit step. For the coupling alone,
// dv/dt = -C^-1 L v (L the conductance-weighted graph Laplacian), explicit steps stay stable
// while dt lambda_max(C^-1 L) <= 2, and Gershgorin bounds lambda_max by 2 max_i sum_j g_ij / C_i.
// So every neuron must have gain_i sum_j g_ij <= COUPLING_BOUND, where gain_i (dt / C_i for a
// passive membrane) is how far one step moves v_i per unit of coupling current. It is measured
// on the neuron's own update (its trees, parameters and initial state), so the guard holds for
// any model written as equations and any integration method.
import * as abi from '../../assembly/abi.js';
import { fail } from '../errors.js';
import { evaluate } from '../equations/evaluate.js';
import { NEVER_SPIKED, stateSlots } from '../equations/program.js';
import type { BuiltNetwork } from './build.js';

const COUPLING_BOUND = 1;

/**
 * Refuses a network whose couplings would make a neuron's explicit update unstable, naming the
 * neuron. A graded synapse's current g s (E - v_post) moves with v_post as a conductance g s does,
 * and s reaches 1 whenever its presynaptic neuron is depolarized, so it counts with its full g.
 */
export function checkCouplingStability(net: BuiltNetwork, image: Uint8Array): void {
  const L = net.layout;
  const i32 = new Int32Array(image.buffer, image.byteOffset, image.byteLength >>> 2);
  const f32 = new Float32Array(image.buffer, image.byteOffset, image.byteLength >>> 2);
  // Per population and receiving parameter: each neuron's total coupling conductance, and the first projection that adds it.
  const totals = new Map<string, { population: number; current: number; voltage: number; projection: number; sums: Float64Array }>();
  for (const j of net.projections) {
    if (!j.coupling) continue;
    const p = j.post.population;
    const key = `${p}:${j.coupling.current}`;
    const at = totals.get(key) ?? { population: p, current: j.coupling.current, voltage: j.coupling.voltagePost, projection: j.index, sums: new Float64Array(net.populations[p]!.size) };
    totals.set(key, at);
    const electrical = j.coupling.kind === abi.COUPLING_ELECTRICAL;
    const csr = L.projections[j.index]!;
    for (let r = 0; r < j.sides.nPre; r++) {
      const i = j.pre.start + r;
      for (let k = i32[(csr.rowPtr >>> 2) + r]!; k < i32[(csr.rowPtr >>> 2) + r + 1]!; k++) {
        const other = i32[(csr.col >>> 2) + k]!;
        if (electrical && other === i) continue;
        const g = csr.weights ? f32[(csr.weights >>> 2) + k]! : j.sharedWeight;
        at.sums[other]! += g;
        if (electrical) at.sums[i]! += g;
      }
    }
  }
  // Each neuron's load: its couplings' conductances, each weighed by how far one step moves v per unit of its current.
  const loads = new Map<number, { load: Float64Array; sums: Float64Array; gains: Float64Array; projection: number }>();
  for (const { population: p, current, voltage, projection, sums } of totals.values()) {
    const pop = net.populations[p]!;
    const at = loads.get(p) ?? { load: new Float64Array(pop.size), sums: new Float64Array(pop.size), gains: new Float64Array(pop.size), projection };
    loads.set(p, at);
    const eq = pop.model.equations!;
    const layout = L.populations[p]!;
    const cell = (region: number, slot: number, i: number) => (region >>> 2) + slot * layout.nPad + i;
    const { lastspikeSlot } = stateSlots(eq);
    for (let i = 0; i < pop.size; i++) {
      if (sums[i] === 0) continue;
      // One step of v with the coupling current at +delta and -delta, delta about 1 mV's worth of it.
      const delta = sums[i]! * 1e-3;
      const next = (current_: number) => {
        const temps: number[] = [];
        const leaves = {
          state: (k: number) => f32[cell(layout.state, k, i)]!,
          param: (q: number) => (q === current ? current_ : f32[cell(layout.params, q, i)]!),
          temp: (k: number) => temps[k]!,
          t: 0,
          neuron: {
            input: eq.input ? f32[cell(layout.bias, 0, i)]! + f32[cell(layout.stepCurrent, 0, i)]! : 0,
            i, lastspike: lastspikeSlot >= 0 ? f32[cell(layout.state, lastspikeSlot, i)]! : NEVER_SPIKED, free: true, rand: 0.5, randn: 0,
          },
        };
        eq.step.temps.forEach((tree) => temps.push(evaluate(tree, leaves)));
        return evaluate(eq.step.next[voltage]!, leaves);
      };
      const gain = (next(delta) - next(-delta)) / (2 * delta);
      at.load[i]! += gain * sums[i]!;
      at.sums[i]! += sums[i]!;
      at.gains[i] = Math.max(at.gains[i]!, gain);
    }
  }
  for (const [p, { load, sums, gains, projection }] of loads) {
    const pop = net.populations[p]!;
    const i = load.findIndex((x) => !(x <= COUPLING_BOUND));
    if (i < 0) continue;
    fail('E_PARAM', `projections[${projection}].weight`, `neuron ${i} of population '${pop.name}' has gap junctions and graded synapses of Σg = ${sums[i]!.toPrecision(3)} (SI) in all, and one step moves its potential by ${gains[i]!.toPrecision(3)} per unit of coupling current: dt·Σg/C = ${load[i]!.toPrecision(3)} exceeds ${COUPLING_BOUND}, beyond which the explicit coupling can oscillate and diverge (use a smaller dt or smaller conductances)`);
  }
}
