#!/usr/bin/env node
// `npm run demo`: serves the live demo page (demo/), the built package (dist/) and the model
// files (examples/) on 127.0.0.1, under a strict Content Security Policy: scripts only from
// this origin, wasm compilation allowed, no eval and no inline scripts. Nothing is fetched
// from the network, so the page works offline.
//   node demo/serve.mjs [--port N]     (default 8080; 0 picks a free port)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from './static-server.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

const repo = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(new URL('../dist/spikewasm.wasm', import.meta.url))) {
  console.error('dist/spikewasm.wasm is missing: run `npm run build` first (npm run demo does).');
  process.exit(1);
}
const at = process.argv.indexOf('--port');
const port = at > 0 ? Number(process.argv[at + 1]) : 8080;
const { url } = await serve(repo, {
  port,
  folders: ['demo', 'dist', 'examples', 'data'],
  home: '/demo/',
  headers: { 'content-security-policy': CSP, 'cache-control': 'no-store' },
});
console.log(`spikewasm demo: ${url}/demo/`);
console.log(`Web Worker fed by a timer: ${url}/examples/worker-timer.html`);
console.log('Ctrl-C stops the server.');
