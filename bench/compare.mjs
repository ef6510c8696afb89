// npm run bench:compare: the same workloads in spikewasm, Brian2 C++ standalone, a native C
// version (CUBA) and a plain JavaScript version (CUBA), runs alternating between programs,
// each run a fresh process. Prints one JSON line per run, then one per workload with the
// medians and the ratios spikewasm/other (< 1: spikewasm is faster).
// Options: --repeats N (default 3), --workloads a,b (default all), --programs a,b,
// --baseline <checkout> (another built checkout of spikewasm, run as the program
// spikewasm-baseline: the same workloads with an older build, alternating with this one)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { workloads } from './workloads.mjs';

const here = new URL('.', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    workloads: { type: 'string', default: Object.keys(workloads).join(',') },
    programs: { type: 'string' },
    baseline: { type: 'string' },
  },
});
const repeats = Number(values.repeats);
const chosen = values.workloads.split(',');
const programs = (values.programs ?? `spikewasm,${values.baseline ? 'spikewasm-baseline' : 'brian2,native-c,plain-js'}`).split(',');
const spikewasmRun = (dir, w) => [process.execPath, [`${dir}/bench/run-spikewasm.mjs`, '--model', w.model, '--neurons', String(w.neurons), '--duration', String(w.seconds)]];

/** Brian2 runs a workload written as equations as the workload it restates. */
const BRIAN2_WORKLOAD = { cuba_eq: 'cuba', cuba_stdp_eq: 'cuba_stdp' };

/** How each program runs a workload, or null when it does not implement it. */
const commands = {
  spikewasm: (w) => spikewasmRun(`${here}..`, w),
  'spikewasm-baseline': (w) => (values.baseline ? spikewasmRun(values.baseline, w) : null),
  // A workload written as equations runs against Brian2's writing of the same network.
  brian2: (w) => (['izhikevich', 'song', 'song_eq'].includes(w.model) ? null : ['python3', [`${here}brian2/bench.py`, '--workload', BRIAN2_WORKLOAD[w.model] ?? w.model, '--neurons', String(w.neurons), '--duration', String(w.seconds)]]),
  'native-c': (w) => (w.model === 'cuba' ? [`${here}native/cuba`, ['--neurons', String(w.neurons), '--duration', String(w.seconds)]] : null),
  'plain-js': (w) => (w.model === 'cuba' ? [process.execPath, [`${here}plainjs/cuba.mjs`, '--neurons', String(w.neurons), '--duration', String(w.seconds)]] : null),
};

function prepare() {
  if (programs.includes('native-c')) execFileSync('bash', [`${here}native/build.sh`], { stdio: 'inherit' });
  if (programs.includes('brian2')) execFileSync('bash', [`${here}brian2/install.sh`], { stdio: 'inherit' });
  if (!existsSync(`${here}../dist/spikewasm.wasm`)) throw new Error('run npm run build first');
  if (values.baseline && !existsSync(`${values.baseline}/dist/spikewasm.wasm`)) throw new Error(`--baseline ${values.baseline}: build that checkout first`);
}

function runOnce(program, name, w) {
  const command = commands[program](w);
  if (!command) return null;
  const started = performance.now();
  const result = spawnSync(command[0], command[1], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    console.error(`${program} ${name} failed:\n${result.stderr}`);
    return null;
  }
  const line = result.stdout.trim().split('\n').pop();
  const record = { ...JSON.parse(line), program, workloadName: name, processSeconds: wall };
  console.log(JSON.stringify(record));
  return record;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

prepare();
const results = {};
for (let r = 0; r < repeats; r++) {
  for (const name of chosen) {
    for (const program of programs) {
      const rec = runOnce(program, name, workloads[name]);
      if (rec) ((results[name] ??= {})[program] ??= []).push(rec);
    }
  }
}
for (const name of chosen) {
  const byProgram = results[name] ?? {};
  const summary = { summary: name, runs: repeats, medianRunSeconds: {}, medianProcessSeconds: {}, ratioRunSeconds: {}, medianRateHz: {} };
  for (const [program, recs] of Object.entries(byProgram)) {
    summary.medianRunSeconds[program] = median(recs.map((x) => x.runSeconds));
    summary.medianProcessSeconds[program] = median(recs.map((x) => x.processSeconds));
    summary.medianRateHz[program] = median(recs.map((x) => x.meanRateHz));
  }
  const mine = summary.medianRunSeconds.spikewasm;
  for (const [program, t] of Object.entries(summary.medianRunSeconds)) {
    if (program !== 'spikewasm' && mine !== undefined) summary.ratioRunSeconds[`spikewasm/${program}`] = mine / t;
  }
  // Each program draws its own random network, so rates differ a little; a larger gap means
  // the programs are not simulating the same network and the ratios compare nothing.
  const rate = summary.medianRateHz.spikewasm;
  summary.ratesAgree = Object.values(summary.medianRateHz).every((r) => rate === undefined || Math.abs(r - rate) <= 0.15 * rate);
  if (!summary.ratesAgree) console.error(`${name}: mean rates differ by more than 15 % between programs: ${JSON.stringify(summary.medianRateHz)}`);
  console.log(JSON.stringify(summary));
}
