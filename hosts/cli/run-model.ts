import type { Network } from '../../ts/api/network.js';
import type { Simulator } from '../../ts/api/simulator.js';
import { fail } from '../../ts/errors.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { checkInteger, checkNumber } from '../../ts/model/params.js';
import { rasterHash } from '../../ts/io/raster-hash.js';

export interface RunSummary {
  backend: string;
  neurons: number;
  synapses: number;
  steps: number;
  spikes: number;
  meanRateHz: number;
  synapticEvents: number;
  buildSeconds: number;
  runSeconds: number;
  rasterHash: string;
}

/** How far a run has come, reported by runModel's `onProgress`. */
export interface RunProgress {
  step: number;
  totalSteps: number;
  dt: number;
  /** Wall-clock seconds since the run (not the build) started. */
  wallSeconds: number;
}

export interface ModelRun {
  summary: RunSummary;
  network: Network;
  description: NetworkDescription;
}

/**
 * Builds and runs a model description the way the command line does: every spike of every
 * population is kept for the raster hash; duration and seed may override the file's.
 */
export async function runModel(
  sim: Simulator,
  description: NetworkDescription,
  overrides: { duration?: number; seed?: number; onProgress?: (p: RunProgress) => void } = {},
): Promise<ModelRun> {
  const desc = structuredClone(description);
  if (overrides.seed !== undefined) desc.seed = checkInteger('--seed', overrides.seed, 0);
  const duration = overrides.duration ?? desc.duration;
  if (duration === undefined) fail('E_PARAM', 'duration', 'the model file has no duration: give --duration <seconds>');
  checkNumber(overrides.duration !== undefined ? '--duration' : 'duration', duration, 'nonnegative');

  const network = sim.load(desc, { keepRaster: true });
  const t0 = performance.now();
  const built = await network.build();
  const t1 = performance.now();
  if (overrides.onProgress) await runReporting(network, duration, built.dt, t1, overrides.onProgress);
  else await network.run(duration);
  const t2 = performance.now();
  const raster = network.raster();
  const neurons = built.populations.reduce((s, p) => s + p.size, 0);
  const seconds = network.steps * built.dt;
  return {
    network,
    description: desc,
    summary: {
      backend: sim.backend,
      neurons,
      synapses: built.projections.reduce((s, j) => s + j.synapses, 0),
      steps: network.steps,
      spikes: raster.steps.length,
      // Six significant digits: the rate a person reads, not float noise (23812 spikes: 5.953, not 5.9530000001).
      meanRateHz: seconds > 0 ? Number((raster.steps.length / (neurons * seconds)).toPrecision(6)) : 0,
      synapticEvents: await network.synapticEvents(),
      // Wall times to the millisecond: more digits would only show the timer's noise.
      buildSeconds: Math.round(t1 - t0) / 1000,
      runSeconds: Math.round(t2 - t1) / 1000,
      rasterHash: await rasterHash(raster.steps, raster.neurons),
    },
  };
}

/**
 * Runs in pieces of about a tenth of a second of wall time, reporting after each; net.step
 * gives the same network as one run, so only the timing differs.
 */
async function runReporting(network: Network, duration: number, dt: number, t0: number, report: (p: RunProgress) => void): Promise<void> {
  const totalSteps = Math.round(duration / dt);
  let piece = 100;
  report({ step: 0, totalSteps, dt, wallSeconds: 0 });
  while (network.steps < totalSteps) {
    const r = await network.step(Math.min(piece, totalSteps - network.steps));
    piece = Math.max(1, Math.min(2 * piece, Math.round(r.steps * (0.1 / Math.max(r.wallSeconds, 1e-4)))));
    report({ step: network.steps, totalSteps, dt, wallSeconds: (performance.now() - t0) / 1000 });
  }
}
