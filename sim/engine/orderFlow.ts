import { EventKind, Priority } from './eventKinds.ts';
import type { World } from './world.ts';
import type { Order, PickTask } from './entities.ts';
import { advanceWip } from '../kpi/kpiAccumulator.ts';
import { dispatchPickers } from './pickFlow.ts';

const HOUR = 3_600_000;

/**
 * Schedules the next order arrival after `from`. Profiles are a non-homogeneous Poisson
 * process sampled by thinning: candidates at the peak rate, each kept with probability
 * rate(t) / peak — exact, and needs no integration of the profile.
 */
export function scheduleNextArrival(w: World, from: number): void {
  const a = w.scenario.demand.arrivals;
  const stopAt = w.scenario.demand.stopAfterHours;
  const limit = stopAt === undefined ? Infinity : stopAt * HOUR;
  const rng = w.rng.arrivals;
  let t = from;
  if (a.kind === 'poisson') {
    t += -Math.log(1 - rng()) * (HOUR / a.ratePerHour);
  } else {
    const peak = a.ratePerHour * w.site.profilePeak;
    for (;;) {
      t += -Math.log(1 - rng()) * (HOUR / peak);
      if (t >= limit) break;
      const rate = a.ratePerHour * w.site.profileAt(Math.floor(t));
      if (rng() * peak < rate) break;
    }
  }
  // Integer ms; an arrival is never scheduled in the past or at the same ms as `from` twice.
  const at = Math.max(Math.round(t), from);
  if (at < limit) w.queue.push(at, Priority.arrival, EventKind.orderArrival);
}

/** Handles an arrival: creates the order, allocates, releases, and wakes pickers. */
export function onOrderArrival(w: World): void {
  scheduleNextArrival(w, w.now);
  const o = createOrder(w);
  allocateOrder(w, o);
  releaseOrder(w, o);
  dispatchPickers(w);
}

function createOrder(w: World): Order {
  const id = ++w.counters.order;
  const nLines = Math.max(1, Math.round(w.sample.linesPerOrder(w.rng.lines)));
  const lines = [];
  for (let i = 0; i < nLines; i++) {
    const item = w.site.sampleItem(w.rng.lines);
    const qty = Math.max(1, Math.round(w.sample.unitsPerLine(w.rng.lines)));
    lines.push({ item, qty, allocated: 0, picked: 0 });
    w.kpi.unitsOrdered += qty;
  }
  const o: Order = {
    id,
    state: w.machines.order.initial,
    created: w.now,
    promised: w.now + Math.round(w.scenario.demand.promiseHours * HOUR),
    released: -1,
    pickStart: -1,
    lines,
    picks: [],
    tasks: [],
    openTasks: 0,
    measured: w.now >= w.scenario.warmupHours * HOUR,
  };
  w.orders.set(id, o);
  advanceWip(w.kpi, w.now);
  w.kpi.wip++;
  w.kpi.ordersCreated++;
  w.kpi.linesCreated += nLines;
  if (w.journalOn) w.commit({ type: 'order.created', site: w.site.name, docs: { order: orderCode(id) } });
  return o;
}

/**
 * Allocates each line to pick tasks. With unlimited inventory every line gets one task at no
 * bin. With tracked inventory, stock is taken from available records, pick faces first, then by
 * earliest expiry (FEFO), then oldest lot (FIFO); a line may split across bins and lots.
 */
function allocateOrder(w: World, o: Order): void {
  for (let li = 0; li < o.lines.length; li++) {
    const line = o.lines[li]!;
    if (!w.tracked) {
      addTask(w, o, li, -1, '', line.qty);
      line.allocated = line.qty;
      continue;
    }
    const sku = w.site.items[line.item]!.sku;
    const candidates = w.system
      .recordsOf(sku)
      .filter((r) => r.status === 'available')
      .map((r) => ({ r, bin: w.site.binIndex.get(r.bin)! }))
      .sort(
        (a, b) =>
          w.site.pickPreference(a.bin) - w.site.pickPreference(b.bin) ||
          (a.r.lot < b.r.lot ? -1 : a.r.lot > b.r.lot ? 1 : 0) ||
          a.bin - b.bin,
      );
    let need = line.qty;
    for (const { r, bin } of candidates) {
      if (need === 0) break;
      const take = Math.min(need, r.qty);
      const t = addTask(w, o, li, bin, r.lot, take);
      w.commit({
        type: 'stock.allocated',
        site: w.site.name,
        bin: r.bin,
        sku,
        lot: r.lot || undefined,
        baseQty: take,
        statusFrom: 'available',
        statusTo: 'allocated',
        docs: { order: orderCode(o.id), line: li + 1, task: taskCode(t.id) },
      });
      need -= take;
      line.allocated += take;
    }
  }
  if (o.tasks.length === 0) {
    w.orderStep(o, w.E.orderBackordered);
    if (w.journalOn)
      w.commit({ type: 'order.backordered', site: w.site.name, docs: { order: orderCode(o.id) } });
    return;
  }
  w.orderStep(o, w.E.orderAllocated);
  if (w.journalOn) w.commit({ type: 'order.allocated', site: w.site.name, docs: { order: orderCode(o.id) } });
}

function addTask(w: World, o: Order, line: number, bin: number, lot: string, qty: number): PickTask {
  const t: PickTask = {
    id: ++w.counters.task,
    order: o.id,
    line,
    item: o.lines[line]!.item,
    bin,
    lot,
    qty,
    state: w.machines.pickTask.initial,
  };
  w.tasks.set(t.id, t);
  o.tasks.push(t.id);
  o.openTasks++;
  return t;
}

/** Releases an allocated order to the pick queue (waves come with the wave planner). */
function releaseOrder(w: World, o: Order): void {
  if (o.tasks.length === 0) return;
  w.orderStep(o, w.E.orderReleased);
  o.released = w.now;
  w.released.push(o.id);
  if (w.journalOn) w.commit({ type: 'order.released', site: w.site.name, docs: { order: orderCode(o.id) } });
}

/** Human order number. */
export function orderCode(id: number): string {
  return `SO${String(id).padStart(7, '0')}`;
}

/** Human task number. */
export function taskCode(id: number): string {
  return `PT${String(id).padStart(8, '0')}`;
}
