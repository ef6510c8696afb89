/** Views over a layout image; the reference kernels address it by byte offset like wasm does. */
export interface Mem {
  i32: Int32Array;
  u32: Uint32Array;
  f32: Float32Array;
  u16: Uint16Array;
  u8: Uint8Array;
  f64: Float64Array;
  view: DataView;
  /**
   * Programs generated from equations, program k at index k - 1: equation populations' updates
   * (m, rec, step), then synapse models' onPre and onPost (m, proj, who, first, last, target,
   * step), as ts/backends/reference/interpret-*.ts run them.
   */
  programs: ((m: Mem, ...words: number[]) => void)[];
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
