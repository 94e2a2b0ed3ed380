import type { JournalEvent } from '../sim/index.ts';
import type { World } from '../sim/engine/world.ts';
import { returns } from '../sim/flows/returns/returnsState.ts';
import { rmaCode } from '../sim/flows/returns/returnsState.ts';

/** Journal types that take a return's goods out of the returns flow (one disposition each). */
const RETURN_OUT = new Set([
  'return.restocked',
  'return.vendorReturned',
  'return.scrapped',
  'return.refused',
]);
/** Journal types that book a return's goods in (damaged goods come in as damaged). */
const RETURN_IN = new Set(['return.received', 'return.receivedDamaged']);
/** Journal types that take QC-rejected goods out of quarantine. */
const REJECT_OUT = new Set(['rejected.vendorReturned', 'rejected.scrapped']);

/**
 * The returns part of the warehouse invariants: every unit received against an RMA has left by
 * one disposition (restocked, shipped to the vendor, scrapped, refused back to the customer) or is still held by the returns
 * flow, and no RMA gives out more than came in; every QC-rejected unit has been shipped back,
 * scrapped or still waits for its decision. Empty when all hold.
 */
export function returnsBalance(w: World, journal: readonly JournalEvent[]): string[] {
  const problems: string[] = [];
  const held = new Map<string, number>();
  for (const r of Object.values(returns.peek(w)?.rmas ?? {}))
    if (r.received > 0) held.set(rmaCode(r.id), r.received);
  const balance = new Map<string, number>();
  const rejected = new Map<string, number>();
  for (const e of journal) {
    const q = e.baseQty ?? 0;
    const rma = e.docs?.rma;
    if (rma !== undefined && RETURN_IN.has(e.type)) balance.set(rma, (balance.get(rma) ?? 0) + q);
    if (rma !== undefined && RETURN_OUT.has(e.type)) {
      if (!balance.has(rma)) problems.push(`${e.id} ${e.type}: ${rma} was never received`);
      balance.set(rma, (balance.get(rma) ?? 0) - q);
    }
    const line = `${e.docs?.receipt ?? ''}/${e.docs?.line ?? 0}/${e.sku ?? ''}/${e.lot ?? ''}`;
    if (e.type === 'receipt.rejected') rejected.set(line, (rejected.get(line) ?? 0) + q);
    if (REJECT_OUT.has(e.type)) {
      const left = (rejected.get(line) ?? 0) - q;
      if (left < 0) problems.push(`${e.id} ${e.type}: ${line} takes ${q}, more than QC rejected`);
      rejected.set(line, left);
    }
  }
  for (const [rma, left] of balance) {
    if (left !== (held.get(rma) ?? 0))
      problems.push(
        `${rma}: ${left} units received and not dispositioned, the returns flow holds ${held.get(rma) ?? 0}`,
      );
  }
  const waiting = new Map<string, number>();
  for (const l of Object.values(returns.peek(w)?.rejected ?? {})) {
    const key = `${l.receipt}/${l.line}/${l.sku}/${l.lot}`;
    waiting.set(key, (waiting.get(key) ?? 0) + l.qty);
  }
  if (w.scenario.returns) {
    for (const [line, left] of rejected) {
      if (left !== (waiting.get(line) ?? 0))
        problems.push(
          `QC reject ${line}: ${left} units in quarantine, ${waiting.get(line) ?? 0} awaiting a decision`,
        );
    }
  }
  return problems;
}
