// Trains the sequence-memory network (docs/sequence-memory.md) on A-B-C-D and X-B-C-Y and prints
// its learning curve (one JSON line per block of 5 episodes) and what it predicts after A-B-C
// and after X-B-C in the last episode.
//
//   npm run build && node examples/sequence-memory/sequence-memory.mjs [--seed N] [--episodes K]
//   node examples/sequence-memory/sequence-memory.mjs --write-model   (rewrites sequence-memory.json)
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULTS, learningCurve, MODEL_FILE_SETTINGS, sequenceMemoryModel, train } from './network.mjs';

const { values } = parseArgs({ options: { seed: { type: 'string' }, episodes: { type: 'string' }, 'write-model': { type: 'boolean' } } });

if (values['write-model']) {
  const file = new URL('./sequence-memory.json', import.meta.url);
  writeFileSync(file, `${JSON.stringify(sequenceMemoryModel(MODEL_FILE_SETTINGS), null, 2)}\n`);
  console.log(`wrote ${file.pathname}`);
} else {
  const { createSimulator } = await import('../../dist/hosts/node.js');
  const settings = { seed: Number(values.seed ?? DEFAULTS.seed), episodes: Number(values.episodes ?? DEFAULTS.episodes) };
  const started = performance.now();
  const net = (await createSimulator()).load(sequenceMemoryModel(settings));
  const episodes = await train(net, settings);
  for (const block of learningCurve(episodes)) console.log(JSON.stringify({ seed: settings.seed, episodes: block.episodes, error: Math.round(block.error * 1000) / 1000 }));
  const last = episodes.at(-1).predictions.map((scored) => scored.at(-1));
  console.log(JSON.stringify({
    seed: settings.seed,
    afterABC: { expected: last[0].target, predicted: last[0].predicted },
    afterXBC: { expected: last[1].target, predicted: last[1].predicted },
    seconds: Math.round((performance.now() - started) / 100) / 10,
  }));
}
