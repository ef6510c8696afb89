// Models written as equations: their update is a module generated at run time
// (ts/equations/wasm/generate.ts), placed in this module's function table by the host; the
// population's coefficient block names its slot.
import { CE_PROGRAM, P_COEF } from "../abi";
import { region, word } from "../memory";

export function updateEquation(base: usize, rec: usize, step: u32): void {
  call_indirect<void>(<u32>word(region(base, rec, P_COEF), CE_PROGRAM), base, rec, step);
}
