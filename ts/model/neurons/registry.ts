// The neuron models a simulator knows: the built-in ones, and models added at run time (a
// variant of a built-in kernel is a descriptor that names that kernel; docs/architecture.md).
// Everything else that depends on the model finds it here: the builder, the JSON Schema's
// per-model parameters (ts/model/schema.ts) and, through each descriptor's kernel id, the
// backends' dispatch.
import * as abi from '../../../assembly/abi.js';
import { fail, shown } from '../../errors.js';
import { adex } from './adex.js';
import { alif } from './alif.js';
import { izhikevich } from './izhikevich.js';
import { lif } from './lif.js';
import { lifCond } from './lif-cond.js';
import type { NeuronModel } from './model.js';
import { poisson, spikeSource } from './sources.js';

export const BUILTIN_MODELS = [lif, alif, lifCond, adex, izhikevich, poisson, spikeSource] as const;

/** The built-in models' names; a model added at run time is named by any other string. */
export type ModelName = (typeof BUILTIN_MODELS)[number]['name'];

const KERNEL_IDS = new Set(Object.entries(abi).filter(([name]) => name.startsWith('KERNEL_')).map(([, id]) => id as number));

export class ModelRegistry {
  private readonly models = new Map<string, NeuronModel>();

  constructor(models: readonly NeuronModel[] = BUILTIN_MODELS) {
    for (const model of models) this.register(model);
  }

  /** Names of every model, built-in ones first, in the order they were added. */
  get names(): string[] {
    return [...this.models.keys()];
  }

  get(path: string, name: unknown): NeuronModel {
    if (typeof name !== 'string' || !this.models.has(name)) {
      fail('E_MODEL', path, `unknown neuron model ${shown(name)} (known: ${this.names.join(', ')})`);
    }
    return this.models.get(name)!;
  }

  /**
   * Adds a model; its name must be new. A model registered at run time is a variant of a
   * built-in kernel: it may have its own parameters and derived values, but it must lay out
   * what that kernel reads as the built-in model of that kernel does (state variables,
   * per-neuron parameters, input currents, source kind, receptor kind).
   */
  register(model: NeuronModel): void {
    const name: unknown = model?.name;
    if (typeof name !== 'string' || !/^[a-z][a-z0-9_]*$/.test(name)) {
      fail('E_MODEL', 'model.name', `must be a lower-case name of letters, digits and _ (got ${shown(name)})`);
    }
    if (this.models.has(name)) fail('E_MODEL', 'model.name', `a model named ${shown(name)} exists already`);
    const builtin = BUILTIN_MODELS.find((m) => m.kernel === model.kernel);
    if (!builtin && !KERNEL_IDS.has(model.kernel)) fail('E_MODEL', `${name}.kernel`, `must be a neuron kernel id of assembly/abi.ts (KERNEL_*; got ${shown(model.kernel)})`);
    if (builtin && BUILTIN_MODELS.includes(model as never) === false) {
      const contract = (m: NeuronModel) => JSON.stringify([
        m.stateVars.map((v) => [v.name, v.type]), m.perNeuronParams, m.takesCurrent, m.source ?? null, m.receptorRules,
      ]);
      if (contract(model) !== contract(builtin)) {
        fail('E_MODEL', name, `must keep what kernel ${builtin.name} reads as ${builtin.name} does: state variables, per-neuron parameters, input currents, source kind and receptor kind`);
      }
    }
    this.models.set(name, model);
  }
}

