// Sorting a sparse row's (index, value) f64 pairs by index: insertion sort for short rows,
// heapsort beyond. Indices are distinct after validation, so any correct sort gives the same bytes.

@inline function idxAt(idx: usize, i: i32): f64 {
  return load<f64>(idx + (<usize>i << 3));
}

function swap(idx: usize, val: usize, a: i32, b: i32): void {
  const pa = <usize>a << 3;
  const pb = <usize>b << 3;
  const i = load<f64>(idx + pa);
  store<f64>(idx + pa, load<f64>(idx + pb));
  store<f64>(idx + pb, i);
  const v = load<f64>(val + pa);
  store<f64>(val + pa, load<f64>(val + pb));
  store<f64>(val + pb, v);
}

function siftDown(idx: usize, val: usize, root: i32, n: i32): void {
  while (true) {
    let child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && idxAt(idx, child + 1) > idxAt(idx, child)) child++;
    if (idxAt(idx, root) >= idxAt(idx, child)) return;
    swap(idx, val, root, child);
    root = child;
  }
}

export function sortSparseRow(idx: usize, val: usize, n: i32): void {
  let a = 1;
  while (a < n && idxAt(idx, a - 1) <= idxAt(idx, a)) a++;
  if (a >= n) return; // already in order, the usual case
  if (n <= 16) {
    for (let a = 1; a < n; a++) {
      const key = idxAt(idx, a);
      const v = load<f64>(val + (<usize>a << 3));
      let b = a - 1;
      while (b >= 0 && idxAt(idx, b) > key) {
        store<f64>(idx + (<usize>(b + 1) << 3), idxAt(idx, b));
        store<f64>(val + (<usize>(b + 1) << 3), load<f64>(val + (<usize>b << 3)));
        b--;
      }
      store<f64>(idx + (<usize>(b + 1) << 3), key);
      store<f64>(val + (<usize>(b + 1) << 3), v);
    }
    return;
  }
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(idx, val, start, n);
  for (let end = n - 1; end > 0; end--) {
    swap(idx, val, 0, end);
    siftDown(idx, val, 0, end);
  }
}
