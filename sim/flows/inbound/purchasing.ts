import type { World } from '../../engine/world.ts';
import { itemDailyDemand, openingPipeline, reorderPointDays } from '../../engine/openingStock.ts';
import { pickingState } from '../picking/pickingState.ts';
import { distributionMean, sampler, type Distribution } from '../../random/distribution.ts';
import type { Rng } from '../../random/randomStreams.ts';
import { caseQty } from './binOccupancy.ts';
import type { InboundSettings } from './inboundSchema.ts';
import { inboundState, poCode, settings, type PurchaseOrder } from './inboundState.ts';
import { post } from '../../engine/applyEffects.ts';

const DAY = 86_400_000;

/** A day the dock works (buys and receives): its weekday has trucks in `trucksPerDay`. */
export function receivingDay(s: InboundSettings, day: number): boolean {
  return (s.trucksPerDay[((day % 7) + 7) % 7] ?? 0) > 0;
}

/** The supplier an item is bought from (a fixed assignment, so reorders of it go to one vendor). */
export function itemSupplier(s: InboundSettings, item: number): string {
  return s.suppliers[item % s.suppliers.length]!;
}

/** Lead-time distribution (days) of a supplier. */
export function leadTimeOf(s: InboundSettings, supplier: string): Distribution {
  return s.supplierLeadTimeDays[supplier] ?? s.leadTimeDays;
}

/**
 * The buyer's run at the start of a working day: POs are raised now and each is due after its
 * supplier's lead time, counted in working days of the dock. Reorder-point
 * buying raises one PO per supplier with something below its reorder point; random buying
 * raises the day's `trucksPerDay` POs from random suppliers.
 */
export function raisePurchaseOrders(w: World, day: number): void {
  const s = settings(w);
  if (!receivingDay(s, day)) return;
  const rng = w.random.stream('inbound-po');
  if (s.poPolicy === 'reorderPoint') {
    const bySupplier = reorderLines(w);
    for (const sup of s.suppliers) {
      const lines = bySupplier.get(sup);
      if (lines && lines.length > 0) raisePo(w, day, sup, lines, rng);
    }
    return;
  }
  const n = s.trucksPerDay[((day % 7) + 7) % 7] ?? 0;
  for (let i = 0; i < n; i++) {
    const supplier = s.suppliers[Math.floor(rng() * s.suppliers.length)]!;
    raisePo(w, day, supplier, randomLines(w, rng), rng);
  }
}

function raisePo(w: World, day: number, supplier: string, lines: PurchaseOrder['lines'], rng: Rng): void {
  const s = settings(w);
  // Suppliers quote lead times in the dock's working days: a closed day does not count.
  const lead = Math.max(0, Math.round(sampler(leadTimeOf(s, supplier))(rng)));
  let dueDay = day;
  for (let left = lead; left > 0;) if (receivingDay(s, ++dueDay)) left--;
  openPo(w, supplier, lines, w.now, dueDay, '');
}

function openPo(
  w: World,
  supplier: string,
  lines: PurchaseOrder['lines'],
  created: number,
  dueDay: number,
  note: string,
): void {
  const st = inboundState(w);
  const po: PurchaseOrder = { po: poCode(w.nextDoc('po')), supplier, created, dueDay, lines };
  st.pos.push(po);
  st.kpi.posRaised++;
  if (w.journalOn) {
    post(w, {
      type: 'po.raised',
      site: w.site.name,
      qty: lines.length,
      uom: 'LINE',
      reason: `po:${po.po} supplier:${supplier} due-day:${dueDay}${note}`,
    });
  }
}

/**
 * The pipeline at the start: the POs the buyer raised before day 0 and still in transit, as the
 * opening stock left them (openingStock.ts, on hand already net of them). One PO per supplier
 * and day raised, as the buyer raises them; journaled at time 0 (`raised-day:` says when).
 */
export function openPipeline(w: World): void {
  const plan = openingPipeline.peek(w);
  if (!plan) return;
  openingPipeline.clear(w);
  const groups = new Map<
    string,
    { supplier: string; raisedDay: number; dueDay: number; lines: PurchaseOrder['lines'] }
  >();
  for (const l of plan) {
    const key = `${l.raisedDay}|${l.supplier}`;
    let g = groups.get(key);
    if (!g)
      groups.set(key, (g = { supplier: l.supplier, raisedDay: l.raisedDay, dueDay: l.dueDay, lines: [] }));
    g.lines.push({ item: l.item, qty: l.cases });
  }
  const order = [...groups.values()].sort(
    (a, b) => a.raisedDay - b.raisedDay || (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : 0),
  );
  for (const g of order)
    openPo(w, g.supplier, g.lines, g.raisedDay * DAY, g.dueDay, ` raised-day:${g.raisedDay}`);
}

/** Random PO lines: distinct items by demand weight, `casesPerLine` cases each. */
function randomLines(w: World, rng: Rng): PurchaseOrder['lines'] {
  const s = settings(w);
  const n = Math.max(1, Math.round(sampler(s.linesPerPo)(rng)));
  const cases = sampler(s.casesPerLine);
  const seen = new Set<number>();
  const lines: PurchaseOrder['lines'] = [];
  for (let tries = 0; lines.length < n && tries < n * 4; tries++) {
    const item = w.site.sampleItem(rng);
    if (seen.has(item)) continue;
    seen.add(item);
    lines.push({ item, qty: Math.max(1, Math.round(cases(rng))) });
  }
  return lines;
}

/**
 * Reorder-point buying: position = system on hand (sellable) + on order (raised POs not yet
 * received). An item below its reorder point — demand over its supplier's mean lead time plus
 * `reorderDays` of safety stock — is ordered up to lead-time demand + `orderUpToDays`, in whole
 * cases, most urgent (fewest days of cover) first, grouped by supplier.
 */
function reorderLines(w: World): Map<string, PurchaseOrder['lines']> {
  const s = settings(w);
  const position = positions(w);
  const wanted: { item: number; qty: number; cover: number }[] = [];
  for (const item of w.site.items) {
    const dd = itemDailyDemand(w, item);
    if (dd <= 0) continue;
    const lead = distributionMean(leadTimeOf(s, itemSupplier(s, item.index)));
    const pos = position[item.index]!;
    // The same reorder point the opening stock is sized from.
    if (pos >= reorderPointDays(w, item) * dd) continue;
    const cases = Math.max(1, Math.ceil(((lead + s.orderUpToDays) * dd - pos) / caseQty(item)));
    wanted.push({ item: item.index, qty: cases, cover: pos / dd });
  }
  wanted.sort((a, b) => a.cover - b.cover || a.item - b.item);
  const out = new Map<string, PurchaseOrder['lines']>();
  for (const x of wanted) {
    const sup = itemSupplier(s, x.item);
    let l = out.get(sup);
    if (!l) out.set(sup, (l = []));
    l.push({ item: x.item, qty: x.qty });
  }
  return out;
}

const sellable = new WeakMap<World, Float64Array>();

/**
 * Sellable system stock per item (allocated included; quarantined and damaged goods do not
 * cover demand), following the system ledger: integer sums, so the same in any order as the walk
 * over every record it replaces. Derived state: one pass on first use (after a restore too).
 */
function sellableStock(w: World): Float64Array {
  let s = sellable.get(w);
  if (!s) {
    const totals = new Float64Array(w.site.items.length);
    const index = new Map<string, number>();
    for (const item of w.site.items) index.set(item.sku, item.index);
    const add = (sku: string, key: number, status: string, d: number): void => {
      if (status === 'quarantine' || status === 'damaged') return;
      const i = key >= 0 ? key : index.get(sku);
      if (i !== undefined) totals[i]! += d;
    };
    for (const r of w.system.all()) add(r.sku, -1, r.status, r.qty);
    // The ledger's SKU key is the site's item index (-1 without keys: looked up by code).
    w.system.listen((_bin, sku, _lot, status, before, after, _rec, _binKey, skuKey) =>
      add(sku, skuKey, status, after - before),
    );
    sellable.set(w, (s = totals));
  }
  return s;
}

/**
 * Inventory position per item: sellable system stock (allocated included) + raised POs +
 * trucks not yet received − backorders (demand already owed, waiting for stock).
 */
export function positions(w: World): Float64Array {
  const pos = Float64Array.from(sellableStock(w));
  const st = inboundState(w);
  for (const po of st.pos) for (const l of po.lines) pos[l.item]! += l.qty * caseQty(w.site.items[l.item]!);
  for (const r of Object.values(st.receipts))
    for (const l of r.lines) if (l.receivedQty < 0) pos[l.item]! += l.expectedQty;
  for (const id of pickingState(w).backorders) {
    const o = w.orders.get(id);
    if (!o) continue;
    for (const l of o.lines) pos[l.item]! -= Math.max(0, l.qty - l.allocated);
  }
  return pos;
}

/** POs due by `day`, taken off the open list (their goods go onto today's trucks). */
export function takeDuePos(w: World, day: number): PurchaseOrder[] {
  const st = inboundState(w);
  const due = st.pos.filter((p) => p.dueDay <= day);
  st.pos = st.pos.filter((p) => p.dueDay > day);
  return due;
}
