import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as abi from '../../assembly/abi.js';

describe('dist/spikewasm.wasm', () => {
  const bytes = readFileSync(new URL('../../dist/spikewasm.wasm', import.meta.url));
  const module = new WebAssembly.Module(bytes);

  it('has zero imports, so it runs in any host, WASI runtimes included', () => {
    expect(WebAssembly.Module.imports(module)).toEqual([]);
  });

  it('exports exactly memory, heapBase, abiVersion, run, the drawing of connectivity and values and what equation modules import', () => {
    // table, setFirstProgramSlot and the det*/equation* functions serve the modules generated
    // for equation models (ts/equations/wasm/generate.ts imports them as KERNEL_IMPORTS).
    expect(WebAssembly.Module.exports(module).map((e) => e.name).sort()).toEqual([
      'abiVersion', 'connectPairs', 'connectRows', 'connectStart', 'detCos', 'detExp', 'detLog', 'detSin', 'detTanh',
      'drawValues', 'equationNormal', 'equationUniform', 'heapBase', 'memory', 'run', 'setFirstProgramSlot', 'sortRows', 'table',
    ]);
  });

  it('speaks the ABI version of this library and keeps layouts 16-byte aligned', () => {
    const instance = new WebAssembly.Instance(module, {});
    const k = instance.exports as unknown as { abiVersion(): number; heapBase(): number };
    expect(k.abiVersion()).toBe(abi.ABI_VERSION);
    expect(k.heapBase() % abi.ALIGN).toBe(0);
  });

  it('uses SIMD instructions (v128) in the neuron kernels', () => {
    const wat = readFileSync(new URL('../../dist/spikewasm.wat', import.meta.url), 'utf8');
    expect(wat).toMatch(/f32x4\.mul/);
    expect(wat).toMatch(/i32x4\.bitmask/);
  });
});
