// Izhikevich (2007), figure 1: reward one chosen synapse, 1-3 s after each time its
// presynaptic neuron fires and its postsynaptic neuron follows within 10 ms, and watch it
// grow to the bound while the other synapses stay near their start.
//
//   node examples/distal-reward.mjs [seconds] [reward] [input rate Hz] [rewards]   (after npm run build)
// runs until `rewards` rewards have been given and 5 s more, within `seconds`.
import { readFileSync } from 'node:fs';

/**
 * Runs the closed loop on a simulator for `seconds` of model time (or, with `untilRewards`,
 * until that many rewards have been delivered and `settle` seconds more, within `seconds`) and
 * returns the chosen synapse's weight history (once a second) and the final weights of the EE
 * projection.
 * @param {import('../dist/hosts/node.js').Simulator} sim
 */
export async function distalReward(sim, seconds, { reward = 0.5, chunk = 0.1, inputRate, seed, untilRewards = Infinity, settle = 5 } = {}) {
  const desc = JSON.parse(readFileSync(new URL('./distal-reward.json', import.meta.url), 'utf8'));
  if (seed !== undefined) desc.seed = seed;
  if (inputRate !== undefined) desc.populations[0].params.rate = inputRate;
  const net = sim.load(desc);
  const ee = net.getProjection('EE');
  const dt = desc.dt;
  // The chosen synapse: the first one drawn (its pre and post are excitatory neurons).
  const table = await ee.weights();
  const chosen = { index: 0, pre: table.pre[0], post: table.post[0] };
  const window = Math.round(0.01 / dt);
  const steps = Math.round(chunk / dt);
  let lastPre = -Infinity;
  const pending = []; // steps at which a reward is due, ascending
  let rng = 12345; // the loop's own generator, so reward delays are reproducible
  const uniform = () => ((rng = (Math.imul(rng, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const history = [];
  let rewards = 0;
  let due = 0;
  let end = Math.round(seconds / chunk);
  for (let k = 0; k < end; k++) {
    // Rewards that fell due during the last chunk are delivered now (at most one chunk late).
    const { spikes, start } = await net.step(steps, due > 0 ? { modulators: { dopamine: due * reward } } : {});
    rewards += due;
    if (rewards >= untilRewards && end > k + settle / chunk) end = k + Math.round(settle / chunk);
    const { steps: at, neurons } = spikes.E;
    for (let n = 0; n < at.length; n++) {
      if (neurons[n] === chosen.pre) lastPre = at[n];
      else if (neurons[n] === chosen.post && at[n] > lastPre && at[n] - lastPre <= window) {
        pending.push(at[n] + Math.round((1 + 2 * uniform()) / dt));
        lastPre = -Infinity; // one reward per pairing
      }
    }
    due = 0;
    while (pending.length > 0 && pending[0] <= start + steps) {
      pending.shift();
      due++;
    }
    if ((k + 1) % Math.round(1 / chunk) === 0) history.push((await ee.weights()).weight[chosen.index]);
  }
  return { chosen, history, rewards, weights: (await ee.weights()).weight, rate: net.getMonitor('E rate').read() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { createSimulator } = await import('../dist/hosts/node.js');
  // The defaults are those of tests/published/distal-reward.test.ts: rewards of 3 (the paper's 0.5
  // needs an hour of model time) until 8 have been given, within 1500 s, seed 1.
  const seconds = Number(process.argv[2] ?? 1500);
  const reward = Number(process.argv[3] ?? 3);
  const inputRate = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
  const untilRewards = Number(process.argv[5] ?? 8);
  const started = performance.now();
  const { chosen, history, rewards, weights } = await distalReward(await createSimulator(), seconds, { reward, inputRate, untilRewards, seed: 1 });
  const others = Array.from(weights).filter((_, i) => i !== chosen.index).sort((a, b) => a - b);
  const mean = others.reduce((s, w) => s + w, 0) / others.length;
  console.log(JSON.stringify({
    modelSeconds: history.length, rewards, chosen: { pre: chosen.pre, post: chosen.post, start: 1, end: history.at(-1) },
    others: { count: others.length, mean, median: others[others.length >> 1], p99: others[Math.floor(others.length * 0.99)], aboveChosen: others.filter((w) => w >= history.at(-1)).length },
    wallSeconds: (performance.now() - started) / 1000,
  }));
}
