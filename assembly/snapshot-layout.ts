// The fixed header of a snapshot blob (docs/snapshot-format.md): byte offsets of its fields,
// shared by the writer and reader in ts/io/snapshot.ts and the WASI command
// (assembly/wasi/main.ts). Plain TypeScript that both asc and tsc accept, like abi.ts.

export const SNAPSHOT_VERSION = 1;
/** "SPKWSNAP" as two little-endian u32 words at bytes 0 and 4. */
export const SN_MAGIC_LO = 0x574b5053;
export const SN_MAGIC_HI = 0x50414e53;
export const SN_VERSION = 8; //        u32 format version
export const SN_ABI = 12; //           u32 ABI version of the kernel that wrote the image
export const SN_FLAGS = 16; //         u32: bit 0 = the network keeps a raster
export const SN_JSON_LENGTH = 20; //   u32 description length (UTF-8 JSON)
export const SN_IMAGE_LENGTH = 24; //  u64 image length
export const SN_STEP = 32; //          u32 the image's step count
export const SN_RESERVED = 36; //      u32, 0
export const SN_TARGET_TIME = 40; //   f64 model time asked for so far (s)
export const SN_HEADER_BYTES = 48; //  then the description, padded to 16, then the image, then a CRC-32
export const SN_FLAG_RASTER = 1;
