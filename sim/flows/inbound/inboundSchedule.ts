import { Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import { parseClock } from '../../engine/shiftCalendar.ts';
import { acquireResource, resourceFree } from '../../engine/resources.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import type { Rng } from '../../random/randomStreams.ts';
import { receiptEvents as RE } from '../../machines/receiptMachine.ts';
import { inboundSite, receiptStep } from './inboundSite.ts';
import { inbound, inboundState, receiptCode, settings } from './inboundState.ts';
import { openPipeline, raisePurchaseOrders, receivingDay, takeDuePos } from './purchasing.ts';
import { receiptReason } from './receiptReason.ts';
import { loadTrucks } from './truckLoading.ts';
import { post, schedule } from '../../engine/applyEffects.ts';
import { pushSample } from './inboundSamples.ts';
import { retentionOf } from '../../scenario/retentionSchema.ts';

export { receiptReason };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Start of day `day` (and the next day's schedule): on day 0 the pipeline in transit opens; the buyer raises new POs, due after their
 * suppliers' lead times, then the POs due today (a zero lead time included) go onto trucks
 * that arrive in the window.
 */
export function onInboundSchedule(w: World, day: number): void {
  schedule(w, (day + 1) * DAY, Priority.arrival, inbound.ev.inboundSchedule, day + 1, 0);
  const s = settings(w);
  // The POs already on their way at the start go first: today's buyer sees them on order.
  if (day === 0) openPipeline(w);
  raisePurchaseOrders(w, day);
  if (receivingDay(s, day)) {
    const trucks = loadTrucks(w, day, takeDuePos(w, day));
    const rng = w.random.stream('inbound-schedule');
    const times = trucks.map(() => day * DAY + arrivalOffset(w, rng)).sort((a, b) => a - b);
    trucks.forEach((r, i) => {
      r.due = Math.max(times[i]!, w.now);
      schedule(w, r.due, Priority.arrival, inbound.ev.truckArrival, r.id, 0);
    });
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

/** A truck is in the yard: queue it for a door. */
export function onTruckArrival(w: World, receiptId: number): void {
  const st = inboundState(w);
  const r = st.receipts[receiptId]!;
  r.yardAt = w.now;
  st.kpi.arrived++;
  const cap = retentionOf(w.scenario).inboundSamples;
  for (const p of r.pos) pushSample(st.kpi, 'leadTimes', st.kpi.leadTimes, w.now - p.created, cap);
  st.yard.push(r.id);
  st.kpi.yardMax = Math.max(st.kpi.yardMax, st.yard.length);
  if (w.journalOn) {
    post(w, {
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
    const body = w.journalOn
      ? {
          type: 'receipt.arrived' as const,
          site: w.site.name,
          bin: site.doors[door]!.id,
          reason: receiptReason(r),
          docs: { receipt: receiptCode(r.id) },
        }
      : null;
    receiptStep(w, r, RE.arrived, body);
    st.toReceive.push(r.id);
    moved = true;
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
