import type { World } from '../engine/world.ts';
import { armedExceptions } from './exceptionRate.ts';
import { EXCEPTION_CAUSES, type ExceptionCause } from './exceptionSchema.ts';
import { shrink, unscannedMove } from './exceptionFlow.ts';

/** The answer to a trainer's injection. */
export interface InjectResult {
  ok: boolean;
  message: string;
}

/**
 * A trainer injects an exception now. Shrink and an unscanned move happen at once (in `bin` if
 * given, else a random storage bin); the transaction-bound kinds (wrong lot, UoM error, short
 * receipt …) are armed and hit the next transaction where they can happen. Either way the
 * result is in the truth log like any other exception, so debriefs can trace it.
 */
export function injectException(w: World, cause: string, bin?: string): InjectResult {
  if (!(EXCEPTION_CAUSES as readonly string[]).includes(cause)) {
    return { ok: false, message: `unknown exception "${cause}"; one of ${EXCEPTION_CAUSES.join(', ')}` };
  }
  if (!w.tracked)
    return { ok: false, message: 'this run does not track stock, so there is nothing to make inaccurate' };
  if (bin !== undefined && !w.site.binIndex.has(bin)) return { ok: false, message: `unknown bin "${bin}"` };
  const c = cause as ExceptionCause;
  if (c === 'shrink' || c === 'unscannedMove') {
    const done = c === 'shrink' ? shrink(w, bin) : unscannedMove(w, bin);
    return done
      ? { ok: true, message: `${c} injected${bin ? ` at ${bin}` : ''}` }
      : { ok: false, message: `no stock${bin ? ` in ${bin}` : ''} where ${c} could happen` };
  }
  const armed = armedExceptions(w);
  armed[c] = (armed[c] ?? 0) + 1;
  return { ok: true, message: `${c} armed: it happens at the next transaction where it can` };
}
