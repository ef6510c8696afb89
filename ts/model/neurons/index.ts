import { fail, shown } from '../../errors.js';
import type { ModelName } from '../description.js';
import { adex } from './adex.js';
import { alif } from './alif.js';
import { izhikevich } from './izhikevich.js';
import { lif } from './lif.js';
import { lifCond } from './lif-cond.js';
import type { NeuronModel } from './model.js';
import { poisson, spikeSource } from './sources.js';

const models: Record<ModelName, NeuronModel> = {
  lif,
  alif,
  lif_cond: lifCond,
  adex,
  izhikevich,
  poisson,
  spike_source: spikeSource,
};

export const modelNames = Object.keys(models) as ModelName[];

export function neuronModel(path: string, name: unknown): NeuronModel {
  if (typeof name !== 'string' || !Object.hasOwn(models, name)) {
    fail('E_MODEL', path, `unknown neuron model ${shown(name)} (known: ${modelNames.join(', ')})`);
  }
  return models[name as ModelName];
}
