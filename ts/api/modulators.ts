// Reading and raising a modulator's value in a loaded network (the kernel decays it each step).
import { fail, shown } from '../errors.js';
import { modulatorValueCell } from '../layout/cells.js';
import type { Runner } from './runner.js';

function valueOffset(runner: Runner, name: string, path: string): number {
  const names = runner.net.modulators.map((m) => m.name);
  const k = names.indexOf(name);
  if (k < 0) fail('E_INDEX', path, `no modulator ${shown(name)} (have: ${names.join(', ') || 'none'})`);
  return modulatorValueCell(runner.net.layout, k);
}

export async function modulatorValue(runner: Runner, name: string, path: string): Promise<number> {
  return new Float32Array(await runner.backend.read(valueOffset(runner, name, path), 4))[0]!;
}

/** Checks the modulator's name; returns the write that adds `amount` to its value now. */
export function modulatorWrite(runner: Runner, name: string, amount: number, path: string): () => Promise<void> {
  const at = valueOffset(runner, name, path);
  return async () => {
    const value = new Float32Array(await runner.backend.read(at, 4))[0]! + amount;
    if (!Number.isFinite(Math.fround(value))) fail('E_PARAM', path, `would become ${value}, beyond the f32 range the kernel stores`);
    await runner.backend.write(at, new Float32Array([value]));
  };
}
