// The sequence-memory network (examples/sequence-memory/network.mjs; protocol and criterion in
// docs/sequence-memory.md, after Bouhadjar et al. 2022) learns A-B-C-D and X-B-C-Y with dendritic
// plateaus and the permanence rule. Compared with the same network untrained (its first
// episode, when no synapse is mature yet and every element is missed), for seeds 1-3: after 60
// episodes its prediction error is below 5 %, and after A-B-C it predicts D and not Y, after
// X-B-C Y and not D: a prediction that needs the context two elements back. The model file
// sequence-memory.json is the same network (written from network.mjs) and runs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SpikeData, StateData } from '../../ts/api/monitors.js';
import type { NetworkDescription } from '../../ts/model/description.js';
import { simulator } from '../support/helpers.js';
import { DEFAULTS, learningCurve, MODEL_FILE_SETTINGS, sequenceMemoryModel, train } from '../../examples/sequence-memory/network.mjs';

interface Scored { target: string; predicted: string[] }
interface Episode { error: number; predictions: Scored[][] }

describe.each([1, 2, 3])('seed %i', (seed) => {
  it('from every element missed to under 5 % error, telling D from Y by the context', async () => {
    const settings = { seed };
    const net = (await simulator()).load(sequenceMemoryModel(settings) as NetworkDescription);
    const episodes = (await train(net, settings)) as Episode[];
    expect(episodes).toHaveLength(DEFAULTS.episodes);
    // Untrained: p ~ U(0, 8) is below p_theta = 10 everywhere, so nothing is predicted.
    expect(episodes[0]!.error).toBe(1);
    const curve = learningCurve(episodes) as { error: number }[];
    expect(curve.at(-1)!.error).toBeLessThan(0.05);
    // The last scored element of each sequence: after A-B-C and after X-B-C.
    const [afterABC, afterXBC] = episodes.at(-1)!.predictions.map((scored) => scored.at(-1)!);
    expect(afterABC!.predicted).toContain('D');
    expect(afterABC!.predicted).not.toContain('Y');
    expect(afterXBC!.predicted).toContain('Y');
    expect(afterXBC!.predicted).not.toContain('D');
  });
});

describe('the model file', () => {
  const file = JSON.parse(readFileSync(new URL('../../examples/sequence-memory/sequence-memory.json', import.meta.url), 'utf8')) as NetworkDescription;

  it('is the network of network.mjs (rewrite it with sequence-memory.mjs --write-model)', () => {
    expect(file).toEqual(JSON.parse(JSON.stringify(sequenceMemoryModel(MODEL_FILE_SETTINGS))));
  });

  it('runs its schedule: every presentation makes its column fire, and the plateaus are sampled', async () => {
    const net = (await simulator()).load(file);
    await net.run(file.duration!);
    const { times, neurons } = net.getMonitor<SpikeData>('E spikes').read();
    const spikeTimes = (file.populations[0]!.params as { spikeTimes: number[][] }).spikeTimes;
    const n = DEFAULTS.cellsPerColumn;
    spikeTimes.forEach((onsets, column) => {
      for (const onset of onsets) {
        const fired = Array.from(times).filter((t, s) => t >= onset && t < onset + 0.01 && Math.floor(neurons[s]! / n) === column).length;
        expect(fired).toBeGreaterThan(0);
      }
    });
    const plateaus = net.getMonitor<StateData>('plateaus').read();
    expect(plateaus.values.Idend!.length).toBe(plateaus.times.length * 6 * n);
  });
});
