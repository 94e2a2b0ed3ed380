import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import { actorOf } from '../../engine/actor.ts';
import { post } from '../../engine/applyEffects.ts';
import { returnEvents as RE, type ReturnEventType } from '../../machines/returnMachine.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import { docCode } from '../../journal/docCode.ts';
import { DISPOSITION_CODES, type DispositionCode, type ReturnsSettings } from './returnsSchema.ts';
import { leaveQuarantine, refs, returnsSite, rmaStep } from './returnsSite.ts';
import { returnsSettings, returnsState, type Rma } from './returnsState.ts';
import { requestRestock } from './restock.ts';
import { queueRework, reworkFinished } from './reworkQueue.ts';
import { sellableStatus } from '../stockStatus/statusPolicy.ts';
import { heldStatus } from './discrepancy.ts';

/** The chart event each disposition code sends. */
const DECIDED: Record<DispositionCode, ReturnEventType> = {
  restock: RE.restockDecided,
  rework: RE.reworkDecided,
  vendorReturn: RE.vendorReturnDecided,
  scrap: RE.scrapDecided,
};

/** Draws a disposition code by the scenario's weights (one uniform draw). */
export function drawDisposition(s: ReturnsSettings, u: number): DispositionCode {
  return drawWeighted(s.dispositions, u);
}

/** Draws a code by weights (a code without a weight is never drawn; one uniform draw). */
export function drawWeighted(d: Partial<Record<DispositionCode, number>>, u: number): DispositionCode {
  const weightOf = (c: DispositionCode): number => d[c] ?? 0;
  const total = DISPOSITION_CODES.reduce((a, c) => a + weightOf(c), 0);
  let x = u * total;
  for (const c of DISPOSITION_CODES) {
    if (weightOf(c) > 0 && x < weightOf(c)) return c;
    x -= weightOf(c);
  }
  // Rounding at the top end: the last code with a weight.
  return [...DISPOSITION_CODES].reverse().find((c) => weightOf(c) > 0)!;
}

/**
 * Inspection done: the disposition is decided and journaled (`return.inspected`, reason = the
 * code), the chart ends in it, and the goods follow: restock → a putaway to storage as
 * available; rework → moved to the rework area until `reworkHours` pass (damaged goods keep
 * their status until then, and draw from `discrepancies.damagedDispositions`); vendor return → shipped
 * to the supplier (out of both ledgers); scrap → written off at unit cost.
 */
export function inspect(w: World, worker: Worker, r: Rma): void {
  const st = returnsState(w);
  const s = returnsSettings(w);
  const u = w.random.stream('returns-inspect')();
  // Damaged goods have their own outcomes (never restocked as they are).
  const code =
    r.discrepancy === 'damaged'
      ? drawWeighted(s.discrepancies.damagedDispositions, u)
      : drawDisposition(s, u);
  const item = w.site.items[r.item]!;
  r.code = code;
  rmaStep(w, r, RE.inspected, w.journalOn ? note(w, worker, r, 'return.inspected', code) : null);
  rmaStep(w, r, DECIDED[code]);
  st.kpi.inspected++;
  st.kpi.byCode[code]++;
  st.kpi.unitsByCode[code] += r.received;
  st.kpi.valueByCode[code] += r.received * item.unitCost;
  const bin = w.site.layout!.bins[r.bin]!.code;
  const stock = {
    site: w.site.name,
    actor: actorOf(worker),
    bin,
    sku: item.sku,
    lot: r.lot || undefined,
    qty: r.received,
    uom: item.baseUom,
    baseQty: r.received,
    statusFrom: heldStatus(r),
    docs: refs(r),
  };
  if (code === 'restock') {
    requestRestock(w, r);
  } else if (code === 'rework') {
    const to = reworkBin(w, r.bin);
    if (to !== r.bin) {
      post(w, {
        ...stock,
        type: 'return.reworkStarted',
        toBin: w.site.layout!.bins[to]!.code,
        statusTo: heldStatus(r),
        reason: 'rework',
      });
      r.bin = to;
    }
    queueRework(w, r);
  } else if (code === 'vendorReturn') {
    post(w, { ...stock, type: 'return.vendorReturned', reason: 'vendor-return' });
    leaveQuarantine(w, r);
    delete st.rmas[r.id];
  } else {
    const adj = docCode('adjustment', w.nextDoc('adjustment'));
    post(w, { ...stock, type: 'return.scrapped', reason: 'scrap', docs: { ...refs(r), adjustment: adj } });
    leaveQuarantine(w, r);
    delete st.rmas[r.id];
  }
}

/** Rework done: the goods are sound again (available in the rework area) and go to storage. */
export function reworkDone(w: World, id: number): void {
  const r = returnsState(w).rmas[id]!;
  const item = w.site.items[r.item]!;
  reworkFinished(w, r);
  post(w, {
    type: 'return.reworked',
    site: w.site.name,
    bin: w.site.layout!.bins[r.bin]!.code,
    sku: item.sku,
    lot: r.lot || undefined,
    qty: r.received,
    uom: item.baseUom,
    baseQty: r.received,
    statusFrom: heldStatus(r),
    statusTo: sellableStatus(w, r.item),
    reason: 'reworked',
    docs: refs(r),
  });
  leaveQuarantine(w, r);
  requestRestock(w, r);
}

/** A rework area bin other than `from` when there is one (the least used by open returns). */
function reworkBin(w: World, from: number): number {
  const bins = returnsSite(w).rework.filter((b) => b !== from);
  if (bins.length === 0) return from;
  const used = new Map<number, number>();
  for (const o of Object.values(returnsState(w).rmas)) used.set(o.bin, (used.get(o.bin) ?? 0) + 1);
  let best = bins[0]!;
  for (const b of bins) if ((used.get(b) ?? 0) < (used.get(best) ?? 0)) best = b;
  return best;
}

function note(
  w: World,
  worker: Worker,
  r: Rma,
  type: 'return.inspected',
  code: DispositionCode,
): JournalEventBody {
  return { type, site: w.site.name, actor: actorOf(worker), qty: r.received, reason: code, docs: refs(r) };
}
