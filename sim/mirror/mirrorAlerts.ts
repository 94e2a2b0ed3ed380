import type { World } from '../engine/world.ts';
import type { AlertView } from '../view/viewState.ts';
import { mirror } from './mirrorState.ts';
import { openScanCounts } from './scanCount.ts';

/** Feed exceptions shown as open alerts: the latest ones, newest first. */
export const MAX_FEED_ALERTS = 20;

/**
 * Open alerts for feed messages the twin could not apply, for the floor view's alert list
 * (`projectView` adds these to the alerts it derives from state). Each stays until the list
 * moves past it, so an operator sees what recently went wrong and where.
 */
export function mirrorAlerts(w: World): AlertView[] {
  const s = mirror.peek(w);
  if (!s) return [];
  // Scanned counts waiting on people: a recount at the bin, or a reviewer's decision.
  const counts: AlertView[] = openScanCounts(w)
    .filter((c) => c.state === 'recountPending' || c.state === 'review')
    .map((c) => ({
      id: `count:${c.count}`,
      kind: c.state === 'review' ? 'count-review' : 'count-recount',
      severity: 'warning',
      message:
        c.state === 'review'
          ? `count ${c.count} at ${c.bin}: still off after the recount, waiting for approval`
          : `count ${c.count} at ${c.bin}: out of tolerance, recount required`,
      since: c.since,
      bin: c.bin,
    }));
  return counts.concat(
    s.exceptions
      .slice(-MAX_FEED_ALERTS)
      .reverse()
      .map((x) => {
        const a: AlertView = {
          id: `feed:${x.id}`,
          kind: `feed-${x.kind}`,
          severity: 'warning',
          message: `${x.source}${x.device ? ` ${x.device}` : ''}: ${x.reason}`,
          since: x.t,
        };
        if (x.bin !== undefined) a.bin = x.bin;
        return a;
      }),
  );
}
