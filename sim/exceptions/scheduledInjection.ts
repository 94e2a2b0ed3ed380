import type { World } from '../engine/world.ts';
import { Priority } from '../engine/eventKinds.ts';
import { defineFlow } from '../engine/defineFlow.ts';
import { schedule } from '../engine/applyEffects.ts';
import { INJECTABLE_CAUSES } from './injectableCauses.ts';
import { injectException, type InjectResult } from './injectException.ts';

// An injection "into worker X's next task" due at a sim time (an exercise's time cue): scheduled
// in the engine's own event queue, so it is armed at exactly that time — before anything else
// due then, so a task the worker starts at that very time is already the one it lands on — and,
// being a pending event, it is saved in snapshots and comes back (or not) with a rewind point.
// Carried out after the tick it fell in, it would miss every task started during the rest of it.

/** Before shift edges and everything else due at the same time. */
const ARM_PRIORITY = Priority.shift - 5;

/** Injections scheduled and not yet armed, as `worker|cause|at` keys (plain JSON, in snapshots). */
interface ScheduledState {
  pending: string[];
}

/** The scheduled-injection flow module: one event, `a` = worker index, `b` = cause index. */
export const scheduledInjection = defineFlow({
  name: 'scheduledInjection',
  state: (): ScheduledState => ({ pending: [] }),
  events: ['injectAt'],
});

const keyOf = (worker: string, cause: string, at: number): string => `${worker}|${cause}|${at}`;

/**
 * Schedules an injection of `cause` for worker `worker` (a code) at sim time `at` (not before
 * now). Checked now as an injection now would be, so a refusal comes back at once.
 */
export function scheduleInjection(w: World, cause: string, worker: string, at: number): InjectResult {
  const c = INJECTABLE_CAUSES.findIndex((x) => x.cause === cause);
  if (c < 0)
    return {
      ok: false,
      message: `unknown exception "${cause}"; one of ${INJECTABLE_CAUSES.map((x) => x.cause).join(', ')}`,
    };
  const i = w.workers.findIndex((x) => x.code === worker);
  if (i < 0) return { ok: false, message: `unknown worker "${worker}"` };
  if (!Number.isInteger(at) || at < w.now)
    return {
      ok: false,
      message: `an injection is scheduled at a whole sim ms from now (${w.now}) on, not ${at}`,
    };
  if (INJECTABLE_CAUSES[c]!.timing === 'now')
    return { ok: false, message: `${cause} happens at once, not in a worker's task: it takes no worker` };
  if (!w.tracked)
    return { ok: false, message: 'this run does not track stock, so there is nothing to make inaccurate' };
  // Scheduled again after a rewind whose snapshot already holds it: once is enough.
  const pending = scheduledInjection.state(w).pending;
  const key = keyOf(worker, cause, at);
  if (pending.includes(key))
    return { ok: true, message: `${cause} for ${worker} at ${at} is scheduled already` };
  pending.push(key);
  schedule(w, at, ARM_PRIORITY, scheduledInjection.ev.injectAt, i, c);
  return { ok: true, message: `${cause} for ${worker} scheduled at ${at}: armed then for their next task` };
}

/** The scheduled time has come: the injection is armed for the worker's next chance. */
function onInjectAt(w: World, worker: number, cause: number): void {
  const code = w.workers[worker]!.code;
  const name = INJECTABLE_CAUSES[cause]!.cause;
  const pending = scheduledInjection.state(w).pending;
  pending.splice(pending.indexOf(keyOf(code, name, w.now)), 1);
  injectException(w, name, undefined, code);
}

/** The flow registered in the composition root. */
export const scheduledInjectionFlow = scheduledInjection.flow({ events: { injectAt: onInjectAt } });
