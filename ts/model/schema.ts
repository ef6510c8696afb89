// The per-model parts of the JSON Schema for model files (docs/model.schema.json), made from
// the models' own rules, so the schema and the loader cannot disagree about a parameter:
// the population's model enum, the model -> params switch, and one params_<model> definition
// per model. scripts/build-schema.mjs writes them into the schema file; a test compares.
import type { NeuronModel } from './neurons/model.js';
import type { ParamRule } from './params.js';

type Json = Record<string, unknown>;

const SPIKE_TIMES_DOC = 'One array of spike times (s) per neuron (as many arrays as the population has neurons); each time is rounded to a whole step, at most one spike per neuron per step. Absent: no spikes.';

function ruleSchema(rule: ParamRule): Json {
  const kind = rule.perNeuron ? 'ValueSpec' : 'Number';
  const ref = rule.range === 'any' ? kind.charAt(0).toLowerCase() + kind.slice(1) : `${rule.range}${kind}`;
  const settled = rule.default === undefined ? 'Required.' : `Default ${rule.default}.`;
  return { $ref: `#/$defs/${ref}`, description: `${rule.doc} ${settled}` };
}

function requiredParams(model: NeuronModel): string[] {
  return [...Object.entries(model.rules).filter(([, rule]) => rule.default === undefined).map(([name]) => name), ...Object.keys(model.options ?? {})];
}

/** params_<name>: the parameters one model accepts. */
export function paramsSchema(model: NeuronModel): Json {
  const properties: Json = Object.fromEntries(Object.entries(model.rules).map(([name, rule]) => [name, ruleSchema(rule)]));
  for (const [name, option] of Object.entries(model.options ?? {})) {
    properties[name] = { enum: [...option.choices], description: `${option.doc} Required.` };
  }
  if (model.receptorRules) properties.receptors = { $ref: `#/$defs/${model.receptorRules.needsReversal ? 'conductance' : 'current'}Receptors` };
  if (model.source === 'spike_times') {
    properties.spikeTimes = { type: 'array', items: { type: 'array', items: { $ref: '#/$defs/nonnegativeNumber' } }, description: SPIKE_TIMES_DOC };
  }
  const required = requiredParams(model);
  return {
    type: 'object',
    description: `Parameters of the ${model.name} model.`,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    properties,
  };
}

function stateless(model: NeuronModel): boolean {
  return model.receptorRules === null && !model.stateVars.some((v) => v.type === 'f32');
}

/** The schema's parts that depend on the models: for population.properties.model, population.allOf and $defs. */
export function modelSchemaParts(models: readonly NeuronModel[]): { modelEnum: string[]; allOf: Json[]; defs: Record<string, Json> } {
  return {
    modelEnum: models.map((m) => m.name),
    allOf: [
      ...models.map((m) => ({
        if: { required: ['model'], properties: { model: { const: m.name } } },
        then: { ...(requiredParams(m).length > 0 ? { required: ['params'] } : {}), properties: { params: { $ref: `#/$defs/params_${m.name}` } } },
      })),
      // Models with no state to initialise (sources) take no init.
      {
        if: { required: ['model'], properties: { model: { enum: models.filter(stateless).map((m) => m.name) } } },
        then: { properties: { init: { type: 'object', maxProperties: 0 } } },
      },
    ],
    defs: Object.fromEntries(models.map((m) => [`params_${m.name}`, paramsSchema(m)])),
  };
}
