// The touch-withdrawal circuit of C. elegans (Chalfie et al. 1985) in the whole connectome:
// touch the head (ALML, ALMR, AVM) or the tail (PLML, PLMR) with a current step and measure how
// far the command interneurons depolarize. What is run, measured and expected was fixed before
// the first run: docs/connectome.md, "The touch-withdrawal circuit".
//
//   npm run build && node examples/touch-withdrawal.mjs
//
// prints, per touch, each command interneuron's mean change of potential (mV) and whether the
// expected order holds. The demo page (demo/examples.mjs) runs the same circuit live, so this
// module imports nothing of Node's at its top.

export const TOUCHED = { anterior: ['ALML', 'ALMR', 'AVM'], posterior: ['PLML', 'PLMR'] };
export const COMMAND = { AVA: ['AVAL', 'AVAR'], AVD: ['AVDL', 'AVDR'], AVB: ['AVBL', 'AVBR'], PVC: ['PVCL', 'PVCR'] };
/** Chalfie et al. 1985: each pair [a, b] means "a depolarizes more than b". */
export const EXPECTED = { anterior: [['AVA', 'AVB'], ['AVD', 'AVB']], posterior: [['AVB', 'AVA'], ['PVC', 'AVA']] };

const AMPLITUDE = 0.2e-12; // A
const [BASELINE_FROM, ON, MEASURED_UNTIL, OFF] = [0.05, 0.1, 0.3, 0.4]; // s

/**
 * Runs one touch on the connectome's network (`description` from connectomeDescription, `neurons`
 * its names by index) and returns each command interneuron's change of potential in volts.
 * @param {import('../dist/hosts/node.js').Simulator} sim
 */
export async function touchResponse(sim, description, neurons, touched) {
  const index = (name) => {
    const i = neurons.indexOf(name);
    if (i < 0) throw new Error(`the connectome has no neuron ${name}`);
    return i;
  };
  const recorded = Object.values(COMMAND).flat().map(index);
  const net = sim.load({
    ...description,
    inputs: touched.map((name) => ({ type: 'current_step', target: { population: 'neurons', start: index(name), stop: index(name) + 1 }, times: [ON, OFF], amplitudes: [AMPLITUDE, 0] })),
    monitors: [{ type: 'state', population: 'neurons', variables: ['v'], neurons: recorded }],
  });
  await net.run(OFF);
  const { times, values } = net.getMonitor(0).read();
  const meanOver = (k, from, to) => {
    let [sum, count] = [0, 0];
    times.forEach((t, s) => { if (t >= from && t < to) { sum += values.v[s * recorded.length + k]; count++; } });
    return sum / count;
  };
  const change = (k) => meanOver(k, ON, MEASURED_UNTIL) - meanOver(k, BASELINE_FROM, ON);
  let k = 0;
  return Object.fromEntries(Object.entries(COMMAND).map(([cell, pair]) => [cell, pair.map(() => change(k++)).reduce((a, b) => a + b) / pair.length]));
}

/** Both touches, each compared with the expected order. */
export async function touchWithdrawal(sim, description, neurons) {
  const result = {};
  for (const [touch, touched] of Object.entries(TOUCHED)) {
    const change = await touchResponse(sim, description, neurons, touched);
    result[touch] = { changeMv: Object.fromEntries(Object.entries(change).map(([c, v]) => [c, v * 1e3])), expected: EXPECTED[touch].map(([a, b]) => ({ order: `${a} > ${b}`, holds: change[a] > change[b] })) };
  }
  return result;
}

// Run as a script (in Node; the demo page imports this module in a browser, which has no process).
if (globalThis.process?.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync } = await import('node:fs');
  const { createSimulator } = await import('../dist/hosts/node.js');
  const { parseConnectome } = await import('../dist/ts/connectome/formats.js');
  const { connectomeDescription } = await import('../dist/ts/connectome/model.js');
  const file = 'openworm_connectome_neurotransmitters.csv';
  const connectome = parseConnectome('openworm', { name: file, text: readFileSync(new URL(`../data/celegans/${file}`, import.meta.url), 'utf8') });
  const result = await touchWithdrawal(await createSimulator(), connectomeDescription(connectome), connectome.neurons);
  console.log(JSON.stringify(result, null, 2));
}
