// The modules generated for equation models import the kernel's memory, or a shared one so
// that a threaded kernel can instantiate them once per worker.
import { describe, expect, it } from 'vitest';
import { checkEquations } from '../../ts/equations/model.js';
import { programOf } from '../../ts/equations/program.js';
import { generateUpdate } from '../../ts/equations/wasm/generate.js';

const check = (equations: string, extra: Record<string, unknown>) =>
  checkEquations('populations[0].model', { equations, ...extra }, { tau: '10 ms' }, 'populations[0].params', 1e-4, 8);

describe('generated modules', () => {
  it('import the kernel\'s memory, or a shared one (a threaded kernel, one instance per worker)', async () => {
    const eq = check('dv/dt = (exp(-v / mV) * mV - v) / tau : volt', { threshold: 'v > 1*mV', reset: 'v = 0*mV', method: 'rk2' });
    const program = programOf({ index: 0, size: 8, model: { equations: eq }, params: { receptors: [] } }, 1e-4);
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
    const functions = Object.fromEntries(['detExp', 'detLog', 'detSin', 'detCos', 'detTanh', 'equationUniform', 'equationNormal'].map((f) => [f, () => 0]));
    const module = await WebAssembly.compile(generateUpdate(program, { shared: true, maximumPages: 16 }));
    expect(WebAssembly.Module.imports(module).find((i) => i.kind === 'memory')).toEqual({ module: 'kernel', name: 'memory', kind: 'memory' });
    const instance = await WebAssembly.instantiate(module, { kernel: { memory: shared, ...functions } });
    expect(typeof instance.exports.update).toBe('function');
    // The default module takes an unshared memory, and refuses a shared one.
    const plain = await WebAssembly.compile(generateUpdate(program));
    await expect(WebAssembly.instantiate(plain, { kernel: { memory: shared, ...functions } })).rejects.toThrow();
    await expect(WebAssembly.instantiate(plain, { kernel: { memory: new WebAssembly.Memory({ initial: 1 }), ...functions } })).resolves.toBeDefined();
  });
});
