/** Exact steady-state results of an M/M/c queue. */
export interface MmcExact {
  /** Utilisation ρ = λ / (cμ). */
  rho: number;
  /** Probability an arrival waits (Erlang C). */
  pWait: number;
  /** Mean wait in queue. */
  wq: number;
  /** Mean number waiting. */
  lq: number;
  /** Mean time in system. */
  w: number;
}

/**
 * Erlang C for arrival rate λ, service rate μ per server and c servers (same time unit in and
 * out). Uses the stable Erlang B recursion rather than factorials, so large c does not overflow.
 */
export function erlangC(lambda: number, mu: number, c: number): MmcExact {
  const a = lambda / mu;
  const rho = a / c;
  if (!(rho < 1)) throw new Error(`erlangC: unstable system, ρ = ${rho} ≥ 1`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const pWait = b / (1 - rho * (1 - b));
  const wq = pWait / (c * mu - lambda);
  return { rho, pWait, wq, lq: lambda * wq, w: wq + 1 / mu };
}
