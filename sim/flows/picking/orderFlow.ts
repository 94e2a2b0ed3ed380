import { Priority } from '../../engine/eventKinds.ts';
import { allocationShortCause } from './shortCause.ts';
import type { World } from '../../engine/world.ts';
import type { Order, PickTask } from '../../engine/entities.ts';
import { advanceWip } from '../../kpi/kpiAccumulator.ts';
import { dispatch } from '../../engine/workerFlow.ts';
import { picking, pickingState } from './pickingState.ts';
import { flowTables } from '../../engine/flowRegistry.ts';
import { docCode } from '../../journal/docCode.ts';
import { anyShortPickHold, heldAfterShortPick } from './shortPickHold.ts';
import type { StockRecord } from '../../inventory/ledger.ts';
import type { InventoryStatus } from '../../journal/journalEvent.ts';
import { allocationStatuses } from '../stockStatus/statusPolicy.ts';
import { postAllocation, reserveOutcome } from '../stockStatus/allocationPosting.ts';
import { drawRoute, promisedShipTime } from './promise.ts';
import { createRemovalOrder, fefoOrder, type RemovalOrder } from './removal.ts';
import { lotArrivalDay } from '../inbound/inboundState.ts';
import { post, schedule, stepDoc } from '../../engine/applyEffects.ts';
import { waveReleaseOrder } from '../allocation/allocationOrder.ts';
import { queueReleased, queueZoneTasks } from '../allocation/releaseQueue.ts';
import { orderPromiseHours } from '../allocation/customerClass.ts';

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
  if (at < limit) schedule(w, at, Priority.arrival, picking.ev.orderArrival);
}

/**
 * Handles an arrival: creates the order, allocates, releases, and wakes pickers. An order that
 * found no stock goes to `backorder` (backorders.ts, passed in because it imports this module).
 */
export function onOrderArrival(w: World, backorder: (w: World, o: Order) => void): void {
  scheduleNextArrival(w, w.now);
  const o = createOrder(w);
  allocateOrder(w, o);
  if (o.tasks.length === 0) {
    backorder(w, o);
    return;
  }
  if (enqueueAllocated(w, o)) dispatch(w);
}

/** An allocated order goes to the next wave, or straight to the pick queues; true if released now. */
export function enqueueAllocated(w: World, o: Order): boolean {
  if (w.scenario.release.policy === 'wave') {
    pickingState(w).pendingWave.push(o.id);
    return false;
  }
  releaseOrder(w, o, 0);
  return true;
}

/**
 * Wave release: every order waiting for this wave becomes pickable at once, in the allocation
 * priority (`rules.allocation`; built in: as allocated), so pickers take the first ones first.
 */
export function onWaveRelease(w: World): void {
  const s = pickingState(w);
  const wave = ++s.wave;
  const ids = waveReleaseOrder(w, s.pendingWave);
  s.pendingWave = [];
  schedule(
    w,
    w.now + Math.round(w.scenario.release.waveMinutes * 60_000),
    Priority.release,
    picking.ev.waveRelease,
  );
  if (ids.length === 0) return;
  releaseWave(w, wave, ids);
}

/**
 * Releases the orders waiting for the next wave now, as an extra wave (a trainer's or a cue's
 * "start a wave"); the scheduled waves keep their times and release what gathers meanwhile.
 * Returns the wave code and how many orders it released; null when the scenario does not
 * release in waves.
 */
export function releaseWaveNow(w: World): { wave: string | null; orders: number } | null {
  if (w.scenario.release.policy !== 'wave') return null;
  const s = pickingState(w);
  const ids = s.pendingWave;
  if (ids.length === 0) return { wave: null, orders: 0 };
  const wave = ++s.wave;
  s.pendingWave = [];
  releaseWave(w, wave, ids);
  return { wave: waveCode(wave), orders: ids.length };
}

function releaseWave(w: World, wave: number, ids: number[]): void {
  if (w.journalOn)
    post(w, { type: 'wave.released', site: w.site.name, qty: ids.length, docs: { wave: waveCode(wave) } });
  for (const id of ids) releaseOrder(w, w.orders.get(id)!, wave);
  for (const f of flowTables().waveReleased) f(w, ids);
  dispatch(w);
}

function createOrder(w: World): Order {
  const id = ++w.counters.order;
  const nLines = Math.max(1, Math.round(w.sample.linesPerOrder(w.rng.lines)));
  // A pooled record: every field is overwritten here, its arrays emptied by pop (cheaper than
  // a length write) and its line records reused in place.
  const o = w.pools.order.take();
  const lines = o.lines;
  for (let i = 0; i < nLines; i++) {
    const item = w.site.sampleItem(w.rng.lines);
    const qty = Math.max(1, Math.round(w.sample.unitsPerLine(w.rng.lines)));
    const line = lines[i];
    if (line === undefined) lines.push({ item, qty, allocated: 0, picked: 0 });
    else {
      line.item = item;
      line.qty = qty;
      line.allocated = 0;
      line.picked = 0;
    }
    w.kpi.unitsOrdered += qty;
  }
  while (lines.length > nLines) lines.pop();
  while (o.picks.length > 0) o.picks.pop();
  while (o.tasks.length > 0) o.tasks.pop();
  const route = drawRoute(w);
  o.id = id;
  o.state = w.machines.order.initial;
  o.created = w.now;
  o.route = route;
  o.promised = promisedShipTime(w, w.now, route, orderPromiseHours(w, id));
  o.released = -1;
  o.pickStart = -1;
  o.openTasks = 0;
  o.measured = w.now >= w.scenario.warmupHours * HOUR;
  o.wave = 0;
  o.picked = -1;
  o.tours = 0;
  o.cartons = 0;
  o.weightKg = 0;
  w.orders.set(id, o);
  advanceWip(w.kpi, w.now);
  w.kpi.wip++;
  w.kpi.ordersCreated++;
  w.kpi.linesCreated += nLines;
  if (w.journalOn) post(w, { type: 'order.created', site: w.site.name, docs: { order: orderCode(id) } });
  return o;
}

/**
 * Allocates each line to pick tasks. With unlimited inventory every line gets one task at no
 * bin. With tracked inventory, stock is taken from available records, pick faces first, then by
 * the removal strategy of the bin's zone (`rules.removal`; default earliest expiry, FEFO); a
 * line may split across bins and lots.
 */
export function allocateOrder(w: World, o: Order): void {
  for (let li = 0; li < o.lines.length; li++) {
    const line = o.lines[li]!;
    if (!w.tracked) {
      addTask(w, o, li, -1, '', line.qty);
      line.allocated = line.qty;
      continue;
    }
    const sku = w.site.items[line.item]!.sku;
    // Available stock only, unless the line may draw a key-account reserve or consigned stock first.
    const statuses = allocationStatuses(w, o, line.item);
    for (const status of statuses) {
      const candidates = allocationCandidates(w, sku, status);
      let need = line.qty - line.allocated;
      const before = line.allocated;
      for (let c = 0; c < candidates.recs.length; c++) {
        const r = candidates.recs[c]!;
        const bin = candidates.bins[c]!;
        if (need === 0) break;
        const take = Math.min(need, r.qty);
        const t = addTask(w, o, li, bin, r.lot, take);
        // Journal only (no hook reads an allocation's documents): none built with the journal off.
        const docs = w.journalOn ? { order: orderCode(o.id), line: li + 1, task: taskCode(t.id) } : undefined;
        postAllocation(w, {
          bin: r.bin,
          item: line.item,
          sku,
          lot: r.lot,
          qty: take,
          status,
          docs,
          task: t.id,
        });
        need -= take;
        line.allocated += take;
      }
      if (status === 'customer-reserved')
        reserveOutcome(w, { order: orderCode(o.id), line: li + 1 }, sku, line.allocated - before, need);
    }
    if (line.allocated < line.qty) line.short = allocationShortCause(w, sku);
    else delete line.short;
  }
  const again = o.state !== w.machines.order.initial;
  if (o.tasks.length === 0) {
    if (again) return; // still backordered
    const body = w.journalOn
      ? { type: 'order.backordered' as const, site: w.site.name, docs: { order: orderCode(o.id) } }
      : null;
    stepDoc(w, w.life.order, o, w.E.orderBackordered, body);
    return;
  }
  for (const line of o.lines) if (line.allocated < line.qty) w.kpi.linesShortAllocated++;
  const body = w.journalOn
    ? {
        type: 'order.allocated' as const,
        site: w.site.name,
        reason: again ? 'backorder' : undefined,
        docs: { order: orderCode(o.id) },
      }
    : null;
  stepDoc(w, w.life.order, o, w.E.orderAllocated, body);
}

function addTask(w: World, o: Order, line: number, bin: number, lot: string, qty: number): PickTask {
  const t = w.pools.task.take();
  t.id = ++w.counters.task;
  t.order = o.id;
  t.line = line;
  t.item = o.lines[line]!.item;
  t.bin = bin;
  t.lot = lot;
  t.qty = qty;
  t.state = w.machines.pickTask.initial;
  t.zone = bin >= 0 ? w.site.layout!.bins[bin]!.zone : '';
  w.tasks.set(t.id, t);
  o.tasks.push(t.id);
  o.openTasks++;
  return t;
}

/** Releases an allocated order to the pick queues (in the allocation priority, when set). */
function releaseOrder(w: World, o: Order, wave: number): void {
  const body = w.journalOn
    ? {
        type: 'order.released' as const,
        site: w.site.name,
        docs: wave > 0 ? { order: orderCode(o.id), wave: waveCode(wave) } : { order: orderCode(o.id) },
      }
    : null;
  stepDoc(w, w.life.order, o, w.E.orderReleased, body);
  o.released = w.now;
  o.wave = wave;
  if (w.scenario.picking.method === 'zone') queueZoneTasks(w, o);
  else queueReleased(w, o);
}

/** Human wave number. */
export function waveCode(n: number): string {
  return docCode('wave', n);
}

/** Human order number. */
export function orderCode(id: number): string {
  return docCode('order', id);
}

/** Human task number. */
export function taskCode(id: number): string {
  return docCode('pickTask', id);
}

const removalOrders = new WeakMap<World, RemovalOrder>();

/** The world's removal order (derived from the scenario, never saved). */
function removalOrder(w: World): RemovalOrder {
  let o = removalOrders.get(w);
  if (!o) {
    const layout = w.site.layout!;
    o = createRemovalOrder(layout, w.scenario.rules.removal, w.site.distance, (lot) => lotArrivalDay(w, lot));
    removalOrders.set(w, o);
  }
  return o;
}

/**
 * System records of a SKU in one status (available, or a reserve or consigned stock a line may
 * draw) in pickable bins not held after a short pick, in allocation order (pick faces first,
 * then the removal strategy of the bin's zone, ending on the bin index: a total order, so any
 * sort gives the same sequence). Collected before the line's first posting (which changes the
 * SKU's records).
 */
function allocationCandidates(
  w: World,
  sku: string,
  status: InventoryStatus,
): { recs: StockRecord[]; bins: number[] } {
  const recs: StockRecord[] = [];
  const bins: number[] = [];
  const holds = anyShortPickHold(w);
  const order = removalOrder(w);
  // The default order inline: no candidate objects on the hot path of every allocation.
  const fefo = order === fefoOrder;
  const layoutBins = w.site.layout?.bins;
  for (const r of w.system.skuRecords(sku)) {
    if (r.status !== status) continue;
    // One lookup of the code serves both the pickable test (as `site.pickable`) and the index.
    const bin = w.site.binIndex.get(r.bin);
    if (bin === undefined || layoutBins === undefined) continue;
    const t = layoutBins[bin]!.type;
    if (t !== 'forward' && t !== 'reserve' && t !== 'floor') continue;
    if (holds && heldAfterShortPick(w, r.bin, sku, r.lot)) continue;
    const pref = w.site.pickPreference(bin);
    // Insertion sort: a SKU has a handful of available records.
    let i = recs.length;
    recs.push(r);
    bins.push(bin);
    while (i > 0) {
      const q = recs[i - 1]!;
      const qb = bins[i - 1]!;
      const d =
        w.site.pickPreference(qb) - pref ||
        (fefo
          ? (q.lot < r.lot ? -1 : q.lot > r.lot ? 1 : 0) || qb - bin
          : order({ lot: q.lot, qty: q.qty, bin: qb }, { lot: r.lot, qty: r.qty, bin }));
      if (d <= 0) break;
      recs[i] = q;
      bins[i] = qb;
      i--;
    }
    recs[i] = r;
    bins[i] = bin;
  }
  return { recs, bins };
}
