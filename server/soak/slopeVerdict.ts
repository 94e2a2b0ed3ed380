import { sampleCorrelation } from 'simple-statistics';
import { studentTQuantile } from '../../sim/index.ts';
import type { TimedValue } from './cycleMeans.ts';

/** Heap growth per hour inside which a run is flat: ±1 MB/h, 72 MB over the 72 hours the issue asks for. */
export const FLAT_BAND_MB_PER_HOUR = 1;
/** Two-sided confidence level of the slope interval. */
export const SLOPE_CONFIDENCE = 0.95;

/** A fitted slope with its confidence interval and what it allows one to say. */
export interface SlopeVerdict {
  /** Least-squares slope, MB per hour; NaN with fewer than 3 samples. */
  mbPerHour: number;
  /** The 95 % interval of the slope, MB per hour. */
  lo: number;
  hi: number;
  /** Lag-1 autocorrelation of the residuals (the heap swings with the simulated day, so neighbours are not independent). */
  rho: number;
  /** Samples the interval counts as independent, after the autocorrelation. */
  nEffective: number;
  /** flat: interval inside the band; growing: interval above it; shrinking: below; inconclusive: neither. */
  verdict: 'flat' | 'growing' | 'shrinking' | 'inconclusive';
  /**
   * For an inconclusive verdict, the fitted span (minutes) at which an interval of this noise
   * would settle it (the half-width shrinks as span^-1.5 at a fixed sampling interval);
   * Infinity when the slope sits on a band edge; NaN for a settled verdict.
   */
  minutesNeeded: number;
  /** Minutes the fit spans. */
  minutes: number;
}

/** What the fit takes into account beside time. */
export interface SlopeFitOptions {
  /** The flat band, MB/h (default ±1). */
  band?: number;
  /**
   * Period of a known cycle in the heap (the simulated day: 86,400,000 / speed wall ms). With
   * it, sines and cosines of the period (and its first harmonics) are fitted beside the slope,
   * so a run that does not span whole cycles does not lean with the phase it ends in.
   */
  periodMs?: number;
  /** Harmonics of the period fitted (default 2: the day is a pile-up and a release, not a sine). */
  harmonics?: number;
}

/**
 * Fits `samples` (wall ms, MB) by least squares on time (and the cycle of `periodMs`, if
 * given) and gives the slope a 95 % Student-t interval whose standard error is widened for
 * AR(1) residuals (effective n = n·(1-ρ)/(1+ρ)): what the cycle terms leave (the swing is not
 * exactly periodic) makes neighbouring samples alike, and treating them as independent would
 * call a run settled far too early. Flat only if the whole interval lies in ±band MB/h,
 * growing only if all of it lies above.
 */
export function slopeVerdict(samples: readonly TimedValue[], options: SlopeFitOptions = {}): SlopeVerdict {
  const band = options.band ?? FLAT_BAND_MB_PER_HOUR;
  const s = samples.filter((x) => Number.isFinite(x.y) && Number.isFinite(x.t));
  const minutes = s.length > 1 ? (s.at(-1)!.t - s[0]!.t) / 60_000 : 0;
  const period = options.periodMs;
  const harmonics = period !== undefined && period > 0 ? (options.harmonics ?? 2) : 0;
  const p = 2 + 2 * harmonics;
  const none: SlopeVerdict = {
    mbPerHour: Number.NaN,
    lo: Number.NaN,
    hi: Number.NaN,
    rho: Number.NaN,
    nEffective: s.length,
    verdict: 'inconclusive',
    minutesNeeded: Number.NaN,
    minutes,
  };
  if (s.length < p + 1) return none;
  const t0 = s[0]!.t;
  const row = (t: number): number[] => {
    const r = [1, (t - t0) / 3_600_000];
    for (let k = 1; k <= harmonics; k++) {
      const a = (2 * Math.PI * k * t) / period!;
      r.push(Math.sin(a), Math.cos(a));
    }
    return r;
  };
  const X = s.map((x) => row(x.t));
  const xtx = Array.from({ length: p }, (_r, i) =>
    Array.from({ length: p }, (_c, j) => X.reduce((a, r) => a + r[i]! * r[j]!, 0)),
  );
  const xty = Array.from({ length: p }, (_r, i) => X.reduce((a, r, n) => a + r[i]! * s[n]!.y, 0));
  const inv = invert(xtx);
  if (!inv) return none;
  const beta = inv.map((r) => r.reduce((a, v, j) => a + v * xty[j]!, 0));
  const residuals = s.map((x, n) => x.y - X[n]!.reduce((a, v, j) => a + v * beta[j]!, 0));
  const sse = residuals.reduce((a, r) => a + r * r, 0);
  const r1 =
    residuals.length > 3 && sse > 1e-12 ? sampleCorrelation(residuals.slice(0, -1), residuals.slice(1)) : 0;
  // Negative lag-1 correlation would narrow the interval; it is taken as none (the cautious side).
  const rho = Number.isFinite(r1) ? Math.min(0.99, Math.max(0, r1)) : 0;
  const nEffective = Math.max(p + 1, (s.length * (1 - rho)) / (1 + rho));
  // The residual variance is estimated on the n points; the t quantile and the inflation use the effective n.
  const m = beta[1]!;
  const se = Math.sqrt((sse / (s.length - p)) * inv[1]![1]!) * Math.sqrt(s.length / nEffective);
  const half = studentTQuantile(0.5 + SLOPE_CONFIDENCE / 2, nEffective - p) * se;
  const lo = m - half;
  const hi = m + half;
  const verdict =
    lo >= -band && hi <= band ? 'flat' : lo > band ? 'growing' : hi < -band ? 'shrinking' : 'inconclusive';
  // The half-width that would settle it: fit inside the band, or clear above (below) it.
  const room = Math.abs(m) < band ? band - Math.abs(m) : Math.abs(m) - band;
  const minutesNeeded =
    verdict !== 'inconclusive' ? Number.NaN : room > 0 ? minutes * (half / room) ** (2 / 3) : Infinity;
  return { mbPerHour: m, lo, hi, rho, nEffective, verdict, minutesNeeded, minutes };
}

/** Inverse of a small symmetric positive matrix (Gauss-Jordan with pivoting); null when singular. */
function invert(a: readonly (readonly number[])[]): number[][] | null {
  const n = a.length;
  const m = a.map((r, i) => [...r, ...Array.from({ length: n }, (_x, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...a.map((r, i) => Math.abs(r[i]!)));
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    if (!(Math.abs(m[piv]![c]!) > 1e-12 * scale)) return null;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const d = m[c]![c]!;
    for (let j = 0; j < 2 * n; j++) m[c]![j]! /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]!;
      if (f !== 0) for (let j = 0; j < 2 * n; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  return m.map((r) => r.slice(n));
}

/** One line for the soak's report: slope, interval and verdict, and the run length an inconclusive one needs. */
export function describeVerdict(v: SlopeVerdict, band = FLAT_BAND_MB_PER_HOUR): string {
  if (!Number.isFinite(v.mbPerHour)) return 'no verdict (fewer than 3 samples)';
  const ci = `${v.mbPerHour.toFixed(2)} MB/h, 95% CI ${v.lo.toFixed(2)} … ${v.hi.toFixed(2)} (residual lag-1 ρ ${v.rho.toFixed(2)}, ${v.nEffective.toFixed(0)} effective samples)`;
  const tail = `over ${v.minutes.toFixed(0)} min`;
  switch (v.verdict) {
    case 'flat':
      return `${ci} ${tail}: FLAT (the interval lies within ±${band} MB/h)`;
    case 'growing':
      return `${ci} ${tail}: GROWING (the whole interval lies above +${band} MB/h)`;
    case 'shrinking':
      return `${ci} ${tail}: shrinking (the whole interval lies below -${band} MB/h)`;
    default:
      return `${ci} ${tail}: INCONCLUSIVE (the interval crosses ±${band} MB/h; ${
        Number.isFinite(v.minutesNeeded)
          ? `a fit of ~${Math.ceil(v.minutesNeeded)} min at this noise would settle it`
          : 'the slope sits on the band edge: no run length settles it'
      })`;
  }
}
