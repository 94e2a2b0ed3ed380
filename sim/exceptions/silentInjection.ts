import type { ExceptionCause } from './exceptionSchema.ts';
import { armedExceptions, armedForWorker } from './exceptionRate.ts';

/**
 * Is a mistake of one of these causes a trainer's injection right now? An injection is the
 * exception as named ("posted as expected"), so the person who might notice it never does: a
 * flow asks this before its notice draw and skips the draw (and its notice count) when true.
 * Armed injections are used up only when their truth event is logged, so the answer holds
 * from the rate draw to the notice. `worker`: also count injections armed for that worker only.
 */
export function silentInjection(
  w: { flow: Record<string, unknown> },
  causes: readonly ExceptionCause[],
  worker?: string,
): boolean {
  const armed = armedExceptions(w);
  const mine = worker !== undefined ? armedForWorker(w, worker) : undefined;
  return causes.some((c) => (armed[c] ?? 0) > 0 || (mine?.[c] ?? 0) > 0);
}
