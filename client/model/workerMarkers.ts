import { type Walkways, type WorkerView, shortestCorners } from '../../sim/viewApi.ts';
import { roleColour } from './palette.ts';

/** Points kept per worker trail: a short tail that shows direction, not a history. */
export const TRAIL_POINTS = 12;

/** Longest step kept in a trail (metres); longer moves between updates break it. */
export const TRAIL_MAX_STEP_M = 12;

/** A worker marker to draw, keyed by worker code. */
export interface WorkerMarker {
  id: string;
  role: string;
  colour: number;
  x: number;
  y: number;
  task: string | null;
  moving: boolean;
  /** Driven by a trainee on an RF handheld: drawn with its own marker. */
  trainee: boolean;
  /** Recent positions, oldest first, ending at (x, y). */
  trail: { x: number; y: number }[];
}

/** One thing a worker did, as seen from the stream (task changes). */
export interface WorkerAction {
  simTime: number;
  text: string;
}

/** Actions kept per worker for the inspector. */
export const ACTIONS_KEPT = 10;

/**
 * Worker markers with short trails and a few recent actions, reconciled by worker code. Trails
 * and action lists are fixed-length rings, and workers that leave the view are dropped, so
 * memory stays flat however long a wall screen runs.
 */
export class WorkerTracker {
  private trails = new Map<string, { x: number; y: number }[]>();
  private actions = new Map<string, WorkerAction[]>();
  private tasks = new Map<string, string | null>();

  /**
   * Takes in the workers of the next view and returns the markers to draw. With `walkways`, a
   * trail joins samples along the aisle grid (through its corners), never across racking.
   */
  update(workers: readonly WorkerView[], simTime: number, walkways: Walkways | null = null): WorkerMarker[] {
    const seen = new Set<string>();
    const out = workers.map((w) => {
      seen.add(w.code);
      let trail = this.trails.get(w.code);
      if (!trail) this.trails.set(w.code, (trail = []));
      const last = trail[trail.length - 1];
      if (last && Math.hypot(last.x - w.x, last.y - w.y) > TRAIL_MAX_STEP_M) {
        // A jump (fast replay, a resync, a new shift) is not a path: start the trail afresh.
        trail.length = 0;
      }
      if (!last || last.x !== w.x || last.y !== w.y) {
        const from = trail[trail.length - 1];
        if (from && walkways) {
          const c = shortestCorners(walkways, from.x, from.y, w.x, w.y);
          for (let k = 0; k + 1 < c.length; k += 2) trail.push({ x: c[k]!, y: c[k + 1]! });
        }
        trail.push({ x: w.x, y: w.y });
        while (trail.length > TRAIL_POINTS) trail.shift();
      }
      const before = this.tasks.get(w.code);
      if (before === undefined || before !== w.task) {
        if (before !== undefined)
          this.pushAction(w.code, simTime, w.task ? `started ${w.task}` : `finished ${before ?? 'task'}`);
        this.tasks.set(w.code, w.task);
      }
      return {
        id: w.code,
        role: w.role,
        colour: roleColour(w.role),
        x: w.x,
        y: w.y,
        task: w.task,
        moving: w.moving,
        trainee: w.trainee === true,
        trail: [...trail],
      };
    });
    for (const id of [...this.trails.keys()]) {
      if (!seen.has(id)) {
        this.trails.delete(id);
        this.actions.delete(id);
        this.tasks.delete(id);
      }
    }
    return out;
  }

  /** Recent actions of a worker, newest first. */
  recentActions(id: string): WorkerAction[] {
    return [...(this.actions.get(id) ?? [])].reverse();
  }

  /** Forgets everything (a new run). */
  reset(): void {
    this.trails.clear();
    this.actions.clear();
    this.tasks.clear();
  }

  private pushAction(id: string, simTime: number, text: string): void {
    let list = this.actions.get(id);
    if (!list) this.actions.set(id, (list = []));
    list.push({ simTime, text });
    if (list.length > ACTIONS_KEPT) list.shift();
  }
}

/** The worker nearest a world point within `radius` metres, or null. */
export function workerAt(
  markers: readonly WorkerMarker[],
  x: number,
  y: number,
  radius: number,
): WorkerMarker | null {
  let best: WorkerMarker | null = null;
  let bestD = radius * radius;
  for (const m of markers) {
    const d = (m.x - x) ** 2 + (m.y - y) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = m;
    }
  }
  return best;
}
