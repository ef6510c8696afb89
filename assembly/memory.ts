// Reading the planner's tables: every stored offset is relative to the layout base.

// @ts-ignore: decorator
@inline export function word(rec: usize, k: i32): i32 {
  return load<i32>(rec + (<usize>k << 2));
}

// @ts-ignore: decorator
@inline export function setWord(rec: usize, k: i32, value: i32): void {
  store<i32>(rec + (<usize>k << 2), value);
}

/** Absolute address of the region whose offset is stored in word k of a record. */
// @ts-ignore: decorator
@inline export function region(base: usize, rec: usize, k: i32): usize {
  return base + <usize>word(rec, k);
}

// @ts-ignore: decorator
@inline export function coefF32(coef: usize, k: i32): f32 {
  return load<f32>(coef + (<usize>k << 2));
}

/**
 * Coefficient k in all four lanes. Kernels take their loop constants this way rather than as
 * f32x4.splat of a scalar: V8 keeps a load-splat in a vector register across the loop, while it
 * re-broadcasts a splatted scalar on every iteration.
 */
// @ts-ignore: decorator
@inline export function coefSplat(coef: usize, k: i32): v128 {
  return v128.load32_splat(coef + (<usize>k << 2));
}
