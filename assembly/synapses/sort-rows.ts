// Sorts the columns of CSR rows ascending in place: fixed_total_number's rows are filled in the
// order their pairs were drawn (connect-pairs.ts), and the layout keeps every row's columns
// ascending (ts/model/connectivity.ts placeColumns sorts them with TypedArray sort, about 40 ns
// a column; equal columns are interchangeable, so any correct sort gives the same row).
// A least-significant-digit radix sort of the columns less their lowest possible value, a byte
// a pass, through a static scratch row; short rows by insertion, rows longer than the scratch
// by heapsort (no scratch needed; such rows are rare). Columns are i32, or u16 (narrow: the
// layout's J_NARROW_COLUMNS storage); each sort is written once, generic in the column type.

const SCRATCH: i32 = 1 << 16;
const scratch = memory.data(SCRATCH << 2, 16);
const buckets = memory.data(256 << 2, 16);
/** Rows up to this long are sorted by insertion: a radix pass costs 256 buckets. */
const SHORT: i32 = 48;

/**
 * Sorts rows first.. last - 1 of the CSR whose row pointers (i32, indices into `columns`) are at
 * `rowPtr`; every column lies in [low, low + span); `narrow`: u16 columns, else i32.
 */
export function sortRows(columns: usize, rowPtr: usize, first: i32, last: i32, low: i32, span: i32, narrow: bool): void {
  if (narrow) sortRowsOf<u16>(columns, rowPtr, first, last, low, span);
  else sortRowsOf<i32>(columns, rowPtr, first, last, low, span);
}

function sortRowsOf<T>(columns: usize, rowPtr: usize, first: i32, last: i32, low: i32, span: i32): void {
  for (let i = first; i < last; i++) {
    const start = load<i32>(rowPtr + (<usize>i << 2));
    const n = load<i32>(rowPtr + (<usize>(i + 1) << 2)) - start;
    const row = columns + (<usize>start << alignof<T>());
    if (n <= SHORT) insertionSort<T>(row, n);
    else if (n <= SCRATCH) radixSort<T>(row, n, low, <u32>(span - 1));
    else heapSort<T>(row, n);
  }
}

/** Column k of a row. */
// @ts-ignore: decorator
@inline function at<T>(row: usize, k: i32): usize {
  return row + (<usize>k << alignof<T>());
}

function insertionSort<T>(row: usize, n: i32): void {
  for (let k = 1; k < n; k++) {
    const x = load<T>(at<T>(row, k));
    let m = k;
    for (; m > 0; m--) {
      const y = load<T>(at<T>(row, m - 1));
      if (y <= x) break;
      store<T>(at<T>(row, m), y);
    }
    store<T>(at<T>(row, m), x);
  }
}

/** Byte passes over (column - low) until `top` (the largest such key) has no higher byte. */
function radixSort<T>(row: usize, n: i32, low: i32, top: u32): void {
  let from = row;
  let to = scratch;
  for (let shift: u32 = 0; shift < 32 && (shift == 0 || top >> shift != 0); shift += 8) {
    memory.fill(buckets, 0, 256 << 2);
    for (let k = 0; k < n; k++) {
      const bucket = buckets + (<usize>((<u32>(<i32>load<T>(at<T>(from, k)) - low) >> shift) & 255) << 2);
      store<i32>(bucket, load<i32>(bucket) + 1);
    }
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const bucket = buckets + (<usize>b << 2);
      const c = load<i32>(bucket);
      store<i32>(bucket, sum);
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const x = load<T>(at<T>(from, k));
      const bucket = buckets + (<usize>((<u32>(<i32>x - low) >> shift) & 255) << 2);
      const place = load<i32>(bucket);
      store<i32>(bucket, place + 1);
      store<T>(at<T>(to, place), x);
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from != row) memory.copy(row, from, <usize>n << alignof<T>());
}

function heapSort<T>(row: usize, n: i32): void {
  for (let k = (n >> 1) - 1; k >= 0; k--) siftDown<T>(row, k, n);
  for (let end = n - 1; end > 0; end--) {
    const top = load<T>(row);
    store<T>(row, load<T>(at<T>(row, end)));
    store<T>(at<T>(row, end), top);
    siftDown<T>(row, 0, end);
  }
}

/** Moves the entry at `k` down the max-heap of the first n entries to its place. */
function siftDown<T>(row: usize, k: i32, n: i32): void {
  const x = load<T>(at<T>(row, k));
  for (;;) {
    let child = 2 * k + 1;
    if (child >= n) break;
    if (child + 1 < n && load<T>(at<T>(row, child + 1)) > load<T>(at<T>(row, child))) child++;
    const y = load<T>(at<T>(row, child));
    if (y <= x) break;
    store<T>(at<T>(row, k), y);
    k = child;
  }
  store<T>(at<T>(row, k), x);
}
