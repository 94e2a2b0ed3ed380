import { EventKind, Priority } from './eventKinds.ts';
import type { World } from './world.ts';
import type { Order, Tour, TourStop, Worker } from './entities.ts';
import { advanceWip } from '../kpi/kpiAccumulator.ts';
import { orderCode, taskCode } from './orderFlow.ts';

/**
 * Gives released work to idle pickers. Discrete picking: one order per tour, oldest released
 * order first, longest-idle picker first (both FIFO, so the order is the same on every run).
 */
export function dispatchPickers(w: World): void {
  while (w.idlePickers.size > 0 && w.released.size > 0) {
    const picker = w.workers[w.idlePickers.shift()]!;
    const order = w.orders.get(w.released.shift())!;
    startTour(w, picker, order);
  }
}

function startTour(w: World, picker: Worker, ...orders: Order[]): void {
  const stops: TourStop[] = [];
  const ids: number[] = [];
  for (const o of orders) {
    ids.push(o.id);
    for (const id of o.tasks) {
      const t = w.tasks.get(id)!;
      w.taskStep(t, w.E.taskAssigned);
      const at = t.bin >= 0 ? w.site.binPoint(t.bin) : w.site.depot;
      stops.push({ task: id, x: at.x, y: at.y, legM: 0 });
    }
    if (o.pickStart < 0) {
      o.pickStart = w.now;
      w.orderStep(o, w.E.orderPickStarted);
      const wait = w.now - o.released;
      w.kpi.waitTotal += wait;
      w.kpi.waitCount++;
      if (o.measured) {
        w.kpi.waits.push(wait);
        w.kpi.waitArrivals.push(o.created);
      }
    }
  }
  const routed = w.travelOn ? w.site.routeStops(picker, stops) : { stops, backM: 0 };
  const tour: Tour = {
    id: ++w.counters.tour,
    orders: ids,
    stops: routed.stops,
    cursor: 0,
    backM: routed.backM,
    started: w.now,
  };
  picker.tour = tour;
  if (w.journalOn) {
    w.commit({
      type: 'tour.started',
      site: w.site.name,
      actor: { worker: picker.code, role: picker.role },
      docs: { tour: tourCode(tour.id), order: orderCode(orders[0]!.id) },
    });
  }
  scheduleStop(w, picker, tour);
}

/** Travel to the current stop plus time at the face, then a stop-done event. */
function scheduleStop(w: World, picker: Worker, tour: Tour): void {
  const stop = tour.stops[tour.cursor]!;
  const task = w.tasks.get(stop.task)!;
  w.taskStep(task, w.E.taskTravelStarted);
  let travel = 0;
  if (stop.legM > 0) {
    travel = Math.round((stop.legM / picker.speed) * 1000);
    picker.distanceM += stop.legM;
  }
  const service = Math.round(w.sample.serviceSec(w.rng.service) * 1000);
  picker.travelMs += travel;
  picker.pickMs += service;
  w.queue.push(w.now + travel + service, Priority.completion, EventKind.pickStopDone, picker.index, tour.id);
}

/** A picker finished a stop: confirm the pick, then go on or head back. */
export function onPickStopDone(w: World, pickerIndex: number): void {
  const picker = w.workers[pickerIndex]!;
  const tour = picker.tour!;
  const stop = tour.stops[tour.cursor]!;
  const task = w.tasks.get(stop.task)!;
  const order = w.orders.get(task.order)!;
  w.taskStep(task, w.E.taskArrived);
  w.taskStep(task, w.E.taskBinScanned);
  w.taskStep(task, w.E.taskPicked);
  order.lines[task.line]!.picked += task.qty;
  if (w.tracked) order.picks.push({ line: task.line, item: task.item, lot: task.lot, qty: task.qty });
  order.openTasks--;
  picker.linesPicked++;
  picker.x = stop.x;
  picker.y = stop.y;
  if (w.tracked) {
    const bin = w.site.layout!.bins[task.bin]!;
    w.commit({
      type: 'pick.confirmed',
      site: w.site.name,
      actor: { worker: picker.code, role: picker.role },
      bin: bin.code,
      toBin: w.site.packBin,
      sku: w.site.items[task.item]!.sku,
      lot: task.lot || undefined,
      qty: task.qty,
      uom: 'EA',
      baseQty: task.qty,
      statusFrom: 'allocated',
      statusTo: 'allocated',
      docs: {
        order: orderCode(order.id),
        line: task.line + 1,
        task: taskCode(task.id),
        tour: tourCode(tour.id),
      },
    });
  } else if (w.journalOn) {
    w.commit({
      type: 'pick.confirmed',
      site: w.site.name,
      actor: { worker: picker.code, role: picker.role },
      sku: w.site.items[task.item]!.sku,
      qty: task.qty,
      uom: 'EA',
      docs: {
        order: orderCode(order.id),
        line: task.line + 1,
        task: taskCode(task.id),
        tour: tourCode(tour.id),
      },
    });
  }
  w.tasks.delete(task.id);
  tour.cursor++;
  if (tour.cursor < tour.stops.length) {
    scheduleStop(w, picker, tour);
    return;
  }
  let back = 0;
  if (tour.backM > 0) {
    back = Math.round((tour.backM / picker.speed) * 1000);
    picker.distanceM += tour.backM;
    picker.travelMs += back;
  }
  const overhead = Math.round(w.sample.tourOverheadSec(w.rng.service) * 1000);
  picker.overheadMs += overhead;
  if (back + overhead === 0) {
    onTourDone(w, pickerIndex);
  } else {
    w.queue.push(w.now + back + overhead, Priority.completion, EventKind.tourDone, pickerIndex, tour.id);
  }
}

/** The picker is back at the depot: hand over the orders, become idle, take new work. */
export function onTourDone(w: World, pickerIndex: number): void {
  const picker = w.workers[pickerIndex]!;
  const tour = picker.tour!;
  picker.x = w.site.depot.x;
  picker.y = w.site.depot.y;
  for (const id of tour.orders) {
    const o = w.orders.get(id)!;
    if (o.openTasks === 0) completeOrder(w, o);
  }
  w.kpi.toursCompleted++;
  if (w.journalOn) {
    w.commit({
      type: 'tour.completed',
      site: w.site.name,
      actor: { worker: picker.code, role: picker.role },
      docs: { tour: tourCode(tour.id) },
    });
  }
  picker.tour = null;
  w.idlePickers.push(pickerIndex);
  dispatchPickers(w);
}

/** Picked → packed → shipped (or short-shipped); packing is instantaneous until packers exist. */
function completeOrder(w: World, o: Order): void {
  w.orderStep(o, w.E.orderPicked);
  w.orderStep(o, w.E.orderPacked);
  let complete = true;
  for (let li = 0; li < o.lines.length; li++) {
    const line = o.lines[li]!;
    if (line.picked < line.qty) {
      complete = false;
      w.kpi.linesShort++;
    } else {
      w.kpi.linesShippedComplete++;
    }
    w.kpi.unitsShipped += line.picked;
  }
  const code = w.journalOn || o.picks.length > 0 ? orderCode(o.id) : '';
  for (const p of o.picks) {
    w.commit({
      type: 'ship.confirmed',
      site: w.site.name,
      bin: w.site.packBin,
      sku: w.site.items[p.item]!.sku,
      lot: p.lot || undefined,
      qty: p.qty,
      uom: 'EA',
      baseQty: p.qty,
      statusFrom: 'allocated',
      docs: { order: code, line: p.line + 1 },
    });
  }
  w.kpi.linesCompleted += o.lines.length;
  w.orderStep(o, complete ? w.E.orderShipped : w.E.orderShortShipped);
  if (complete) w.kpi.ordersShipped++;
  else w.kpi.ordersShortShipped++;
  if (w.now <= o.promised) w.kpi.ordersOnTime++;
  advanceWip(w.kpi, w.now);
  w.kpi.wip--;
  w.kpi.sojournTotal += w.now - o.created;
  if (w.journalOn) {
    w.commit({
      type: complete ? 'order.shipped' : 'order.shortShipped',
      site: w.site.name,
      docs: { order: code },
    });
  }
  w.orders.delete(o.id);
}

/** Human tour number. */
export function tourCode(id: number): string {
  return `TR${String(id).padStart(7, '0')}`;
}
