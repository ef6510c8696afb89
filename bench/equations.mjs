// Equation models' costs that are not the simulation loop (npm run build first):
//   node bench/equations.mjs
// - from text to a runnable module: checking the equations (parse, units, method), generating
//   the SIMD update and compiling and instantiating it, in a warm process (median of 30 after
//   5 warm-up rounds), for COBAHH (examples/cobahh.json) and CUBA written as equations;
// - what the generator adds to the package: ts/equations/ and the interpreter, bundled and
//   minified by esbuild, gzipped.
// Prints one JSON line per measurement.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { checkEquations } from '../dist/ts/equations/model.js';
import { programOf } from '../dist/ts/equations/program.js';
import { generateUpdate } from '../dist/ts/equations/wasm/generate.js';
import { cubaEquations } from './workloads.mjs';

const cobahh = JSON.parse(readFileSync(new URL('../examples/cobahh.json', import.meta.url), 'utf8')).populations[0];
const cuba = cubaEquations(4000).populations[0];

// A kernel instance to instantiate against, as the wasm backend does.
const kernel = (await WebAssembly.instantiate(readFileSync(new URL('../dist/spikewasm.wasm', import.meta.url)), {})).instance.exports;

async function textToModule(pop, receptors) {
  const started = performance.now();
  const eq = checkEquations('populations[0].model', pop.model, pop.params, 'populations[0].params', 1e-4, pop.size);
  const bytes = generateUpdate(programOf({ index: 0, size: pop.size, model: { equations: eq }, params: { receptors } }, 1e-4));
  const module = await WebAssembly.compile(bytes);
  await WebAssembly.instantiate(module, { kernel });
  return { ms: performance.now() - started, bytes: bytes.length };
}

for (const [name, pop, receptors] of [['cobahh', cobahh, [{ name: 'ge' }, { name: 'gi' }]], ['cuba', cuba, [{ name: 'ge' }, { name: 'gi' }]]]) {
  for (let k = 0; k < 5; k++) await textToModule(pop, receptors);
  const runs = [];
  for (let k = 0; k < 30; k++) runs.push(await textToModule(pop, receptors));
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  console.log(JSON.stringify({ measure: 'text-to-module', model: name, medianMs: +ms[15].toFixed(3), minMs: +ms[0].toFixed(3), moduleBytes: runs[0].bytes }));
}

const bundle = await build({
  stdin: {
    contents: `export * from './ts/equations/model.js'; export * from './ts/equations/wasm/generate.js'; export * from './ts/backends/reference/interpret-equations.js'; export * from './ts/model/neurons/equation-model.js';`,
    resolveDir: new URL('../dist/', import.meta.url).pathname,
  },
  bundle: true, minify: true, format: 'esm', write: false, platform: 'neutral',
  // What the package had before equation models stays out: only the new code is counted.
  plugins: [{
    name: 'count-equations-only',
    setup(b) {
      b.onResolve({ filter: /\.js$/ }, (args) => {
        const path = new URL(args.path, `file://${args.resolveDir}/`).pathname;
        const own = /\/ts\/equations\/|interpret-equations|equation-model|\/detmath\.js$/.test(path);
        return own ? { path } : { path, external: true };
      });
    },
  }],
});
const code = bundle.outputFiles[0].contents;
console.log(JSON.stringify({ measure: 'generator-size', minifiedBytes: code.length, gzippedBytes: gzipSync(code).length }));
