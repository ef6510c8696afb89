// The demo's examples: which model file each loads, what its sliders mean, and how a slider
// reaches the running network. The page builds its controls from this list; the worker
// prepares the network and applies slider values with it. Every change is applied live
// (net.step inputs, new weights or learning rates), so the network continues as it is.

import { parseConnectome } from '../dist/ts/connectome/formats.js';
import { connectomeDescription } from '../dist/ts/connectome/model.js';
import { COMMAND, TOUCHED } from '../examples/touch-withdrawal.mjs';
import { DEFAULTS, multiplexingModel } from '../examples/bursting/multiplexing-network.mjs';
import { DIRECTIONS, SIDE, motionModel, winner } from '../examples/motion-delays.mjs';

/**
 * @typedef {{ id: string, label: string, unit: string, min: number, max: number, step: number, value: number }} Control
 * @typedef {{
 *   title: string, about: string,
 *   file?: string,             // the model file prepare() reads (none: prepare() builds the network itself)
 *   text?: boolean,            // the file is read as text (a table), not as a model file
 *   traces?: { title: string, axis: string, range: [number, number], series: Record<string, number> }, // values to plot over time: the panel's heading, the y axis's title and range, each series' scale from what sample() returns (SI) to the plot's unit
 *   sample?: (net: any, result: any) => Promise<Record<string, number>>, // the traced values after a chunk (net.step's result)
 *   window: number,            // seconds of model time the raster and rate plot show
 *   bin: number,               // seconds per bin of the rate plot
 *   ratePopulations: string[], // the populations whose mean rate is measured and plotted (none: no raster)
 *   raster?: string[],         // the populations the raster shows (default: all; each one with a spike monitor must be among them)
 *   weights?: { projection: string, max: number, unit: string, scale: number },  // a plastic projection: histogram of its weights from 0 to max, shown in unit (scale: unit per weight)
 *   membrane?: string,         // the population whose neuron 0's membrane potential is traced at first ('every': one neuron of each; default none)
 *   delayMaps?: { projection: string, side: number, title: string, note: string, names: string[] }, // a projection whose delays learn, from a side x side field of inputs (pre neuron i at row floor(i / side), column i % side): one heat map of the delays per post neuron (names: their labels), under the heading title, with a note on how to read them
 *   phases?: () => { until: number, enter?: (net: any) => Promise<void> }[], // after prepare(): the run goes through these in order, each until its model time (s), enter() running as it begins, and stops at the last one's end
 *   progress?: (net: any, result?: any) => string, // a line on how the run is going, after the build and after each chunk (net.step's result)
 *   controls: Control[],
 *   prepare: (description: any) => any,
 *   apply: (net: any, values: Record<string, number>, changed: string[]) => Promise<object>,
 * }} Example
 */

const mV = 1e-3;

/** Spike monitors on every population: net.step returns the spikes of those that have one. */
function spikesOfAll(description) {
  return { ...description, monitors: description.populations.map((p) => ({ type: 'spikes', population: p.name })) };
}

/** @type {Record<string, Example>} */
export const examples = {
  cuba: {
    title: 'CUBA network (Brette et al. 2007)',
    file: '../examples/cuba.json',
    about: '4000 leaky integrate-and-fire neurons, 80 % excitatory, connected with probability 2 %: ' +
      'balanced excitation and inhibition give irregular firing at about 6 Hz.',
    window: 1,
    bin: 0.005,
    ratePopulations: ['P'],
    membrane: 'P',
    controls: [
      { id: 'we', label: 'excitatory weight', unit: '× 1.62 mV', min: 0, max: 2, step: 0.05, value: 1 },
      { id: 'wi', label: 'inhibitory weight', unit: '× −9 mV', min: 0, max: 2, step: 0.05, value: 1 },
      { id: 'drive', label: 'drive (extra input)', unit: 'mV', min: -2, max: 5, step: 0.1, value: 0 },
    ],
    prepare(description) {
      // A weight range of zero width gives every synapse its own weight, which setWeights can change.
      const d = spikesOfAll(description);
      d.projections = d.projections.map((p) => ({ ...p, weight: { uniform: [p.weight, p.weight] } }));
      return d;
    },
    async apply(net, values, changed) {
      if (changed.includes('we')) await net.getProjection('Ce').setWeights(1.62 * mV * values.we);
      if (changed.includes('wi')) await net.getProjection('Ci').setWeights(-9 * mV * values.wi);
      // rM is 1 ohm in this model: a current of x amperes pushes v towards vRest + x volts.
      return changed.includes('drive') ? { current: [{ target: net.getPopulation('P'), amplitude: values.drive * mV }] } : {};
    },
  },

  cobahh: {
    title: 'COBAHH: Hodgkin-Huxley neurons written as equations',
    file: '../examples/cobahh.json',
    about: "4000 Hodgkin-Huxley neurons with conductance synapses (Brette et al. 2007, benchmark 3), written as " +
      "Brian2's equations and compiled to WebAssembly in the browser: the membrane trace shows each action potential's shape. " +
      'It is the heaviest example: on most machines it runs slower than real time, as the speed readout says.',
    window: 0.5,
    bin: 0.005,
    ratePopulations: ['P'],
    membrane: 'P',
    controls: [
      { id: 'we', label: 'excitatory weight', unit: '× 6 nS', min: 0, max: 2, step: 0.05, value: 1 },
      { id: 'wi', label: 'inhibitory weight', unit: '× 67 nS', min: 0, max: 2, step: 0.05, value: 1 },
    ],
    prepare(description) {
      // As for CUBA: a weight range of zero width gives every synapse a weight setWeights can change.
      const d = spikesOfAll(description);
      d.projections = d.projections.map((p) => ({ ...p, weight: { uniform: [p.weight, p.weight] } }));
      return d;
    },
    async apply(net, values, changed) {
      if (changed.includes('we')) await net.getProjection('Ce').setWeights(6e-9 * values.we);
      if (changed.includes('wi')) await net.getProjection('Ci').setWeights(67e-9 * values.wi);
      return {};
    },
  },

  izhikevich: {
    title: 'Izhikevich (2003) firing patterns',
    file: '../examples/izhikevich-patterns.json',
    about: 'Four Izhikevich neurons with the same input current: regular spiking (RS) adapts, ' +
      'intrinsically bursting (IB) bursts once, chattering (CH) bursts repeatedly, fast spiking (FS) fires fast.',
    window: 0.5,
    bin: 0.01,
    ratePopulations: ['RS', 'IB', 'CH', 'FS'],
    membrane: 'every',
    controls: [
      { id: 'input', label: 'input current', unit: 'mV/ms', min: 0, max: 20, step: 0.5, value: 10 },
    ],
    prepare(description) {
      // The slider replaces the file's current step (10 mV/ms from 10 ms on).
      return { ...spikesOfAll(description), inputs: [] };
    },
    async apply(net, values, changed) {
      if (!changed.includes('input')) return {};
      return { current: ['RS', 'IB', 'CH', 'FS'].map((name) => ({ target: net.getPopulation(name), amplitude: values.input })) };
    },
  },

  stdp: {
    title: 'STDP learning (Song, Miller & Abbott 2000)',
    file: '../examples/stdp-song2000.json',
    about: '1000 Poisson inputs drive one neuron through synapses that learn by spike-timing-dependent ' +
      'plasticity: the weights spread towards 0 and the maximum, and the output rate falls.',
    window: 2,
    bin: 0.1,
    ratePopulations: ['neuron'],
    weights: { projection: 'stdp', max: 1e-10, unit: 'nS', scale: 1e9 },
    membrane: 'neuron',
    controls: [
      { id: 'rate', label: 'input rate', unit: 'Hz', min: 0, max: 40, step: 1, value: 15 },
      { id: 'learning', label: 'learning rate', unit: '× as published', min: 0, max: 5, step: 0.1, value: 1 },
    ],
    prepare: spikesOfAll,
    async apply(net, values, changed) {
      if (changed.includes('learning')) await net.getProjection('stdp').setLearningRate(values.learning);
      return changed.includes('rate') ? { rates: [{ target: net.getPopulation('input'), rate: values.rate }] } : {};
    },
  },

  touch: touchExample(),
  multiplexing: multiplexingExample(),
  motion: motionExample(),
};

/**
 * Delays that learn (docs/delay-learning.md), live: the network and stream of
 * examples/motion-delays.mjs (seed 1), trained and then tested as that script does, with the
 * delays of each output unit drawn as a map of the input field while they learn.
 */
function motionExample() {
  const SEED = 1;
  const ARROWS = { right: '→', left: '←', down: '↓', up: '↑' };
  const shown = (k) => `${DIRECTIONS[k]} ${ARROWS[DIRECTIONS[k]]}`;
  let model = null;
  /** Spike counts of the units in each presentation so far (by presentation, then unit). */
  let counts = [];
  let learning = 1; // the slider's value in force in training
  const trainSteps = (net) => Math.round(model.trainEnd / net.dt);
  return {
    title: 'Delays that learn: direction of motion (Grimaldi & Perrinet 2023)',
    about: 'Bars sweep a 16 × 16 field of spike sources in four directions, one position every 2 ms, as a noisy event stream. ' +
      'Four LIF units learn the delays of their 256 inputs: in training (48 presentations, to 4.8 s) a teacher spike makes the unit ' +
      "of the bar's direction fire 36 ms after onset, and each pairing moves a delay half-way toward making its input arrive then. " +
      "The maps start uniform (20 ms) and come to fall along each unit's direction, about 2 ms per position. Then the delays freeze, " +
      'the teacher stops, and 40 held-out presentations are named by the unit that fires most; the run stops at 8.8 s (Restart runs it ' +
      'again). The slider scales the delay learning in training only; at 0 the maps stay uniform and no unit fires in the test (the ' +
      'control). The stream and network of examples/motion-delays.mjs, seed 1.',
    window: 0.5,
    bin: 0.1,
    ratePopulations: ['units'],
    delayMaps: {
      projection: 'learned',
      side: SIDE,
      title: `Learned delays of each unit's ${SIDE * SIDE} inputs, each at its place in the ${SIDE} × ${SIDE} field`,
      note: "Lighter is longer: the inputs a bar moving in the unit's direction reaches first learn the longest delays, so that all of them arrive together.",
      names: DIRECTIONS.map((_, k) => `unit ${k}: ${shown(k)}`),
    },
    controls: [
      { id: 'learning', label: 'delay learning rate (training only)', unit: '× 0.5 of the timing error per pairing', min: 0, max: 2, step: 0.1, value: 1 },
    ],
    prepare() {
      model = motionModel(SEED);
      counts = [];
      learning = 1;
      return spikesOfAll(model.description);
    },
    phases() {
      return [
        { until: model.trainEnd },
        { until: model.end, enter: (net) => net.getProjection('learned').setLearningRate(0) },
      ];
    },
    async apply(net, values, changed) {
      // The held-out test runs with the delays frozen, whatever the slider says then.
      if (changed.includes('learning') && net.steps < trainSteps(net)) {
        learning = values.learning;
        await net.getProjection('learned').setLearningRate(learning);
      }
      return {};
    },
    progress(net, result) {
      const { steps, neurons } = result?.spikes.units ?? { steps: [], neurons: [] };
      for (let s = 0; s < steps.length; s++) (counts[model.presentationAt(steps[s])] ??= DIRECTIONS.map(() => 0))[neurons[s]]++;
      const [train, test] = [model.trainLabels.length, model.testLabels.length];
      // Presentations whose period has run to its end (at the end of the run, all: the last one's
      // spikes are long over when it stops), and the one running now.
      const over = net.steps >= Math.round(model.end / net.dt);
      const finished = over ? train + test : Math.max(0, Math.min(train + test, model.presentationAt(net.steps)));
      const now = Math.min(train + test - 1, Math.max(0, model.presentationAt(Math.max(0, net.steps - 1))));
      if (now < train) {
        const k = model.trainLabels[now];
        return `Training, presentation ${now + 1} of ${train}: bar moving ${shown(k)}; the teacher makes unit ${k} fire ${learning > 0 ? 'and the delays learn' : 'but the delays stay (learning rate 0)'}.`;
      }
      const tested = model.testLabels.slice(0, finished - train);
      const right = tested.filter((label, n) => winner(counts[train + n] ?? [0]) === label).length;
      const score = `${right} of ${tested.length} held-out presentations named correctly (by the unit that fires most; a tie or silence counts as wrong)`;
      if (finished === train + test) return `Test over: ${score}.`;
      return `Held-out test, presentation ${now - train + 1} of ${test} (bar moving ${shown(model.testLabels[now - train])}; teacher off, delays frozen): ${score} so far.`;
    },
  };
}

/**
 * Burst multiplexing (docs/bursting.md): two-compartment cells under background noise; one
 * slider drives the somas, the other the dendrites. The plot follows the population's event
 * rate and burst fraction, classified from the spikes as the cells classify them (16 ms), each
 * smoothed over 250 ms: the somatic current moves the event rate, the dendritic one the bursts.
 */
function multiplexingExample() {
  const CELLS = 1000;
  const SMOOTHING = 0.25; // s
  let classes = null;
  return {
    title: 'Burst multiplexing: two-compartment cells (Naud & Sprekeler 2018)',
    file: '../examples/bursting/two-compartment-cell.json',
    about: `${CELLS} two-compartment pyramidal cells (soma and apical dendrite; Naud & Sprekeler 2018) under background noise. ` +
      'Current into the somas changes how many events (single spikes or bursts) the population fires; current into the dendrites ' +
      'changes which of them are bursts. The plot reads both from the spikes: one population, two signals at once (docs/bursting.md).',
    window: 4,
    bin: 0.05,
    ratePopulations: ['cells'],
    raster: ['cells'],
    traces: { title: 'Event rate and burst fraction', axis: 'event rate (Hz), burst fraction (× 10)', range: [0, 10], series: { 'event rate (Hz)': 1, 'burst fraction (× 10)': 10 } },
    controls: [
      { id: 'soma', label: 'somatic current', unit: 'pA', min: -150, max: 250, step: 10, value: 0 },
      { id: 'dendrite', label: 'dendritic current', unit: 'pA', min: 0, max: 300, step: 10, value: 100 },
    ],
    prepare() {
      classes = { last: new Float64Array(CELLS).fill(-Infinity), spikes: new Uint8Array(CELLS), events: 0, bursts: 0 };
      // The network of examples/bursting/multiplexing-network.mjs, with the sliders instead of its signals.
      const description = multiplexingModel({ cells: CELLS });
      return { ...description, inputs: [], monitors: [{ type: 'spikes', population: 'cells' }] };
    },
    async apply(net, values) {
      const cells = net.getPopulation('cells');
      return { current: [{ target: cells, amplitude: values.soma * 1e-12 }, { target: cells, parameter: 'Id', amplitude: values.dendrite * 1e-12 }] };
    },
    async sample(net, result) {
      const { steps, neurons } = result.spikes.cells;
      const fade = Math.exp(-(result.steps * net.dt) / SMOOTHING);
      let events = 0;
      let bursts = 0;
      for (let s = 0; s < steps.length; s++) {
        const i = neurons[s];
        const t = steps[s] * net.dt;
        const opens = t - classes.last[i] > DEFAULTS.isiBurst;
        classes.spikes[i] = opens ? 1 : Math.min(classes.spikes[i] + 1, 3);
        if (opens) events++;
        if (classes.spikes[i] === 2) bursts++;
        classes.last[i] = t;
      }
      classes.events = classes.events * fade + events / (CELLS * SMOOTHING);
      classes.bursts = classes.bursts * fade + bursts / (CELLS * SMOOTHING);
      return { 'event rate (Hz)': classes.events, 'burst fraction (× 10)': classes.events > 0 ? classes.bursts / classes.events : 0 };
    },
  };
}

/**
 * The C. elegans touch circuit (examples/touch-withdrawal.mjs) live: the whole OpenWorm connectome,
 * passive neurons joined by gap junctions and graded synapses; the sliders inject current into
 * the head's or the tail's touch neurons and the plot follows the command interneurons.
 */
function touchExample() {
  /** @type {string[]} */
  let neurons = [];
  const index = (name) => neurons.indexOf(name);
  return {
    title: 'C. elegans touch circuit (connectome, gap junctions, graded synapses)',
    file: '../data/celegans/openworm_connectome_neurotransmitters.csv',
    text: true,
    about: 'The 299 neurons of the OpenWorm connectome (Varshney et al. 2011), passive, joined by 552 gap-junction ' +
      'pairs and 2279 graded chemical synapses (c302\'s parameters). Touching the head (ALML, ALMR, AVM) or the tail ' +
      '(PLML, PLMR) injects current; the plot shows the command interneurons. The worm backs up through AVA and AVD ' +
      'and moves forward through AVB and PVC (Chalfie et al. 1985); this wiring, signed by transmitter, does not show ' +
      'that, and above about 0.15 pA its excitation carries most neurons to near 0 mV, where they stay after the touch ' +
      '(docs/connectome.md).',
    window: 2,
    bin: 0.1,
    ratePopulations: [],
    traces: { title: 'Command interneurons (mean of the left and right cell)', axis: 'membrane potential (mV)', range: [-52, 2], series: Object.fromEntries(Object.keys(COMMAND).map((cell) => [cell, 1e3])) },
    controls: [
      { id: 'head', label: 'head touch (ALML, ALMR, AVM)', unit: 'pA', min: 0, max: 0.4, step: 0.01, value: 0.1 },
      { id: 'tail', label: 'tail touch (PLML, PLMR)', unit: 'pA', min: 0, max: 0.4, step: 0.01, value: 0 },
    ],
    prepare(text) {
      const connectome = parseConnectome('openworm', { name: 'openworm_connectome_neurotransmitters.csv', text });
      neurons = connectome.neurons;
      return { ...connectomeDescription(connectome), monitors: [] };
    },
    async apply(net, values) {
      const amplitude = new Float64Array(neurons.length);
      for (const name of TOUCHED.anterior) amplitude[index(name)] = values.head * 1e-12;
      for (const name of TOUCHED.posterior) amplitude[index(name)] = values.tail * 1e-12;
      return { current: [{ target: net.getPopulation('neurons'), amplitude }] };
    },
    /** Each command cell's potential (V; the mean of its left and right neuron) at the end of the chunk. */
    async sample(net) {
      const v = await net.getPopulation('neurons').get('v');
      return Object.fromEntries(Object.entries(COMMAND).map(([cell, names]) => [cell, names.reduce((sum, name) => sum + v[index(name)], 0) / names.length]));
    },
  };
}
