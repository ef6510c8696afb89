// `spikewasm validate`: every problem of a model file, each with its JSON path, found by the
// loader's own checks (hosts/cli/check-model.ts, the functions that building calls), so
// validate, info, run and the API can never disagree about a file. docs/model.schema.json is
// for editors; tests/errors/schema.test.ts keeps it in agreement with these checks.
import { modelErrors } from './check-model.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { isPlainObject } from '../../ts/model/plain-data.js';
import { unitWarnings, type UnitWarning } from '../../ts/model/unit-mistakes.js';

export interface ModelProblem {
  /** Where, as the loader writes it: `populations[0].params.tauM`. */
  path: string;
  message: string;
}

/** Every problem of a parsed model file. */
export function validateModel(data: unknown): ModelProblem[] {
  return modelErrors(data as NetworkDescription).map((e) => ({ path: e.path, message: e.message.slice(e.path ? e.path.length + 2 : 0) }));
}

/** Values that load but look like a unit mistake (a tauM of 20 s), for a file that is an object. */
export function modelWarnings(data: unknown): UnitWarning[] {
  return isPlainObject(data) && Array.isArray(data.populations) ? unitWarnings(data as unknown as NetworkDescription) : [];
}
