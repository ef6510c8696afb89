// Runs a model file on the webgpu backend under Deno (navigator.gpu, Mesa's llvmpipe here) and
// prints the run's JSON summary: deno run --allow-read --allow-env tests/backends/webgpu/deno-run.mjs <model.json> <seconds>
import { createSimulator } from '../../../dist/hosts/deno.js';
import { runModel } from '../../../dist/hosts/cli/run-model.js';

const [file, seconds] = Deno.args;
const description = JSON.parse(await Deno.readTextFile(file));
const sim = await createSimulator({ backend: 'webgpu' });
const { summary } = await runModel(sim, description, { duration: Number(seconds) });
const adapter = await navigator.gpu.requestAdapter();
console.log(JSON.stringify({ ...summary, adapter: adapter?.info.description }));
