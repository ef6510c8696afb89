// Models written as equations: their update is a module generated at run time
// (ts/equations/wasm/generate.ts), placed by the host in this module's function table after
// the kernel's own entries; a population's coefficient block numbers its program (1, 2, ...).
import { CE_PROGRAM, P_COEF } from "../abi";
import { region, word } from "../memory";

/** Table slot of program 1 (the host sets it when it places the programs). */
let firstProgramSlot: u32 = 0;

export function setFirstProgramSlot(slot: u32): void {
  firstProgramSlot = slot;
}

export function updateEquation(base: usize, rec: usize, step: u32): void {
  const program = <u32>word(region(base, rec, P_COEF), CE_PROGRAM);
  call_indirect<void>(firstProgramSlot + program - 1, base, rec, step);
}
