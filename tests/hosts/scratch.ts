// The host tests run the packed package, as a user installs it: `npm pack` of the built
// repository, installed into a fresh scratch folder, with the probe fixtures beside it.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { importNIR } from '../../ts/nir/import.js';
import { fixture, spikeTimes, syntheticRaster } from '../nir/support.js';
import { astrocyteLiquid, bursting, couplings, learningDelays, segments } from '../support/networks.js';

const run = promisify(execFile);
export const repo = fileURLToPath(new URL('../..', import.meta.url));

export interface Case {
  name: string;
  description: unknown;
  duration: number;
  /** Base64 of the snapshot Node took half-way; every host restores it and runs to the end. */
  snapshot: string;
}

function example(name: string): { populations: { params: Record<string, unknown>; size: number }[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(repo, 'examples', name), 'utf8'));
}

/** Izhikevich (2003) Fig. 3 at a quarter of its size (200 E, 50 I), so its snapshot stays small. */
function smallIzhikevich() {
  const desc = example('izhikevich-2003.json');
  for (const p of desc.populations) {
    p.size /= 4;
    for (const [k, v] of Object.entries(p.params)) if (Array.isArray(v)) p.params[k] = v.slice(0, p.size);
  }
  return desc;
}

/**
 * Brian2's COBAHH written as equations (examples/cobahh.json) at a tenth of its size, driving an
 * escape-noise population (its threshold drawn from rand()): the updates are generated in each
 * host, and the random streams must agree.
 */
export function smallCobahh() {
  const desc = example('cobahh.json') as ReturnType<typeof example> & { populations: unknown[]; projections: unknown[] };
  const [ce, ci] = desc.projections as { pre: { start?: number; stop?: number } }[];
  (desc.populations[0] as { size: number }).size = 400;
  ce!.pre.stop = 320;
  ci!.pre.start = 320;
  desc.populations.push({
    name: 'escape', size: 50,
    model: {
      equations: `dv/dt = (vRest - v) / tau : volt
                  dI/dt = -I / (5*ms) : volt`,
      threshold: 'rand() < rho0 * exp((v + I - vT) / deltaU) * dt', reset: 'v = vRest', refractory: '2 ms',
    },
    params: { vRest: '-65 mV', tau: '10 ms', rho0: '100 Hz', vT: '-55 mV', deltaU: '2 mV' },
    init: { v: { uniform: ['-65 mV', '-55 mV'] } },
  });
  desc.projections.push({ pre: { population: 'P', stop: 320 }, post: { population: 'escape' }, synapse: { onPre: 'I += w' }, weight: '2 mV', rule: { p: 0.1 } });
  return desc;
}

/** The Braille network of the NIR paper as imported (tests/nir/braille.test.ts), on a fixed synthetic input. */
function importedBraille() {
  const dt = 1e-4;
  const input = spikeTimes(syntheticRaster(400, 12, 0.15, 7), dt);
  return importNIR(fixture('03_rnn_braille_noDelay_bias_zero.nir'), { preset: 'snntorch', reset: 'zero', dt, inputs: { input } }).model;
}

/** Cases with populations or synapses written as equations: workerd runs them ahead of time, the WASI command refuses them. */
export const EQUATION_CASES = [
  'COBAHH and escape noise written as equations, 100 ms', 'Song 2000 with its rule written as equations, 2 s',
  'Gap junctions and graded synapses between cells written as equations, 100 ms', 'Dendritic segments learning by the permanence rule, 300 ms',
  'Two-compartment cells learning by burst-dependent plasticity, 300 ms', 'A liquid whose STDP an astrocyte gates, 500 ms',
  "snnTorch's Braille network imported from NIR, 40 ms",
];

/** Whether a description has a population or a synapse model written as equations (the WASI command refuses those). */
export const writtenAsEquations = (description: unknown) => {
  const d = description as { populations: { model: unknown }[]; projections?: { synapse?: object }[] };
  return d.populations.some((p) => typeof p.model === 'object') || (d.projections ?? []).some((j) => j.synapse !== undefined && 'model' in j.synapse);
};

const networks: [string, unknown, number][] = [
  [EQUATION_CASES[0]!, smallCobahh(), 0.1],
  [EQUATION_CASES[1]!, example('stdp-song2000-equations.json'), 2],
  [EQUATION_CASES[2]!, couplings(), 0.1],
  [EQUATION_CASES[3]!, segments(example('sequence-memory/permanence-synapse.json').synapse as object), 0.3],
  [EQUATION_CASES[4]!, bursting(example('bursting/two-compartment-cell.json') as never, example('bursting/burst-plasticity-synapse.json').synapse as object), 0.3],
  [EQUATION_CASES[5]!, astrocyteLiquid(), 0.5],
  [EQUATION_CASES[6]!, importedBraille(), 0.04],
  ['CUBA 200 ms', example('cuba.json'), 0.2],
  ['CUBA 2 s', example('cuba.json'), 2],
  ['COBA 100 ms', example('coba.json'), 0.1],
  ['Izhikevich 2003, 250 neurons, 500 ms', smallIzhikevich(), 0.5],
  ['Izhikevich patterns (current steps), 200 ms', example('izhikevich-patterns.json'), 0.2],
  ['Song 2000 STDP, 2 s', example('stdp-song2000.json'), 2],
  ['Distal reward (dopamine-modulated STDP), 1 s', example('distal-reward.json'), 1],
  ['Delays and weights that learn, 1 s', learningDelays(), 1],
];

/** `npm pack` of the built repository, installed into a fresh scratch folder; returns the folder. */
export async function installedPackage(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'spikewasm-hosts-'));
  const packed = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repo });
  const tarball = (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'spikewasm-host-tests', private: true, type: 'module' }));
  await run('npm', ['install', '--no-audit', '--no-fund', `./${tarball}`], { cwd: dir });
  return dir;
}

/** Packs, installs and writes cases.json (Node's half-way snapshots); returns the scratch folder. */
export async function packedScratch(): Promise<string> {
  const dir = await installedPackage();
  cpSync(join(repo, 'tests/hosts/fixtures'), dir, { recursive: true });

  const sw = await import(pathToFileURL(join(dir, 'node_modules/spikewasm/dist/hosts/node.js')).href);
  const sim = await sw.createSimulator();
  const cases: Case[] = [];
  for (const [name, description, duration] of networks) {
    const net = sim.load(description, { keepRaster: true });
    await net.run(duration / 2);
    cases.push({ name, description, duration, snapshot: Buffer.from(await net.snapshot()).toString('base64') });
  }
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
  return dir;
}
