import type { World } from '../engine/world.ts';
import { captureEpcisEvent } from './captureEpcisEvent.ts';
import { mirror, mirrorState } from './mirrorState.ts';
import { takeScan, type ScanMessage } from './scanSession.ts';
import { addPurchaseOrders } from './purchaseOrders.ts';
import { decideScanCount, type CountDecision } from './scanCount.ts';

/** One accepted feed message, as recorded durably so it can be re-applied exactly. */
export type FeedEntry =
  | { kind: 'scan'; scan: ScanMessage }
  | { kind: 'epcis'; event: Record<string, unknown>; prefixes: Record<string, string> }
  /** Open POs/ASNs the WMS sends (receive scans are checked against them). */
  | { kind: 'orders'; orders: unknown[] }
  /** A reviewer's approval or rejection of a scanned count in review. */
  | { kind: 'countDecision'; decision: CountDecision };

/** What applying one feed entry produced: the answer for the sender and the journal events made. */
export interface FeedApplied {
  reply: unknown;
  events?: string[];
}

/**
 * Applies one feed entry to the world under its idempotency key and counts it in the mirror
 * state (`applied`, carried by snapshots), so a resumed run knows which recorded entries its
 * checkpoint already holds. Pure and deterministic: the same world and entry give the same
 * journal events and answer, which is what lets a restart re-apply acknowledged entries.
 */
export function applyFeedEntry(w: World, key: string, entry: FeedEntry): FeedApplied {
  const out =
    entry.kind === 'scan'
      ? applyScan(w, entry.scan)
      : entry.kind === 'epcis'
        ? applyEpcis(w, key, entry)
        : entry.kind === 'orders'
          ? applied(addPurchaseOrders(w, entry.orders))
          : applied(decideScanCount(w, entry.decision));
  const s = mirrorState(w);
  s.applied = (s.applied ?? 0) + 1;
  return out;
}

/** Feed entries the world has applied so far (0 for a world that never saw the feed). */
export function feedEntriesApplied(w: World): number {
  return mirror.peek(w)?.applied ?? 0;
}

/** The answer for an order or decision entry: applied with its events, or refused with the problems. */
function applied(
  r: { ok: true; eventIds: string[] } | { ok: false; problems: string[] } | { ok: false; reason: string },
): FeedApplied {
  if (r.ok) return { reply: { ok: true, events: r.eventIds }, events: r.eventIds };
  return { reply: { ok: false, problems: 'problems' in r ? r.problems : [r.reason] } };
}

function applyScan(w: World, m: ScanMessage): FeedApplied {
  const r = takeScan(w, m, m.clientEventId);
  return r.ok
    ? { reply: { clientEventId: m.clientEventId, ...r }, ...(r.eventIds ? { events: r.eventIds } : {}) }
    : {
        reply: {
          clientEventId: m.clientEventId,
          ok: false,
          exception: r.exception.id,
          kind: r.exception.kind,
          reason: r.exception.reason,
        },
      };
}

function applyEpcis(w: World, key: string, e: Extract<FeedEntry, { kind: 'epcis' }>): FeedApplied {
  const r = captureEpcisEvent(w, e.event, key, e.prefixes);
  return r.status === 'applied'
    ? { reply: { status: 'applied', events: r.eventIds }, events: r.eventIds }
    : {
        reply: {
          status: 'flagged',
          exception: r.exception.id,
          kind: r.exception.kind,
          reason: r.exception.reason,
        },
      };
}
