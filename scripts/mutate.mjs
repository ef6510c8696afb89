#!/usr/bin/env node
// npm run mutate: plants realistic bugs one at a time and reports which the test suite catches.
// Each mutant changes every twin of the code it breaks (the wasm kernel, the TypeScript
// reference and the WGSL shader), so the bit-exact comparisons between twins cannot see it:
// only a test that compares with something independent can.
//
//   npm run mutate [-- --only name,name] [-- --tests tests/a.test.ts,tests/b.test.ts] [-- --keep] [-- --skip-baseline]
//
// First the tree as it is (the baseline): tests that fail there are not counted as catches.
//
// For each mutant: a copy of the working tree (node_modules linked, not copied), the edits
// applied (each `find` must occur exactly once, so a mutant that no longer matches the code
// fails loudly instead of planting nothing), `npm run build`, then vitest on every test file
// except the host tests (they compare hosts with each other). Prints one JSON line per mutant
// and a table; exits 1 if any mutant survived.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

/** The planted bugs: the table of the issue "Tests that would catch a wrong simulator", and more. */
export const MUTANTS = [
  {
    name: 'poisson-one-stream',
    what: 'all Poisson populations draw from one stream (identical trains)',
    edits: [
      ['assembly/neurons/sources.ts', 'streamWord(RNG_POISSON, word(rec, P_INDEX))', 'streamWord(RNG_POISSON, 0)'],
      ['ts/backends/reference/neurons/sources.ts', 'streamWord(abi.RNG_POISSON, i32[rec + abi.P_INDEX]!)', 'streamWord(abi.RNG_POISSON, 0)'],
      ['ts/backends/webgpu/shaders/neurons/poisson.wgsl', 'stream_word(u32(RNG_POISSON), img[rec + P_INDEX])', 'stream_word(u32(RNG_POISSON), 0u)'],
    ],
  },
  {
    name: 'raster-hash-big-endian',
    what: 'rasterHash writes steps big-endian (every published hash changes)',
    edits: [['ts/io/raster-hash.ts', 'bytes.setUint32(8 * k, steps[src]!, true);', 'bytes.setUint32(8 * k, steps[src]!, false);']],
  },
  {
    name: 'izhikevich-u-from-old-v',
    what: 'Izhikevich 2003 scheme: u updated from the old v',
    edits: [
      ['assembly/neurons/izhikevich.ts', 'uNew = u + h * (a * (b * vNew - u));', 'uNew = u + h * (a * (b * v - u));'],
      ['ts/backends/reference/neurons/izhikevich.ts', 'uNew = f(u + f(h * f(a * f(f(b * vNew) - u))));', 'uNew = f(u + f(h * f(a * f(f(b * v) - u))));'],
      ['ts/backends/webgpu/shaders/neurons/izhikevich.wgsl', 'uNew = u + h * (a * (b * vNew - u));', 'uNew = u + h * (a * (b * v - u));'],
    ],
  },
  {
    name: 'vogels-sprekeler-target-halved',
    what: 'Vogels-Sprekeler target rate halved',
    edits: [['ts/model/plasticity.ts', "const alpha = 2 * num('targetRate', 'nonnegative') * traceTau;", "const alpha = num('targetRate', 'nonnegative') * traceTau;"]],
  },
  {
    name: 'delta-during-refractoriness',
    what: 'lif: delta input no longer blocked during refractoriness',
    edits: [
      ['assembly/neurons/lif.ts', 'vNew = f32x4.add(vNew, v128.andnot(v128.load(slot), blocked));', 'vNew = f32x4.add(vNew, v128.load(slot));'],
      ['ts/backends/reference/neurons/lif.ts', 'vNew = f(vNew + (ref > 0 ? 0 : f32[slot]!));', 'vNew = f(vNew + f32[slot]!);'],
      ['ts/backends/webgpu/shaders/neurons/lif.wgsl', 'vNew = vNew + select(x, 0.0, countdown > 0);', 'vNew = vNew + x;'],
    ],
  },
  {
    name: 'connection-probability-1.1p',
    what: 'fixed_probability connects with probability 1.1 p',
    edits: [['ts/model/connectivity.ts', "const p = rule.type === 'all_to_all' ? 1 : rule.p;", "const p = rule.type === 'all_to_all' ? 1 : Math.min(1, 1.1 * rule.p);"]],
  },
  {
    name: 'refractory-one-step-longer',
    what: 'the refractory period is one step longer',
    edits: [['ts/model/neurons/model.ts', 'return Math.max(Math.round(tRef / dt) - 1, 0);', 'return Math.max(Math.round(tRef / dt), 0);']],
  },
  {
    name: 'spike-times-one-step-late',
    what: 'spike times stamped (step + 1) dt',
    edits: [['ts/api/monitors.ts', 'for (let k = 0; k < steps.length; k++) times[k] = steps[k]! * dt;', 'for (let k = 0; k < steps.length; k++) times[k] = (steps[k]! + 1) * dt;']],
  },
];

const { values } = parseArgs({
  options: { only: { type: 'string' }, tests: { type: 'string' }, keep: { type: 'boolean' }, 'skip-baseline': { type: 'boolean' } },
});
const repo = new URL('..', import.meta.url).pathname;
const chosen = values.only ? MUTANTS.filter((m) => values.only.split(',').includes(m.name)) : MUTANTS;
if (values.only && chosen.length !== values.only.split(',').length) throw new Error(`--only: unknown mutant in ${values.only} (have: ${MUTANTS.map((m) => m.name).join(', ')})`);

/** A copy of the working tree (tracked and untracked, not ignored) with node_modules linked. */
function copyTree() {
  const dir = mkdtempSync(join(tmpdir(), 'spikewasm-mutant-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repo, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    try {
      cpSync(join(repo, file), join(dir, file));
    } catch (e) {
      if (e.code !== 'ENOENT') throw e; // a tracked file deleted in the working tree
    }
  }
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function plant(dir, mutant) {
  for (const [file, find, replace] of mutant.edits) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const count = text.split(find).length - 1;
    if (count !== 1) throw new Error(`mutant ${mutant.name}: ${file} holds ${count} copies of ${JSON.stringify(find.slice(0, 60))}, expected 1 (update scripts/mutate.mjs)`);
    writeFileSync(path, text.replace(find, replace));
  }
}

function run(mutant) {
  const dir = copyTree();
  try {
    plant(dir, mutant);
    const build = spawnSync('npm', ['run', 'build'], { cwd: dir, encoding: 'utf8' });
    // A mutant that does not compile plants nothing: not a catch.
    if (build.status !== 0) return { caught: false, by: [], buildFailed: build.stderr.slice(-500) };
    const report = join(dir, 'vitest.json');
    const tests = values.tests ? values.tests.split(',') : [];
    spawnSync('npx', ['vitest', 'run', ...tests, '--exclude', 'tests/hosts/**', '--reporter=json', `--outputFile=${report}`], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' } });
    const result = JSON.parse(readFileSync(report, 'utf8'));
    const failed = result.testResults.flatMap((file) => {
      const name = file.name.slice(dir.length + 1);
      const tests = file.assertionResults.filter((t) => t.status === 'failed').map((t) => `${name} › ${t.fullName}`);
      return tests.length > 0 || file.status !== 'failed' ? tests : [`${name} (did not load)`];
    });
    return { caught: failed.length > 0, by: failed, passed: result.numPassedTests };
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

const baseline = values['skip-baseline'] ? { by: [] } : run({ name: 'baseline', edits: [] });
if (baseline.buildFailed || baseline.by.length > 0) console.error(`the unmutated tree fails: ${baseline.buildFailed ?? baseline.by.join('; ')}; those tests are not counted`);
const results = [];
for (const mutant of chosen) {
  const started = performance.now();
  const outcome = run(mutant);
  const by = outcome.by.filter((t) => !baseline.by.includes(t));
  const record = { mutant: mutant.name, what: mutant.what, ...outcome, by, caught: by.length > 0, seconds: Math.round((performance.now() - started) / 1000) };
  results.push(record);
  console.log(JSON.stringify(record));
}
console.log('\n| planted bug | caught | by (failing tests, first three) |\n|---|---|---|');
for (const r of results) console.log(`| ${r.what} | ${r.caught ? `yes (${r.by.length})` : '**no**'} | ${r.by.slice(0, 3).join('<br>')} |`);
process.exit(results.every((r) => r.caught) ? 0 : 1);
