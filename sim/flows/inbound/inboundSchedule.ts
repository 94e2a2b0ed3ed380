import { EventKind, Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import { lotCode } from '../../engine/openingStock.ts';
import { parseClock } from '../../engine/shiftCalendar.ts';
import { acquireResource, resourceFree } from '../../engine/resources.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { sampler } from '../../random/distribution.ts';
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
  for (const t of times) {
    const r = createReceipt(w, Math.max(t, w.now));
    w.queue.push(r.due, Priority.arrival, EventKind.truckArrival, r.id, 0);
  }
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
function createReceipt(w: World, due: number): Receipt {
  const s = settings(w);
  const st = inboundState(w);
  const rng = w.random.stream('inbound-po');
  const nLines = Math.max(1, Math.round(sampler(s.linesPerPo)(rng)));
  const cases = sampler(s.casesPerLine);
  const seen = new Set<number>();
  const lines: ReceiptLine[] = [];
  for (let tries = 0; lines.length < nLines && tries < nLines * 4; tries++) {
    const item = w.site.items[w.site.sampleItem(rng)]!;
    if (seen.has(item.index)) continue;
    seen.add(item.index);
    const uomQty = Math.max(1, Math.round(cases(rng)));
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
