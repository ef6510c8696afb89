// `spikewasm validate`: every problem of a model file, each with its JSON path. Two passes:
// the JSON Schema (docs/model.schema.json, checked by Ajv with allErrors) sees every structural
// error at once; the loader's own checks (hosts/cli/check-model.ts) add what a schema cannot
// express (references between items, receptor names, delays against dt, memory).
import { readFile } from 'node:fs/promises';
import Ajv2020Module, { type ErrorObject } from 'ajv/dist/2020.js';
import { modelErrors } from './check-model.js';
import type { NetworkDescription } from '../../ts/model/description.js';

export interface ModelProblem {
  /** Where, as the loader writes it: `populations[0].params.tauM`. */
  path: string;
  message: string;
  source: 'schema' | 'loader';
}

// Ajv is CommonJS: typed under NodeNext its default import is the module, at run time the class.
const Ajv2020 = ((Ajv2020Module as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;

let compiled: Promise<(data: unknown) => ErrorObject[]> | undefined;

/** The schema ships in docs/ next to dist/ (installed) or the sources (tests). */
function schemaCheck(): Promise<(data: unknown) => ErrorObject[]> {
  compiled ??= readFile(new URL('../../../docs/model.schema.json', import.meta.url), 'utf8')
    .catch(() => readFile(new URL('../../docs/model.schema.json', import.meta.url), 'utf8'))
    .then((text) => {
      const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(text) as object);
      return (data: unknown) => (validate(data) ? [] : [...(validate.errors ?? [])]);
    });
  return compiled;
}

/** `/populations/0/params` -> `populations[0].params`. */
function loaderPath(pointer: string, child?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.reduce((path, p) => (/^\d+$/.test(p) ? `${path}[${p}]` : path ? `${path}.${p}` : p), '');
}

function fromSchema(e: ErrorObject): ModelProblem | null {
  // "must match then schema" only repeats the errors found inside the branch.
  if (e.keyword === 'if') return null;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return { path: loaderPath(e.instancePath, String(params.additionalProperty)), message: 'is not a setting here', source: 'schema' };
  if (e.keyword === 'required') return { path: loaderPath(e.instancePath, String(params.missingProperty)), message: 'is required', source: 'schema' };
  const message = e.keyword === 'enum' ? `must be one of ${(params.allowedValues as unknown[]).join(', ')}` : (e.message ?? e.keyword);
  return { path: loaderPath(e.instancePath), message, source: 'schema' };
}

/** The item a path belongs to: `populations[0]`, `projections[2]`, or a top-level key. */
function item(path: string): string {
  return /^[^.[]*(\[\d+\])?/.exec(path)![0];
}

/**
 * Every problem of a parsed model file: the schema's, then the loader's for items the schema
 * found nothing wrong with (the two often name the same mistake in different words).
 */
export async function validateModel(data: unknown): Promise<ModelProblem[]> {
  const seen = new Set<string>();
  const schema: ModelProblem[] = [];
  for (const e of (await schemaCheck())(data)) {
    const p = fromSchema(e);
    if (p && !seen.has(`${p.path}\u0000${p.message}`)) {
      seen.add(`${p.path}\u0000${p.message}`);
      schema.push(p);
    }
  }
  const flagged = new Set(schema.map((p) => item(p.path)));
  const loader = modelErrors(data as NetworkDescription)
    .filter((e) => !flagged.has(item(e.path)))
    .map((e): ModelProblem => ({ path: e.path, message: e.message.slice(e.path ? e.path.length + 2 : 0), source: 'loader' }));
  return [...schema, ...loader];
}
