// CUBA on the webgpu backend and on wasm, one after the other in this process; prints one JSON
// line per run and one per size with the webgpu/wasm throughput ratio.
// Usage (after npm run build):
//   node bench/webgpu.mjs [--sizes 4000,40000,400000] [--duration 0.1] [--huge]
// --huge adds the 4-million-neuron CUBA. In Node the GPU comes from the `webgpu` package; on a
// machine without a GPU, VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json gives the
// SwiftShader software adapter, which shows correctness only, never GPU speed.
import { parseArgs } from 'node:util';
import { create } from 'webgpu';
import { createSimulator } from '../dist/hosts/node.js';
import { cuba } from './workloads.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '4000,40000,400000' },
    duration: { type: 'string', default: '0.1' },
    huge: { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number).concat(values.huge ? [4_000_000] : []);
const duration = Number(values.duration);

const gpu = create([]);
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) throw new Error('no WebGPU adapter (see docs/webgpu.md for the software-adapter recipe)');
const { vendor, architecture, description } = adapter.info;
const device = `${vendor} ${architecture} ${description}`.trim();
const sims = { wasm: await createSimulator({ backend: 'wasm' }), webgpu: await createSimulator({ backend: 'webgpu', gpu }) };

// Compiles the shaders (once per device) before anything is timed.
await sims.webgpu.load(cuba(100)).run(0.001);

for (const neurons of sizes) {
  const rows = {};
  for (const backend of ['wasm', 'webgpu']) {
    const net = sims[backend].load(cuba(neurons));
    const t0 = performance.now();
    await net.build();
    const t1 = performance.now();
    await net.run(duration);
    const t2 = performance.now();
    const spikes = net.monitorData(0).steps.length;
    const events = await net.synapticEvents();
    const runSeconds = (t2 - t1) / 1000;
    rows[backend] = { runSeconds, spikes };
    console.log(JSON.stringify({
      workload: 'cuba', neurons, backend, device: backend === 'webgpu' ? device : 'cpu', bioSeconds: duration,
      buildSeconds: (t1 - t0) / 1000, runSeconds, spikes, meanRateHz: spikes / neurons / duration,
      synapticEvents: events, eventsPerSecond: events / runSeconds, realtimeFactor: duration / runSeconds,
    }));
  }
  console.log(JSON.stringify({
    workload: 'cuba', neurons, device,
    webgpuOverWasmThroughput: rows.wasm.runSeconds / rows.webgpu.runSeconds,
    rateRatio: rows.webgpu.spikes / rows.wasm.spikes,
  }));
}
