import type { z } from 'zod';
import { defineFlow, type FlowHost } from '../engine/defineFlow.ts';
import { causeOf, exceptionsSchema, type ExceptionKind } from './exceptionSchema.ts';

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

/** The exceptions flow's state: what a trainer armed (saved with snapshots). */
export interface ExceptionsState {
  /** Causes armed for their next opportunity, with how many times. */
  armed: Record<string, number>;
  /**
   * Causes a trainer armed for one worker's next chance (worker code → cause → count): a
   * training cue or "inject into trainee X's next task". Absent until first used, so runs
   * without targeted injections snapshot exactly as before.
   */
  armedFor?: Record<string, Record<string, number>>;
}

/** The exceptions flow module: its state slice and the timer of site-wide exceptions. */
export const exceptions = defineFlow({
  name: 'exceptions',
  state: (): ExceptionsState => ({ armed: {} }),
  events: ['exceptionTimer'],
  roles: [],
  schema: { key: 'exceptions', section: exceptionsSchema },
});

/** Causes a trainer armed for their next opportunity, kept in the flow state (saved with snapshots). */
export function armedExceptions(w: FlowHost): Record<string, number> {
  return exceptions.state(w).armed;
}

/**
 * The rate for a worker right now: 1 while a trainer has this exception armed (it stays armed
 * until it really happens — a chance where it cannot, say no other lot at the face, does not
 * use it up; see `consumeArmed`), else the scenario's rate inside its error window.
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
  if ((armed[causeOf(kind)] ?? 0) > 0) return 1;
  if (who && (armedForWorker(w, who.code)[causeOf(kind)] ?? 0) > 0) return 1;
  return exceptionRate(w.scenario.exceptions, kind, who, w.now);
}

/**
 * An exception of `cause` has just happened (the world calls this as it logs the truth event):
 * one armed injection of that cause, if any, is used up. Consuming here rather than when the
 * rate is asked keeps an injection armed through chances where the mistake could not happen.
 */
export function consumeArmed(w: FlowHost, cause: string, worker?: string): void {
  const s = exceptions.peek(w);
  // The worker's own injection is used first: it was meant for exactly this mistake of theirs.
  const mine = worker !== undefined ? s?.armedFor?.[worker] : undefined;
  const m = mine?.[cause];
  if (mine && m !== undefined) {
    if (m <= 1) delete mine[cause];
    else mine[cause] = m - 1;
    if (Object.keys(mine).length === 0) delete s!.armedFor![worker!];
    return;
  }
  const n = s?.armed[cause];
  if (n === undefined) return;
  if (n <= 1) delete s!.armed[cause];
  else s!.armed[cause] = n - 1;
}

/** Can any exception happen now (a scenario block, or something armed)? Cheap guard for hot paths. */
export function exceptionsPossible(w: {
  flow: Record<string, unknown>;
  scenario: { exceptions?: unknown };
}): boolean {
  if (w.scenario.exceptions !== undefined || Object.keys(armedExceptions(w)).length > 0) return true;
  const f = exceptions.peek(w)?.armedFor;
  return f !== undefined && Object.keys(f).length > 0;
}

/** Causes armed for one worker's next chance (empty when none); read-only view. */
export function armedForWorker(w: FlowHost, worker: string): Readonly<Record<string, number>> {
  return exceptions.peek(w)?.armedFor?.[worker] ?? NONE;
}

const NONE: Readonly<Record<string, number>> = Object.freeze({});

/** Arms one `cause` for `worker`'s next chance (kept in the flow state, saved with snapshots). */
export function armForWorker(w: FlowHost, worker: string, cause: string): void {
  const s = exceptions.state(w);
  const f = (s.armedFor ??= {});
  const mine = (f[worker] ??= {});
  mine[cause] = (mine[cause] ?? 0) + 1;
}
