import type { z } from 'zod';
import type { exceptionsSchema, ExceptionKind } from './exceptionSchema.ts';

/** Who a rate is asked for (null fields match only overrides without that field). */
export interface RateSubject {
  role: string;
  shift: string | null;
  code: string;
}

/**
 * The rate of an exception kind for a worker: the scenario's base rate, then every override
 * that matches (role, shift, worker — all given fields must match) in file order, so a
 * worker-specific line written after a role line wins. No exceptions block = rate 0.
 */
export function exceptionRate(
  spec: z.output<typeof exceptionsSchema> | undefined,
  kind: ExceptionKind,
  who: RateSubject | null,
  now = 0,
): number {
  if (!spec) return 0;
  // Outside the scenario's error window nothing goes wrong (error bursts, quiet periods).
  if (
    now < spec.fromHours * 3_600_000 ||
    (spec.untilHours !== undefined && now >= spec.untilHours * 3_600_000)
  )
    return 0;
  let rate = spec.rates[kind];
  if (!who) return rate;
  for (const o of spec.overrides) {
    if (o.role !== undefined && o.role !== who.role) continue;
    if (o.shift !== undefined && o.shift !== who.shift) continue;
    if (o.worker !== undefined && o.worker !== who.code) continue;
    const r = o.rates[kind];
    if (r !== undefined) rate = r;
  }
  return rate;
}
