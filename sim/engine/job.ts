/** What a worker is doing: a planned sequence of steps, each travel then work then an action. */
export interface Job {
  id: number;
  /** Job kind: 'pick', 'putaway', 'replenish', 'count', 'receive', 'pack' … (KPI grouping). */
  kind: string;
  steps: Step[];
  /** Index of the step in progress. */
  cursor: number;
  started: number;
  /** Shared resources held for the whole job (a forklift, a pick cart), released at its end. */
  resources: string[];
  /** Main document of the job (a tour, a task, a receipt …), flow-specific. */
  ref: number;
  /** Orders served (pick tours), for hand-over at the end. */
  orders: number[];
  /** When a wait inside the current step began (empty face), -1 when not waiting. */
  waitStarted?: number;
}

/** A blank pick-tour job for a pool (pickTour's buildTour sets every field, in this key order). */
export function blankPickTour(): Job {
  return { id: 0, kind: 'pick', steps: [], cursor: 0, started: 0, resources: [], ref: 0, orders: [] };
}

/**
 * One step: travel to (x, y), then work for `workMs`, then run `action` with `arg`.
 * `legM` < 0 means "shortest walk from wherever the worker is", computed when the step starts;
 * pick tours pass the heuristic's own leg lengths instead.
 */
export interface Step {
  action: number;
  arg: number;
  x: number;
  y: number;
  legM: number;
  /**
   * Turning points of the walk when the leg follows a planned route (a pick tour's heuristic
   * path; x, y interleaved): what a live view draws. Absent: the shortest walk (routing/walkPath.ts).
   */
  via?: number[];
  workMs: number;
  /** What the work time is booked as in KPIs: 'pick' (at the face), 'handle', 'overhead', 'count' … */
  workAs: string;
}

/** Builds a step with shortest-path travel. */
export function stepTo(
  action: number,
  arg: number,
  at: { x: number; y: number },
  workMs: number,
  workAs: string,
): Step {
  return { action, arg, x: at.x, y: at.y, legM: -1, workMs, workAs };
}
