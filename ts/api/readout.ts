// Trained linear readouts of a network's activity (liquid state machines, Maass et al. 2002;
// NALSM, Ivanov & Michmizos 2021): after each trial the host records the spike counts of chosen
// populations over the last `window` seconds (optionally in `bins` consecutive bins, so the
// features say when as well as what), with the trial's label; train() fits a ridge regression
// from features to one-hot labels (ts/api/ridge.ts) on a seeded split and reports the accuracy
// of its argmax on the trials it was trained on and on those held out.
import { fail, shown } from '../errors.js';
import { checkInteger, checkNumber } from '../model/params.js';
import { checkOptions } from '../model/plain-data.js';
import { RandomStream } from '../model/random/stream.js';
import type { Monitor } from './handles.js';
import type { SpikeData } from './monitors.js';
import { applyRidge, fitRidge, type RidgeFit } from './ridge.js';

export type Label = string | number;

export interface ReadoutOptions {
  /** Seconds of model time before each record() whose spikes are counted. */
  window: number;
  /** Consecutive bins the window is cut into, each a feature per neuron (default 1). */
  bins?: number;
}

export interface TrainOptions {
  /** Ridge penalty (> 0; default 1). */
  lambda?: number;
  /** Fraction of the trials held out for testing (default 0.2; 0 trains on all). */
  testFraction?: number;
  /** Seed of the shuffle that splits the trials (default 1). */
  seed?: number;
}

export interface TrainedReadout {
  /** The labels seen, sorted; output k of the fit is class k. */
  classes: Label[];
  fit: RidgeFit;
  trainTrials: number;
  testTrials: number;
  trainAccuracy: number;
  /** NaN without held-out trials. */
  testAccuracy: number;
  /** The class whose output is largest for a feature vector (as record() returns them). */
  predict(features: ArrayLike<number>): Label;
}

export class Readout {
  private readonly rows: Float64Array[] = [];
  private readonly labels: Label[] = [];
  private readonly windowSteps: number;
  private readonly bins: number;
  /** Features per trial: neurons of every population, times bins. */
  readonly features: number;

  /** @internal Made by Network.readout, which declares the spike monitors it reads. */
  constructor(
    private readonly clock: { readonly time: number; readonly dt: number },
    private readonly monitors: { monitor: Monitor<SpikeData>; size: number }[],
    options: ReadoutOptions,
  ) {
    checkOptions('readout.options', options, ['window', 'bins']);
    const window = checkNumber('readout.window', options.window, 'positive');
    this.windowSteps = Math.round(window / clock.dt);
    if (this.windowSteps < 1) fail('E_PARAM', 'readout.window', `is shorter than one step (dt = ${clock.dt} s)`);
    this.bins = checkInteger('readout.bins', options.bins ?? 1, 1, this.windowSteps);
    if (this.windowSteps % this.bins !== 0) fail('E_PARAM', 'readout.bins', `must divide the window's ${this.windowSteps} steps`);
    this.features = monitors.reduce((n, m) => n + m.size, 0) * this.bins;
  }

  /** Trials recorded so far. */
  get trials(): number {
    return this.rows.length;
  }

  /**
   * Records the features of the last `window` seconds, up to the network's time now, with the
   * trial's label, and returns them: the spike count of each neuron (of the populations in
   * order) in each bin, neuron-major. Await the run before recording.
   */
  record(label: Label): Float64Array {
    if (!(typeof label === 'string' || (typeof label === 'number' && Number.isFinite(label)))) fail('E_PARAM', 'readout.record', `a label is a string or a finite number (got ${shown(label)})`);
    const stop = Math.round(this.clock.time / this.clock.dt);
    const start = stop - this.windowSteps;
    if (start < 0) fail('E_PARAM', 'readout.record', `the network has run ${stop} steps, fewer than the window's ${this.windowSteps}`);
    const binSteps = this.windowSteps / this.bins;
    const row = new Float64Array(this.features);
    let offset = 0;
    for (const { monitor, size } of this.monitors) {
      const { steps, neurons } = monitor.read();
      for (let s = 0; s < steps.length; s++) {
        const step = steps[s]!;
        if (step >= start && step < stop) row[(offset + neurons[s]!) * this.bins + Math.floor((step - start) / binSteps)]!++;
      }
      // Spikes before this window will never be counted again.
      monitor.clear();
      offset += size;
    }
    this.rows.push(row);
    this.labels.push(label);
    return Float64Array.from(row);
  }

  /**
   * Forgets the spikes recorded since the last record() (a probe or a learning phase the readout
   * does not read), so its monitors hold no more than one window's worth until the next record().
   */
  discard(): void {
    for (const { monitor } of this.monitors) monitor.clear();
  }

  /** Fits the readout on a seeded split of the trials recorded, and measures it. */
  train(options: TrainOptions = {}): TrainedReadout {
    checkOptions('readout.train', options, ['lambda', 'testFraction', 'seed']);
    const lambda = checkNumber('readout.train.lambda', options.lambda ?? 1, 'positive');
    const testFraction = checkNumber('readout.train.testFraction', options.testFraction ?? 0.2, 'nonnegative');
    if (testFraction >= 1) fail('E_PARAM', 'readout.train.testFraction', `must be below 1 (got ${testFraction})`);
    const seed = checkInteger('readout.train.seed', options.seed ?? 1, 0, 0xffffffff);
    const classes = [...new Set(this.labels)].sort((a, b) => (typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a === 'number' ? -1 : 1));
    if (classes.length < 2) fail('E_PARAM', 'readout.train', `needs trials of at least two labels (got ${classes.length})`);
    const order = shuffled(this.rows.length, seed);
    const testTrials = Math.floor(this.rows.length * testFraction);
    const [test, train] = [order.slice(0, testTrials), order.slice(testTrials)];
    if (train.length === 0) fail('E_PARAM', 'readout.train', 'no trial is left to train on');
    const X = new Float64Array(train.length * this.features);
    const Y = new Float64Array(train.length * classes.length);
    train.forEach((t, r) => {
      X.set(this.rows[t]!, r * this.features);
      Y[r * classes.length + classes.indexOf(this.labels[t]!)] = 1;
    });
    const fit = fitRidge(X, Y, train.length, lambda);
    const predict = (x: ArrayLike<number>): Label => {
      const out = applyRidge(fit, x);
      let best = 0;
      for (let k = 1; k < out.length; k++) if (out[k]! > out[best]!) best = k;
      return classes[best]!;
    };
    const accuracy = (trials: number[]) => trials.filter((t) => predict(this.rows[t]!) === this.labels[t]).length / trials.length;
    return { classes, fit, trainTrials: train.length, testTrials, trainAccuracy: accuracy(train), testAccuracy: testTrials > 0 ? accuracy(test) : NaN, predict };
  }
}

/** 0 .. n-1 in a seeded order (Fisher-Yates on the network's counter-based stream). */
function shuffled(n: number, seed: number): number[] {
  const random = new RandomStream([seed, 0x52454144], 0, 0);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
