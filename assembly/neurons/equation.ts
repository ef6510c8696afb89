// Models written as equations: their update is a module generated at run time
// (ts/equations/wasm/generate.ts), placed by the host in this module's function table
// (programs.ts); a population's coefficient block numbers its program.
import { CE_PROGRAM, P_COEF } from "../abi";
import { region, word } from "../memory";
import { programSlot } from "../programs";

export function updateEquation(base: usize, rec: usize, step: u32): void {
  call_indirect<void>(programSlot(<u32>word(region(base, rec, P_COEF), CE_PROGRAM)), base, rec, step);
}
