#!/usr/bin/env node
// The spikewasm command line: `spikewasm run <model.json> [--duration s] [--seed n] [--out file] [--backend b]`.
// Prints one JSON summary on stdout; a bad model file exits 1 with a message naming the field.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SpikewasmError } from '../ts/api/errors.js';
import { parseModel } from '../ts/io/model-file.js';
import { writeRecords } from '../ts/io/records.js';
import { runModel } from '../ts/io/run-model.js';
import { createSimulator } from './node.js';

const USAGE = 'usage: spikewasm run <model.json> [--duration <s>] [--seed <n>] [--out <file.json|file.csv>] [--backend auto|wasm|reference]';

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        duration: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        backend: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`spikewasm: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals[0] !== 'run' || positionals.length !== 2) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const file = positionals[1]!;
  const number = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const x = Number(text);
    if (text.trim() === '' || !Number.isFinite(x)) throw new SpikewasmError('E_PARAM', `--${name}`, `must be a number (got ${JSON.stringify(text)})`);
    return x;
  };
  try {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new SpikewasmError('E_FORMAT', file, `cannot read the model file: ${(e as Error).message}`);
    }
    const description = parseModel(text);
    const sim = await createSimulator({ backend: (values.backend ?? 'auto') as 'auto' });
    const result = await runModel(sim, description, { duration: number('duration', values.duration), seed: number('seed', values.seed) });
    if (values.out) await writeFile(values.out, await writeRecords(result, values.out));
    process.stdout.write(`${JSON.stringify(result.summary)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof SpikewasmError) {
      process.stderr.write(`spikewasm: ${e.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
