import type { World } from '../../engine/world.ts';
import { faceLevels, faceOnHand, qtyAt, reserveHasStock } from './faceStock.ts';
import {
  replenishmentState,
  type ReplenishmentTask,
  type ReplenishmentTrigger,
} from './replenishmentState.ts';
import { post } from '../../engine/applyEffects.ts';
import { replenishmentCode, replenishmentTable } from './replenishmentTask.ts';

/** Min-max check of an item's face; true when a task was raised. */
export function checkFace(w: World, item: number, kind: ReplenishmentTrigger): boolean {
  if (w.site.forwardBinOf[item]! < 0) return false;
  if (faceOnHand(w, item) > faceLevels(w, item).min) return false;
  return trigger(w, item, kind);
}

/**
 * Wave demand: allocation already took the wave's units at the faces (it never allocates more
 * than a face holds), so a face "cannot cover" the wave when what stays after the wave's picks
 * (its available stock) is at or below min, or when some of the wave's units for its item had
 * to be allocated in reserve. Returns the number of tasks raised.
 */
export function waveTrigger(w: World, orderIds: readonly number[]): number {
  const items = new Set<number>();
  for (const id of orderIds) {
    const o = w.orders.get(id);
    if (!o) continue;
    for (const t of o.tasks) {
      const task = w.tasks.get(t);
      if (task && task.bin >= 0 && w.site.forwardBinOf[task.item]! >= 0) items.add(task.item);
    }
  }
  let raised = 0;
  for (const item of [...items].sort((a, b) => a - b)) {
    const face = w.site.forwardBinOf[item]!;
    const code = w.site.layout!.bins[face]!.code;
    const left = qtyAt(w.system, code, w.site.items[item]!.sku, ['available']);
    if (left <= faceLevels(w, item).min || spilled(w, orderIds, item, face)) {
      if (trigger(w, item, 'wave')) raised++;
    }
  }
  return raised;
}

function spilled(w: World, orderIds: readonly number[], item: number, face: number): boolean {
  for (const id of orderIds) {
    const o = w.orders.get(id);
    if (!o) continue;
    for (const t of o.tasks) {
      const task = w.tasks.get(t);
      if (task && task.item === item && task.bin !== face) return true;
    }
  }
  return false;
}

/** Raises a task for an item's face unless one is open or reserve has nothing; true if raised. */
export function trigger(w: World, item: number, kind: ReplenishmentTrigger): boolean {
  const s = replenishmentState(w);
  const face = w.site.forwardBinOf[item]!;
  if (face < 0 || s.byFace[face] !== undefined || !reserveHasStock(w, item)) return false;
  const id = w.nextDoc('replenishment');
  const task: ReplenishmentTask = {
    id,
    state: replenishmentTable().initial,
    trigger: kind,
    item,
    face,
    created: w.now,
    source: -1,
    lot: '',
    qty: 0,
    worker: -1,
  };
  s.open[id] = task;
  s.byFace[face] = id;
  // Emergencies (a picker is waiting) go first.
  if (kind === 'emergency') s.queue.unshift(id);
  else s.queue.push(id);
  s.triggered[kind]++;
  if (w.journalOn) {
    post(w, {
      type: 'replenishment.triggered',
      site: w.site.name,
      bin: w.site.layout!.bins[face]!.code,
      sku: w.site.items[item]!.sku,
      reason: kind,
      docs: { task: replenishmentCode(id) },
    });
  }
  return true;
}
