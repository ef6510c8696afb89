/** What kind of mistake an error reports; stable, so callers can branch on it. */
export type ErrorCode =
  | 'E_PARAM' //      a value is missing, of the wrong type or out of range
  | 'E_MODEL' //      an unknown neuron model, receptor or state variable
  | 'E_INDEX' //      a neuron or population index out of range
  | 'E_MEMORY' //     the network would not fit in memory
  | 'E_STATE' //      an operation at the wrong time (e.g. adding a population after running)
  | 'E_FORMAT' //     a model file that is not valid JSON or not a spikewasm model
  | 'E_BACKEND' //    no backend could run the network
  | 'E_UNITS' //      the dimensions of two sides of an equation, statement or value disagree
  | 'E_EQUATION' //   model equations that do not parse, name unknown things or ask what is not supported
  | 'E_NUMERIC'; //   a state variable became NaN or infinite while running

export class SpikewasmError extends Error {
  readonly code: ErrorCode;
  /** Where in the description the problem is, e.g. `populations[0].params.tauM`. */
  readonly path: string;

  constructor(code: ErrorCode, path: string, message: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = `SpikewasmError [${code}]`;
    this.code = code;
    this.path = path;
  }
}

export function fail(code: ErrorCode, path: string, message: string): never {
  throw new SpikewasmError(code, path, message);
}

/** A value for an error message: numbers as written, strings quoted, the rest as JSON. */
export function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json.length > 80 ? json.slice(0, 77) + '...' : json;
  } catch {
    // Cycles, values nested too deep to print, symbols: say what it is instead.
    return Array.isArray(value) ? `an array of ${value.length}` : `a ${typeof value}`;
  }
}
