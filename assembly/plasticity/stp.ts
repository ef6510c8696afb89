// Tsodyks-Markram short-term plasticity (Markram, Wang & Tsodyks 1998), exact between spikes.
// State per presynaptic row, in f64: u at the last spike and the resources x left after it.
// At a spike after a gap of g steps:
//   u = U + u_last (1 - U) exp(-g dt / tauFacil)     (u = U without facilitation)
//   x = 1 - (1 - x_last) exp(-g dt / tauRec)
// the synapse transmits u x of its weight, and x_last = x (1 - u). Every synapse of a row sees
// the same spike intervals whatever its delay, so the state is kept per row and updated at
// the step the spike was emitted.
import { T_FACIL, T_LAST, T_RATE_FACIL, T_RATE_REC, T_STATE_U, T_STATE_X, T_U } from "../abi";
import { detExp } from "../detmath";
import { region, word } from "../memory";

/** The fraction of its weight row `row` transmits for its spike emitted at `step`. */
export function stpEfficacy(base: usize, stp: usize, row: i32, step: u32): f32 {
  const U = load<f64>(stp + (<usize>T_U << 2));
  const uAt = region(base, stp, T_STATE_U) + (<usize>row << 3);
  const xAt = region(base, stp, T_STATE_X) + (<usize>row << 3);
  const lastAt = region(base, stp, T_LAST) + (<usize>row << 2);
  const last = load<u32>(lastAt);
  let u: f64 = U;
  let x: f64 = 1.0;
  if (last != 0) {
    const gap = <f64>(step - (last - 1));
    x = 1.0 - (1.0 - load<f64>(xAt)) * detExp(-gap * load<f64>(stp + (<usize>T_RATE_REC << 2)));
    if (word(stp, T_FACIL) != 0) {
      u = U + load<f64>(uAt) * (1.0 - U) * detExp(-gap * load<f64>(stp + (<usize>T_RATE_FACIL << 2)));
    }
  }
  store<f64>(uAt, u);
  store<f64>(xAt, x * (1.0 - u));
  store<u32>(lastAt, step + 1);
  return <f32>(u * x);
}
