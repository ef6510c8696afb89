// A Cloudflare worker running Brian2's COBAHH written as equations (examples/cobahh.json).
// workerd compiles no WebAssembly at run time, so the model's programs come compiled ahead of
// time, as the kernel does:
//
//   npx spikewasm compile examples/cobahh.json --out examples/workerd/cobahh-kernels.wasm
//
// then bundle this file for workerd keeping the .wasm imports as wasm modules (esbuild with the
// "workerd" condition and the .wasm files external; wrangler with a CompiledWasm rule), and list
// both .wasm files among the worker's modules. The host tests run exactly this
// (tests/hosts/workerd.ts, runWorkerdExample), with Node's spike count.
import { createSimulator } from 'spikewasm';
import kernels from './cobahh-kernels.wasm';
import model from '../cobahh.json';

export default {
  async fetch() {
    const sim = await createSimulator();
    const net = sim.load(model, { kernels });
    await net.run(0.05);
    const spikes = net.getMonitor('spikes').read();
    return Response.json({ seconds: 0.05, spikes: spikes.times.length });
  },
};
