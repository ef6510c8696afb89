// From a planned network to the shapes planLayout places: sizes, counts and flags only.
import * as abi from '../../assembly/abi.js';
import type { PlannedProjection } from '../model/build-projections.js';
import type { ResolvedMonitor } from '../model/monitors.js';
import type { PlannedNetwork } from '../model/plan-network.js';
import { padded, type LayoutInput } from './plan.js';

/**
 * The shapes of a planned network's memory. `synapses` and `maxDelay` give each projection's
 * synapse count and largest delay (steps): expected ones before drawing, the drawn ones after.
 * `wideColumns`: projections that keep i32 columns where they could have u16 ones (those of an
 * image restored from before ABI 8).
 */
export function layoutShapes(
  net: PlannedNetwork,
  synapses: (j: PlannedProjection) => number,
  maxDelay: (j: PlannedProjection) => number,
  recordAll: boolean,
  wideColumns: ReadonlySet<number> = new Set(),
): LayoutInput {
  const { populations: pops, projections: plans, monitors } = net;
  const recorded = new Set(monitors.flatMap((m) => (m.type === 'spikes' ? [m.population] : [])));
  // Plastic projections read the spikes of their pre population up to the axonal delay back,
  // and those of their post population up to the dendritic delay back.
  const historySlots = (p: number) => plans.reduce((slots, j) => {
    if (!j.plasticity) return slots;
    const pre = j.pre.population === p ? j.plasticity.axonalSteps : 0;
    const post = j.post.population === p ? j.plasticity.dendriticSteps + 1 : 0;
    return Math.max(slots, pre, post);
  }, 0);
  return {
    populations: pops.map((p) => ({
      size: p.size,
      receptors: p.params.receptors.length,
      stateVars: p.model.stateVars.length,
      perNeuronParams: p.model.perNeuronParams.length,
      takesCurrent: p.model.takesCurrent,
      maxDelay: Math.max(
        plans.filter((j) => j.post.population === p.index).reduce((m, j) => Math.max(m, Math.min(maxDelay(j), 0xffff)), 0),
        ...net.poissonInputs.filter((q) => q.population === p.index).map((q) => q.delaySteps),
      ),
      sourceEvents: p.sourceEvents ? p.sourceEvents.length / 2 : 0,
      recordSpikes: recordAll || recorded.has(p.index),
      historySlots: historySlots(p.index),
      segments: p.dendrites?.names.length ?? 0,
    })),
    projections: plans.map((j) => ({
      rows: j.sides.nPre,
      synapses: synapses(j),
      perSynapseWeight: j.perSynapseWeight,
      perSynapseDelay: j.perSynapseDelay,
      delayBytes: maxDelay(j) < 256 ? 1 : 2,
      columnBytes: narrowColumns(j, pops[j.post.population]!.size) && !wideColumns.has(j.index) ? 2 : 4,
      plastic: j.plasticity
        ? {
          postSize: j.postSize,
          modulated: j.plasticity.modulator >= 0,
          fadeLengths: j.plasticity.fades.map((t) => t.values.length),
          synapseDelays: (j.plasticity.flags & abi.KF_SYNAPSE_DELAYS) !== 0,
          cursorCells: historySlots(j.pre.population) * padded(pops[j.pre.population]!.size),
          learnedDelays: j.plasticity.delayLearning !== null,
          sentCells: historySlots(j.pre.population) * synapses(j),
          programArrays: j.synapseModel?.init.length ?? 0,
          program: j.synapseModel !== null,
        }
        : null,
      stp: j.stp !== null,
    })),
    currentEvents: net.currentEvents.length,
    stateCells: monitors.reduce((cells, m) => cells + sampledCells(m, (j) => synapses(plans[j]!)), 0),
    countSpikes: monitors.some((m) => m.type === 'rate'),
    modulators: net.modulators.length,
    modulatorDrives: net.modulators.reduce((n, m) => n + m.drives.length, 0),
    couplings: plans.filter((j) => j.coupling).length,
    poissonInputs: net.poissonInputs.length,
  };
}

/** Cells a monitor samples each time (state and sampled weights monitors share the state record). */
function sampledCells(m: ResolvedMonitor, synapses: (projection: number) => number): number {
  if (m.type === 'state') return m.variables.length * m.neurons.length;
  if (m.type === 'weights' && m.every > 0) return (m.synapses?.length ?? synapses(m.projection)) * (m.delays ? 2 : 1);
  return 0;
}

/**
 * Whether a projection's columns can be u16: the propagation kernels read them either way, the
 * kernels of plasticity, synapse models and couplings read i32 ones; a column indexes the whole
 * post population.
 */
function narrowColumns(j: PlannedProjection, postSize: number): boolean {
  return !j.plasticity && !j.synapseModel && !j.coupling && postSize <= 0x10000;
}
