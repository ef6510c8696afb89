// Writes the per-model parts of docs/model.schema.json (the population's model enum, its
// model -> params switch and the params_<model> definitions) from the built-in models' rules
// (ts/model/schema.ts); the rest of the schema is written by hand. Run after npm run build:ts:
//   node scripts/build-schema.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { BUILTIN_MODELS } from '../dist/ts/model/neurons/registry.js';
import { modelSchemaParts } from '../dist/ts/model/schema.js';

const file = new URL('../docs/model.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(file, 'utf8'));
const { modelEnum, allOf, defs } = modelSchemaParts(BUILTIN_MODELS);
schema.$defs.population.properties.model.anyOf[0].enum = modelEnum;
schema.$defs.population.allOf = allOf;
for (const name of Object.keys(schema.$defs).filter((k) => k.startsWith('params_'))) delete schema.$defs[name];
// Keep the definitions in their place: the model-specific ones right after the population's.
const entries = Object.entries(schema.$defs);
const at = entries.findIndex(([k]) => k === 'population') + 1;
schema.$defs = Object.fromEntries([...entries.slice(0, at), ...Object.entries(defs), ...entries.slice(at)]);
writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
