import { Priority } from '../../engine/eventKinds.ts';
import type { World } from '../../engine/world.ts';
import type { Order, Worker } from '../../engine/entities.ts';
import type { Job } from '../../engine/job.ts';
import { sampler } from '../../random/distribution.ts';
import { advanceWip } from '../../kpi/kpiAccumulator.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { parseClock } from '../../engine/shiftCalendar.ts';
import { orderCode } from './orderFlow.ts';
import { pickingState } from './pickingState.ts';
import { defineFlow } from '../../engine/defineFlow.ts';
import { packingSchema } from '../../scenario/scenarioSchema.ts';
import { actorOf } from '../../engine/actor.ts';
import { onRoute } from './promise.ts';
import { tallyShipped } from '../allocation/classOutcomes.ts';
import { post, schedule, stepDoc, truth } from '../../engine/applyEffects.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Every line of the order is picked (or short): it is ready for packing. */
export function orderPicked(w: World, o: Order): void {
  o.picked = w.now;
  const body = w.journalOn
    ? { type: 'order.picked' as const, site: w.site.name, docs: { order: orderCode(o.id) } }
    : null;
  stepDoc(w, w.life.order, o, w.E.orderPicked, body);
  if (w.scenario.packing) {
    pickingState(w).packQueue.push(o.id);
    dispatch(w);
  }
}

/**
 * The packing flow module: no state of its own (its queues are in the picking slice, where
 * picking hands orders over), the carrier departures and the pack step.
 */
export const packing = defineFlow({
  name: 'packing',
  events: ['carrierDeparture'],
  actions: ['packDone'],
  roles: ['packer'],
  schema: { key: 'packing', section: packingSchema },
});

/**
 * Packing and carrier pick-ups. Packers take picked orders oldest first at the pack station;
 * a packed order waits on the outbound dock for the next departure of its own route (carrier),
 * which is when it ships (the carrier's confirmation) and when on-time is judged.
 */
export const packingFlow = packing.flow({
  start(w) {
    if (w.scenario.packing) scheduleDeparture(w, 0);
  },
  events: { carrierDeparture: (w) => onDeparture(w) },
  sources: [{ role: 'packer', priority: 0, next: nextPackJob }],
  actions: { packDone: packDone },
});

function nextPackJob(w: World, _worker: Worker): Job | null {
  const p = w.scenario.packing;
  const q = pickingState(w).packQueue;
  if (!p || q.length === 0) return null;
  const o = w.orders.get(q.shift()!)!;
  const rng = w.random.stream('packing');
  let sec = sampler(p.perOrder)(rng);
  const perLine = sampler(p.perLine);
  for (let i = 0; i < o.lines.length; i++) sec += perLine(rng);
  // Batch-picked goods arrive mixed and are sorted to orders at the pack station.
  if (w.scenario.picking.method === 'batch') {
    for (let i = 0; i < o.lines.length; i++) sec += w.sample.sortSec(rng);
    w.kpi.linesSortedAtPack += o.lines.length;
  }
  const at = w.site.packPoint;
  const id = ++w.counters.job;
  return {
    id,
    kind: 'pack',
    steps: [
      {
        action: packing.act.packDone,
        arg: o.id,
        x: at.x,
        y: at.y,
        legM: -1,
        workMs: Math.round(sec * 1000),
        workAs: 'pack',
      },
    ],
    cursor: 0,
    started: w.now,
    resources: [],
    ref: o.id,
    orders: [o.id],
  };
}

function packDone(w: World, worker: Worker, _job: Job, step: { arg: number }): void {
  const o = w.orders.get(step.arg)!;
  const p = w.scenario.packing!;
  let volumeL = 0;
  let weightKg = 0;
  for (const line of o.lines) {
    const ea = w.site.items[line.item]!.uoms[0]!;
    volumeL += (line.picked * ea.lengthCm * ea.widthCm * ea.heightCm) / 1000;
    weightKg += line.picked * ea.weightKg;
  }
  const largest = p.cartonsL[p.cartonsL.length - 1]!;
  const fit = p.cartonsL.find((c) => c >= volumeL);
  o.cartons = fit !== undefined ? 1 : Math.ceil(volumeL / largest);
  o.weightKg = Math.round(weightKg * 1000) / 1000;
  const body = w.journalOn
    ? {
        type: 'order.packed' as const,
        site: w.site.name,
        actor: actorOf(worker),
        qty: o.cartons,
        uom: 'CTN',
        reason: `${o.weightKg} kg`,
        docs: { order: orderCode(o.id) },
      }
    : null;
  stepDoc(w, w.life.order, o, w.E.orderPacked, body);
  w.kpi.ordersPacked++;
  pickingState(w).shipQueue.push(o.id);
}

function scheduleDeparture(w: World, after: number): void {
  const p = w.scenario.packing!;
  const times = p.carrierDepartures.map((c) => parseClock(c) * MINUTE).sort((a, b) => a - b);
  const day0 = Math.floor(after / DAY);
  for (let d = day0; d < day0 + 8; d++) {
    if (!p.departureDays.includes(((d % 7) + 7) % 7)) continue;
    for (const t of times) {
      const at = d * DAY + t;
      if (at > after) {
        schedule(w, at, Priority.completion, packing.ev.carrierDeparture);
        return;
      }
    }
  }
}

/** A carrier leaves: it takes the packed orders of its own route; the others wait for theirs. */
function onDeparture(w: World): void {
  const s = pickingState(w);
  const ids = s.shipQueue;
  s.shipQueue = [];
  for (const id of ids) {
    const o = w.orders.get(id)!;
    if (onRoute(w.now, o.route)) completeOrder(w, o, false);
    else s.shipQueue.push(id);
  }
  scheduleDeparture(w, w.now);
}

/**
 * Ships an order: packing is skipped when `instantPack` (no packing modelled), then the carrier
 * confirms; lines picked short make it a short shipment. Stock leaves the pack location.
 */
export function completeOrder(w: World, o: Order, instantPack: boolean): void {
  if (instantPack) stepDoc(w, w.life.order, o, w.E.orderPacked);
  let complete = true;
  let linesComplete = 0;
  const causes: string[] = [];
  for (const line of o.lines) {
    if (line.picked < line.qty) {
      complete = false;
      w.kpi.linesShort++;
      // Picked less than allocated: the floor lacked what the system booked; else allocation's reason.
      const cause = line.picked < line.allocated ? 'short-pick' : (line.short ?? 'no-stock');
      // A checkpoint from before this field has none.
      const by = (w.kpi.linesShortByCause ??= {});
      by[cause] = (by[cause] ?? 0) + 1;
      if (!causes.includes(cause)) causes.push(cause);
    } else {
      w.kpi.linesShippedComplete++;
      linesComplete++;
    }
    w.kpi.unitsShipped += line.picked;
  }
  const code = w.journalOn || o.picks.length > 0 ? orderCode(o.id) : '';
  for (const p of o.picks) {
    const sku = w.site.items[p.item]!.sku;
    const body = {
      type: 'ship.confirmed' as const,
      site: w.site.name,
      bin: w.site.packBin,
      sku,
      lot: p.lot || undefined,
      qty: p.qty,
      uom: 'EA',
      baseQty: p.qty,
      statusFrom: 'allocated' as const,
      docs: { order: code, line: p.line + 1 },
    };
    const asBooked =
      p.landed.length === 1 &&
      p.landed[0]!.sku === sku &&
      p.landed[0]!.lot === p.lot &&
      p.landed[0]!.qty === p.qty;
    if (asBooked) {
      post(w, body);
      continue;
    }
    // The carrier takes what physically reached the pack station; the system ships what it booked.
    let landed = 0;
    for (const l of p.landed) {
      landed += l.qty;
      if (l.sku !== sku) w.kpi.unitsSubstituted += l.qty;
      else if (l.lot !== p.lot) w.kpi.unitsWrongLot += l.qty;
    }
    if (landed > p.qty) w.kpi.unitsOverShipped += landed - p.qty;
    if (landed < p.qty) w.kpi.unitsUnderShipped += p.qty - landed;
    truth(
      w,
      body,
      p.landed.map((l) => ({
        bin: w.site.packBin,
        sku: l.sku,
        lot: l.lot,
        status: 'available' as const,
        delta: -l.qty,
      })),
      {
        cause: 'consequence',
        bin: w.site.packBin,
        sku,
        lot: p.lot,
        note: `order ${code} shipped as physically picked`,
      },
    );
  }
  w.kpi.linesCompleted += o.lines.length;
  const shipped = w.journalOn
    ? {
        type: complete ? ('order.shipped' as const) : ('order.shortShipped' as const),
        site: w.site.name,
        reason: complete ? undefined : causes.join(','),
        docs: { order: code },
      }
    : null;
  stepDoc(w, w.life.order, o, complete ? w.E.orderShipped : w.E.orderShortShipped, shipped);
  if (complete) w.kpi.ordersShipped++;
  else w.kpi.ordersShortShipped++;
  // On time = shipped complete by the promised ship time; a short shipment never is.
  if (complete && w.now <= o.promised) w.kpi.ordersOnTime++;
  tallyShipped(w, o, complete, linesComplete);
  advanceWip(w.kpi, w.now);
  w.kpi.wip--;
  w.kpi.sojournTotal += w.now - o.created;
  w.dropOrder(o);
}
