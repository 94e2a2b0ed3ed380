import { meanInterval, pairedDifference } from '../../sim/index.ts';
import { wilsonInterval, type ForkReplication } from '../../sim/forecastApi.ts';
import type { ForecastArm, ForecastMean, ForecastResult } from '../../sim/view/protocol.ts';

function mean(xs: readonly number[], level: number): ForecastMean {
  const ci = meanInterval(xs, level);
  return { mean: ci.mean, halfWidth: ci.halfWidth, lo: ci.lo, hi: ci.hi };
}

/** One arm's statistics: the share that made the cut-off (Wilson) and the backlog (t). */
export function summariseArm(reps: readonly ForkReplication[], level: number): ForecastArm {
  const made = reps.filter((r) => r.dueOpen === 0).length;
  const w = wilsonInterval(made, reps.length, level);
  return {
    madeCutoff: { successes: made, n: reps.length, share: w.share, lo: w.lo, hi: w.hi },
    backlog: mean(
      reps.map((r) => r.backlog),
      level,
    ),
    dueOpen: mean(
      reps.map((r) => r.dueOpen),
      level,
    ),
    replications: reps.map((r) => ({ backlog: r.backlog, dueOpen: r.dueOpen })),
  };
}

/**
 * Changed − as is, replication by replication: both arms of replication r drew the same random
 * numbers (common random numbers), so the paired-t interval of the differences is the honest one.
 * The cut-off difference is of the 0/1 "made it" indicators (a paired difference of shares).
 */
export function summariseDifference(
  asIs: readonly ForkReplication[],
  changed: readonly ForkReplication[],
  level: number,
): NonNullable<ForecastResult['difference']> {
  const made = (rs: readonly ForkReplication[]): number[] => rs.map((r) => (r.dueOpen === 0 ? 1 : 0));
  const pick = (d: ReturnType<typeof pairedDifference>): ForecastMean & { verdict: string } => ({
    mean: d.mean,
    halfWidth: d.halfWidth,
    lo: d.lo,
    hi: d.hi,
    verdict: d.verdict,
  });
  return {
    madeCutoff: pick(pairedDifference(made(asIs), made(changed), level)),
    backlog: pick(
      pairedDifference(
        asIs.map((r) => r.backlog),
        changed.map((r) => r.backlog),
        level,
      ),
    ),
  };
}
