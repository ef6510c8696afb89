// The pace the page sees: model seconds simulated per wall-clock second over the last few
// seconds, waits for the chosen speed included. It is what the speed setting controls, unlike
// the kernel's own speed (net.step alone), which the worker measures.

const SPAN = 2; // wall seconds the ratio covers
const SHORTEST = 0.5; // wall seconds before a ratio is given

export class PaceMeter {
  /** @type {{ wall: number, model: number }[]} */
  #samples = [];

  /** Forgets the past: after a pause, a new speed or a new network the old pace means nothing. */
  reset() {
    this.#samples = [];
  }

  /** Model time `model` (s) was reached at wall time `wall` (s). */
  add(wall, model) {
    this.#samples.push({ wall, model });
    while (this.#samples.length > 2 && wall - this.#samples[1].wall >= SPAN) this.#samples.shift();
  }

  /** Model seconds per wall second over the last SPAN, or NaN before SHORTEST has passed. */
  ratio() {
    const first = this.#samples[0];
    const last = this.#samples.at(-1);
    if (!first || last.wall - first.wall < SHORTEST) return NaN;
    return (last.model - first.model) / (last.wall - first.wall);
  }
}
