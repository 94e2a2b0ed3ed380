/**
 * The k-th smallest value (0-based) of `xs`, as `Float64Array.from(xs).sort()[k]` would give
 * (NaN sorts last, -0 before +0), in linear time and without copying `xs` (which is left as it is).
 *
 * The KPI report's p90 wait asked a full sort of a copy of every wait for one order statistic —
 * a million waits at the M/M/c bench size, the largest single cost of a report — and even a
 * copy costs: a fresh 8 MB buffer is page faults first. So this is a radix select: one pass
 * counts the values by the top 16 bits of an order-preserving key of their bit pattern, the
 * bucket holding rank k is found from the counts, a second pass collects only that bucket's
 * values, and a quickselect (three-way, for runs of equal values such as the zero waits of a
 * queue with idle servers) finishes among those few.
 */
export function kthSmallest(xs: ArrayLike<number>, k: number): number {
  const n = xs.length;
  if (!(k >= 0 && k < n) || !Number.isInteger(k))
    throw new RangeError(`kthSmallest: k=${k} outside 0..${n - 1}`);
  const a = xs instanceof Float64Array ? xs : Float64Array.from(xs);
  if (!LITTLE_ENDIAN) return quickselect(Float64Array.from(a), k);
  // The high 32-bit word of each double (little-endian: the odd words).
  const words = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  const counts = new Uint32Array(BUCKETS);
  for (let i = 0; i < n; i++) counts[bucketOf(a[i]!, words[2 * i + 1]!)]!++;
  let bucket = 0;
  let below = 0;
  while (below + counts[bucket]! <= k) below += counts[bucket++]!;
  const inBucket = new Float64Array(counts[bucket]!);
  let j = 0;
  for (let i = 0; i < n; i++) if (bucketOf(a[i]!, words[2 * i + 1]!) === bucket) inBucket[j++] = a[i]!;
  return quickselect(inBucket, k - below);
}

const BUCKETS = 1 << 16;
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * Top 16 bits of the value's sort key: its high word with the sign bit flipped for positives and
 * every bit flipped for negatives, so keys order as the numbers do; any NaN goes to the last bucket.
 */
function bucketOf(v: number, high: number): number {
  if (v !== v) return BUCKETS - 1;
  return (high & 0x80000000 ? ~high : high | 0x80000000) >>> 16;
}

/** In-place quickselect with three-way partitioning; the pivot is a median of three fixed positions. */
function quickselect(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = medianOf3(a[lo]!, a[(lo + hi) >>> 1]!, a[hi]!);
    // Dutch flag: [lo, lt) < pivot, [lt, i) = pivot, (gt, hi] > pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i]!;
      if (before(v, pivot)) {
        a[i] = a[lt]!;
        a[lt] = v;
        lt++;
        i++;
      } else if (before(pivot, v)) {
        a[i] = a[gt]!;
        a[gt] = v;
        gt--;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return a[k]!;
  }
  return a[lo]!;
}

/** The typed-array sort order: numbers ascending, -0 before +0, NaN after everything. */
function before(x: number, y: number): boolean {
  if (x !== x) return false;
  if (y !== y) return true;
  if (x === 0 && y === 0) return Object.is(x, -0) && !Object.is(y, -0);
  return x < y;
}

function medianOf3(x: number, y: number, z: number): number {
  if (before(x, y)) return before(y, z) ? y : before(x, z) ? z : x;
  return before(x, z) ? x : before(y, z) ? z : y;
}
