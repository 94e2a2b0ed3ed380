/**
 * The inbound duration and truck-fill series as bounded windows (issue 11: a wall screen's run
 * goes on for weeks). A series keeps its newest max/2 … max values; what it lets go is kept as
 * count, sum and maximum, so n, mean and max stay over the whole run and only the median and p90
 * are over the window (as with order waits and replenishment response times).
 */

/** Count, sum and maximum of the values a series let go. */
export interface DroppedSamples {
  n: number;
  sum: number;
  max: number;
}

/** Appends `v` to `xs`; past `max` values the older half goes into `dropped[key]`. */
export function pushSample(
  holder: { dropped?: Record<string, DroppedSamples> },
  key: string,
  xs: number[],
  v: number,
  max: number,
): void {
  xs.push(v);
  if (xs.length <= max) return;
  const drop = xs.length - Math.floor(max / 2);
  const d = ((holder.dropped ??= {})[key] ??= { n: 0, sum: 0, max: xs[0]! });
  for (let i = 0; i < drop; i++) {
    const x = xs[i]!;
    d.n++;
    d.sum += x;
    if (x > d.max) d.max = x;
  }
  xs.splice(0, drop);
}
