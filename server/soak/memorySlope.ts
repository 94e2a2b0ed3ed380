/** One memory sample of the server process. */
export interface MemorySample {
  /** Wall ms since the soak started. */
  t: number;
  rssMb: number;
  /** The server's heap in use right after a forced GC, MB (NaN until it first reports). */
  heapMb?: number;
}

/**
 * Growth per hour by least squares over the samples after a warm-up share (the first samples
 * hold start-up and JIT growth, not a leak), of RSS unless `value` picks another figure;
 * samples where it is not a number are skipped. NaN with fewer than two samples.
 */
export function growthPerHour(
  samples: readonly MemorySample[],
  warmupShare = 0.2,
  value: (s: MemorySample) => number = (s) => s.rssMb,
): number {
  const s = samples.slice(Math.floor(samples.length * warmupShare)).filter((x) => Number.isFinite(value(x)));
  if (s.length < 2) return Number.NaN;
  const mx = s.reduce((a, x) => a + x.t, 0) / s.length;
  const my = s.reduce((a, x) => a + value(x), 0) / s.length;
  let num = 0;
  let den = 0;
  for (const x of s) {
    num += (x.t - mx) * (value(x) - my);
    den += (x.t - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 3_600_000;
}

/** Resident set size of a process in MB, from /proc (Linux); NaN where unavailable. */
export function rssOf(pid: number, read: (path: string) => string): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
