// node bench/aosoa/run.mjs: compiles kernels.ts and times both layouts on 4000 neurons for 10000
// steps (7 alternating rounds, the first dropped), driven by the bias alone (no synaptic input).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
const here = new URL('.', import.meta.url).pathname;
mkdirSync(`${here}../out`, { recursive: true });
const wasm = `${here}../out/aosoa-kernels.wasm`;
execFileSync(`${here}../../node_modules/.bin/asc`, [`${here}kernels.ts`, '-O3', '--enable', 'simd', '--runtime', 'stub', '-o', wasm], { stdio: 'inherit' });
const { instance } = await WebAssembly.instantiate(readFileSync(wasm), {});
const { soa, aosoa, memory } = instance.exports;
const n = 4000, lane = n * 4;
memory.grow(200);
const f32 = new Float32Array(memory.buffer), i32 = new Int32Array(memory.buffer);
const coef = 1024, vArr = 4096, recv = vArr + 2 * lane, ringA = recv + 2 * lane, bias = ringA + 2 * lane, spikes = bias + lane;
const blk = spikes + lane, ringB = blk + n * 20 + 64;
const C = [1, -0.06, 0.005, -0.06, -0.05, 0, 0, Math.exp(-0.1 / 5), -0.08, Math.exp(-0.1 / 10)];
C.forEach((x, k) => (f32[coef / 4 + k] = x)); i32[coef / 4 + 5] = 49;
function init() {
  for (let i = 0; i < n; i++) {
    const v = -0.06 + 0.01 * ((i * 7919) % 1000) / 1000;
    f32[vArr / 4 + i] = v; i32[vArr / 4 + n + i] = 0; f32[recv / 4 + i] = 0; f32[recv / 4 + n + i] = 0; f32[bias / 4 + i] = 0.02;
    const b = blk / 4 + (i >> 2) * 20, l = i & 3;
    f32[b + l] = v; i32[b + 4 + l] = 0; f32[b + 8 + l] = 0; f32[b + 12 + l] = 0; f32[b + 16 + l] = 0.02;
  }
  f32.fill(0, ringA / 4, ringA / 4 + 2 * n); f32.fill(0, ringB / 4, ringB / 4 + 2 * n);
}
const res = { soa: [], aosoa: [] };
for (let r = 0; r < 7; r++) {
  for (const which of ['soa', 'aosoa']) {
    init();
    let spk = 0;
    const t = performance.now();
    for (let s = 0; s < 10000; s++) spk += which === 'soa' ? soa(vArr, lane, recv, ringA, bias, spikes, n, coef) : aosoa(blk, ringB, spikes, n, coef);
    res[which].push(performance.now() - t);
    if (r === 6) console.log(which, 'spikes', spk);
  }
}
for (const k in res) { const s = res[k].slice(1).sort((a, b) => a - b); console.log(k, 'median ms', s[s.length >> 1].toFixed(2)); }
