// Segment false matches against the closed form of Ahmad & Hawkins (2016): a segment of s
// synapses drawn from n cells, shown a random pattern of a active cells, reaches theta active
// synapses with probability sum_{b >= theta} C(s, b) C(n - s, a - b) / C(n, a). Here n = 256,
// a = 32, s = 20, theta = 4..8 (one population per theta, 4 segments per neuron, each segment
// the synapses of its own fixed-indegree projection); every third step shows a fresh pattern,
// each segment's window is one step and its plateau one step, so each onset is one match. The
// count of onsets over segments and patterns must lie within 4 binomial standard deviations of
// the closed form, for every theta.
import { expect, it } from 'vitest';
import type { StateData } from '../../ts/api/monitors.js';
import { RandomStream } from '../../ts/model/random/stream.js';
import { backendsFor, describeBackends } from '../support/backends.js';

const [n, a, s] = [256, 32, 20];
const THETAS = [4, 5, 6, 7, 8];
const NEURONS = 128;
const SEGMENTS = 4;
const PATTERNS = 1000;
const SPACING = 3;
const dt = 1e-4;

function choose(m: number, k: number): bigint {
  if (k < 0 || k > m) return 0n;
  let r = 1n;
  for (let j = 1; j <= k; j++) r = (r * BigInt(m - k + j)) / BigInt(j);
  return r;
}

/** Ahmad & Hawkins (2016): the probability that a random a-of-n pattern overlaps s synapses in theta or more. */
export function falseMatchProbability(theta: number): number {
  let hits = 0n;
  for (let b = theta; b <= s; b++) hits += choose(s, b) * choose(n - s, a - b);
  // Scaled to keep 15 significant digits through the division.
  const scale = 10n ** 15n;
  return Number((hits * scale) / choose(n, a)) / 1e15;
}

/** For each of the n cells, the steps at which it is in the pattern shown (a drawn without replacement per pattern). */
function patternSpikes(): number[][] {
  const random = new RandomStream([22, 2016], 0, 0);
  const times: number[][] = Array.from({ length: n }, () => []);
  const cells = Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < PATTERNS; k++) {
    for (let j = 0; j < a; j++) {
      const pick = j + Math.floor(random.uniform() * (n - j));
      [cells[j], cells[pick]] = [cells[pick]!, cells[j]!];
      times[cells[j]!]!.push((1 + k * SPACING) * dt);
    }
  }
  return times;
}

describeBackends('segment false matches', await backendsFor({ exact: true }), (backend) => {
  it(`match counts over ${NEURONS * SEGMENTS} segments x ${PATTERNS} patterns follow the closed form within 4 sigma, theta 4..8`, async () => {
    const net = (await backend.simulator()).network({ dt, seed: 7 });
    const cells = net.population(n, 'spike_source', { spikeTimes: patternSpikes() });
    const populations = THETAS.map((theta) => {
      const P = net.population(NEURONS, {
        // z counts onsets (its decay over the run is below f32's resolution).
        equations: `dz/dt = -z / (1e6 * second) : 1
                    Idend : amp`,
        dendrites: { segments: SEGMENTS, theta, plateau: { duration: dt, current: 'Idend', amplitude: '1 pA' }, trace: 'z' },
      });
      for (let k = 0; k < SEGMENTS; k++) {
        net.connect(cells, P, { synapse: { onPre: `segment${k} += w` }, weight: 1, delay: dt, rule: { type: 'fixed_indegree', k: s, multapses: false } });
      }
      return P;
    });
    const monitors = populations.map((P) => net.monitorState(P, ['z'], { everySteps: PATTERNS * SPACING }));
    await net.run((PATTERNS * SPACING + 2) * dt);
    THETAS.forEach((theta, k) => {
      const { values } = monitors[k]!.read() as StateData;
      const z = values.z!;
      const onsets = Array.from(z.slice(z.length - NEURONS)).reduce((sum, x) => sum + x, 0);
      const trials = NEURONS * SEGMENTS * PATTERNS;
      const p = falseMatchProbability(theta);
      const zScore = (onsets - trials * p) / Math.sqrt(trials * p * (1 - p));
      expect(Math.abs(zScore), `theta ${theta}: ${onsets} matches, expected ${(trials * p).toFixed(1)}`).toBeLessThan(4);
    });
  });
});

it('the closed form: theta 0 is certain, theta above s impossible, and the terms of all overlaps sum to 1', () => {
  expect(falseMatchProbability(0)).toBe(1);
  expect(falseMatchProbability(s + 1)).toBe(0);
  expect(falseMatchProbability(8)).toBeGreaterThan(0);
  expect(falseMatchProbability(8)).toBeLessThan(falseMatchProbability(4));
});
