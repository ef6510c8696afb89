// Twin of assembly/neurons/equation.ts: runs the population's interpreted update
// (ts/equations/interpret.ts) from the slot its coefficient block names.
import * as abi from '../../../../assembly/abi.js';
import type { Mem } from '../memory.js';

export function updateEquation(m: Mem, rec: number, step: number): void {
  const slot = m.i32[(m.i32[rec + abi.P_COEF]! >>> 2) + abi.CE_PROGRAM]!;
  const program = m.programs[slot];
  if (!program) throw new Error(`reference backend: no equation program in slot ${slot}`);
  program(m, rec, step);
}
