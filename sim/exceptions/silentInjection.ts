import type { ExceptionCause } from './exceptionSchema.ts';
import { armedExceptions } from './exceptionRate.ts';

/**
 * Is a mistake of one of these causes a trainer's injection right now? An injection is the
 * exception as named ("posted as expected"), so the person who might notice it never does: a
 * flow asks this before its notice draw and skips the draw (and its notice count) when true.
 * Armed injections are used up only when their truth event is logged, so the answer holds
 * from the rate draw to the notice.
 */
export function silentInjection(
  w: { flow: Record<string, unknown> },
  causes: readonly ExceptionCause[],
): boolean {
  const armed = armedExceptions(w);
  return causes.some((c) => (armed[c] ?? 0) > 0);
}
