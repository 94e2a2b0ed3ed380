import { z } from 'zod';

/** The travel saving the paired experiment measured, net of the moves' labour, with its CI. */
export interface NetSaving {
  /** Mean over replications of current − proposed picker travel, km. */
  travelSavedKm: number;
  travelSavedHours: number;
  labourHours: number;
  /** travelSavedHours − labourHours: positive means the re-slot pays within one replication's run. */
  netHours: number;
  lo: number | null;
  hi: number | null;
  level: number;
  /** Stated as a statistician would. */
  verdict: string;
  /** Replication days the saving accrued over. */
  runDays: number;
}

/** The part of an experiment's results.json read here. */
const resultsSchema = z.object({
  kpis: z.array(
    z.object({
      path: z.string(),
      variants: z.array(
        z.object({
          variant: z.string(),
          vsBaseline: z
            .object({
              mean: z.number(),
              lo: z.number().nullable(),
              hi: z.number().nullable(),
              level: z.number(),
            })
            .nullable(),
        }),
      ),
    }),
  ),
});

/**
 * From the experiment's paired difference of `picking.travelKm` (proposed − current, common
 * random numbers), the picker hours saved per replication at `speed` m/s, minus the moves'
 * labour (a one-off cost, so it shifts the interval and does not widen it).
 */
export function netSaving(results: unknown, speed: number, labourHours: number, runDays: number): NetSaving {
  const r = resultsSchema.parse(results);
  const d = r.kpis
    .find((k) => k.path === 'picking.travelKm')
    ?.variants.find((v) => v.variant === 'proposed')?.vsBaseline;
  if (!d) throw new Error('results.json: no paired difference of picking.travelKm for "proposed"');
  const hours = (km: number): number => (km * 1000) / speed / 3600;
  const travelSavedKm = -d.mean;
  const netHours = hours(travelSavedKm) - labourHours;
  const lo = d.hi === null ? null : hours(-d.hi) - labourHours;
  const hi = d.lo === null ? null : hours(-d.lo) - labourHours;
  const pct = `${Math.round(d.level * 100)}%`;
  const verdict =
    lo === null || hi === null
      ? 'too few replications for a confidence statement'
      : lo > 0
        ? `the re-slot saves more than its moves cost (significant at ${pct})`
        : hi < 0
          ? `the moves cost more than the re-slot saves over ${runDays} days (significant at ${pct})`
          : `no net difference detected at ${pct}`;
  return {
    travelSavedKm,
    travelSavedHours: hours(travelSavedKm),
    labourHours,
    netHours,
    lo,
    hi,
    level: d.level,
    verdict,
    runDays,
  };
}
