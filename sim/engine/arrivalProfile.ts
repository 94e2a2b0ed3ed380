import type { z } from 'zod';
import type { arrivalSchema } from '../scenario/scenarioSchema.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Relative arrival rate over the week: `at(t)` has mean 1 over a week; `peak` is its maximum. */
export interface ArrivalProfile {
  at(t: number): number;
  peak: number;
}

/**
 * Turns hour-of-day and day-of-week weights into a piecewise-constant multiplier. Each set of
 * weights is normalised to mean 1, so `ratePerHour` stays the weekly mean rate whatever the shape.
 * Time 0 is Monday 00:00.
 */
export function arrivalProfile(a: z.output<typeof arrivalSchema>): ArrivalProfile {
  if (a.kind === 'poisson') return { at: () => 1, peak: 1 };
  const hMean = a.hourOfDay.reduce((s, x) => s + x, 0) / 24;
  const dMean = a.dayOfWeek.reduce((s, x) => s + x, 0) / 7;
  const hours = a.hourOfDay.map((x) => x / hMean);
  const days = a.dayOfWeek.map((x) => (dMean > 0 ? x / dMean : 0));
  const peak = Math.max(...hours) * Math.max(...days);
  return {
    at: (t) => {
      const inWeek = ((t % WEEK) + WEEK) % WEEK;
      return days[Math.floor(inWeek / DAY)]! * hours[Math.floor((inWeek % DAY) / HOUR)]!;
    },
    peak,
  };
}
