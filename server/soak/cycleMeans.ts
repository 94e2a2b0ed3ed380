/** A value sampled at a wall time (ms). */
export interface TimedValue {
  t: number;
  y: number;
}

/** Means of consecutive whole cycles and the growth per hour fitted through them. */
export interface CycleGrowth {
  /** Mean of each whole cycle, oldest first, with the wall time of its middle. */
  means: TimedValue[];
  /** Least-squares slope through the cycle means, MB per hour; NaN with fewer than two cycles. */
  mbPerHour: number;
}

/**
 * Growth per hour measured on whole cycles of the simulated day. The live heap follows the
 * day (open orders pile up and ship: ~3 MB peak to trough, a 24-minute period at ×60), so a
 * straight line through a tail that is not a whole number of days leans with the phase it
 * starts and ends in; the mean over exactly one period does not depend on the phase. The
 * cycles are laid back to back ending at the last sample (a partial cycle at the start is left
 * out); each cycle's mean is the time-weighted mean of its samples (trapezoids, so uneven
 * sampling does not tilt it), and the slope is fitted through the means. Values that are not
 * numbers are skipped.
 */
export function growthOverWholeCycles(samples: readonly TimedValue[], cycleMs: number): CycleGrowth {
  const s = samples.filter((x) => Number.isFinite(x.y));
  const none: CycleGrowth = { means: [], mbPerHour: Number.NaN };
  if (s.length < 2 || !(cycleMs > 0)) return none;
  const end = s.at(-1)!.t;
  const cycles = Math.floor((end - s[0]!.t) / cycleMs);
  const means: TimedValue[] = [];
  for (let c = cycles; c >= 1; c--) {
    const from = end - c * cycleMs;
    const m = meanOver(s, from, from + cycleMs);
    if (Number.isFinite(m)) means.push({ t: from + cycleMs / 2, y: m });
  }
  if (means.length < 2) return { means, mbPerHour: Number.NaN };
  const mt = means.reduce((a, x) => a + x.t, 0) / means.length;
  const my = means.reduce((a, x) => a + x.y, 0) / means.length;
  let num = 0;
  let den = 0;
  for (const x of means) {
    num += (x.t - mt) * (x.y - my);
    den += (x.t - mt) ** 2;
  }
  return { means, mbPerHour: (num / den) * 3_600_000 };
}

/** Time-weighted mean of the piecewise-linear curve through `s` over [from, to]; NaN when not covered. */
function meanOver(s: readonly TimedValue[], from: number, to: number): number {
  if (s[0]!.t > from || s.at(-1)!.t < to) return Number.NaN;
  const at = (t: number): number => {
    const j = s.findIndex((x) => x.t >= t);
    const b = s[j]!;
    if (j === 0 || b.t === t) return b.y;
    const a = s[j - 1]!;
    return a.y + ((b.y - a.y) * (t - a.t)) / (b.t - a.t);
  };
  const pts: TimedValue[] = [{ t: from, y: at(from) }];
  for (const x of s) if (x.t > from && x.t < to) pts.push(x);
  pts.push({ t: to, y: at(to) });
  let area = 0;
  for (let i = 1; i < pts.length; i++)
    area += ((pts[i]!.y + pts[i - 1]!.y) / 2) * (pts[i]!.t - pts[i - 1]!.t);
  return area / (to - from);
}
