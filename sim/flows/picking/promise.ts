import type { World } from '../../engine/world.ts';
import { parseClock } from '../../engine/shiftCalendar.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The carrier route an order ships on: one of the scenario's carrier departures (its cut-off,
 * minutes after midnight), drawn with equal shares; -1 when packing and carriers are not modelled.
 */
export function drawRoute(w: World): number {
  const p = w.scenario.packing;
  if (!p) return -1;
  const times = [...new Set(p.carrierDepartures.map(parseClock))].sort((a, b) => a - b);
  const i = Math.floor(w.random.stream('routes')() * times.length);
  return times[Math.min(i, times.length - 1)]!;
}

/**
 * Promised ship time: the cut-off of the order's route on the promised day (the day reached
 * `promiseHours` after creation, or the next departure day), never before the order exists.
 * Without carriers it is simply creation + `promiseHours` (the order's customer class may set
 * its own).
 */
export function promisedShipTime(
  w: World,
  created: number,
  route: number,
  promiseHours = w.scenario.demand.promiseHours,
): number {
  const due = created + Math.round(promiseHours * HOUR);
  const p = w.scenario.packing;
  if (!p || route < 0) return due;
  let d = Math.floor(due / DAY);
  for (let i = 0; i < 14; i++, d++) {
    if (!p.departureDays.includes(d % 7)) continue;
    const at = d * DAY + route * MINUTE;
    if (at > created) return at;
  }
  return due;
}

/** Is this carrier departure (now) the order's route? */
export function onRoute(now: number, route: number): boolean {
  return route < 0 || Math.round((now % DAY) / MINUTE) === route;
}
