// Programs generated at run time (ts/equations/wasm/): equation populations' updates and synapse
// models' onPre/onPost, placed by the host in this module's function table after the kernel's
// own entries and numbered 1, 2, ... in that order.

/** Table slot of program 1 (the host sets it when it places the programs). */
let firstProgramSlot: u32 = 0;

export function setFirstProgramSlot(slot: u32): void {
  firstProgramSlot = slot;
}

/** The table slot of program `program` (1, 2, ...). */
// @ts-ignore: decorator
@inline export function programSlot(program: u32): u32 {
  return firstProgramSlot + program - 1;
}
