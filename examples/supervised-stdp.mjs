// Supervised learning with symmetric STDP and an adaptive threshold, after Hao, Huang, Feng,
// Zeng & Zhang (2020), Neural Networks 121:387, on ten classes of Poisson spike templates:
// each class is a set of inputs that fire fast while the others idle, and each sample draws new
// Poisson spikes from its class's template (every presentation is a new jittered train). During
// training a teacher current drives the output neuron of the sample's class; the plastic
// synapses (a synapse model written as equations) potentiate for pre and post spikes close in
// time in either order and depress a little on every presynaptic spike, so each output neuron
// comes to listen to its class's inputs. Output neurons inhibit each other, and their thresholds
// rise with their own firing. After training the learning signal (a modulator) is switched off
// and held-out samples are classified by the output neuron that fires most.
//
//   node examples/supervised-stdp.mjs [seed]   (after npm run build)

import { mulberry32 } from './seeded-random.mjs';

const CLASSES = 10;
const INPUTS = 200;
/** Inputs each class's template makes fire fast, and the rates (Hz). */
const ACTIVE = 40;
const [FAST, SLOW] = [30, 5];
/** Presentation and rest per sample (s), samples per class. */
const [SHOW, REST] = [0.2, 0.05];
const [TRAIN, TEST] = [12, 10];

/** The classes' rate templates: `ACTIVE` distinct inputs each (classes may share inputs). */
function templates(uniform) {
  return Array.from({ length: CLASSES }, () => {
    const rates = new Float64Array(INPUTS).fill(SLOW);
    const order = Array.from({ length: INPUTS }, (_, i) => i).sort(() => uniform() - 0.5);
    for (const i of order.slice(0, ACTIVE)) rates[i] = FAST;
    return rates;
  });
}

/** Each class `count` times, shuffled. */
function schedule(uniform, count) {
  const labels = Array.from({ length: CLASSES * count }, (_, k) => k % CLASSES);
  for (let k = labels.length - 1; k > 0; k--) {
    const j = Math.floor(uniform() * (k + 1));
    [labels[k], labels[j]] = [labels[j], labels[k]];
  }
  return labels;
}

/**
 * Trains and tests on a simulator; returns the held-out accuracy, the confusion counts and the
 * mean weight of each output neuron's own-class and other inputs. `learn: false` keeps the
 * learning signal off throughout (the control: the same network, teacher and test, untrained).
 * @param {import('../dist/hosts/node.js').Simulator} sim
 */
export async function supervisedStdp(sim, seed = 1, { learn = true } = {}) {
  const uniform = mulberry32(seed); // templates and sample order follow the seed
  const rates = templates(uniform);
  const train = schedule(uniform, TRAIN);
  const test = schedule(uniform, TEST);
  const period = SHOW + REST;

  const net = sim.network({ dt: 1e-4, seed });
  // Learning on (1) during training; switched off (0) for the test. It keeps its value.
  net.modulator('learn', { tau: 1e9, initial: learn ? 1 : 0, baseline: learn ? 1 : 0 });
  const inputs = net.population(INPUTS, 'poisson', { rate: 0 }, undefined, 'inputs');
  const out = net.population(CLASSES, {
    name: 'out',
    equations: `dv/dt = (vRest - v + ge - gi + R * I_input) / tau : volt (unless refractory)
                dge/dt = -ge / (5*ms) : volt
                dgi/dt = -gi / (10*ms) : volt
                dtheta/dt = -theta / tauTheta : volt
                I_input : amp`,
    threshold: 'v > vThresh + theta',
    reset: `v = vReset
            theta += dTheta`,
    refractory: '2 ms',
    params: { vRest: '-65 mV', vReset: '-65 mV', vThresh: '-52 mV', tau: '20 ms', R: '100 Mohm', tauTheta: '2 s', dTheta: '0.05 mV' },
  }, { v: '-65 mV' });
  const plastic = net.connect(inputs, out, {
    name: 'learned',
    synapse: {
      model: `w : volt
              dapre/dt = -apre / tauPair : 1 (event-driven)
              dapost/dt = -apost / tauPair : 1 (event-driven)`,
      // Symmetric STDP: a pair potentiates in either order; each presynaptic spike also depresses by eta * alpha.
      onPre: `ge += w
              apre += 1
              w = clip(w + learn * eta * (apost - alpha), 0*mV, wMax)`,
      onPost: `apost += 1
               w = clip(w + learn * eta * apre, 0*mV, wMax)`,
      params: { tauPair: '20 ms', eta: '0.04 mV', alpha: 0.4, wMax: '4 mV' },
    },
    init: { w: { uniform: ['0 mV', '0.4 mV'] } },
    rule: 'all_to_all',
  });
  net.connect(out, out, { synapse: { onPre: 'gi += w' }, weight: '8 mV', rule: { type: 'all_to_all', autapses: false } });
  // The teacher: a current into the output neuron of each training sample's class while it is shown.
  for (let c = 0; c < CLASSES; c++) {
    const times = [];
    const amplitudes = [];
    train.forEach((label, k) => {
      if (label !== c) return;
      times.push(k * period, k * period + SHOW);
      amplitudes.push(0.25e-9, 0);
    });
    net.currentStep(out.slice(c, c + 1), times, amplitudes);
  }
  const spikes = net.monitorSpikes(out);

  const present = async (label) => {
    await inputs.setRates(rates[label]);
    await net.run(SHOW);
    await inputs.setRates(0);
    await net.run(REST);
  };
  for (const label of train) await present(label);
  if (learn) await net.modulate('learn', -1);
  const confusion = Array.from({ length: CLASSES }, () => new Array(CLASSES).fill(0));
  let correct = 0;
  for (const label of test) {
    spikes.clear();
    await present(label);
    const counts = new Array(CLASSES).fill(0);
    for (const i of spikes.read().neurons) counts[i]++;
    const best = Math.max(...counts);
    // A tie or silence counts as wrong.
    const winners = counts.flatMap((n, i) => (n === best ? [i] : []));
    const guess = best > 0 && winners.length === 1 ? winners[0] : -1;
    if (guess === label) correct++;
    if (guess >= 0) confusion[label][guess]++;
  }
  const table = await plastic.weights();
  const own = [];
  const other = [];
  for (let s = 0; s < table.weight.length; s++) (rates[table.post[s]][table.pre[s]] === FAST ? own : other).push(table.weight[s]);
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { accuracy: correct / test.length, confusion, ownWeight: mean(own), otherWeight: mean(other) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { createSimulator } = await import('../dist/hosts/node.js');
  const seed = Number(process.argv[2] ?? 1);
  const started = performance.now();
  const result = await supervisedStdp(await createSimulator(), seed);
  console.log(JSON.stringify({ seed, ...result, confusion: undefined, wallSeconds: (performance.now() - started) / 1000 }));
}
