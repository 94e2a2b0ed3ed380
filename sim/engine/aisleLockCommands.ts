import { aisleByCode, aisleCode, aisleLockState, ensureAisleLockState, lockedAisleOf } from './aisleLocks.ts';
import { startStep } from './workerFlow.ts';
import type { World } from './world.ts';

// The two engine commands behind "lock an aisle" (engineCommands.ts): lock closes the aisle to
// every job but counting from the next step on; unlock opens it and starts, in the order they
// began waiting, the steps of the workers who waited for it (the wait booked as 'wait' work).

/** What a lock or unlock did, or why it was refused. */
export type AisleLockResult =
  { ok: true; aisle: string; locked: string[]; resumed: number } | { ok: false; message: string };

/** The codes of the locked aisles, in aisle order (empty when none is). */
export function lockedAisles(w: World): string[] {
  const aisles = w.site.layout?.aisles ?? [];
  return (aisleLockState(w)?.locked ?? []).map((i) => aisleCode(aisles[i]!));
}

function find(w: World, code: string): { index: number; code: string } | { message: string } {
  if (!w.site.layout) return { message: 'this scenario has no layout: there are no aisles to lock' };
  const a = aisleByCode(w, code);
  if (!a) {
    const some = w.site.layout.aisles.slice(0, 3).map(aisleCode).join(', ');
    return { message: `no aisle "${code}" in this site (aisles are named like ${some})` };
  }
  return { index: a.index, code: aisleCode(a) };
}

/** Locks an aisle (`A-03`); locking a locked aisle is refused so a double click is visible. */
export function lockAisle(w: World, code: string): AisleLockResult {
  const a = find(w, code);
  if ('message' in a) return { ok: false, message: a.message };
  const s = ensureAisleLockState(w);
  if (s.locked.includes(a.index)) return { ok: false, message: `aisle ${a.code} is locked already` };
  s.locked.push(a.index);
  s.locked.sort((x, y) => x - y);
  return { ok: true, aisle: a.code, locked: lockedAisles(w), resumed: 0 };
}

/** Unlocks an aisle and starts the waiting steps it no longer blocks. */
export function unlockAisle(w: World, code: string): AisleLockResult {
  const a = find(w, code);
  if ('message' in a) return { ok: false, message: a.message };
  const s = aisleLockState(w);
  if (!s || !s.locked.includes(a.index)) return { ok: false, message: `aisle ${a.code} is not locked` };
  s.locked = s.locked.filter((i) => i !== a.index);
  // A waiter may still be blocked by another locked aisle: only those now free go on.
  const go: [number, number][] = [];
  const stay: [number, number][] = [];
  for (const e of s.waiting) {
    const worker = w.workers[e[0]]!;
    const job = worker.job;
    const free = !job || lockedAisleOf(w, worker, job, job.steps[job.cursor]!) < 0;
    (free ? go : stay).push(e);
  }
  s.waiting = stay;
  for (const [wi, since] of go) {
    const worker = w.workers[wi]!;
    const job = worker.job;
    if (!job) continue;
    worker.stats.workMs['wait'] = (worker.stats.workMs['wait'] ?? 0) + (w.now - since);
    startStep(w, worker, job);
  }
  return { ok: true, aisle: a.code, locked: lockedAisles(w), resumed: go.length };
}

/** One alert per locked aisle for the floor view's list (zone-scoped, with how many wait for it). */
export function aisleLockAlerts(w: World): {
  id: string;
  kind: 'aisle-locked';
  severity: 'warning';
  message: string;
  since: number;
  zone: string;
}[] {
  const s = aisleLockState(w);
  const aisles = w.site.layout?.aisles;
  if (!s || s.locked.length === 0 || !aisles) return [];
  return s.locked.map((i) => {
    const a = aisles[i]!;
    const code = aisleCode(a);
    const waiting = s.waiting.filter(([wi]) => {
      const worker = w.workers[wi]!;
      const job = worker.job;
      return job !== null && lockedAisleOf(w, worker, job, job.steps[job.cursor]!) === i;
    }).length;
    return {
      id: `aisle-locked:${code}`,
      kind: 'aisle-locked',
      severity: 'warning',
      message: `aisle ${code} is locked${waiting > 0 ? `: ${waiting} waiting to enter` : ''}`,
      since: w.now,
      zone: a.zone,
    };
  });
}
