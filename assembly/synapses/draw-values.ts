// Per-synapse values drawn in the kernel: the twin of the uniform and normal loops of
// ts/model/values.ts eachValue (the same stream, the same numbers), used for projections'
// weights and delays, where JavaScript spends tens of ns a value in Philox and the log.
// The host calls connectStart (../build-stream.ts) once per array, then drawValues chunk
// after chunk, copying each chunk out of the kernel's static scratch.
import { DRAW_VALUES_MAX } from "../abi";
import { normal, uniform } from "../build-stream";

const values = memory.data(DRAW_VALUES_MAX << 3, 16);

/**
 * Draws min(count, DRAW_VALUES_MAX) values (f64) into the kernel's scratch and returns its address:
 * a + (b - a) u for u uniform in [0, 1) (isNormal false: { uniform: [a, b] }), or a + b z for z
 * standard normal, clipped to [lo, hi] (isNormal true: { normal: { mean: a, std: b, min, max } }).
 */
export function drawValues(count: i32, isNormal: bool, a: f64, b: f64, lo: f64, hi: f64): usize {
  const n = min(count, DRAW_VALUES_MAX);
  if (isNormal) {
    for (let k = 0; k < n; k++) store<f64>(values + (<usize>k << 3), Math.min(hi, Math.max(lo, a + b * normal())));
  } else {
    for (let k = 0; k < n; k++) store<f64>(values + (<usize>k << 3), a + (b - a) * uniform());
  }
  return values;
}
