// What a NIR file leaves to the library that wrote it: the time step, how an input of 1 enters a
// neuron, the reset, and when the reset happens. Each exporter's choices are a preset
// (docs/nir.md lists them with their sources); every choice can also be given on its own.
import { fail, shown } from '../errors.js';
import { checkNumber } from '../model/params.js';
import { checkOptions } from '../model/plain-data.js';

export interface NirConventions {
  /** The step, in seconds, that the network was trained with. */
  readonly dt: number;
  /**
   * `held`: an input of x is a current x held for one step (forward Euler adds dt/tau·r·x);
   * `dirac`: an input of x is a Dirac of area x (a LIF's v jumps by r·x/tau, an IF's by r·x).
   */
  readonly spike: 'held' | 'dirac';
  /** `zero`: v becomes the node's v_reset (0 where the file has none); `subtract`: v loses v_threshold. */
  readonly reset: 'zero' | 'subtract';
  /** 0: the reset happens in the step of the spike; 1: in the next step, after that step's decay. */
  readonly resetLatency: 0 | 1;
}

export const PRESETS: Readonly<Record<string, NirConventions>> = {
  snntorch: { dt: 1e-4, spike: 'held', reset: 'subtract', resetLatency: 1 },
  norse: { dt: 1e-3, spike: 'held', reset: 'zero', resetLatency: 0 },
  sinabs: { dt: 1e-4, spike: 'dirac', reset: 'subtract', resetLatency: 0 },
  rockpool: { dt: 1e-4, spike: 'held', reset: 'subtract', resetLatency: 0 },
  lava: { dt: 1e-4, spike: 'held', reset: 'zero', resetLatency: 0 },
};

export const CONVENTION_KEYS = ['dt', 'spike', 'reset', 'resetLatency'] as const;

/** The conventions a preset gives, with each option given on its own taking precedence. */
export function nirConventions(options: Record<string, unknown>, path: string): NirConventions {
  const { preset } = options;
  let base: Partial<NirConventions> = {};
  if (preset !== undefined) {
    if (typeof preset !== 'string' || !Object.hasOwn(PRESETS, preset)) fail('E_PARAM', `${path}.preset`, `must be one of ${Object.keys(PRESETS).join(', ')} (got ${shown(preset)})`);
    base = PRESETS[preset]!;
  }
  const given = Object.fromEntries(CONVENTION_KEYS.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
  const merged = { ...base, ...given } as Record<string, unknown>;
  const missing = CONVENTION_KEYS.filter((k) => merged[k] === undefined);
  if (missing.length > 0) fail('E_PARAM', path, `a NIR file does not say its ${missing.join(', ')}: give a preset (${Object.keys(PRESETS).join(', ')}) or each of them`);
  const dt = checkNumber(`${path}.dt`, merged.dt, 'positive', 's');
  if (merged.spike !== 'held' && merged.spike !== 'dirac') fail('E_PARAM', `${path}.spike`, `must be "held" or "dirac" (got ${shown(merged.spike)})`);
  if (merged.reset !== 'zero' && merged.reset !== 'subtract') fail('E_PARAM', `${path}.reset`, `must be "zero" or "subtract" (got ${shown(merged.reset)})`);
  if (merged.resetLatency !== 0 && merged.resetLatency !== 1) fail('E_PARAM', `${path}.resetLatency`, `must be 0 or 1 step (got ${shown(merged.resetLatency)})`);
  return { dt, spike: merged.spike, reset: merged.reset, resetLatency: merged.resetLatency };
}

export function checkImportOptions(options: unknown, path: string, extra: readonly string[]): Record<string, unknown> {
  return checkOptions(path, options, ['preset', ...CONVENTION_KEYS, ...extra]);
}
