// spikewasm-wasi (dist/spikewasm-wasi.wasm): a WASI command that continues a snapshot with no
// JavaScript at all. It reads a snapshot (docs/snapshot-format.md) on stdin, checks it (the
// image too, as untrusted input: assembly/image-check.ts), runs the kernel on its image in
// place for the number of steps given as the first argument, and writes every recorded spike
// to stdout as a "step neuron\n" line (global neuron index).
// Exit codes: 0 done, 1 a bad snapshot or argument (message on stderr).
import { args_get, args_sizes_get, fd_read, fd_write, proc_exit } from "bindings/wasi_snapshot_preview1";
import { ABI_MAGIC, ABI_OLDEST_IMAGE, ABI_VERSION, H_CNT_LEN, H_MAGIC, H_SPK_CAP, H_SPK_LEN, H_SPK_REC, H_ST_LEN, H_STEP } from "../abi";
import { run } from "../engine";
import { checkImage, imageProblem } from "../image-check";
import { setWord, word } from "../memory";
import {
  SN_ABI, SN_FLAG_RASTER, SN_FLAGS, SN_HEADER_BYTES, SN_IMAGE_LENGTH, SN_JSON_LENGTH, SN_MAGIC_HI, SN_MAGIC_LO, SN_RESERVED,
  SN_STEP, SN_VERSION, SNAPSHOT_VERSION,
} from "../snapshot-layout";

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;

/** Scratch for WASI calls: one iovec and a result word. */
const io = memory.data(16, 16);

function writeAll(fd: u32, ptr: usize, len: usize): void {
  while (len > 0) {
    store<u32>(io, <u32>ptr);
    store<u32>(io, <u32>len, 4);
    if (fd_write(fd, io, 1, io + 8) != 0) proc_exit(1);
    const done = <usize>load<u32>(io, 8);
    ptr += done;
    len -= done;
  }
}

function fail(message: string): void {
  const text = String.UTF8.encode("spikewasm-wasi: " + message + "\n");
  writeAll(STDERR, changetype<usize>(text), <usize>text.byteLength);
  proc_exit(1);
}

/** The whole of stdin, at a 16-aligned address (so the image inside it is aligned too). */
let blobLength: usize = 0;

function readStdin(): usize {
  let capacity: usize = 1 << 20;
  let at = heap.alloc(capacity);
  while (true) {
    if (blobLength == capacity) {
      capacity <<= 1;
      at = heap.realloc(at, capacity);
    }
    store<u32>(io, <u32>(at + blobLength));
    store<u32>(io, <u32>(capacity - blobLength), 4);
    if (fd_read(STDIN, io, 1, io + 8) != 0) fail("cannot read stdin");
    const got = <usize>load<u32>(io, 8);
    if (got == 0) break;
    blobLength += got;
  }
  if ((at & 15) == 0) return at;
  const aligned = (heap.alloc(blobLength + 16) + 15) & ~(<usize>15);
  memory.copy(aligned, at, blobLength);
  return aligned;
}

/** The first command-line argument as a whole number of steps. */
function stepsArgument(): i32 {
  if (args_sizes_get(io, io + 4) != 0) fail("cannot read arguments");
  const argc = load<u32>(io);
  if (argc < 2) fail("usage: spikewasm-wasi <steps> < snapshot.bin");
  const argv = new ArrayBuffer(<i32>argc * 4);
  const text = new ArrayBuffer(<i32>load<u32>(io, 4));
  args_get(changetype<usize>(argv), changetype<usize>(text));
  let p = <usize>load<u32>(changetype<usize>(argv), 4);
  if (load<u8>(p) == 0) fail("the number of steps must be a whole number below 2^31 (got an empty argument)");
  let steps: i64 = 0;
  for (let c = load<u8>(p); c != 0; c = load<u8>(++p)) {
    if (c < 48 || c > 57) fail("the number of steps must be a whole number below 2^31");
    steps = steps * 10 + <i64>(c - 48);
    if (steps > 0x7fffffff) fail("the number of steps must be a whole number below 2^31");
  }
  return <i32>steps;
}

function crc32(ptr: usize, len: usize): u32 {
  let c: u32 = 0xffffffff;
  for (let i: usize = 0; i < len; i++) {
    c ^= <u32>load<u8>(ptr + i);
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c;
}

/** Checks the snapshot like readSnapshot (ts/io/snapshot.ts) and returns the image's address. */
function imageOf(at: usize, length: usize): usize {
  if (length < <usize>SN_HEADER_BYTES + 4 || load<u32>(at) != SN_MAGIC_LO || load<u32>(at, 4) != SN_MAGIC_HI) fail("stdin is not a spikewasm snapshot (no SPKWSNAP magic)");
  const version = load<u32>(at + SN_VERSION);
  if (version != SNAPSHOT_VERSION) fail("the snapshot has format version " + version.toString() + "; this program reads version " + SNAPSHOT_VERSION.toString());
  if (crc32(at, length - 4) != load<u32>(at + length - 4)) fail("the snapshot is corrupted (CRC-32 mismatch)");
  const abiVersion = load<u32>(at + SN_ABI);
  if (abiVersion < <u32>ABI_OLDEST_IMAGE || abiVersion > <u32>ABI_VERSION) fail("the snapshot holds an image for kernel ABI " + abiVersion.toString());
  if ((load<u32>(at + SN_FLAGS) & ~SN_FLAG_RASTER) != 0 || load<u32>(at + SN_RESERVED) != 0) fail("the snapshot has unknown flags or reserved bytes set");
  const imageAt = <usize>SN_HEADER_BYTES + ((<usize>load<u32>(at + SN_JSON_LENGTH) + 15) & ~(<usize>15));
  const imageLength = load<u64>(at + SN_IMAGE_LENGTH);
  if (<u64>imageAt + imageLength + 4 != <u64>length) fail("the snapshot's lengths do not add up");
  const image = at + imageAt;
  if (word(image, H_MAGIC) != ABI_MAGIC || <u32>word(image, H_STEP) != load<u32>(at + SN_STEP)) fail("the snapshot's image header is not a layout image");
  // The checksum only says the blob is as written: the image itself is untrusted input.
  const wrong = checkImage(image, <usize>imageLength);
  if (wrong >= 0) fail("the snapshot's image is wrong at byte " + wrong.toString() + ": " + imageProblem);
  return image;
}

/** Spikes as text, buffered: "step neuron\n" per spike. */
const out = new ArrayBuffer(1 << 16);
let outLen: usize = 0;

function flush(): void {
  writeAll(STDOUT, changetype<usize>(out), outLen);
  outLen = 0;
}

function put(x: u32, end: u8): void {
  if (outLen + 24 > <usize>out.byteLength) flush();
  const digits = memory.data(16);
  let n = 0;
  do {
    store<u8>(digits + n++, <u8>(48 + x % 10));
    x /= 10;
  } while (x != 0);
  const dst = changetype<usize>(out);
  while (n > 0) store<u8>(dst + outLen++, load<u8>(digits + --n));
  store<u8>(dst + outLen++, end);
}

function main(): void {
  const steps = stepsArgument();
  const blob = readStdin();
  const image = imageOf(blob, blobLength);
  if (<u64><u32>word(image, H_STEP) + <u64>steps > 0xffffffff) fail("the network would pass step 2^32 - 1 (it is at step " + (<u32>word(image, H_STEP)).toString() + ")");
  let left = steps;
  while (left > 0) {
    left -= run(image, left);
    const steps = image + <usize>word(image, H_SPK_REC);
    const neurons = steps + (<usize>word(image, H_SPK_CAP) << 2);
    for (let k = 0, n = word(image, H_SPK_LEN); k < n; k++) {
      put(load<u32>(steps + (<usize>k << 2)), 32);
      put(load<u32>(neurons + (<usize>k << 2)), 10);
    }
    // Drained: every record buffer starts empty again (state and rate records are not written out).
    setWord(image, H_SPK_LEN, 0);
    setWord(image, H_ST_LEN, 0);
    setWord(image, H_CNT_LEN, 0);
  }
  flush();
}

main();
