import type { NetworkDescription } from '../../ts/model/description.js';
import { expectedLayout } from '../../ts/layout/build.js';
import { MAX_MEMORY_BYTES } from '../../ts/model/memory-limit.js';
import { planNetwork } from '../../ts/model/plan-network.js';

export interface ModelInfo {
  dt: number;
  seed: number;
  duration: number | null;
  /** Steps of `duration`, when the file gives one. */
  steps: number | null;
  neurons: number;
  /** Synapses expected from the connection rules (exact for all but the random rules' counts). */
  expectedSynapses: number;
  populations: { name: string; model: string; size: number }[];
  projections: { name: string; pre: string; post: string; rule: string; expectedSynapses: number }[];
  /**
   * Bytes of network memory as `spikewasm run` lays it out (every spike recorded for the raster),
   * at the expected synapse counts and with delay rings for the longest delay a distribution
   * allows (the drawn delays may all be shorter): what the backend will allocate, planned
   * before anything is allocated. Exact when the rules fix the synapse count and delays are fixed.
   */
  memory: { totalBytes: number; headerBytes: number; neuronBytes: number; synapseBytes: number; recordBytes: number };
  /** Whether that fits in a 32-bit WebAssembly memory (`limitBytes`); building fails with E_MEMORY if not. */
  fits: boolean;
  limitBytes: number;
}

/**
 * Sizes and memory of a model, planned without drawing a synapse (planNetwork), so a network
 * too large to build is still described (with `fits` false).
 */
export function modelInfo(desc: NetworkDescription): ModelInfo {
  const plan = planNetwork(desc);
  const L = expectedLayout(plan, { recordAllSpikes: true });
  // Regions lie in this order (ts/layout/plan.ts): header and tables, populations, projections, records.
  const firstSynapse = L.projections[0]?.rowPtr ?? L.currentEvents;
  const firstNeuron = L.populations[0]!.coef;
  const pop = (k: number) => plan.populations[k]!;
  const range = (s: { population: number; start: number; stop: number }) =>
    s.start === 0 && s.stop === pop(s.population).size ? pop(s.population).name : `${pop(s.population).name}[${s.start}:${s.stop}]`;
  const duration = typeof desc.duration === 'number' ? desc.duration : null;
  return {
    dt: plan.dt,
    seed: plan.seed,
    duration,
    steps: duration === null ? null : Math.round(duration / plan.dt),
    neurons: L.totalNeurons,
    expectedSynapses: L.input.projections.reduce((s, j) => s + j.synapses, 0),
    populations: plan.populations.map((p) => ({ name: p.name, model: p.model.name, size: p.size })),
    projections: plan.projections.map((j, k) => ({
      name: j.name,
      pre: range(j.pre),
      post: range(j.post),
      rule: j.rule.type,
      expectedSynapses: L.input.projections[k]!.synapses,
    })),
    memory: {
      totalBytes: L.totalBytes,
      headerBytes: firstNeuron,
      neuronBytes: firstSynapse - firstNeuron,
      synapseBytes: L.currentEvents - firstSynapse,
      recordBytes: L.totalBytes - L.currentEvents, // current events and the record buffers
    },
    fits: L.totalBytes <= MAX_MEMORY_BYTES,
    limitBytes: MAX_MEMORY_BYTES,
  };
}
