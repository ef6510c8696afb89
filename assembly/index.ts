// The export surface of dist/spikewasm.wasm, nothing else. A host grows memory, copies a
// layout image (ts/layout/plan.ts, assembly/abi.ts) to heapBase() and calls
// run(heapBase(), steps) as often as it likes. Before that, a host may draw connectivity
// (connectStart, then connectRows for fixed_probability, connectPairs and sortRows for
// fixed_total_number), drawing into the same memory (scratch until the image is written
// there), and per-synapse values (drawValues, into the kernel's own scratch).
import { ABI_VERSION } from "./abi";

export { run } from "./engine";
export { connectStart } from "./build-stream";
export { connectRows } from "./synapses/connect";
export { connectPairs } from "./synapses/connect-pairs";
export { sortRows } from "./synapses/sort-rows";
export { drawValues } from "./synapses/draw-values";
export { setFirstProgramSlot } from "./programs";
// Imported by the modules generated for equation models (ts/equations/wasm/generate.ts).
export { detExp, detLog } from "./detmath";
export { detCos, detSin, detTanh, equationNormal, equationUniform } from "./equation-math";

/** First byte the host may use for a layout (above the kernel's own static data), 16-aligned. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

export function abiVersion(): i32 {
  return ABI_VERSION;
}
