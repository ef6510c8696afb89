// A small WebAssembly binary writer: just what generated equation modules use (exported
// functions over imported memory and imported functions; i32, f32, f64 and SIMD instructions).

export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof F64 | typeof V128;

export function unsigned(value: number, out: number[] = []): number[] {
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

export function signed(value: number, out: number[] = []): number[] {
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const name = (text: string) => [...unsigned(text.length), ...new TextEncoder().encode(text)];
const vector = (items: number[][]) => [...unsigned(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...unsigned(body.length), ...body];

/**
 * Instructions of one function body, with the locals it declares. Its non-zero vector
 * constants live in mutable v128 globals, read into locals when the function starts: an engine
 * folds a constant (or a local only ever set to one) into each use and rebuilds it there, every
 * iteration of a loop (three instructions in V8), where a value read from a global stays in a
 * register. The function's globals start at `globalBase` (0 in a module of its own; after the
 * previous functions' in a module of several): its i32 global, then constant k at 1 + k.
 */
export class Code {
  readonly bytes: number[] = [];
  private readonly locals: ValType[] = [];
  /** The vector constants, by their bytes: the local each is read into. */
  readonly constants = new Map<string, { bytes: number[]; local: number }>();

  constructor(readonly params: ValType[], readonly globalBase = 0) {}

  /** Globals the function uses: its i32 global and its constants. */
  get globalCount(): number {
    return 1 + this.constants.size;
  }

  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  op(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  simd(opcode: number, ...immediates: number[]): this {
    this.bytes.push(0xfd, ...unsigned(opcode), ...immediates);
    return this;
  }

  get(local: number): this { return this.op(0x20, ...unsigned(local)); }
  getGlobal(global: number): this { return this.op(0x23, ...unsigned(this.globalBase + global)); }
  setGlobal(global: number): this { return this.op(0x24, ...unsigned(this.globalBase + global)); }
  set(local: number): this { return this.op(0x21, ...unsigned(local)); }
  tee(local: number): this { return this.op(0x22, ...unsigned(local)); }
  i32(value: number): this { return this.op(0x41, ...signed(value | 0)); }

  f64(value: number): this {
    const b = new Uint8Array(new Float64Array([value]).buffer);
    return this.op(0x44, ...b);
  }

  f32x4(value: number): this {
    const lane = [...new Uint8Array(new Float32Array([value]).buffer)];
    return this.v128([...lane, ...lane, ...lane, ...lane]);
  }

  /** A vector constant: zero in place (engines make it with one instruction), others from their local. */
  v128(bytes: number[]): this {
    if (bytes.every((b) => b === 0)) return this.simd(12, ...bytes);
    const key = bytes.join(',');
    let entry = this.constants.get(key);
    if (!entry) {
      entry = { bytes, local: this.local(V128) };
      this.constants.set(key, entry);
    }
    return this.get(entry.local);
  }

  i32x4(a: number, b: number, c: number, d: number): this {
    return this.v128([...new Uint8Array(new Int32Array([a, b, c, d]).buffer)]);
  }

  /** i32.load / i32.store at a byte offset from the address on the stack. */
  loadI32(offset = 0): this { return this.op(0x28, 2, ...unsigned(offset)); }
  storeI32(offset = 0): this { return this.op(0x36, 2, ...unsigned(offset)); }
  /** f32 and f64 loads and stores, the same way. */
  loadF32(offset = 0): this { return this.op(0x2a, 2, ...unsigned(offset)); }
  storeF32(offset = 0): this { return this.op(0x38, 2, ...unsigned(offset)); }
  loadF64(offset = 0): this { return this.op(0x2b, 3, ...unsigned(offset)); }
  loadV128(offset = 0): this { return this.simd(0, 4, ...unsigned(offset)); }
  storeV128(offset = 0): this { return this.simd(11, 4, ...unsigned(offset)); }

  /** The declared locals, grouped by runs of one type, then reading the constants, then the instructions. */
  body(): number[] {
    const reads = [...this.constants.values()].flatMap((entry, k) => [0x23, ...unsigned(this.globalBase + 1 + k), 0x21, ...unsigned(entry.local)]);
    const groups: number[][] = [];
    for (let k = 0; k < this.locals.length;) {
      let run = 1;
      while (k + run < this.locals.length && this.locals[k + run] === this.locals[k]) run++;
      groups.push([...unsigned(run), this.locals[k]!]);
      k += run;
    }
    const code = [...vector(groups), ...reads, ...this.bytes, 0x0b];
    return [...unsigned(code.length), ...code];
  }
}

export interface FunctionImport {
  module: string;
  field: string;
  params: ValType[];
  results: ValType[];
}

/** The memory a module imports: any (limits 0..), or a shared one of at most `maximumPages` (threads). */
export type MemoryImport = { shared: false } | { shared: true; maximumPages: number };

/** A function of a module: its export name and its code (whose params give its type). */
export interface ModuleFunction {
  name: string;
  code: Code;
}

/**
 * A module importing `memory` and functions from `memoryFrom`, exporting `functions` (each with
 * its i32 global and its code's vector constants, in order: the codes' globalBase must follow
 * each other), with custom sections (name -> bytes) at its end.
 */
export function moduleBytes(memoryFrom: string, memory: MemoryImport, imports: FunctionImport[], functions: ModuleFunction[], custom: Record<string, Uint8Array> = {}): Uint8Array<ArrayBuffer> {
  const types: number[][] = [];
  const typeOf = (p: ValType[], r: ValType[]) => {
    const t = [0x60, ...vector(p.map((x) => [x])), ...vector(r.map((x) => [x]))];
    let index = types.findIndex((u) => u.length === t.length && u.every((b, k) => b === t[k]));
    if (index < 0) index = types.push(t) - 1;
    return index;
  };
  const importEntries = imports.map((imp) => [...name(imp.module), ...name(imp.field), 0x00, ...unsigned(typeOf(imp.params, imp.results))]);
  const limits = memory.shared ? [0x03, 0x00, ...unsigned(memory.maximumPages)] : [0x00, 0x00];
  importEntries.push([...name(memoryFrom), ...name('memory'), 0x02, ...limits]);
  let next = 0;
  for (const f of functions) {
    if (f.code.globalBase !== next) throw new Error(`function ${f.name}: its globals start at ${f.code.globalBase}, not ${next}`);
    next += f.code.globalCount;
  }
  const own = functions.map((f) => unsigned(typeOf(f.code.params, [])));
  const globals = functions.flatMap((f) => [[I32, 0x01, 0x41, 0x00, 0x0b], ...[...f.code.constants.values()].map((c) => [V128, 0x01, 0xfd, 12, ...c.bytes, 0x0b])]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector(importEntries)),
    ...section(3, vector(own)),
    ...section(6, vector(globals)),
    ...section(7, vector(functions.map((f, k) => [...name(f.name), 0x00, ...unsigned(imports.length + k)]))),
    ...section(10, vector(functions.map((f) => f.code.body()))),
    ...Object.entries(custom).flatMap(([key, bytes]) => section(0, [...name(key), ...bytes])),
  ]);
}
