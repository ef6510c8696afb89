// Random well-formed models, run on both backends: the generated SIMD update and the
// interpreter must agree bit for bit (NaN payloads aside) on every state variable and spike,
// or stop with the same typed error. A wrong opcode, operand order, lane or rounding in the
// generator shows up here as a difference.
import { expect, it } from 'vitest';
import { SpikewasmError } from '../../ts/errors.js';
import type { EquationModelOptions } from '../../ts/api/network.js';
import { simulator } from '../support/helpers.js';

let seed = 7_2026;
const random = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0) >>> 0) / 2 ** 32;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

/** A dimensionless expression over x, y, the per-neuron parameter p and the built-in names. */
function expr(depth: number): string {
  const r = random();
  if (depth <= 0 || r < 0.25) return pick(['x', 'y', 'p', '0.5', '2', '-1.25', 't/ms', 'i', 'N', '(lastspike/ms)', 'rand()', 'randn()', 'pi', 'dt/ms']);
  if (r < 0.5) return `(${expr(depth - 1)} ${pick(['+', '-', '*', '/'])} ${expr(depth - 1)})`;
  if (r < 0.8) {
    const a = expr(depth - 1);
    return pick([
      `exp(clip(${a}, -20, 20))`, `log(abs(${a}) + 1)`, `sqrt(abs(${a}))`, `sin(${a})`, `cos(${a})`, `tanh(${a})`,
      `exprel(clip(${a}, -20, 20))`, `floor(${a})`, `ceil(${a})`, `abs(${a})`, `clip(${a}, -3, 3)`, `(${a})**2`,
      `abs(${a})**1.5`, `(${a})**-1`, `-(${a})`,
    ]);
  }
  return `(${expr(depth - 1)})`;
}

function model(): EquationModelOptions {
  return {
    equations: `dx/dt = clip(${expr(3)}, -50, 50) / tau : 1 ${pick(['', '(unless refractory)'])}
                dy/dt = (clip(${expr(3)}, -50, 50) - y) / tau : 1
                p : 1`,
    threshold: pick([`x > ${expr(1)}`, `rand() < 0.05`, `(x > 1) and not (y < -1)`, `(y > 0.5) or (x < -2)`]),
    reset: pick(['x = 0', `x = ${expr(2)}; y += 0.5`, 'y *= 0.5; x -= 1']),
    refractory: pick(['2 ms', 'x > 3', '0 ms']),
    method: pick(['euler', 'rk2', 'rk4'] as const),
    params: { tau: '10 ms', p: { uniform: [-1, 1] } },
  };
}

async function run(backend: 'wasm' | 'reference', m: EquationModelOptions, k: number) {
  const net = (await simulator(backend)).network({ dt: 1e-4, seed: k });
  const P = net.population(7, m, { x: { uniform: [-1, 1] }, y: { uniform: [-1, 1] } });
  const spikes = net.monitorSpikes(P);
  try {
    await net.run(0.003);
  } catch (e) {
    if (!(e instanceof SpikewasmError)) throw e;
    return { error: e.code };
  }
  return { steps: Array.from(spikes.read().steps), neurons: Array.from(spikes.read().neurons), x: await P.get('x'), y: await P.get('y') };
}

/** Bits of each value, NaNs as one value (their payload may differ between engines' operations). */
const bits = (a: Float32Array | Int32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length), (b, k) => (Number.isNaN(a[k]) ? 'NaN' : b));

it('300 random models: wasm equals reference', async () => {
  let compared = 0;
  for (let k = 0; k < 300; k++) {
    const m = model();
    const [a, b] = [await run('wasm', m, k), await run('reference', m, k)];
    const label = JSON.stringify(m);
    if ('error' in a || 'error' in b) {
      expect(b, label).toEqual(a);
      continue;
    }
    compared++;
    expect(a.steps, label).toEqual(b.steps);
    expect(a.neurons, label).toEqual(b.neurons);
    expect(bits(a.x), label).toEqual(bits(b.x));
    expect(bits(a.y), label).toEqual(bits(b.y));
  }
  expect(compared).toBeGreaterThan(200);
}, 300_000);
