import { EventKind, Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import { lotCode } from '../../engine/openingStock.ts';
import { parseClock } from '../../engine/shiftCalendar.ts';
import { acquireResource, resourceFree } from '../../engine/resources.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { distributionMean, sampler } from '../../random/distribution.ts';
import type { Rng } from '../../random/randomStreams.ts';
import { receiptEvents as RE } from '../../machines/receiptMachine.ts';
import { caseQty } from './binOccupancy.ts';
import { inboundMachines, inboundSite, receiptStep } from './inboundSite.ts';
import {
  asnCode,
  inboundState,
  poCode,
  receiptCode,
  settings,
  type Receipt,
  type ReceiptLine,
} from './inboundState.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Schedules day `day`'s trucks (and the next day's schedule): each truck is a PO, made now. */
export function onInboundSchedule(w: World, day: number): void {
  w.queue.push((day + 1) * DAY, Priority.arrival, EventKind.inboundSchedule, day + 1, 0);
  const s = settings(w);
  const n = s.trucksPerDay[((day % 7) + 7) % 7] ?? 0;
  if (n === 0) return;
  const rng = w.random.stream('inbound-schedule');
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(day * DAY + arrivalOffset(w, rng));
  times.sort((a, b) => a - b);
  const planned = s.poPolicy === 'reorderPoint' ? reorderLines(w, n) : null;
  times.forEach((t, i) => {
    if (planned && planned[i]!.length === 0) return;
    const r = createReceipt(w, Math.max(t, w.now), planned?.[i]);
    w.queue.push(r.due, Priority.arrival, EventKind.truckArrival, r.id, 0);
  });
}

/**
 * Reorder-point buying: expected daily demand per SKU from the demand model (lines per day ×
 * demand share × mean units per line); position = system on hand + open PO quantity. SKUs below
 * their reorder point are ordered up to their order-up-to level in whole cases, most urgent
 * (fewest days of cover) first, and dealt round-robin over the day's trucks.
 */
function reorderLines(w: World, trucks: number): { item: number; qty: number }[][] {
  const s = settings(w);
  const d = w.scenario.demand;
  const hourly = d.arrivals.ratePerHour;
  const linesPerDay = hourly * 24 * distributionMean(d.linesPerOrder);
  const unitsPerLine = distributionMean(d.unitsPerLine);
  // Stock that can still be sold: quarantined and damaged goods do not cover demand.
  const onHand = new Map<string, number>();
  for (const r of w.system.all()) {
    if (r.status === 'quarantine' || r.status === 'damaged') continue;
    onHand.set(r.sku, (onHand.get(r.sku) ?? 0) + r.qty);
  }
  const onOrder = new Map<number, number>();
  for (const r of Object.values(inboundState(w).receipts)) {
    for (const l of r.lines)
      if (l.receivedQty < 0) onOrder.set(l.item, (onOrder.get(l.item) ?? 0) + l.expectedQty);
  }
  const wanted: { item: number; qty: number; cover: number }[] = [];
  for (const item of w.site.items) {
    const daily = item.demandWeight * linesPerDay * unitsPerLine;
    if (daily <= 0) continue;
    const position = (onHand.get(item.sku) ?? 0) + (onOrder.get(item.index) ?? 0);
    if (position >= s.reorderDays * daily) continue;
    const cs = caseQty(item);
    const cases = Math.max(1, Math.ceil((s.orderUpToDays * daily - position) / cs));
    wanted.push({ item: item.index, qty: cases, cover: position / daily });
  }
  wanted.sort((a, b) => a.cover - b.cover || a.item - b.item);
  const out: { item: number; qty: number }[][] = Array.from({ length: trucks }, () => []);
  wanted.forEach((x, i) => out[i % trucks]!.push({ item: x.item, qty: x.qty }));
  return out;
}

/** Time of day of one truck: uniform in the window, or by the window's hourly profile. */
function arrivalOffset(w: World, rng: Rng): number {
  const s = settings(w);
  const start = parseClock(s.arrivalWindow.start) * MINUTE;
  const end = parseClock(s.arrivalWindow.end) * MINUTE;
  const profile = s.arrivalProfile;
  if (!profile || !profile.some((x) => x > 0)) return Math.round(start + rng() * (end - start));
  const total = profile.reduce((a, b) => a + b, 0);
  let u = rng() * total;
  let hour = 0;
  for (; hour < profile.length - 1; hour++) {
    u -= profile[hour]!;
    if (u < 0) break;
  }
  const from = start + hour * HOUR;
  return Math.round(Math.min(end - 1, from + rng() * Math.min(HOUR, end - from)));
}

/** Makes a PO (with an ASN for a share of them) due at `due`: distinct items by demand weight. */
function createReceipt(w: World, due: number, preset?: { item: number; qty: number }[]): Receipt {
  const s = settings(w);
  const st = inboundState(w);
  const rng = w.random.stream('inbound-po');
  const nLines = preset ? preset.length : Math.max(1, Math.round(sampler(s.linesPerPo)(rng)));
  const cases = sampler(s.casesPerLine);
  const seen = new Set<number>();
  const lines: ReceiptLine[] = [];
  for (let tries = 0; lines.length < nLines && tries < nLines * 4; tries++) {
    const p = preset?.[lines.length];
    const item = w.site.items[p ? p.item : w.site.sampleItem(rng)]!;
    if (seen.has(item.index)) continue;
    seen.add(item.index);
    const uomQty = p ? p.qty : Math.max(1, Math.round(cases(rng)));
    const cs = caseQty(item);
    let lot = '';
    if (item.lotControlled || item.shelfLifeDays !== null) {
      const life = item.shelfLifeDays ?? 365;
      const expiry = Math.floor(due / DAY) + Math.floor(life * (0.8 + 0.2 * rng()));
      st.lotSerial = (st.lotSerial % 999) + 1;
      lot = lotCode(expiry, st.lotSerial);
    }
    lines.push({
      item: item.index,
      lot,
      uomQty,
      uom: cs > 1 ? 'CS' : item.baseUom,
      expectedQty: uomQty * cs,
      receivedQty: -1,
      openTasks: 0,
      stocked: -1,
    });
  }
  const id = w.nextDoc('receipt');
  const r: Receipt = {
    id,
    po: poCode(w.nextDoc('po')),
    asn: rng() < s.asnShare ? asnCode(w.nextDoc('asn')) : '',
    supplier: s.suppliers[Math.floor(rng() * s.suppliers.length)]!,
    state: inboundMachines().receipt.initial,
    qc: rng() < s.qc.share,
    lines,
    due,
    yardAt: -1,
    doorAt: -1,
    door: -1,
    bin: -1,
    openTasks: 0,
  };
  st.receipts[id] = r;
  st.kpi.scheduled++;
  if (w.journalOn) {
    w.commit({
      type: 'receipt.expected',
      site: w.site.name,
      qty: lines.length,
      uom: 'LINE',
      reason: receiptReason(r),
      docs: { receipt: receiptCode(id) },
    });
  }
  return r;
}

/** PO, supplier and ASN of a receipt, for journal events (DocRefs has no fields for them yet). */
export function receiptReason(r: Receipt): string {
  return `po:${r.po} supplier:${r.supplier}${r.asn ? ` asn:${r.asn}` : ''}`;
}

/** A truck is in the yard: queue it for a door. */
export function onTruckArrival(w: World, receiptId: number): void {
  const st = inboundState(w);
  const r = st.receipts[receiptId]!;
  r.yardAt = w.now;
  st.kpi.arrived++;
  st.yard.push(r.id);
  st.kpi.yardMax = Math.max(st.kpi.yardMax, st.yard.length);
  if (w.journalOn) {
    w.commit({
      type: 'receipt.truckArrived',
      site: w.site.name,
      reason: receiptReason(r),
      docs: { receipt: receiptCode(r.id) },
    });
  }
  assignDoors(w);
}

/** Brings yard trucks to free doors, first come first served. */
export function assignDoors(w: World): void {
  const st = inboundState(w);
  const site = inboundSite(w);
  if (st.doors.length === 0) st.doors = site.doors.map(() => 0);
  let moved = false;
  while (st.yard.length > 0 && resourceFree(w, 'dockDoor')) {
    const door = st.doors.indexOf(0);
    if (door < 0) break;
    const r = st.receipts[st.yard.shift()!]!;
    advanceDoorClock(w);
    acquireResource(w, 'dockDoor');
    st.doors[door] = r.id;
    r.door = door;
    r.doorAt = w.now;
    st.kpi.atDoor++;
    st.kpi.yardWaitMs += w.now - r.yardAt;
    receiptStep(r, RE.arrived);
    st.toReceive.push(r.id);
    moved = true;
    if (w.journalOn) {
      w.commit({
        type: 'receipt.arrived',
        site: w.site.name,
        bin: site.doors[door]!.id,
        reason: receiptReason(r),
        docs: { receipt: receiptCode(r.id) },
      });
    }
  }
  if (moved) dispatch(w);
}

/** Accumulates door busy time up to now (call before a door's state changes). */
export function advanceDoorClock(w: World): void {
  const st = inboundState(w);
  let busy = 0;
  for (const d of st.doors) if (d !== 0) busy++;
  st.kpi.doorBusyMs += busy * (w.now - st.kpi.doorLast);
  st.kpi.doorLast = w.now;
}
