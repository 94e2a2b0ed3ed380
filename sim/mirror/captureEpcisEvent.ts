import type { World } from '../engine/world.ts';
import { applyFeedTransaction } from './applyFeedTransaction.ts';
import { mapEpcisEvent, reversalOf } from './epcisMapping.ts';
import { mirrorState, recordException, rememberEvent, type MirrorException } from './mirrorState.ts';

/** What capturing one EPCIS event did to the twin. */
export type CaptureOutcome =
  { status: 'applied'; step: string; eventIds: string[] } | { status: 'flagged'; exception: MirrorException };

/**
 * Applies one schema-valid EPCIS event to the world under its idempotency key (eventID or event
 * hash). An error declaration reverses what the declared event did (its corrective events
 * arrive as events of their own). An event the twin cannot apply (unknown item or location,
 * more than the system holds, a correction of an unknown event) is stored as an exception with
 * the event itself, and the world is left as it was.
 */
export function captureEpcisEvent(
  w: World,
  event: Record<string, unknown>,
  key: string,
  prefixes: Record<string, string> = {},
): CaptureOutcome {
  const flag = (kind: string, reason: string, bin?: string): CaptureOutcome => ({
    status: 'flagged',
    exception: recordException(w, {
      source: 'epcis',
      key,
      kind,
      reason,
      message: event,
      ...(bin ? { bin } : {}),
    }),
  });
  const decl = event['errorDeclaration'];
  if (decl !== undefined && decl !== null) {
    const id = typeof event['eventID'] === 'string' ? event['eventID'] : key;
    const done = mirrorState(w).byEvent[id];
    if (!done)
      return flag('unknown-correction', `error declaration for ${id}, an event the twin has not applied`);
    const r = applyFeedTransaction(w, reversalOf(done));
    if (!r.ok) return flag(r.kind, `cannot reverse ${id}: ${r.reason}`, r.bin);
    rememberEvent(w, id, []);
    return { status: 'applied', step: 'error_declaration', eventIds: r.eventIds };
  }
  const m = mapEpcisEvent(w, event, prefixes);
  if (!m.ok) return flag(m.kind, m.reason, m.bin);
  const r = applyFeedTransaction(w, m.bodies);
  if (!r.ok) return flag(r.kind, r.reason, r.bin);
  if (typeof event['eventID'] === 'string' && m.bodies.length > 0)
    rememberEvent(w, event['eventID'], m.bodies);
  return { status: 'applied', step: m.step, eventIds: r.eventIds };
}
