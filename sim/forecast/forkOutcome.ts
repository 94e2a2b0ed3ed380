import type { World } from '../engine/world.ts';
import type { Scenario } from '../scenario/scenarioSchema.ts';
import { parseClock } from '../engine/shiftCalendar.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** What a forked run looks like at its horizon. */
export interface ForkOutcome {
  /** Orders open (arrived, neither shipped nor cancelled). */
  backlog: number;
  /** Open orders whose promised ship time is at or before the horizon: late at the cut-off. */
  dueOpen: number;
}

/** The open and overdue orders of a world at its current time (call it at the horizon). */
export function forkOutcome(w: World): ForkOutcome {
  let backlog = 0;
  let dueOpen = 0;
  for (const o of w.orders.values()) {
    backlog++;
    if (o.promised <= w.now) dueOpen++;
  }
  return { backlog, dueOpen };
}

/**
 * The next carrier cut-off (departure) strictly after `now`, as the packing flow schedules them
 * (departure times on departure days), or null when the scenario does not model carriers.
 */
export function nextCutoff(scenario: Scenario, now: number): number | null {
  const p = scenario.packing;
  if (!p) return null;
  const times = p.carrierDepartures.map((c) => parseClock(c) * MINUTE).sort((a, b) => a - b);
  const day0 = Math.floor(now / DAY);
  for (let d = day0; d < day0 + 8; d++) {
    if (!p.departureDays.includes(((d % 7) + 7) % 7)) continue;
    for (const t of times) if (d * DAY + t > now) return d * DAY + t;
  }
  return null;
}
