// A description becomes a network ready to load: checked and planned (ts/model), its synapses
// counted row by row, and every byte of it placed (planLayout), refused before allocating when
// too large. The values themselves are drawn into the image when it is written (image.ts).
import { fail } from '../errors.js';
import { buildProjection, type BuiltProjection } from '../model/build-projections.js';
import type { ConnectivityKernel } from '../model/connectivity.js';
import type { NetworkDescription } from '../model/description.js';
import { checkSampledSynapses } from '../model/monitors.js';
import type { ModelRegistry } from '../model/neurons/registry.js';
import { gib, MAX_MEMORY_BYTES } from '../model/memory-limit.js';
import { highestDelay, planNetwork, type PlannedNetwork } from '../model/plan-network.js';
import { planLayout, type Layout } from './plan.js';
import { layoutShapes } from './shapes.js';


export interface BuiltNetwork extends Omit<PlannedNetwork, 'projections'> {
  projections: BuiltProjection[];
  layout: Layout;
}

/** How a network's memory is laid out: recordAllSpikes keeps a raster; wideColumns as layoutShapes takes them. */
export interface LayoutOptions {
  recordAllSpikes?: boolean;
  wideColumns?: ReadonlySet<number>;
}

/** The layout of a planned network with each projection at its expected synapse count and largest possible delay. */
export function expectedLayout(net: PlannedNetwork, options: LayoutOptions = {}): Layout {
  return planLayout(layoutShapes(net, (j) => Math.ceil(j.expected), (j) => Math.round(highestDelay(j) / net.dt), options.recordAllSpikes ?? false, options.wideColumns));
}

/** Refuses a layout larger than a 32-bit WebAssembly memory; `about` for a planned (expected) one. */
export function checkMemory(layout: Layout, about: boolean): void {
  if (layout.totalBytes > MAX_MEMORY_BYTES) {
    fail('E_MEMORY', '', `the network needs ${about ? 'about ' : ''}${gib(layout.totalBytes)} of memory, more than the ${gib(MAX_MEMORY_BYTES)} a 32-bit WebAssembly memory holds`);
  }
}

/**
 * Checks a description and counts its synapses: the network, ready to load (writeImage draws
 * its values). `connectivity` (the wasm backend's) counts fixed_probability rows faster, with the same bits;
 * `models` are the models the description may name (default: the built-in ones).
 */
export function buildNetwork(
  desc: NetworkDescription,
  options: LayoutOptions & { connectivity?: ConnectivityKernel; models?: ModelRegistry } = {},
): BuiltNetwork {
  const planned = planNetwork(desc, options.models);
  checkMemory(expectedLayout(planned, options), true); // before drawing synapses that would not fit
  const projections = planned.projections.map((j) => buildProjection(j, planned.dt, planned.key, options.connectivity));
  checkSampledSynapses(planned.monitors, projections);
  const layout = planLayout(layoutShapes(planned, (j) => projections[j.index]!.synapses, (j) => projections[j.index]!.maxDelay,
    options.recordAllSpikes ?? false, options.wideColumns));
  checkMemory(layout, false);
  return { ...planned, projections, layout };
}
