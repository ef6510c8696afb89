import { fail, shown } from '../errors.js';
import type { NetworkDescription } from '../model/description.js';
import { checkModelVersion } from '../model/versions.js';

/**
 * Parses a JSON model file into a network description. Structure and values are checked
 * when the network is built (buildNetwork); here: valid JSON, the format tag and version.
 */
export function parseModel(text: string): NetworkDescription {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail('E_FORMAT', '', `not valid JSON: ${(e as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) fail('E_FORMAT', '', 'a model file must hold a JSON object');
  const o = data as Record<string, unknown>;
  if (o.format !== undefined && o.format !== 'spikewasm-model') fail('E_FORMAT', 'format', `must be "spikewasm-model" (got ${shown(o.format)})`);
  checkModelVersion(o.version);
  if (o.duration !== undefined && (typeof o.duration !== 'number' || !(o.duration >= 0))) {
    fail('E_PARAM', 'duration', `must be a number of seconds >= 0 (got ${shown(o.duration)})`);
  }
  return o as unknown as NetworkDescription;
}
