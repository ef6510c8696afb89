// Motion direction from learned delays, after Grimaldi & Perrinet (2023), Biological
// Cybernetics 117:373, on a synthetic event stream: a 16 x 16 field of inputs (spike sources)
// sees a bar cross it in one of four directions (a full column moving right or left, a full row
// moving down or up), one position every DELTA = 2 ms, so each pixel fires once per presentation
// at onset + position * DELTA (dt = 0.5 ms, 4 steps a position). The stream is noisy: each event
// moves by up to +-1 step (uniform), 10 % of the events are dropped, and 8 background events per
// presentation fall on random pixels at random times during the sweep. Presentations start
// PERIOD = 100 ms apart: the last arrival of one (sweep 30 ms + jitter + longest delay 40 ms) is
// more than the pairing window (25 ms) before the next one's teacher spike, and its teacher spike
// more than the window before the next one's first arrival, so nothing pairs across
// presentations. 12 training and 10 held-out test presentations per direction, in shuffled order,
// are different draws of one seeded stream (mulberry32, examples/seeded-random.mjs): the order,
// jitter, drops and background all follow the seed.
//
// The network: 4 LIF output units (one per direction; tau_m 5 ms, a delta receptor, 20 mV
// from rest to threshold), all-to-all from the 256 inputs with equal weights of 0.2 mV, so a unit
// fires only when about 100 of its inputs arrive within a few ms of each other. The input
// projection learns its delays (plasticity { rule: 'none', delays: { rate 0.5, window 25 ms,
// min 1 ms, max 40 ms } }, docs/delay-learning.md): every delay starts at 20 ms.
// Supervision is a teacher spike: during training, for a presentation of direction k, teacher
// neuron k (a spike source, one per unit, 40 mV onto its unit) makes unit k fire at T = 36 ms
// after onset, 6 ms after the sweep ends, so every target delay T - position * DELTA lies in
// [6 ms, 36 ms], inside the bounds. The other units stay silent: their inputs never coincide
// enough to reach threshold, and there is no teacher for them. The rule then pulls each of
// unit k's synapses toward arriving at T: delay(pixel) -> T - (position along direction k) * DELTA,
// a line of slope -DELTA per position. Only unit k's delays move on a presentation of direction
// k, since only it spikes. Background events bend the line a little (slopes come out near
// -1.95 ms): a pixel early in the sweep has a long delay, so a background event after its real
// one arrives after T and pairs as a late arrival, shortening it.
//
// After training the projection's learning rate is set to 0 (delays frozen) and the teacher
// has no more spikes; the held-out presentations are then classified by winner-take-all on the
// spike counts of the 4 units during each presentation's PERIOD: the unit with the most spikes
// is the answer, and a tie (silence included) counts as wrong. The control, `learn: false`, is
// the same network, stream, teacher and test with the learning rate 0 from the start, so the
// delays stay at their equal initial values: every unit then gets the same input, which never
// coincides enough to fire it, so every test presentation is a tie (0 %).
//
// Reported: the held-out accuracy, and for each unit the least-squares line of its learned
// delays (ms) against each pixel's position along the unit's preferred direction: R^2 and the
// slope (expected about -2 ms per position).
//
// motionModel builds the description (the whole stream in its spike sources) and motionDirections
// runs it; the live demo runs the same description chunk by chunk (demo/examples.mjs, `spikewasm demo`).
//
//   node examples/motion-delays.mjs [seed]   (after npm run build)

import { mulberry32 } from './seeded-random.mjs';

/** Field side, directions (unit k prefers DIRECTIONS[k]). */
export const SIDE = 16;
const PIXELS = SIDE * SIDE;
export const DIRECTIONS = ['right', 'left', 'down', 'up'];

const DT = 0.5e-3;
const ms = 1e-3;
/** Time between two positions of the bar, teacher time after onset, presentation period (s). */
const DELTA = 2 * ms;
const TEACH = 36 * ms;
const PERIOD = 100 * ms;
/** Delay bounds, initial delay, pairing window (s). */
const [D_MIN, D_MAX, D_INIT, WINDOW] = [1 * ms, 40 * ms, 20 * ms, 25 * ms];

/** Position (0..15) of pixel `i` along direction `k`: the step of the sweep at which the bar covers it. */
export function position(k, i) {
  const row = Math.floor(i / SIDE);
  const col = i % SIDE;
  return [col, SIDE - 1 - col, row, SIDE - 1 - row][k];
}

/** Each direction `count` times, shuffled. */
function schedule(uniform, count) {
  const labels = Array.from({ length: DIRECTIONS.length * count }, (_, k) => k % DIRECTIONS.length);
  for (let k = labels.length - 1; k > 0; k--) {
    const j = Math.floor(uniform() * (k + 1));
    [labels[k], labels[j]] = [labels[j], labels[k]];
  }
  return labels;
}

/**
 * The events (steps) of one presentation of direction `k` starting at step `onset`, added to
 * `steps[i]` (a Set per pixel, so two events of a pixel never share a step).
 */
function present(uniform, steps, k, onset, { jitter, drop, background }) {
  const delta = Math.round(DELTA / DT);
  for (let i = 0; i < PIXELS; i++) {
    const shift = Math.floor(uniform() * (2 * jitter + 1)) - jitter;
    if (uniform() < drop) continue;
    steps[i].add(onset + position(k, i) * delta + shift);
  }
  const sweep = (SIDE - 1) * delta;
  for (let b = 0; b < background; b++) {
    const i = Math.floor(uniform() * PIXELS);
    steps[i].add(onset + Math.floor(uniform() * (sweep + 1)));
  }
}

/** Least-squares line of y on x: slope and R^2. */
function fit(x, y) {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let s = 0; s < n; s++) {
    sxx += (x[s] - mx) ** 2;
    sxy += (x[s] - mx) * (y[s] - my);
    syy += (y[s] - my) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, r2: syy === 0 ? 0 : (sxy * sxy) / (sxx * syy) };
}

/**
 * The network and its event stream for `seed`: a model description (spike sources that hold the
 * whole stream, the training presentations and then the held-out ones) and what reading it
 * needs. `learn: false` is the control (learning rate 0 throughout); the other options set the
 * presentations per direction and the noise. Also used by the live demo (demo/examples.mjs).
 */
export function motionModel(seed = 1, options = {}) {
  const { learn = true, train = 12, test = 10, jitter = 1, drop = 0.1, background = 8 } = options;
  const noise = { jitter, drop, background };
  const uniform = mulberry32(seed);
  const trainLabels = schedule(uniform, train);
  const testLabels = schedule(uniform, test);
  const period = Math.round(PERIOD / DT);
  const lead = jitter + 1; // steps before the first onset, so a jittered event is never before 0
  const onset = (n) => lead + n * period;

  const inputSteps = Array.from({ length: PIXELS }, () => new Set());
  const teacherSteps = DIRECTIONS.map(() => []);
  const teach = Math.round(TEACH / DT);
  // Training presentations first, then the held-out ones, each from its own draws of the stream.
  trainLabels.forEach((k, n) => {
    present(uniform, inputSteps, k, onset(n), noise);
    // Sent 2 steps early: it arrives 1 step later (its delay) and the unit's spike shows the step after, at onset + T.
    teacherSteps[k].push(onset(n) + teach - 2);
  });
  testLabels.forEach((k, n) => present(uniform, inputSteps, k, onset(trainLabels.length + n), noise));
  const times = (steps) => [...steps].sort((a, b) => a - b).map((s) => s * DT);

  const description = {
    format: 'spikewasm-model',
    version: 2,
    dt: DT,
    seed,
    populations: [
      { name: 'inputs', size: PIXELS, model: 'spike_source', params: { spikeTimes: inputSteps.map(times) } },
      { name: 'teacher', size: DIRECTIONS.length, model: 'spike_source', params: { spikeTimes: teacherSteps.map(times) } },
      {
        name: 'units',
        size: DIRECTIONS.length,
        model: 'lif',
        params: { tauM: '5 ms', vRest: '-70 mV', vThresh: '-50 mV', vReset: '-70 mV', tRef: '2 ms', receptors: { d: { tau: 0 } } },
      },
    ],
    projections: [
      {
        name: 'learned',
        pre: { population: 'inputs' },
        post: { population: 'units' },
        receptor: 'd',
        rule: { type: 'all_to_all' },
        weight: '0.2 mV',
        delay: D_INIT,
        plasticity: { rule: 'none', learningRate: learn ? 1 : 0, delays: { rate: 0.5, window: WINDOW, min: D_MIN, max: D_MAX } },
      },
      { name: 'teaching', pre: { population: 'teacher' }, post: { population: 'units' }, receptor: 'd', rule: { type: 'one_to_one' }, weight: '40 mV', delay: DT },
    ],
    monitors: [{ name: 'unit spikes', type: 'spikes', population: 'units' }],
  };
  return {
    description,
    trainLabels,
    testLabels,
    /** Steps from one presentation's onset to the next. */
    period,
    /** The presentation (0: the first training one; the held-out ones follow the training ones) that step `step` belongs to. */
    presentationAt: (step) => Math.floor((step - lead) / period),
    /** Seconds: the end of the training stream (the teacher's last spike is before it), and of the held-out one. */
    trainEnd: trainLabels.length * period * DT,
    end: (trainLabels.length + testLabels.length) * period * DT,
  };
}

/** The unit that fired most in a presentation (winner-take-all on its spike counts), or -1 for a tie or silence. */
export function winner(counts) {
  const best = Math.max(...counts);
  const winners = counts.flatMap((c, k) => (c === best ? [k] : []));
  return best > 0 && winners.length === 1 ? winners[0] : -1;
}

/**
 * Trains on `train` presentations per direction and tests on `test` held-out ones. Returns the
 * held-out accuracy, the confusion counts (rows: true direction; a tie or silence is not
 * counted), the training spikes of each unit by direction shown (rows), and per unit the slope (ms per position) and R^2 of its delays against position
 * along its preferred direction. `learn: false` is the control (learning rate 0 throughout).
 * @param {import('../dist/hosts/node.js').Simulator} sim
 */
export async function motionDirections(sim, seed = 1, options = {}) {
  const { description, trainLabels, testLabels, presentationAt, trainEnd, end } = motionModel(seed, options);
  const net = sim.load(description);
  const learned = net.getProjection('learned');
  const spikes = net.getMonitor('unit spikes');

  /** Spike counts of the 4 units in each presentation of `labels`, the first of which is presentation `first`. */
  const countsOf = (labels, first) => {
    const counts = labels.map(() => new Array(DIRECTIONS.length).fill(0));
    const { steps, neurons } = spikes.read();
    for (let s = 0; s < steps.length; s++) {
      const n = presentationAt(steps[s]) - first;
      if (n >= 0 && n < labels.length) counts[n][neurons[s]]++;
    }
    return counts;
  };

  await net.run(trainEnd);
  // Training spikes, summed by direction shown (rows) and unit (columns): the teacher's unit only.
  const trainSpikes = DIRECTIONS.map(() => new Array(DIRECTIONS.length).fill(0));
  countsOf(trainLabels, 0).forEach((c, n) => c.forEach((x, k) => (trainSpikes[trainLabels[n]][k] += x)));
  await learned.setLearningRate(0);
  spikes.clear();
  await net.run(end - trainEnd);

  // Winner-take-all on each held-out presentation's spike counts.
  const counts = countsOf(testLabels, trainLabels.length);
  const confusion = DIRECTIONS.map(() => new Array(DIRECTIONS.length).fill(0));
  let correct = 0;
  testLabels.forEach((label, n) => {
    const guess = winner(counts[n]);
    if (guess === label) correct++;
    if (guess >= 0) confusion[label][guess]++;
  });

  // Each unit's delays against position along its own direction.
  const table = await learned.weights();
  const units = DIRECTIONS.map((direction, k) => {
    const x = [];
    const y = [];
    for (let s = 0; s < table.delay.length; s++) {
      if (table.post[s] !== k) continue;
      x.push(position(k, table.pre[s]));
      y.push(table.delay[s] / ms);
    }
    return { direction, ...fit(x, y) };
  });
  return { accuracy: correct / testLabels.length, confusion, trainSpikes, units };
}

// Run as a script (in Node; the demo page imports this module in the browser, where there is no process).
if (typeof process !== 'undefined' && import.meta.url === `file://${process.argv[1]}`) {
  const { createSimulator } = await import('../dist/hosts/node.js');
  const seed = Number(process.argv[2] ?? 1);
  const started = performance.now();
  const result = await motionDirections(await createSimulator(), seed);
  const control = await motionDirections(await createSimulator(), seed, { learn: false });
  console.log(JSON.stringify({ seed, accuracy: result.accuracy, control: control.accuracy, units: result.units, wallSeconds: (performance.now() - started) / 1000 }));
}
