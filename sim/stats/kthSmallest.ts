/**
 * The k-th smallest value (0-based) of `xs`, as `xs.slice().sort()[k]` would give, in expected
 * linear time: a quickselect with three-way partitioning on a copy (`xs` is left as it is).
 * The KPI report's p90 wait asked a full sort of every wait for one order statistic — a million
 * waits at the M/M/c bench size, the largest single cost of a report. Three-way partitioning
 * keeps runs of equal values (the many zero waits of a queue with idle servers) linear, and the
 * pivot is the median of three fixed positions, so the work is the same on every run.
 */
export function kthSmallest(xs: ArrayLike<number>, k: number): number {
  const n = xs.length;
  if (!(k >= 0 && k < n) || !Number.isInteger(k))
    throw new RangeError(`kthSmallest: k=${k} outside 0..${n - 1}`);
  const a = Float64Array.from(xs);
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = medianOf3(a[lo]!, a[(lo + hi) >>> 1]!, a[hi]!);
    // Dutch flag: [lo, lt) < pivot, [lt, i) = pivot, (gt, hi] > pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i]!;
      if (v < pivot) {
        a[i] = a[lt]!;
        a[lt] = v;
        lt++;
        i++;
      } else if (v > pivot) {
        a[i] = a[gt]!;
        a[gt] = v;
        gt--;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[lo]!;
}

function medianOf3(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}
