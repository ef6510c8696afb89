// Model-file versions. Version 2 (this release's) gives every time in seconds: a monitor samples
// `every` seconds and bins `bin` seconds, with steps as the explicit `everySteps` and `binSteps`.
// Version 1 (a file without a version is version 1) counted `every` in steps; such files keep
// loading unchanged: their `every` becomes seconds here (steps x dt), before anything else reads
// them, so a version-1 file is written back in seconds and its errors still name `every`.
import { fail, shown } from '../errors.js';
import type { NetworkDescription } from './description.js';

/** The version this release writes (net.toJSON(), the command line's files). */
export const MODEL_VERSION = 2;

/** Refuses a version this release does not read. */
export function checkModelVersion(version: unknown): void {
  if (version !== undefined && version !== 1 && version !== MODEL_VERSION) {
    fail('E_FORMAT', 'version', `this spikewasm reads model files of versions 1 and ${MODEL_VERSION} (got ${shown(version)})`);
  }
}

/** The description in this release's version: a version-1 description's sampling intervals in seconds. */
export function currentVersion(desc: NetworkDescription): NetworkDescription {
  checkModelVersion(desc.version);
  if (desc.version === MODEL_VERSION) return desc;
  const monitors = Array.isArray(desc.monitors)
    ? desc.monitors.map((m, k) => {
        if (m === null || typeof m !== 'object' || !('every' in m) || (m.type !== 'state' && m.type !== 'weights')) return m;
        // everySteps is no version-1 key: the pair is left for resolving the monitor to refuse.
        if ('everySteps' in m) return m;
        const { every, ...rest } = m;
        if (!Number.isInteger(every) || (every as number) < 1 || (every as number) > 2 ** 31 - 1) {
          fail('E_PARAM', `monitors[${k}].every`, `counts steps in a model file of version 1 (or none): must be a whole number of steps from 1 to 2^31 - 1 (got ${shown(every)}); "version": ${MODEL_VERSION} gives it in seconds`);
        }
        // Twelve digits: a whole number of steps again when read (ts/model/monitors.ts allows 1e-6 of a step).
        return Number.isFinite(desc.dt) && desc.dt > 0 ? { ...m, every: Number(((every as number) * desc.dt).toPrecision(12)) } : { ...rest, everySteps: every as number };
      })
    : desc.monitors;
  return { ...desc, version: MODEL_VERSION, ...(monitors === undefined ? {} : { monitors }) };
}
