// A snapshot's image says which projections keep i32 columns: every one of an image from before
// ABI 8, and a network restored from one keeps them through its later snapshots. Its layout is
// planned that way (layoutShapes' wideColumns), and checkRestoredImage then compares every word
// of structure with that plan, so what is read here from the untrusted image is only a choice
// between two layouts that are both checked in full.
import * as abi from '../../assembly/abi.js';

/** Indices of the projections whose J_WIDTHS in `image` lacks J_NARROW_COLUMNS (none if the table is out of the image). */
export function wideColumnsOf(image: Uint8Array): Set<number> {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const wide = new Set<number>();
  if (image.byteLength < abi.H_WORDS * 4) return wide;
  const count = view.getInt32(abi.H_NPROJS * 4, true);
  const table = view.getInt32(abi.H_PROJS * 4, true);
  if (count < 0 || table < 0 || table + count * abi.J_WORDS * 4 > image.byteLength) return wide;
  for (let k = 0; k < count; k++) {
    if ((view.getInt32(table + (k * abi.J_WORDS + abi.J_WIDTHS) * 4, true) & abi.J_NARROW_COLUMNS) === 0) wide.add(k);
  }
  return wide;
}
