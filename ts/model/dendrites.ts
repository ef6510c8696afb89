// Dendritic segments of a population (docs/dendrites.md): checked here against its equations
// and turned into what the kernel's segment block holds (abi SG_*); assembly/dendrites/segments.ts
// runs them.
import { fail, shown } from '../errors.js';
import { unitText } from '../equations/units.js';
import type { DendritesDescription } from './description.js';
import type { NeuronModel } from './neurons/model.js';
import { checkF32, checkInteger, checkKeys, checkNumber, toSteps } from './params.js';
import { isPlainObject } from './plain-data.js';
import { detExp } from './random/detmath.js';

/** What a population's segment block holds. */
export interface PlannedDendrites {
  /** The segments' names, in segment order (what onPre statements deliver to). */
  names: string[];
  theta: number;
  /** exp(-dt / tau), rounded to f32; 0 for a one-step window. */
  decay: number;
  durationSteps: number;
  amplitude: number;
  /** P_PARAMS slot of the plateau's current. */
  current: number;
  /** State slot of the onset trace, or -1. */
  trace: number;
}

/** More segments than this per neuron is a layout mistake rather than a model. */
export const MAX_SEGMENTS = 256;

export function planDendrites(path: string, desc: DendritesDescription, model: NeuronModel, populationName: string, dt: number): PlannedDendrites {
  if (!isPlainObject(desc)) fail('E_PARAM', path, `must be an object such as { segments: 1, theta: 5, plateau: { duration: 0.06, current: 'Idend', amplitude: '200 pA' } } (got ${shown(desc)})`);
  checkKeys(path, desc, ['segments', 'theta', 'tau', 'plateau', 'trace']);
  const equations = model.equations;
  if (!equations) fail('E_MODEL', path, `${model.name} population '${populationName}' has no parameter for a plateau to hold: write its model as equations with a per-neuron parameter such as 'Idend : amp' read in its equations (docs/dendrites.md)`);
  const names = segmentNames(`${path}.segments`, desc.segments);
  const taken = [...model.stateVars.map((v) => v.name), ...equations.params.map((q) => q.name)];
  for (const name of names) {
    if (taken.includes(name)) fail('E_MODEL', `${path}.segments`, `segment ${shown(name)} has the name of a variable of population '${populationName}': name it otherwise`);
  }
  const theta = checkF32(`${path}.theta`, desc.theta, 'positive');
  // A threshold that rounds to f32 0 would start a plateau every step, padding lanes included.
  if (!(Math.fround(theta) > 0)) fail('E_PARAM', `${path}.theta`, `rounds to 0 in f32 (got ${theta})`);
  const tau = desc.tau === undefined ? 0 : checkNumber(`${path}.tau`, desc.tau, 'nonnegative', 'second');
  // detExp, not Math.exp: engines differ in exp's last bits, and every host must lay out the same image.
  const decay = tau === 0 ? 0 : Math.fround(detExp(-dt / tau));

  const plateau: unknown = desc.plateau;
  if (!isPlainObject(plateau)) fail('E_PARAM', `${path}.plateau`, `must be an object { duration, current, amplitude } (got ${shown(plateau)})`);
  checkKeys(`${path}.plateau`, plateau, ['duration', 'current', 'amplitude']);
  const duration = checkNumber(`${path}.plateau.duration`, plateau.duration, 'positive', 'second');
  const durationSteps = toSteps(duration, dt);
  if (durationSteps < 1) fail('E_PARAM', `${path}.plateau.duration`, `is shorter than one step (dt = ${dt} s)`);
  checkInteger(`${path}.plateau.duration`, durationSteps, 1, 2 ** 31 - 1);
  if (typeof plateau.current !== 'string') fail('E_PARAM', `${path}.plateau.current`, `must name a per-neuron parameter of population '${populationName}' (got ${shown(plateau.current)})`);
  const current = equations.params.findIndex((q) => q.name === plateau.current);
  if (current < 0) fail('E_MODEL', `${path}.plateau.current`, `population '${populationName}' declares no per-neuron parameter ${shown(plateau.current)} (declares: ${equations.params.map((q) => q.name).join(', ') || 'none'}); add '${plateau.current} : amp' to its equations`);
  const amplitude = Math.fround(checkNumber(`${path}.plateau.amplitude`, plateau.amplitude, 'any', unitText(equations.params[current]!.dim)));
  if (!Number.isFinite(amplitude)) fail('E_PARAM', `${path}.plateau.amplitude`, 'is beyond the f32 range the kernel stores');

  let trace = -1;
  if (desc.trace !== undefined) {
    if (typeof desc.trace !== 'string') fail('E_PARAM', `${path}.trace`, `must name a state variable (got ${shown(desc.trace)})`);
    trace = model.stateVars.findIndex((v) => v.name === desc.trace && v.type === 'f32');
    if (trace < 0 || !equations.states.some((v) => v.name === desc.trace)) {
      fail('E_MODEL', `${path}.trace`, `population '${populationName}' has no state variable ${shown(desc.trace)} (has: ${equations.states.map((v) => v.name).join(', ')})`);
    }
  }
  return { names, theta: Math.fround(theta), decay, durationSteps, amplitude, current, trace };
}

function segmentNames(path: string, segments: unknown): string[] {
  if (typeof segments === 'number') {
    const count = checkInteger(path, segments, 1, MAX_SEGMENTS);
    return Array.from({ length: count }, (_, k) => `segment${k}`);
  }
  if (!Array.isArray(segments) || segments.length === 0 || segments.length > MAX_SEGMENTS) {
    fail('E_PARAM', path, `must be a count in [1, ${MAX_SEGMENTS}] or a list of up to ${MAX_SEGMENTS} names (got ${shown(segments)})`);
  }
  segments.forEach((name, k) => {
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail('E_PARAM', `${path}[${k}]`, `must be a name (letters, digits, _) (got ${shown(name)})`);
    if (segments.indexOf(name) !== k) fail('E_PARAM', `${path}[${k}]`, `names segment ${shown(name)} twice`);
  });
  return segments as string[];
}
