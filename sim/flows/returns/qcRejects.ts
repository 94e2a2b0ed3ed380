import type { World } from '../../engine/world.ts';
import { post } from '../../engine/applyEffects.ts';
import { sampler } from '../../random/distribution.ts';
import { docCode } from '../../journal/docCode.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import { scheduleIn } from './returnsSite.ts';
import { ReturnsTimer, returnsSettings, returnsState } from './returnsState.ts';

const HOUR = 3_600_000;

/**
 * A receipt line QC rejected into quarantine (inbound's `receipt.rejected`): it waits for the
 * buyer's decision, `qcReject.decisionHours` later, instead of staying there for ever.
 */
export function lineRejected(w: World, body: JournalEventBody): void {
  if (body.sku === undefined || body.baseQty === undefined || body.baseQty <= 0 || body.bin === undefined)
    return;
  const st = returnsState(w);
  const id = ++st.nextRejected;
  st.rejected[id] = {
    receipt: body.docs?.receipt ?? '',
    line: body.docs?.line ?? 0,
    bin: body.bin,
    sku: body.sku,
    lot: body.lot ?? '',
    qty: body.baseQty,
    uom: body.uom ?? 'EA',
    at: w.now,
  };
  const hours = sampler(returnsSettings(w).qcReject.decisionHours)(w.random.stream('returns-qc'));
  scheduleIn(w, hours * HOUR, id, ReturnsTimer.qcDecision);
}

/** The decision on a rejected line: shipped back to the vendor (by the share) or scrapped at cost. */
export function decideRejected(w: World, id: number): void {
  const st = returnsState(w);
  const l = st.rejected[id]!;
  delete st.rejected[id];
  const vendor = w.random.stream('returns-qc')() < returnsSettings(w).qcReject.vendorReturnShare;
  const docs = { receipt: l.receipt, line: l.line };
  post(w, {
    type: vendor ? 'rejected.vendorReturned' : 'rejected.scrapped',
    site: w.site.name,
    bin: l.bin,
    sku: l.sku,
    lot: l.lot || undefined,
    qty: l.qty,
    uom: l.uom,
    baseQty: l.qty,
    statusFrom: 'quarantine',
    reason: vendor ? 'vendor-return' : 'scrap',
    docs: vendor ? docs : { ...docs, adjustment: docCode('adjustment', w.nextDoc('adjustment')) },
  });
  const item = w.site.items.find((i) => i.sku === l.sku);
  st.kpi.qcRejectUnits += l.qty;
  st.kpi.qcRejectValue += l.qty * (item?.unitCost ?? 0);
  if (vendor) st.kpi.qcRejectVendorReturned++;
  else st.kpi.qcRejectScrapped++;
}
