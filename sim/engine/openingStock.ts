import { defineFlow } from './defineFlow.ts';
import type { World } from './world.ts';
import type { Item } from '../items/types.ts';
import type { Bin } from '../layout/types.ts';
import { compatible, unitsThatFit } from './slotting.ts';
import { distributionMean, sampler } from '../random/distribution.ts';
import type { Rng } from '../random/randomStreams.ts';
import { post } from './applyEffects.ts';

/**
 * Lot code for stock expiring on a given day: zero-padded so codes sort in expiry order, which
 * makes FEFO a plain lexical sort.
 */
export function lotCode(expiryDay: number, serial: number): string {
  return `L${String(Math.max(0, expiryDay)).padStart(5, '0')}-${String(serial).padStart(3, '0')}`;
}

/** Expected daily demand of an item in base units (lines per day × demand share × units per line). */
export function itemDailyDemand(w: World, item: Item): number {
  const d = w.scenario.demand;
  const linesPerDay = d.arrivals.ratePerHour * 24 * distributionMean(d.linesPerOrder);
  return item.demandWeight * linesPerDay * distributionMean(d.unitsPerLine);
}

/**
 * Days of demand an item's reorder point covers: its supplier's mean lead time plus the
 * buyer's safety days under reorder-point buying (inbound/purchasing.ts), else 0.
 */
export function reorderPointDays(w: World, item: Item): number {
  const s = w.scenario.inbound;
  if (!s || s.poPolicy !== 'reorderPoint') return 0;
  // The item's supplier, as inbound/purchasing.ts assigns it (engine code does not import flows).
  const supplier = s.suppliers[item.index % s.suppliers.length]!;
  return distributionMean(s.supplierLeadTimeDays[supplier] ?? s.leadTimeDays) + s.reorderDays;
}

/** One PO line already in transit at time 0: raised by the buyer before the start, due from day 0 on. */
export interface PipelineLine {
  item: number;
  supplier: string;
  /** Day the buyer raised it (negative: before the start) and the day it is due. */
  raisedDay: number;
  dueDay: number;
  /** Quantity in cases (base units where the item has no case). */
  cases: number;
}

/**
 * Where the opening stock leaves the pipeline for the inbound flow to open its POs from at day 0:
 * a state slice with no handlers (the inbound flow reads it once and clears it).
 */
export const openingPipeline = defineFlow({
  name: 'opening-pipeline',
  state: (): PipelineLine[] => [],
});

const weekday = (d: number): number => ((d % 7) + 7) % 7;

/**
 * The PO a reorder-point buyer would have in transit for an item whose inventory position at
 * the start is its reorder point plus `coverDays` (openingTarget): the last order, for
 * (orderUpToDays − reorderDays) days of demand in whole cases, lifted the position from the
 * reorder point, so it was raised (its days of demand − coverDays) ago; it is still on its way when its supplier's
 * lead time (one draw per supplier and day, counted in working days as purchasing.ts does) ends
 * on day 0 or later. Null when none is in transit.
 */
function pipelineLine(
  w: World,
  item: Item,
  coverDays: number,
  leads: Map<string, number>,
  rng: Rng,
): PipelineLine | null {
  const s = w.scenario.inbound;
  if (!s || s.poPolicy !== 'reorderPoint') return null;
  const dd = itemDailyDemand(w, item);
  if (dd <= 0) return null;
  // The order that lifted the position from the reorder point, in whole cases; its age is the
  // days of demand since then (a case-rounded order of a slow mover is long since delivered).
  const cs = item.uoms.find((u) => u.uom === 'CS')?.factor ?? 1;
  const cases = Math.max(1, Math.ceil(((s.orderUpToDays - s.reorderDays) * dd) / cs));
  const age = (cases * cs) / dd - coverDays;
  if (age < 1) return null;
  const open = (d: number): boolean => (s.trucksPerDay[weekday(d)] ?? 0) > 0;
  // The buyer runs at the start of a working day: the last working day at least `age` days back.
  let raisedDay = -Math.ceil(age);
  while (!open(raisedDay) && raisedDay > -400) raisedDay--;
  const supplier = s.suppliers[item.index % s.suppliers.length]!;
  const key = `${supplier}|${raisedDay}`;
  let lead = leads.get(key);
  if (lead === undefined) {
    lead = Math.max(0, Math.round(sampler(s.supplierLeadTimeDays[supplier] ?? s.leadTimeDays)(rng)));
    leads.set(key, lead);
  }
  let dueDay = raisedDay;
  for (let left = lead; left > 0;) if (open(++dueDay)) left--;
  if (dueDay < 0) return null;
  return { item: item.index, supplier, raisedDay, dueDay, cases };
}

/**
 * Units an item opens with ('demand' opening): its reorder point plus a cover drawn in the
 * scenario's band, in days of its demand; at least one unit.
 */
export function openingTarget(w: World, item: Item, u: number): number {
  return Math.max(1, Math.ceil((reorderPointDays(w, item) + coverDays(w, u)) * itemDailyDemand(w, item)));
}

/** Days of cover above the reorder point for a draw `u` in the scenario's opening band. */
function coverDays(w: World, u: number): number {
  const band = w.scenario.stock.openingCoverDays;
  return band.min + u * (band.max - band.min);
}

/**
 * Stocks the site at time 0, through the journal (`stock.opening`), so replaying the journal
 * rebuilds the ledger from nothing, fastest movers first. 'demand' opening: each item's
 * target (openingTarget) goes on its pick face up to `faceDays` of its demand and the face's
 * capacity, the rest in whole pallets in compatible reserve locations; under reorder-point buying
 * that target is the item's inventory position, so the PO the buyer would have in transit
 * (pipelineLine) is left for the inbound flow under PIPELINE_KEY and taken off the on-hand
 * (on hand + on order = the target, never both). 'full' opening: every
 * face filled to capacity plus `reservePallets` reserve pallets per item (also the opening of a
 * scenario without inbound, where nothing would restock a demand-sized site).
 */
export function placeOpeningStock(w: World): void {
  const layout = w.site.layout;
  if (!layout) throw new Error('tracked inventory needs a layout');
  const rng = w.random.stream('opening-stock');
  const stock = w.scenario.stock;
  const reserve = layout.bins.filter((b) => b.type === 'reserve' || b.type === 'floor');
  const usedReserve = new Uint8Array(layout.bins.length);
  const items = [...w.site.items].sort((a, b) => b.demandWeight - a.demandWeight || a.index - b.index);
  const pipeline: PipelineLine[] = [];
  const leads = new Map<string, number>();
  const prng = w.random.stream('opening-pipeline');
  for (const item of items) {
    let serial = 0;
    const lotFor = (): string =>
      item.lotControlled || item.shelfLifeDays !== null
        ? lotCode(Math.floor((item.shelfLifeDays ?? 365) * (0.5 + 0.5 * rng())), ++serial)
        : '';
    const put = (bin: Bin, qty: number): void => {
      post(w, {
        type: 'stock.opening',
        site: w.site.name,
        bin: bin.code,
        sku: item.sku,
        lot: lotFor() || undefined,
        qty,
        uom: item.baseUom,
        baseQty: qty,
        statusTo: 'available',
      });
    };
    // Without an inbound flow nothing restocks the site, so it opens full whatever the option says.
    const demand = stock.opening === 'demand' && w.scenario.inbound !== undefined;
    let left = Infinity;
    if (demand) {
      const u = rng();
      left = openingTarget(w, item, u);
      const line = pipelineLine(w, item, coverDays(w, u), leads, prng);
      if (line) {
        pipeline.push(line);
        const cs = item.uoms.find((x) => x.uom === 'CS')?.factor ?? 1;
        left = Math.max(1, left - line.cases * cs);
      }
    }
    const face = w.site.forwardBinOf[item.index]!;
    if (face >= 0) {
      const bin = layout.bins[face]!;
      let qty = unitsThatFit(item, bin);
      if (demand)
        qty = Math.min(qty, left, Math.max(1, Math.ceil(stock.faceDays * itemDailyDemand(w, item))));
      if (qty > 0) put(bin, qty);
      left -= qty;
    }
    const pallet =
      item.uoms.find((u) => u.uom === 'PL')?.factor ?? item.uoms[item.uoms.length - 1]!.factor * 20;
    let placed = 0;
    for (const bin of reserve) {
      if (demand ? left <= 0 : placed >= stock.reservePallets) break;
      if (usedReserve[bin.index] || !compatible(item, bin)) continue;
      const qty = Math.min(pallet, unitsThatFit(item, bin), left);
      if (qty < 1) continue;
      usedReserve[bin.index] = 1;
      placed++;
      left -= qty;
      put(bin, qty);
    }
  }
  if (pipeline.length > 0) {
    const slice = openingPipeline.state(w);
    for (const line of pipeline) slice.push(line);
  }
}
