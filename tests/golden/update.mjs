// Rewrites tests/golden/examples.json from this checkout's build (npm run build first):
//   node tests/golden/update.mjs
// Run it only when a change is meant to change the spikes of an example (a new model
// convention, a corrected kernel, an edited example), and say in the commit which and why.
import { writeFileSync } from 'node:fs';
import * as sw from '../../dist/hosts/node.js';
import { goldenRuns } from './run-examples.mjs';

const runs = await goldenRuns(sw);
writeFileSync(new URL('examples.json', import.meta.url), JSON.stringify(runs, null, 2) + '\n');
console.log(runs);
