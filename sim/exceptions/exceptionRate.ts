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

/** Causes a trainer armed for their next opportunity, kept in the flow state (saved with snapshots). */
export function armedExceptions(w: { flow: Record<string, unknown> }): Record<string, number> {
  const s = (w.flow['exceptions'] ??= { armed: {} }) as { armed: Record<string, number> };
  return s.armed;
}

/** Rate key → truth-log cause. */
const CAUSE_OF: Partial<Record<ExceptionKind, string>> = {
  unscannedMovePerHour: 'unscannedMove',
  shrinkPerHour: 'shrink',
};

/**
 * The rate for a worker right now: 1 once if a trainer armed this exception for its next
 * opportunity (consumed here), else the scenario's rate inside its error window.
 */
export function rateFor(
  w: {
    flow: Record<string, unknown>;
    now: number;
    scenario: { exceptions?: z.output<typeof exceptionsSchema> };
  },
  kind: ExceptionKind,
  who: RateSubject | null,
): number {
  const armed = armedExceptions(w);
  const cause = CAUSE_OF[kind] ?? kind;
  if ((armed[cause] ?? 0) > 0) {
    armed[cause]!--;
    if (armed[cause] === 0) delete armed[cause];
    return 1;
  }
  return exceptionRate(w.scenario.exceptions, kind, who, w.now);
}

/** Can any exception happen now (a scenario block, or something armed)? Cheap guard for hot paths. */
export function exceptionsPossible(w: {
  flow: Record<string, unknown>;
  scenario: { exceptions?: unknown };
}): boolean {
  return w.scenario.exceptions !== undefined || Object.keys(armedExceptions(w)).length > 0;
}
