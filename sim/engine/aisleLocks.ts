import type { Job, Step } from './job.ts';
import type { Worker } from './entities.ts';
import type { World } from './world.ts';
import type { Aisle } from '../layout/types.ts';

// Locked aisles (issue 14, "lock an aisle" cue): a trainer or an exercise closes an aisle (a spill,
// a count, a blocked rack) and no putaway, pick or replenishment may travel into it until it is
// unlocked. A worker whose next step leads into a locked aisle waits where they are, holding the
// job (nothing is scheduled for them), and starts that step when the aisle opens again. Counting
// jobs are let in: the lock is what keeps the others out while the aisle is counted. A worker
// already inside the aisle finishes the steps there (nobody is stranded between the racks).
// The state lives in the world's flow record, so snapshots carry it; it is created by the first
// lock only, so a run that never locks an aisle saves exactly what it saved before.

/** Key of the lock state inside `World.flow`. */
export const AISLE_LOCK_KEY = 'aisleLocks';

/** Saved lock state: locked aisle indexes (ascending) and who waits for one, since when. */
export interface AisleLockState {
  locked: number[];
  /** `[workerIndex, waitingSinceMs]`, in the order they started waiting. */
  waiting: [number, number][];
}

/** The lock state, or undefined when no aisle was ever locked in this run. */
export function aisleLockState(w: World): AisleLockState | undefined {
  return w.flow[AISLE_LOCK_KEY] as AisleLockState | undefined;
}

/** The lock state, created on first use. */
export function ensureAisleLockState(w: World): AisleLockState {
  let s = aisleLockState(w);
  if (!s) {
    s = { locked: [], waiting: [] };
    w.flow[AISLE_LOCK_KEY] = s;
  }
  return s;
}

/** An aisle's code as bin codes print it: zone and two-digit number (`A-03`). */
export function aisleCode(a: Aisle): string {
  return `${a.zone}-${String(a.number).padStart(2, '0')}`;
}

/** The aisle with this code (`A-03`, case-insensitive), or undefined. */
export function aisleByCode(w: World, code: string): Aisle | undefined {
  const c = code.trim().toUpperCase();
  return w.site.layout?.aisles.find((a) => aisleCode(a) === c);
}

/** Whether the point lies on the aisle's centre line between its ends (where its bins are). */
function inside(a: Aisle, x: number, y: number): boolean {
  const lo = Math.min(a.yFront, a.yBack);
  const hi = Math.max(a.yFront, a.yBack);
  return Math.abs(x - a.x) < 1e-6 && y > lo && y < hi;
}

/** The locked aisle a step of this worker's job would travel into, or -1 when it may go. */
export function lockedAisleOf(w: World, worker: Worker, job: Job, step: Step): number {
  const s = aisleLockState(w);
  if (!s || s.locked.length === 0 || job.kind === 'count') return -1;
  const aisles = w.site.layout?.aisles;
  if (!aisles) return -1;
  for (const i of s.locked) {
    const a = aisles[i];
    if (a && inside(a, step.x, step.y) && !inside(a, worker.x, worker.y)) return i;
  }
  return -1;
}

/** Holds a worker at a step that leads into a locked aisle: they wait, nothing is scheduled. */
export function holdAtLock(w: World, worker: Worker): void {
  ensureAisleLockState(w).waiting.push([worker.index, w.now]);
}

/** Whether this worker waits at a locked aisle. */
export function waitsAtLock(w: World, workerIndex: number): boolean {
  return aisleLockState(w)?.waiting.some(([i]) => i === workerIndex) ?? false;
}
