// Plain-JavaScript baseline of the CUBA benchmark, the same algorithm spikewasm runs
// (assembly/neurons/lif.ts, assembly/synapses/propagate.ts, assembly/engine.ts), written the
// way a user would by hand: typed arrays and plain loops, no wasm, no SIMD, no Math.fround
// (Float32Array stores round to float32; the arithmetic in between is double).
// Per step: integrate -> refractory hold / threshold / reset -> add this step's ring slot into
// Ie/Ii and clear it -> this step's spikes walk their CSR rows into ring slot step+1.
// Usage: node bench/plainjs/cuba.mjs --neurons N --duration T --seed K   (one JSON line)
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

// xoshiro128** seeded through splitmix64 (BigInt only for the seeding); same stream as the C baseline
function makeRng(seed) {
  const s = new Uint32Array(4);
  const mask = (1n << 64n) - 1n;
  let x = BigInt(seed);
  for (let k = 0; k < 2; k++) {
    x = (x + 0x9e3779b97f4a7c15n) & mask;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    z ^= z >> 31n;
    s[2 * k] = Number(z & 0xffffffffn);
    s[2 * k + 1] = Number(z >> 32n);
  }
  function nextU32() {
    const m = Math.imul(s[1], 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 11) | (s[3] >>> 21);
    return result;
  }
  return {
    uniform() { // [0, 1), 53 random bits
      const a = nextU32() >>> 5, b = nextU32() >>> 6;
      return (a * 67108864 + b) / 9007199254740992;
    },
  };
}

/** N LIF neurons, 80% excitatory, CSR with connection probability p (autapses allowed). */
function build(N, p, rng) {
  const NE = Math.floor(0.8 * N);
  const v = new Float32Array(N);
  for (let i = 0; i < N; i++) v[i] = -0.06 + 0.01 * rng.uniform();
  // geometric skipping: the gap to the next partner is Geometric(p)
  const logQ = Math.log1p(-p);
  const gap = () => Math.floor(Math.log(1 - rng.uniform()) / logQ);
  const rowPtr = new Int32Array(N + 1);
  let col = new Int32Array(Math.ceil(N * N * p * 1.01) + 1024);
  let n = 0;
  for (let i = 0; i < N; i++) {
    for (let j = gap(); j < N; j += 1 + gap()) {
      if (n === col.length) { const bigger = new Int32Array(2 * n); bigger.set(col); col = bigger; }
      col[n++] = j;
    }
    rowPtr[i + 1] = n;
  }
  return {
    N, NE, v,
    Ie: new Float32Array(N), Ii: new Float32Array(N), ref: new Int32Array(N),
    // delay ring of 2 slots (delay = 1 step), one array per slot and receptor
    ringE: [new Float32Array(N), new Float32Array(N)],
    ringI: [new Float32Array(N), new Float32Array(N)],
    rowPtr, col: col.subarray(0, n),
  };
}

function simulate(net, steps, dt) {
  const { N, NE, v, Ie, Ii, ref, ringE, ringI, rowPtr, col } = net;
  const tauM = 0.02, tauE = 0.005, tauI = 0.01, tRef = 0.005;
  const vRest = -0.049, vThresh = -0.05, vReset = -0.06;
  const we = 0.00162, wi = -0.009;
  const P22 = Math.exp(-dt / tauM);
  const decE = Math.exp(-dt / tauE), decI = Math.exp(-dt / tauI);
  const P21e = (tauE * (decE - P22)) / (tauE - tauM);
  const P21i = (tauI * (decI - P22)) / (tauI - tauM);
  const refSteps = Math.round(tRef / dt) - 1;

  const spikes = new Int32Array(N);
  let monitor = new Int32Array(1 << 16); // (step, index) pairs, as a spike monitor keeps them
  let monitorLen = 0;
  let nSpikes = 0, events = 0;
  for (let step = 0; step < steps; step++) {
    const inE = ringE[step & 1], inI = ringI[step & 1];
    let count = 0;
    for (let i = 0; i < N; i++) {
      const ie = Ie[i], ii = Ii[i];
      let vn = (v[i] - vRest) * P22 + vRest + ie * P21e + ii * P21i;
      if (ref[i] > 0) {
        vn = vReset;
        ref[i]--;
      } else if (vn > vThresh) {
        vn = vReset;
        ref[i] = refSteps;
        spikes[count++] = i;
      }
      v[i] = vn;
      Ie[i] = ie * decE + inE[i];
      Ii[i] = ii * decI + inI[i];
      inE[i] = 0;
      inI[i] = 0;
    }
    const outE = ringE[(step + 1) & 1], outI = ringI[(step + 1) & 1];
    for (let s = 0; s < count; s++) {
      const i = spikes[s];
      if (monitorLen + 2 > monitor.length) { const bigger = new Int32Array(2 * monitor.length); bigger.set(monitor); monitor = bigger; }
      monitor[monitorLen++] = step;
      monitor[monitorLen++] = i;
      const first = rowPtr[i], last = rowPtr[i + 1];
      events += last - first;
      const target = i < NE ? outE : outI;
      const w = i < NE ? we : wi;
      for (let k = first; k < last; k++) target[col[k]] += w;
    }
    nSpikes += count;
  }
  return { nSpikes, events, monitor: monitor.subarray(0, monitorLen) };
}

const { values } = parseArgs({
  options: {
    neurons: { type: 'string', default: '4000' },
    duration: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
  },
});
const N = Number(values.neurons);
const dt = 1e-4;
const steps = Math.round(Number(values.duration) / dt);

const t0 = performance.now();
if (!(Number.isInteger(N) && N >= 5) || !(steps >= 0)) {
  console.error('usage: node bench/plainjs/cuba.mjs --neurons N (>= 5) --duration T --seed K');
  process.exit(2);
}
const p = N > 80 ? (0.02 * 4000) / N : 1; // 80 partners per neuron on average
const net = build(N, p, makeRng(Number(values.seed)));
const t1 = performance.now();
const { nSpikes, events } = simulate(net, steps, dt);
const t2 = performance.now();

console.log(JSON.stringify({
  program: 'plain-js', workload: 'cuba', neurons: N, synapses: net.col.length, bioSeconds: steps * dt,
  buildSeconds: (t1 - t0) / 1000, runSeconds: (t2 - t1) / 1000, spikes: nSpikes,
  synapticEvents: events, meanRateHz: nSpikes / N / (steps * dt),
}));
