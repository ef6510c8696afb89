// The sequence-memory network of docs/sequence-memory.md (Bouhadjar et al. 2022) as one model
// description, its training schedule and its prediction-error measurement, shared by the example
// script, the model file (written from here) and tests/dendrites/sequence-learning.test.ts.
// Imports nothing of Node's, so a browser page could run it too.
import permanence from './permanence-synapse.json' with { type: 'json' };

export const ELEMENTS = ['A', 'B', 'C', 'D', 'X', 'Y'];
export const SEQUENCES = [['A', 'B', 'C', 'D'], ['X', 'B', 'C', 'Y']];

/** The registered protocol's settings (docs/sequence-memory.md, "Protocol"). */
export const DEFAULTS = {
  seed: 1,
  episodes: 60,
  cellsPerColumn: 150,
  /** Cells that should carry an element in context; a column is predicted with rho / 2 plateaus. */
  rho: 20,
  /** E->E potential in-degree as a fraction of all E cells. */
  connectivity: 0.2,
  dt: 1e-4,
  /** Between elements, and from a sequence's last element to the next sequence's first (s). */
  elementInterval: 0.04,
  sequenceInterval: 0.1,
  /** Prediction is read this long before an element's input spike (s). */
  readAhead: 0.001,
  /** With a number of steps, a state monitor 'plateaus' samples every E cell's Idend that often. */
  plateauMonitorEvery: undefined,
};

/** Input spike times (s) of every element presentation: sequences in order, episode after episode. */
export function schedule(settings) {
  const { episodes, elementInterval, sequenceInterval } = { ...DEFAULTS, ...settings };
  const sequenceLength = (SEQUENCES[0].length - 1) * elementInterval + sequenceInterval;
  const presentations = [];
  let t = 0.01; // a quiet start, so the first input meets cells at rest
  for (let episode = 0; episode < episodes; episode++) {
    SEQUENCES.forEach((sequence, s) => {
      sequence.forEach((element, k) => presentations.push({ episode, sequence: s, position: k, element, time: round(t + k * elementInterval) }));
      t += sequenceLength;
    });
  }
  return { presentations, duration: round(t) };
}

/** Times rounded to 1e-9 s, so the model file holds 0.05, not 0.05000000000000001. */
const round = (t) => Math.round(t * 1e9) / 1e9;

/** The whole network as a model description (docs/model-format.md). */
export function sequenceMemoryModel(settings = {}) {
  const o = { ...DEFAULTS, ...settings };
  const M = ELEMENTS.length;
  const nE = M * o.cellsPerColumn;
  const { presentations, duration } = schedule(o);
  const spikeTimes = ELEMENTS.map((element) => presentations.filter((p) => p.element === element).map((p) => p.time));
  const column = (population, k, size) => ({ population, start: k * size, stop: (k + 1) * size });
  const perColumn = (make) => ELEMENTS.map((element, k) => make(element, k));
  return {
    $schema: '../../docs/model.schema.json',
    format: 'spikewasm-model',
    version: 1,
    description: `Sequence memory (docs/sequence-memory.md; Bouhadjar et al. 2022): ${M} columns (${ELEMENTS.join(', ')}) of ${o.cellsPerColumn} excitatory cells with a dendritic segment and one inhibitory cell each; permanence learning on E->E; trained on ${SEQUENCES.map((s) => s.join('-')).join(' and ')} for ${o.episodes} episodes. Written by examples/sequence-memory/sequence-memory.mjs --write-model.`,
    dt: o.dt,
    seed: o.seed,
    duration,
    populations: [
      { name: 'input', size: M, model: 'spike_source', params: { spikeTimes } },
      {
        name: 'E',
        size: nE,
        model: {
          equations: [
            'dv/dt = (-v + R * (Iex + Idend - Iinh)) / tau_m : volt',
            'dIex/dt = -Iex / tau_ex : amp',
            'dIinh/dt = -Iinh / tau_inh : amp',
            'dz/dt = -z / tau_h : 1',
            'Idend : amp',
          ].join('\n'),
          threshold: 'v > 20 * mV',
          reset: 'v = 0 * mV',
          refractory: '10 ms',
        },
        params: { R: '40 Mohm', tau_m: '10 ms', tau_ex: '2 ms', tau_inh: '1 ms', tau_h: '440 ms' },
        // theta: the paper's dAP threshold over its largest EE weight, 59 pA / 12.98 pA.
        dendrites: { segments: ['dendrite'], theta: 4.55, tau: '5 ms', plateau: { duration: '60 ms', current: 'Idend', amplitude: '200 pA' }, trace: 'z' },
      },
      {
        name: 'I',
        size: M,
        model: {
          equations: 'dv/dt = (-v + R * Iexc) / tau_m : volt\ndIexc/dt = -Iexc / tau_syn : amp',
          threshold: 'v > 15 * mV',
          reset: 'v = 0 * mV',
          refractory: '2 ms',
        },
        params: { R: '20 Mohm', tau_m: '5 ms', tau_syn: '0.5 ms' },
      },
    ],
    projections: [
      ...perColumn((element, k) => ({
        name: `input ${element}`, pre: { population: 'input', start: k, stop: k + 1 }, post: column('E', k, o.cellsPerColumn),
        synapse: { onPre: 'Iex += w' }, weight: '4112.2 pA', delay: '0.1 ms', rule: 'all_to_all',
      })),
      ...perColumn((element, k) => ({
        name: `E->I ${element}`, pre: column('E', k, o.cellsPerColumn), post: column('I', k, 1),
        synapse: { onPre: 'Iexc += w' }, weight: '581.19 pA', delay: '0.1 ms', rule: 'all_to_all',
      })),
      ...perColumn((element, k) => ({
        name: `I->E ${element}`, pre: column('I', k, 1), post: column('E', k, o.cellsPerColumn),
        synapse: { onPre: 'Iinh += w' }, weight: '12915.5 pA', delay: '0.1 ms', rule: 'all_to_all',
      })),
      {
        name: 'EE', pre: { population: 'E' }, post: { population: 'E' },
        synapse: permanence.synapse,
        init: { p: { uniform: [0, 8] }, w: 1 },
        delay: '2 ms',
        rule: { type: 'fixed_indegree', k: Math.round(o.connectivity * nE), autapses: false },
      },
    ],
    monitors: [
      { name: 'E spikes', type: 'spikes', population: 'E' },
      { name: 'I spikes', type: 'spikes', population: 'I' },
      ...(o.plateauMonitorEvery ? [{ name: 'plateaus', type: 'state', population: 'E', variables: ['Idend'], every: o.plateauMonitorEvery }] : []),
    ],
  };
}

/**
 * Predicted columns from the cells' dendritic currents: those with at least rho / 2 cells in a
 * plateau (Idend > 0).
 */
export function predictedColumns(idend, settings = {}) {
  const { cellsPerColumn, rho } = { ...DEFAULTS, ...settings };
  const predicted = [];
  ELEMENTS.forEach((element, k) => {
    let count = 0;
    for (let i = k * cellsPerColumn; i < (k + 1) * cellsPerColumn; i++) if (idend[i] > 0) count++;
    if (count >= rho / 2) predicted.push(element);
  });
  return predicted;
}

/** An element's error: false positives plus false negatives over the one target column, at most 1. */
export function predictionError(predicted, target) {
  const wrong = predicted.filter((e) => e !== target).length + (predicted.includes(target) ? 0 : 1);
  return Math.min(1, wrong);
}

/**
 * Trains a loaded network (`sim.load(sequenceMemoryModel(settings))`) through its schedule,
 * reading the predicted columns just before each element after a sequence's first. Returns each
 * episode's mean error and, per sequence, the columns predicted before each scored element.
 * @param {import('../../dist/hosts/node.js').Network} net
 */
export async function train(net, settings = {}) {
  const o = { ...DEFAULTS, ...settings };
  const E = net.getPopulation('E');
  const { presentations, duration } = schedule(o);
  const episodes = Array.from({ length: o.episodes }, () => ({ errors: [], predictions: SEQUENCES.map(() => []) }));
  for (const p of presentations) {
    if (p.position === 0) continue;
    await net.run(p.time - o.readAhead - net.time);
    const predicted = predictedColumns(await E.get('Idend'), o);
    const episode = episodes[p.episode];
    episode.errors.push(predictionError(predicted, p.element));
    episode.predictions[p.sequence].push({ target: p.element, predicted });
  }
  await net.run(duration - net.time);
  return episodes.map(({ errors, predictions }) => ({ error: errors.reduce((a, b) => a + b, 0) / errors.length, predictions }));
}

/** Mean error over consecutive blocks of `size` episodes. */
export function learningCurve(episodes, size = 5) {
  const blocks = [];
  for (let from = 0; from < episodes.length; from += size) {
    const block = episodes.slice(from, from + size);
    blocks.push({ episodes: [from + 1, from + block.length], error: block.reduce((a, e) => a + e.error, 0) / block.length });
  }
  return blocks;
}

/**
 * What the model file holds: the default network with a short training schedule, and the
 * plateaus sampled every millisecond (a model file cannot read them at chosen times, as train does).
 */
export const MODEL_FILE_SETTINGS = { seed: 1, episodes: 2, plateauMonitorEvery: 10 };
