/** Views over a layout image; the reference kernels address it by byte offset like wasm does. */
export interface Mem {
  i32: Int32Array;
  u32: Uint32Array;
  f32: Float32Array;
  u16: Uint16Array;
  u8: Uint8Array;
  f64: Float64Array;
  view: DataView;
  /** Equation populations' updates, program k at index k - 1 (ts/backends/reference/interpret-equations.ts). */
  programs: ((m: Mem, rec: number, step: number) => void)[];
}

export function views(buffer: ArrayBuffer, programs: Mem['programs'] = []): Mem {
  return {
    i32: new Int32Array(buffer),
    u32: new Uint32Array(buffer),
    f32: new Float32Array(buffer),
    u16: new Uint16Array(buffer),
    u8: new Uint8Array(buffer),
    f64: new Float64Array(buffer, 0, buffer.byteLength >>> 3),
    view: new DataView(buffer),
    programs,
  };
}
