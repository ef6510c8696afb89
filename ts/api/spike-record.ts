// The kernel's spike record as the host drains it (docs/abi.md, H_SPK_REC): the step and the
// global neuron index of every recorded spike, in step order, as two arrays.

export interface SpikeRecord {
  steps: Uint32Array;
  neurons: Int32Array;
}

/**
 * The spikes of global neurons [lo, hi) with indices within their population. `alone`: no
 * other population records spikes, so every spike is in range (the common one-population case
 * then takes the arrays as they are).
 */
export function spikesOf(record: SpikeRecord, lo: number, hi: number, alone: boolean): { steps: Uint32Array; neurons: Int32Array } {
  const { steps, neurons } = record;
  if (alone && lo === 0) return { steps, neurons };
  const keptSteps = new Uint32Array(steps.length);
  const keptNeurons = new Int32Array(steps.length);
  let kept = 0;
  for (let k = 0; k < steps.length; k++) {
    const neuron = neurons[k]!;
    if (neuron < lo || neuron >= hi) continue;
    keptSteps[kept] = steps[k]!;
    keptNeurons[kept++] = neuron - lo;
  }
  return { steps: keptSteps.subarray(0, kept), neurons: keptNeurons.subarray(0, kept) };
}

/** One record made of several drained in turn. */
export function concatRecords(parts: SpikeRecord[]): SpikeRecord {
  if (parts.length === 1) return parts[0]!; // a run drains once unless a buffer filled
  const total = parts.reduce((s, x) => s + x.steps.length, 0);
  const out = { steps: new Uint32Array(total), neurons: new Int32Array(total) };
  let at = 0;
  for (const x of parts) {
    out.steps.set(x.steps, at);
    out.neurons.set(x.neurons, at);
    at += x.steps.length;
  }
  return out;
}
