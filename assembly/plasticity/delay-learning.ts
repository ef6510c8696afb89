// Delay plasticity (abi.ts, K_DL_*): a synapse's delay moves so that its spikes arrive closer to
// the postsynaptic spikes they pair with. Times are those at the synapse (stdp.ts). Each side
// pairs with the other's latest spike, at most K_DL_WINDOW steps away:
//   - a postsynaptic spike at step p with the synapse's last arrival a <= p: delay += g (p - a);
//   - an arrival at step a with the post neuron's last spike p < a:          delay -= g (a - p);
// with g = K_DL_RATE * K_RATE, the delay kept unrounded in f32 within [K_DL_MIN, K_DL_MAX] and
// J_D holding it rounded to whole steps (half up), which spikes sent from then on leave with.
// Spikes in flight keep the delay they left with (stdp.ts, arrivalsBySentDelay). With a
// learning rate of 0 nothing moves.
import { J_D, J_DELAY_BYTES, J_WIDTHS, K_DL_LAST_POST, K_DL_MAX, K_DL_MIN, K_DL_RATE, K_DL_DELAYS, K_DL_WINDOW, K_FLAGS, KF_LEARN_DELAYS } from "../abi";
import { region, word } from "../memory";

// What the pairings read, set by beginDelayLearning once per plasticStep call.
let gain: f32 = 0;
let window: u32 = 0;
let lowest: f32 = 0;
let highest: f32 = 0;
let learned: usize = 0;
let delays: usize = 0;
let wide = false;
let lastPost: usize = 0;

/** Reads plastic projection `proj`'s delay-learning words for this step; false when its delays are fixed. */
export function beginDelayLearning(base: usize, proj: usize, k: usize, rate: f32): bool {
  if ((word(k, K_FLAGS) & KF_LEARN_DELAYS) == 0) return false;
  gain = load<f32>(k + (<usize>K_DL_RATE << 2)) * rate;
  window = <u32>word(k, K_DL_WINDOW);
  lowest = load<f32>(k + (<usize>K_DL_MIN << 2));
  highest = load<f32>(k + (<usize>K_DL_MAX << 2));
  learned = region(base, k, K_DL_DELAYS);
  delays = region(base, proj, J_D);
  wide = (word(proj, J_WIDTHS) & J_DELAY_BYTES) == 2;
  lastPost = region(base, k, K_DL_LAST_POST);
  return true;
}

/** Moves synapse e's delay by gain * lag steps (lag < 0: shorter), within its bounds. */
function move(e: i32, lag: f32): void {
  if (gain == 0) return;
  const at = learned + (<usize>e << 2);
  const v = load<f32>(at) + gain * lag;
  // Written so that a NaN (never in an image the planner wrote) lands on a bound too.
  const d = !(v >= lowest) ? lowest : v > highest ? highest : v;
  store<f32>(at, d);
  const steps = <u32>Mathf.floor(d + 0.5);
  if (wide) store<u16>(delays + (<usize>e << 1), <u16>steps);
  else store<u8>(delays + <usize>e, <u8>steps);
}

/** Post neuron j's spike reaching the synapses at `step`: synapse e (last arrival `arrived`, 0: none) moves later. */
// @ts-ignore: decorator
@inline export function pairWithArrival(e: i32, arrived: u32, step: u32): void {
  if (arrived != 0 && step - arrived <= window) move(e, <f32>(step - arrived));
}

/** Records post neuron j's spike at synapse step `step`, after its pairings. */
// @ts-ignore: decorator
@inline export function notePostSpike(j: usize, step: u32): void {
  store<u32>(lastPost + (j << 2), step + 1);
}

/** An arrival at synapse e (onto post neuron j) at `arrival`: it moves earlier when j fired before it. */
// @ts-ignore: decorator
@inline export function pairWithPostSpike(e: i32, j: usize, arrival: u32): void {
  const last = load<u32>(lastPost + (j << 2));
  if (last != 0 && arrival - (last - 1) <= window) move(e, -<f32>(arrival - (last - 1)));
}
