/** One memory sample of the server process. */
export interface MemorySample {
  /** Wall ms since the soak started. */
  t: number;
  rssMb: number;
  /** The server's heap in use right after a forced GC, MB (NaN until it first reports). */
  heapMb?: number;
  /** Memory outside the JS heap (ArrayBuffers such as the feed's digest index), MB, at the same moment. */
  externalMb?: number;
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

/** A heap figure with the feed rate it was taken at (scans/s over the minutes before it). */
export interface RatedSample {
  t: number;
  y: number;
  rate: number;
}

/**
 * Growth per hour at a constant feed rate: least squares of y = a + b·t + c·rate, so a level
 * that follows the rate (time-windowed buffers such as the 2-minute recovery buffer hold more
 * at a higher rate) is told apart from growth with time. Returns b in MB/h and c in MB per
 * scan/s; NaN when the samples cannot separate the two (fewer than 3, or rate constant or
 * proportional to time — then use `growthPerHour`).
 */
export function growthAtConstantRate(samples: readonly RatedSample[]): {
  mbPerHour: number;
  mbPerRate: number;
} {
  const s = samples.filter((x) => Number.isFinite(x.y) && Number.isFinite(x.rate));
  const none = { mbPerHour: Number.NaN, mbPerRate: Number.NaN };
  if (s.length < 3) return none;
  const mean = (f: (x: RatedSample) => number): number => s.reduce((a, x) => a + f(x), 0) / s.length;
  const mt = mean((x) => x.t);
  const mr = mean((x) => x.rate);
  const my = mean((x) => x.y);
  let stt = 0;
  let srr = 0;
  let str = 0;
  let sty = 0;
  let sry = 0;
  for (const x of s) {
    const dt = x.t - mt;
    const dr = x.rate - mr;
    const dy = x.y - my;
    stt += dt * dt;
    srr += dr * dr;
    str += dt * dr;
    sty += dt * dy;
    sry += dr * dy;
  }
  const det = stt * srr - str * str;
  if (!(Math.abs(det) > 1e-9 * stt * srr) || srr === 0) return none;
  return { mbPerHour: ((sty * srr - sry * str) / det) * 3_600_000, mbPerRate: (stt * sry - str * sty) / det };
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
