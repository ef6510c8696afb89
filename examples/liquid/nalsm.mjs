// NALSM on a small scale (docs/liquid.md): for one seed, the unmodulated liquid and the
// astrocyte-modulated one from a sub- and a super-critical start; prints the branching ratios
// before and after learning, the rates and the readout's held-out accuracy as JSON.
//
//   node examples/liquid/nalsm.mjs [--seed N] [--mode static|astro|stdp --wEE A] [--set JSON]   (after npm run build)
//   --set overrides DEFAULTS, e.g. --set '{"wRef":2e-10,"astroInput":0.035}' or '{"bin":0.001,"kMax":40}'
import { branchingRatio, createSimulator } from '../../dist/hosts/node.js';
import { runLiquid, runSeed } from './liquid.mjs';

const arg = (name) => {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : undefined;
};
const seed = Number(arg('seed') ?? 1);
const set = arg('set') ? JSON.parse(arg('set')) : {};
const sim = await createSimulator();
const started = performance.now();
const result = arg('mode')
  ? await runLiquid(sim, branchingRatio, { ...set, seed, ...(arg('wEE') ? { wEE: Number(arg('wEE')) } : {}) }, arg('mode'))
  : await runSeed(sim, branchingRatio, seed, set);
console.log(JSON.stringify({ ...result, wallSeconds: (performance.now() - started) / 1000 }));
