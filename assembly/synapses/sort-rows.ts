// Sorts the columns of CSR rows ascending in place: fixed_total_number's rows are filled in the
// order their pairs were drawn (connect-pairs.ts), and the layout keeps every row's columns
// ascending (ts/model/connectivity.ts placeColumns sorts them with TypedArray sort, about 40 ns
// a column; equal columns are interchangeable, so any correct sort gives the same row).
// A least-significant-digit radix sort of the columns less their lowest possible value, a byte
// a pass, through a static scratch row; short rows by insertion, rows longer than the scratch
// by heapsort (no scratch needed; such rows are rare).

const SCRATCH: i32 = 1 << 16;
const scratch = memory.data(SCRATCH << 2, 16);
const buckets = memory.data(256 << 2, 16);
/** Rows up to this long are sorted by insertion: a radix pass costs 256 buckets. */
const SHORT: i32 = 48;

/**
 * Sorts rows first.. last - 1 of the CSR whose row pointers (i32, indices into `columns`) are at
 * `rowPtr`; every column lies in [low, low + span).
 */
export function sortRows(columns: usize, rowPtr: usize, first: i32, last: i32, low: i32, span: i32): void {
  for (let i = first; i < last; i++) {
    const start = load<i32>(rowPtr + (<usize>i << 2));
    const n = load<i32>(rowPtr + (<usize>(i + 1) << 2)) - start;
    const row = columns + (<usize>start << 2);
    if (n <= SHORT) insertionSort(row, n);
    else if (n <= SCRATCH) radixSort(row, n, low, <u32>(span - 1));
    else heapSort(row, n);
  }
}

function insertionSort(row: usize, n: i32): void {
  for (let k = 1; k < n; k++) {
    const x = load<i32>(row + (<usize>k << 2));
    let m = k;
    for (; m > 0; m--) {
      const y = load<i32>(row + (<usize>(m - 1) << 2));
      if (y <= x) break;
      store<i32>(row + (<usize>m << 2), y);
    }
    store<i32>(row + (<usize>m << 2), x);
  }
}

/** Byte passes over (column - low) until `top` (the largest such key) has no higher byte. */
function radixSort(row: usize, n: i32, low: i32, top: u32): void {
  let from = row;
  let to = scratch;
  for (let shift: u32 = 0; shift < 32 && (shift == 0 || top >> shift != 0); shift += 8) {
    memory.fill(buckets, 0, 256 << 2);
    for (let k = 0; k < n; k++) {
      const at = buckets + (<usize>((<u32>(load<i32>(from + (<usize>k << 2)) - low) >> shift) & 255) << 2);
      store<i32>(at, load<i32>(at) + 1);
    }
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const at = buckets + (<usize>b << 2);
      const c = load<i32>(at);
      store<i32>(at, sum);
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const x = load<i32>(from + (<usize>k << 2));
      const at = buckets + (<usize>((<u32>(x - low) >> shift) & 255) << 2);
      const place = load<i32>(at);
      store<i32>(at, place + 1);
      store<i32>(to + (<usize>place << 2), x);
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from != row) memory.copy(row, from, <usize>n << 2);
}

function heapSort(row: usize, n: i32): void {
  for (let k = (n >> 1) - 1; k >= 0; k--) siftDown(row, k, n);
  for (let end = n - 1; end > 0; end--) {
    const top = load<i32>(row);
    store<i32>(row, load<i32>(row + (<usize>end << 2)));
    store<i32>(row + (<usize>end << 2), top);
    siftDown(row, 0, end);
  }
}

/** Moves the entry at `k` down the max-heap of the first n entries to its place. */
function siftDown(row: usize, k: i32, n: i32): void {
  const x = load<i32>(row + (<usize>k << 2));
  for (;;) {
    let child = 2 * k + 1;
    if (child >= n) break;
    if (child + 1 < n && load<i32>(row + (<usize>(child + 1) << 2)) > load<i32>(row + (<usize>child << 2))) child++;
    const y = load<i32>(row + (<usize>child << 2));
    if (y <= x) break;
    store<i32>(row + (<usize>k << 2), y);
    k = child;
  }
  store<i32>(row + (<usize>k << 2), x);
}
