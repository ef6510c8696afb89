// Twin of assembly/neurons/equation.ts: runs the population's interpreted update
// (ts/backends/reference/interpret-equations.ts), program 1, 2, ... as its coefficient block numbers it.
import * as abi from '../../../../assembly/abi.js';
import type { Mem } from '../memory.js';

export function updateEquation(m: Mem, rec: number, step: number): void {
  const program = m.i32[(m.i32[rec + abi.P_COEF]! >>> 2) + abi.CE_PROGRAM]!;
  const update = m.programs[program - 1];
  if (!update) throw new Error(`reference backend: no equation program ${program}`);
  update(m, rec, step);
}
