import type { World } from '../engine/world.ts';
import { armedExceptions, armForWorker } from './exceptionRate.ts';
import { INJECTABLE_CAUSES } from './injectableCauses.ts';
import { shrink, unscannedMove } from './exceptionFlow.ts';

/** Records (or bins) an injected unscanned move tries before saying no stock can move. */
const INJECT_ATTEMPTS = 200;

/** The answer to a trainer's injection. */
export interface InjectResult {
  ok: boolean;
  message: string;
}

/**
 * A trainer injects an exception now. Shrink and an unscanned move happen at once (in `bin` if
 * given, else a random storage bin); the transaction-bound kinds (wrong lot, UoM error, short
 * receipt …) are armed and hit the next transaction where they can happen. Either way the
 * result is in the truth log like any other exception, so debriefs can trace it. `worker` (a
 * worker code) arms it for that worker's next chance only: "into trainee X's next task".
 */
export function injectException(w: World, cause: string, bin?: string, worker?: string): InjectResult {
  const spec = INJECTABLE_CAUSES.find((c) => c.cause === cause);
  if (!spec) {
    return {
      ok: false,
      message: `unknown exception "${cause}"; one of ${INJECTABLE_CAUSES.map((c) => c.cause).join(', ')}`,
    };
  }
  if (!w.tracked)
    return { ok: false, message: 'this run does not track stock, so there is nothing to make inaccurate' };
  if (bin !== undefined && !spec.params.some((p) => p.name === 'bin'))
    return {
      ok: false,
      message: `${cause} takes no bin: it happens at the next transaction where it can`,
    };
  if (bin !== undefined && !w.site.binIndex.has(bin)) return { ok: false, message: `unknown bin "${bin}"` };
  const c = spec.cause;
  if (worker !== undefined) {
    if (!w.workers.some((x) => x.code === worker))
      return { ok: false, message: `unknown worker "${worker}"` };
    if (spec.timing === 'now')
      return { ok: false, message: `${c} happens at once, not in a worker's task: it takes no worker` };
    armForWorker(w, worker, c);
    return {
      ok: true,
      message: `${c} armed for ${worker}: it happens at their next transaction where it can`,
    };
  }
  if (c === 'shrink' || c === 'unscannedMove') {
    const done = c === 'shrink' ? shrink(w, bin) : unscannedMove(w, bin, INJECT_ATTEMPTS);
    return done
      ? { ok: true, message: `${c} injected${bin ? ` at ${bin}` : ''}` }
      : { ok: false, message: `no stock${bin ? ` in ${bin}` : ''} where ${c} could happen` };
  }
  const armed = armedExceptions(w);
  armed[c] = (armed[c] ?? 0) + 1;
  return { ok: true, message: `${c} armed: it happens at the next transaction where it can` };
}
