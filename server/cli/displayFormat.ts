// Human-readable numbers, sizes and times for terminal output. Files keep the exact values.

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A number with thousands separators and precision that suits its size: integers exactly,
 * otherwise 1 decimal from 100 up, 2 from 1 up, 3 significant digits below 1. Summary tables
 * want readable figures; kpis.json has the full ones.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const abs = Math.abs(x);
  if (abs >= 100) return x.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (abs >= 1) return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (abs >= 0.001) return x.toLocaleString('en-US', { maximumSignificantDigits: 3 });
  return x.toExponential(2);
}

/** A rate such as events per second, compact: `912`, `48.2k`, `1.37M`. */
export function formatRate(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x >= 1e6) return `${(x / 1e6).toPrecision(3)}M`;
  if (x >= 1e4) return `${(x / 1e3).toPrecision(3)}k`;
  return Math.round(x).toLocaleString('en-US');
}

/** Bytes as `812 B`, `4.2 MB`, `1.3 GB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** Sim time as a clock reading: `day 2 Tue 07:30` (runs start on Monday 00:00). */
export function formatSimTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const inDay = ms - day * DAY_MS;
  const hh = String(Math.floor(inDay / HOUR_MS)).padStart(2, '0');
  const mm = String(Math.floor((inDay % HOUR_MS) / 60_000)).padStart(2, '0');
  return `day ${day + 1} ${WEEKDAYS[day % 7]} ${hh}:${mm}`;
}

/** A sim duration in words: `1 day`, `3 days 4 h`, `90 min`, `12 h`. */
export function formatSimDuration(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = (ms - days * DAY_MS) / HOUR_MS;
  const h = Number.isInteger(hours) ? `${hours} h` : `${formatNumber(hours)} h`;
  if (days === 0) return hours < 1 ? `${formatNumber(ms / 60_000)} min` : h;
  const d = `${days} day${days === 1 ? '' : 's'}`;
  return hours === 0 ? d : `${d} ${h}`;
}

/** Wall-clock seconds: `0.42 s`, `12.3 s`, `4 min 05 s`. */
export function formatWallSeconds(s: number): string {
  if (s < 10) return `${s.toFixed(2)} s`;
  if (s < 60) return `${s.toFixed(1)} s`;
  const total = Math.round(s);
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
}
