// Burst multiplexing (docs/bursting.md, "Multiplexing"): 2000 two-compartment cells get a somatic
// and a dendritic current that vary independently; prints, as one JSON object, how well the event
// rate follows the somatic current and the burst fraction the dendritic one (Pearson r over 50 ms
// bins), the cross-correlations, the same at lags of -20 to 20 ms, and the mean rates.
//
//   npm run build && node examples/bursting/multiplexing.mjs [--seed N]
import { parseArgs } from 'node:util';
import { createSimulator } from '../../dist/hosts/node.js';
import { DEFAULTS, runMultiplexing } from './multiplexing-network.mjs';

const { values } = parseArgs({ options: { seed: { type: 'string' } } });
const started = performance.now();
const result = await runMultiplexing(await createSimulator(), { seed: Number(values.seed ?? DEFAULTS.seed) });
const r3 = (x) => Math.round(x * 1000) / 1000;
const rounded = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, r3(v)]));
console.log(JSON.stringify({
  seed: result.seed,
  correlations: rounded(result.correlations),
  byLag: result.byLag.map(rounded),
  eventRateHz: r3(result.eventRateHz),
  burstFraction: r3(result.burstFraction),
  firingRateHz: r3(result.firingRateHz),
  seconds: Math.round((performance.now() - started) / 100) / 10,
}, null, 2));
