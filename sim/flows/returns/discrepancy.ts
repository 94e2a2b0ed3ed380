import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import { actorOf } from '../../engine/actor.ts';
import type { InventoryStatus, JournalEventBody } from '../../journal/journalEvent.ts';
import { returnEvents as RE } from '../../machines/returnMachine.ts';
import { DISCREPANCY_CODES, type DiscrepancyCode } from './returnsSchema.ts';
import { refs, rmaStep } from './returnsSite.ts';
import {
  returnsSettings,
  returnsState,
  type DiscrepancyKpiState,
  type ReturnsState,
  type Rma,
} from './returnsState.ts';

const zero = (): Record<DiscrepancyCode, number> =>
  Object.fromEntries(DISCREPANCY_CODES.map((c) => [c, 0])) as Record<DiscrepancyCode, number>;

/** The discrepancy counters of a returns state (created on first use; older snapshots have none). */
export function discrepancyKpi(st: ReturnsState): DiscrepancyKpiState {
  return (st.discrepancies ??= noDiscrepancies());
}

/** Counters before the first discrepancy (what the KPIs read without creating any state). */
export function noDiscrepancies(): DiscrepancyKpiState {
  return {
    count: zero(),
    units: zero(),
    value: zero(),
    accepted: 0,
    refused: 0,
    scrapped: 0,
    refusedUnits: 0,
    scrappedValue: 0,
  };
}

/** The journal's word for a code (`reason` = `discrepancy:<word>`). */
export const DISCREPANCY_REASON: Record<DiscrepancyCode, string> = {
  short: 'short',
  wrongItem: 'wrong-item',
  over: 'over',
  damaged: 'damaged',
  noRma: 'no-rma',
};

/** The status a return's goods are held in between receipt and disposition. */
export function heldStatus(r: Rma): InventoryStatus {
  return r.discrepancy === 'damaged' ? 'damaged' : 'quarantine';
}

/**
 * A shipment line's customer will send goods back: with `noRmaShare` they come without asking
 * for an RMA. Draws only when the share is set, so other runs keep every draw they had.
 */
export function drawUnauthorised(w: World, r: Rma): void {
  const share = returnsSettings(w).discrepancies.noRmaShare;
  if (share > 0 && w.random.stream('returns-mismatch')() < share) r.discrepancy = 'noRma';
}

/**
 * What arrived at the desk against the RMA: sets the units received, and for a wrong item the
 * SKU that came (the RMA's is kept in `rmaItem`). One code per return: wrong item, over or
 * damaged by their shares (one draw, only when one is set), else short by `mismatchShare` as
 * before; an unauthorised return brings what was shipped.
 */
export function drawReceipt(w: World, r: Rma, desk: () => number): void {
  const s = returnsSettings(w);
  const d = s.discrepancies;
  r.received = r.qty;
  if (r.discrepancy === 'noRma') return;
  if (d.wrongItemShare + d.overShare + d.damagedShare > 0) {
    const rng = w.random.stream('returns-mismatch');
    const u = rng();
    if (u < d.wrongItemShare) {
      const to = otherItem(w, r.item, rng());
      if (to >= 0) {
        r.discrepancy = 'wrongItem';
        r.rmaItem = r.item;
        r.item = to;
        r.lot = '';
      }
      return;
    }
    if (u < d.wrongItemShare + d.overShare) {
      r.discrepancy = 'over';
      r.received = r.qty + 1 + Math.floor(rng() * r.qty);
      return;
    }
    if (u < d.wrongItemShare + d.overShare + d.damagedShare) {
      r.discrepancy = 'damaged';
      return;
    }
  }
  if (r.qty > 1 && desk() < s.mismatchShare) {
    r.discrepancy = 'short';
    r.received = 1 + Math.floor(desk() * (r.qty - 1));
  }
}

/**
 * Another item than `item`, uniform by `u`: one without lot control when there is one (a
 * receiver books what the label shows, and a wrong item's lot is not on the RMA), else any.
 */
function otherItem(w: World, item: number, u: number): number {
  const items = w.site.items;
  let pool: number[] = [];
  for (let i = 0; i < items.length; i++) if (i !== item && !items[i]!.lotControlled) pool.push(i);
  if (pool.length === 0) pool = items.map((_, i) => i).filter((i) => i !== item);
  return pool.length === 0 ? -1 : pool[Math.min(pool.length - 1, Math.floor(u * pool.length))]!;
}

/**
 * The receipt differed from the RMA: counted by code, and noted in the journal against the
 * RMA (`return.mismatchRecorded`, reason `discrepancy:<code>`, with the RMA's SKU and the
 * units in question); an unauthorised return is held instead (`return.unauthorisedHeld`).
 */
export function recordDiscrepancy(w: World, worker: Worker, r: Rma): void {
  const code = r.discrepancy;
  if (code === undefined) return;
  const st = returnsState(w);
  const k = discrepancyKpi(st);
  const units = code === 'short' ? r.qty - r.received : code === 'over' ? r.received - r.qty : r.received;
  st.kpi.mismatches++;
  k.count[code]++;
  k.units[code] += units;
  k.value[code] += units * w.site.items[code === 'short' ? (r.rmaItem ?? r.item) : r.item]!.unitCost;
  const note: JournalEventBody | null = w.journalOn
    ? {
        type: code === 'noRma' ? 'return.unauthorisedHeld' : 'return.mismatchRecorded',
        site: w.site.name,
        actor: actorOf(worker),
        sku: code === 'noRma' ? undefined : w.site.items[r.rmaItem ?? r.item]!.sku,
        qty: units,
        reason: `discrepancy:${DISCREPANCY_REASON[code]}`,
        docs: refs(r),
      }
    : null;
  // The short note kept its old shape (no SKU), so runs without the new codes are unchanged.
  if (note && code === 'short') delete note.sku;
  rmaStep(w, r, code === 'noRma' ? RE.held : RE.mismatchRecorded, note);
}
