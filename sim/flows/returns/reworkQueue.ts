import type { World } from '../../engine/world.ts';
import { sampler } from '../../random/distribution.ts';
import { scheduleIn } from './returnsSite.ts';
import {
  ReturnsTimer,
  returnsSettings,
  returnsState,
  type ReturnsState,
  type ReworkQueueState,
  type Rma,
} from './returnsState.ts';

const HOUR = 3_600_000;

/** The rework queue of a world's returns flow (created on first use; older snapshots have none). */
export function reworkQueue(st: ReturnsState): ReworkQueueState {
  return (st.rework ??= {
    busy: 0,
    queue: [],
    queuedAt: {},
    started: 0,
    maxQueue: 0,
    waitMs: [],
    dwellMs: [],
  });
}

/** Starts a return's rework on a free bench now: its rework time is drawn when it starts. */
function start(w: World, q: ReworkQueueState, r: Rma): void {
  q.busy++;
  q.started++;
  q.waitMs.push(w.now - (q.queuedAt[r.id] ?? w.now));
  const hours = sampler(returnsSettings(w).reworkHours)(w.random.stream('returns-inspect'));
  scheduleIn(w, hours * HOUR, r.id, ReturnsTimer.reworkDone);
}

/**
 * A return dispositioned rework is in the rework area: it starts at once when a bench is free
 * (`reworkSlots`; 0 = no limit, every return starts at once, as before), else waits its turn.
 */
export function queueRework(w: World, r: Rma): void {
  const q = reworkQueue(returnsState(w));
  q.queuedAt[r.id] = w.now;
  const slots = returnsSettings(w).reworkSlots;
  if (slots === 0 || q.busy < slots) {
    start(w, q, r);
    return;
  }
  q.queue.push(r.id);
  q.maxQueue = Math.max(q.maxQueue, q.queue.length);
}

/** A return's rework is done: its bench is free for the next one waiting. */
export function reworkFinished(w: World, r: Rma): void {
  const st = returnsState(w);
  const q = reworkQueue(st);
  q.busy--;
  q.dwellMs.push(w.now - (q.queuedAt[r.id] ?? w.now));
  delete q.queuedAt[r.id];
  const next = q.queue.shift();
  if (next !== undefined) start(w, q, st.rmas[next]!);
}
