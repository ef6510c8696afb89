#!/usr/bin/env node
// The spikewasm command line: run, plot, info, validate, compile, connectome, import, export, demo. Arguments are parsed with
// node:util parseArgs (built in, enough for flat options). Bad input exits 1 with a message
// naming the field; a bad command line (an unknown command, option or file count) exits 2 with
// the usage; `spikewasm <command> --help` describes a command, `spikewasm --version` the package.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SpikewasmError, fail } from '../ts/errors.js';
import { modelInfo } from './cli/info.js';
import { connectome } from './cli/connectome.js';
import { importNir } from './cli/import-nir.js';
import { exportModel } from './cli/export.js';
import { parseModel } from '../ts/io/model-file.js';
import { kernelsModule } from '../ts/api/kernels.js';
import { plotSvg } from './cli/plot/figure.js';
import { checkRunRecord } from './cli/run-record.js';
import { csvRunRecord } from './cli/csv-record.js';
import { svgToPng } from './cli/png.js';
import { writeRecords } from './cli/records.js';
import { pythonResults } from './cli/python-results.js';
import { runModel } from './cli/run-model.js';
import { formatInfo } from './cli/format-info.js';
import { ProgressLine } from './cli/progress.js';
import { modelWarnings, validateModel } from './cli/validate.js';
import { createSimulator } from './node.js';
import { demo, DEFAULT_PORT } from './cli/demo.js';

type Values = Record<string, string | boolean | undefined>;

interface Command {
  usage: string;
  /** What the command does, for its --help. */
  about: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** One line per option, for its --help. */
  optionHelp: Record<string, string>;
  /** Files the command takes (default 1). */
  files?: number;
  action(file: string, values: Values): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  run: {
    usage: 'spikewasm run <model.json> [--duration <s>] [--seed <n>] [--out <file.json|file.csv|file.npz|file.h5>] [--backend auto|wasm|webgpu|reference] [--json]',
    about: "Runs a model file and prints a JSON summary (spikes, mean rate, synaptic events, timings, raster hash).",
    options: { duration: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string' }, json: { type: 'boolean' } },
    optionHelp: { duration: 'model seconds to run (default: the duration in the file)', seed: 'a new seed for the random numbers of the network', out: 'write every recorded spike, state and weight to a .json, .csv, .npz (NumPy) or .h5 (HDF5) file', backend: 'auto (default), wasm, webgpu or reference', json: 'print the summary alone, without a progress line' },
    action: run,
  },
  plot: {
    usage: 'spikewasm plot <run.json|run.csv> --out <figure.svg|figure.png> [--from <s>] [--to <s>] [--size <w>x<h>] [--populations <a,b>] [--neurons <i,j>] [--variables <v,u>] [--bin <s>] [--max-points <n>] [--isi-bins <n>]',
    about: "Draws a run record (run --out run.json or run.csv) as an SVG or PNG: raster, a rate panel per population, state traces, weights, ISI histogram.",
    options: {
      out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, size: { type: 'string' }, populations: { type: 'string' }, neurons: { type: 'string' },
      variables: { type: 'string' }, bin: { type: 'string' }, 'max-points': { type: 'string' }, 'isi-bins': { type: 'string' },
    },
    optionHelp: {
      out: 'the .svg or .png file to write (required)', from: 'start of the window shown, in seconds (default 0)', to: 'end of the window shown, in seconds (default: the end of the run)',
      size: 'figure size in pixels, WIDTHxHEIGHT or WIDTH (default 1000 wide, as tall as the panels need)', populations: 'comma-separated populations that get a rate panel (default: the first 12)',
      neurons: 'comma-separated neuron indices (within their population) whose state monitor traces are drawn (default: the first 5 sampled)', variables: 'comma-separated state variables to draw (default: all sampled)',
      bin: 'rate bin in seconds (default: about 20 spikes a bin)', 'max-points': 'above this many spikes, count them into a density grid', 'isi-bins': 'bins of the ISI histogram',
    },
    action: plot,
  },
  info: {
    usage: 'spikewasm info <model.json> [--json]',
    about: "Describes a model file without running it: populations, synapses expected, memory the built network takes.",
    options: { json: { type: 'boolean' } },
    optionHelp: { json: 'print the facts as JSON' },
    action: info,
  },
  validate: {
    usage: 'spikewasm validate <model.json> [--json]',
    about: "Checks a model file against the schema and the loader; exits 1 listing every problem, and warns of values that look like a unit mistake (a tauM of 20 s).",
    options: { json: { type: 'boolean' } },
    optionHelp: { json: 'print { valid, problems } as JSON' },
    action: validate,
  },
  compile: {
    usage: 'spikewasm compile <model.json> --out <model-kernels.wasm>',
    about: "Writes a model's equation programs as one WebAssembly module, for hosts that compile nothing at run time (workerd).",
    options: { out: { type: 'string' } },
    optionHelp: { out: 'the .wasm file to write (required)' },
    action: compile,
  },
  connectome: {
    usage: 'spikewasm connectome <table.csv> --format openworm|cook2019|white1986 --out <model.json> [--muscle-table <csv>] [--muscles] [--g-gap <S>] [--g-syn <S>]',
    about: "Turns a C. elegans connectome table into a model file of passive neurons joined by gap junctions and graded synapses (docs/connectome.md).",
    options: { format: { type: 'string' }, out: { type: 'string' }, 'muscle-table': { type: 'string' }, muscles: { type: 'boolean' }, 'g-gap': { type: 'string' }, 'g-syn': { type: 'string' } },
    optionHelp: { format: 'openworm, cook2019 or white1986 (required)', out: 'the model .json file to write (required)', 'muscle-table': 'a neuromuscular table to add', muscles: 'include the muscle cells', 'g-gap': 'gap-junction conductance per connection (S)', 'g-syn': 'graded-synapse conductance per connection (S)' },
    action: connectome,
  },
  import: {
    usage: 'spikewasm import <model.nir> --out <model.json> [--preset snntorch|norse|sinabs|rockpool|lava] [--dt <s>] [--spike held|dirac] [--reset zero|subtract] [--reset-latency 0|1] [--duration <s>]',
    about: "Turns a NIR file (snnTorch, Norse, Sinabs, Rockpool, Lava) into a model file, saying the synapses and memory it will take (docs/nir.md).",
    options: { out: { type: 'string' }, preset: { type: 'string' }, dt: { type: 'string' }, spike: { type: 'string' }, reset: { type: 'string' }, 'reset-latency': { type: 'string' }, duration: { type: 'string' } },
    optionHelp: { out: 'the model .json file to write (required)', preset: 'the exporter whose conventions the file follows', dt: 'the step in seconds (overrides the preset)', spike: 'an input of 1 is a current held for a step (held) or a Dirac (dirac)', reset: 'to v_reset (zero) or by subtracting the threshold', 'reset-latency': 'steps from a spike to its reset: 0 or 1', duration: "the model's run length in seconds" },
    action: importNir,
  },
  export: {
    usage: 'spikewasm export <model.json> --to nir|pynn --out <model.nir|model.py> [--outputs <population,...>] [--backend neuron|nest|brian2] [--connectors exact|rules]',
    about: "Writes a model file's network, its synapses drawn: as a NIR file for NIR's other tools and hardware, saying how to import it back (docs/nir.md), or as a standalone PyNN script with its data file, for NEURON, NEST or Brian2 on MPI (docs/scale-out.md).",
    options: { to: { type: 'string' }, out: { type: 'string' }, outputs: { type: 'string' }, backend: { type: 'string' }, connectors: { type: 'string' } },
    optionHelp: { to: 'the format: nir or pynn (required)', out: 'the .nir file or .py script to write (required); a script gets <name>-data.npz beside it', outputs: 'nir: the populations that become Output nodes (default: those no projection leaves)', backend: "pynn: the script's default simulator, neuron (default), nest or brian2", connectors: "pynn: exact (default: the synapses spikewasm drew, in the data file) or rules (PyNN's connectors draw their own)" },
    action: exportModel,
  },
  demo: {
    usage: 'spikewasm demo [--port <n>]',
    about: "Serves the live demo page from this package on 127.0.0.1 (offline, under a strict Content Security Policy) until Ctrl-C: networks running in a Web Worker, with sliders, a spike raster, rates and membrane traces.",
    options: { port: { type: 'string' } },
    optionHelp: { port: `the port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)` },
    files: 0,
    action: (_file, values) => demo(values),
  },
};

const USAGE = `usage: ${Object.values(COMMANDS).map((c) => c.usage).join('\n       ')}`;

async function run(file: string, values: Values): Promise<number> {
  // Before the run, so a long run does not end in a refused file name.
  if (typeof values.out === 'string' && !/\.(json|csv|npz|h5)$/.test(values.out)) {
    fail('E_PARAM', '--out', `must end in .json, .csv, .npz or .h5 (got ${JSON.stringify(values.out)})`);
  }
  const description = parseModel(await readText(file, 'model'));
  const sim = await createSimulator({ backend: (values.backend ?? 'auto') as 'auto' });
  // A progress line only for a person at a terminal: piped or --json, stdout holds the summary alone.
  const progress = !values.json && process.stdout.isTTY && process.stderr.isTTY ? new ProgressLine(process.stderr) : null;
  try {
    const result = await runModel(sim, description, {
      duration: number('duration', values.duration),
      seed: number('seed', values.seed),
      ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
    });
    progress?.done(); // before the summary, so it starts on a clean line
    if (typeof values.out === 'string') await writeText(values.out, /\.(npz|h5)$/.test(values.out) ? await pythonResults(result, values.out) : await writeRecords(result, values.out));
    process.stdout.write(`${JSON.stringify(result.summary)}\n`);
    return 0;
  } finally {
    progress?.done(); // also when the run failed
  }
}

async function plot(file: string, values: Values): Promise<number> {
  const out = values.out;
  if (typeof out !== 'string') return fail('E_PARAM', '--out', 'is required: the SVG or PNG file to write (e.g. --out raster.svg)');
  if (!out.endsWith('.svg') && !out.endsWith('.png')) fail('E_PARAM', '--out', `must end in .svg or .png (got ${JSON.stringify(out)})`);
  const text = await readText(file, 'run record');
  const record = file.endsWith('.csv') ? csvRunRecord(text, file) : checkRunRecord(parseJson(text, file));
  const maxPoints = number('max-points', values['max-points']);
  const size = typeof values.size === 'string' ? /^(\d+)(?:x(\d+))?$/.exec(values.size) : null;
  if (values.size !== undefined && size === null) fail('E_PARAM', '--size', `must be WIDTHxHEIGHT or WIDTH in pixels, such as 1200x900 (got ${JSON.stringify(values.size)})`);
  const figure = plotSvg(record, {
    bin: number('bin', values.bin), maxPoints, isiBins: number('isi-bins', values['isi-bins']), from: number('from', values.from), to: number('to', values.to),
    ...(size ? { width: Number(size[1]), ...(size[2] ? { height: Number(size[2]) } : {}) } : {}),
    populations: list(values.populations), neurons: list(values.neurons)?.map((n) => number('neurons', n)!), variables: list(values.variables),
  });
  await writeText(out, out.endsWith('.png') ? await svgToPng(figure.svg) : figure.svg);
  process.stdout.write(`${out}: ${figure.spikes} spikes in ${figure.panels} panels${figure.dense ? ', the raster as a density grid' : ''}\n`);
  return 0;
}

/** A comma-separated option as its items; undefined when not given. */
function list(text: string | boolean | undefined): string[] | undefined {
  return typeof text === 'string' ? text.split(',').map((s) => s.trim()).filter((s) => s !== '') : undefined;
}

async function info(file: string, values: Values): Promise<number> {
  const facts = modelInfo(parseModel(await readText(file, 'model')));
  process.stdout.write(values.json ? `${JSON.stringify(facts)}\n` : formatInfo(file, facts));
  return 0;
}

async function validate(file: string, values: Values): Promise<number> {
  const data = parseJson(await readText(file, 'model'), file);
  const problems = validateModel(data);
  const warnings = modelWarnings(data);
  if (values.json) process.stdout.write(`${JSON.stringify({ valid: problems.length === 0, problems, warnings })}\n`);
  else if (problems.length === 0) {
    for (const w of warnings) process.stderr.write(`${file}: ${w.path}: warning: ${w.message}\n`);
    process.stdout.write(`${file}: valid${warnings.length > 0 ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})` : ''}\n`);
  }
  else {
    for (const p of problems) process.stderr.write(`${file}: ${p.path || '(top level)'}: ${p.message}\n`);
    process.stderr.write(`${problems.length} error${problems.length === 1 ? '' : 's'}\n`);
  }
  return problems.length === 0 ? 0 : 1;
}

/** The model's equation programs as one module, for hosts that only run WebAssembly compiled ahead of time. */
async function compile(file: string, values: Values): Promise<number> {
  const out = values.out;
  if (typeof out !== 'string') return fail('E_PARAM', '--out', 'is required: the .wasm file to write (e.g. --out model-kernels.wasm)');
  if (!out.endsWith('.wasm')) fail('E_PARAM', '--out', `must end in .wasm (got ${JSON.stringify(out)})`);
  const bytes = kernelsModule(parseModel(await readText(file, 'model')));
  const programs = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).length;
  if (programs === 0) fail('E_MODEL', file, 'writes nothing as equations: it runs without a kernels module');
  await writeText(out, bytes);
  process.stdout.write(`${out}: ${programs} program${programs === 1 ? '' : 's'}, ${bytes.length} bytes; load the model with { kernels } set to this module, compiled\n`);
  return 0;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    return fail('E_FORMAT', file, `cannot read the ${what} file: ${(e as Error).message}`);
  }
}

async function writeText(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFile(file, data);
  } catch (e) {
    fail('E_PARAM', '--out', `cannot write ${JSON.stringify(file)}: ${(e as Error).message}`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail('E_FORMAT', file, `not valid JSON: ${(e as Error).message}`);
  }
}

function number(name: string, text: string | boolean | undefined): number | undefined {
  if (text === undefined) return undefined;
  const x = Number(text);
  if (typeof text !== 'string' || text.trim() === '' || !Number.isFinite(x)) fail('E_PARAM', `--${name}`, `must be a number (got ${JSON.stringify(text)})`);
  return x;
}

/** A command's --help: its usage, what it does, and every option. */
function commandHelp(command: Command): string {
  const width = Math.max(...Object.keys(command.optionHelp).map((o) => o.length)) + 4;
  const lines = Object.entries(command.optionHelp).map(([o, text]) => `  --${o.padEnd(width - 2)}${text}`);
  return `usage: ${command.usage}\n\n${command.about}\n\noptions:\n${lines.join('\n')}\n  --${'help'.padEnd(width - 2)}this text\n`;
}

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<number> {
  const command = Object.hasOwn(COMMANDS, argv[0] ?? '') ? COMMANDS[argv[0]!] : undefined;
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(`${USAGE}\n\nspikewasm <command> --help describes a command and its options.\n`);
    return 0;
  }
  if (argv[0] === '--version' || argv[0] === 'version') {
    process.stdout.write(`spikewasm ${await version()}\n`);
    return 0;
  }
  if (!command) {
    const said = argv[0] === undefined ? 'a command is needed' : `unknown command ${JSON.stringify(argv[0])}`;
    process.stderr.write(`spikewasm: ${said} (commands: ${Object.keys(COMMANDS).join(', ')})\n${USAGE}\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv.slice(1), allowPositionals: true, options: { ...command.options, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    process.stderr.write(`spikewasm: ${(e as Error).message}\nusage: ${command.usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  const files = command.files ?? 1;
  if (positionals.length !== files) {
    const wanted = files === 0 ? 'takes no file' : 'takes one file';
    const said = positionals.length === 0 ? 'a file is needed' : `${argv[0]} ${wanted} (got ${positionals.map((p) => JSON.stringify(p)).join(', ')})`;
    process.stderr.write(`spikewasm: ${said}\nusage: ${command.usage}\n`);
    return 2;
  }
  try {
    return await command.action(positionals[0]!, values);
  } catch (e) {
    if (e instanceof SpikewasmError) {
      process.stderr.write(`spikewasm: ${e.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
