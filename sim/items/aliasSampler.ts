/** O(1) sampler of indices in proportion to fixed weights (Walker/Vose alias method). */
export interface AliasSampler {
  /** Number of outcomes. */
  readonly size: number;
  /** Draw one index using exactly one uniform [0,1) from `rng`. */
  sample(rng: () => number): number;
}

/**
 * Build an alias table in O(n). One uniform per draw: its integer part (after scaling by n)
 * picks the column and its fraction decides between the column and its alias, which keeps
 * random streams aligned across runs that draw different numbers of items.
 */
export function createAliasSampler(weights: ArrayLike<number>): AliasSampler {
  const n = weights.length;
  if (n === 0) throw new RangeError('alias sampler needs at least one weight');
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (!(w >= 0) || !Number.isFinite(w))
      throw new RangeError(`weight ${i} is ${w}; weights must be finite and ≥ 0`);
    total += w;
  }
  if (total <= 0) throw new RangeError('weights must not all be zero');
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = ((weights[i] as number) * n) / total;
    ((scaled[i] as number) < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    prob[s] = scaled[s] as number;
    alias[s] = l;
    scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
    ((scaled[l] as number) < 1 ? small : large).push(l);
  }
  // Leftovers are 1 up to rounding error.
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  for (let i = 0; i < n; i++) if (prob[i] === 1) alias[i] = i;
  return {
    size: n,
    sample(rng: () => number): number {
      const u = rng() * n;
      const col = Math.min(Math.floor(u), n - 1);
      return u - col < (prob[col] as number) ? col : (alias[col] as number);
    },
  };
}
