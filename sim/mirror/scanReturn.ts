import type { World } from '../engine/world.ts';
import type { JournalEventBody } from '../journal/journalEvent.ts';
import { applyFeedTransaction } from './applyFeedTransaction.ts';
import type { Fail, ScanMessage, ScanReply, ScanSession } from './scanTypes.ts';

/** The fields every return body shares (built by the scan session). */
type ReturnBase = Pick<JournalEventBody, 'site' | 'actor' | 'sku' | 'qty' | 'uom' | 'reason'> & {
  sku: string;
  qty: number;
};

/** Where a customer return is received: a quarantine location (returns area, QC cage) or a staging lane. */
export function isReturnsLocation(w: World, bin: string): boolean {
  const i = w.site.binIndex.get(bin);
  if (i === undefined) return false;
  const t = w.site.layout!.bins[i]!.type;
  return t === 'quarantine' || t === 'staging';
}

/**
 * A returned item scanned at the returns location (the return chart's `received` step): booked
 * into that location under quarantine, as the simulated returns desk books it, until an
 * inspection dispositions it. One line per sequence: the next return starts at its location.
 */
export function receiveReturn(
  w: World,
  m: ScanMessage,
  s: ScanSession,
  base: ReturnBase,
  fail: Fail,
  all: Record<string, ScanSession>,
): ScanReply {
  const body: JournalEventBody = {
    type: 'scan.returned',
    ...base,
    ...(s.lot ? { lot: s.lot } : {}),
    bin: s.from!,
    baseQty: base.qty,
    statusTo: 'quarantine',
  };
  const r = applyFeedTransaction(w, [body]);
  if (!r.ok) return fail(r.kind, r.reason, r.bin);
  delete all[m.device];
  return { ok: true, accepted: 'line', next: 'location', eventIds: r.eventIds, status: 'quarantined' };
}
