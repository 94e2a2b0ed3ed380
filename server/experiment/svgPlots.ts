import { quantileSorted } from 'simple-statistics';

/** Escapes text for SVG/HTML. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One row of an interval plot: a point estimate with its interval (null ends: no interval). */
export interface IntervalRow {
  label: string;
  mean: number;
  lo: number | null;
  hi: number | null;
}

/** One row of a box plot: the replication values, and the mean's CI drawn over the box. */
export interface BoxRow {
  label: string;
  values: number[];
  mean: number;
  lo: number | null;
  hi: number | null;
}

const W = 640;
const LABEL_W = 170;
const ROW_H = 30;
const TOP = 10;
const AXIS_H = 30;

/** A shared horizontal scale with "nice" ticks over [min, max]. */
function scale(min: number, max: number): { x: (v: number) => number; ticks: number[] } {
  let lo = min;
  let hi = max;
  if (!(hi > lo)) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.01 : 1;
    lo -= pad;
    hi += pad;
  }
  const span = hi - lo;
  lo -= span * 0.05;
  hi += span * 0.05;
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    ticks.push(Number(t.toPrecision(12)));
  const x = (v: number): number => LABEL_W + ((v - lo) / (hi - lo)) * (W - LABEL_W - 20);
  return { x, ticks };
}

function frame(rows: number, ticks: number[], x: (v: number) => number, body: string, zero: boolean): string {
  const h = TOP + rows * ROW_H + AXIS_H;
  const axisY = TOP + rows * ROW_H;
  const tickText = ticks
    .map(
      (t) =>
        `<line x1="${x(t).toFixed(1)}" y1="${TOP}" x2="${x(t).toFixed(1)}" y2="${axisY}" stroke="#eee"/>` +
        `<text x="${x(t).toFixed(1)}" y="${axisY + 16}" text-anchor="middle" font-size="11">${esc(String(t))}</text>`,
    )
    .join('');
  const zeroLine = zero
    ? `<line x1="${x(0).toFixed(1)}" y1="${TOP}" x2="${x(0).toFixed(1)}" y2="${axisY}" stroke="#888" stroke-dasharray="4 3"/>`
    : '';
  return (
    `<svg width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" font-family="sans-serif">` +
    `${tickText}<line x1="${LABEL_W}" y1="${axisY}" x2="${W - 20}" y2="${axisY}" stroke="#444"/>${zeroLine}${body}</svg>`
  );
}

/** Means with CI bars, one row per variant (or per difference, with a dashed zero line). */
export function intervalPlot(rows: readonly IntervalRow[], zeroLine = false): string {
  const vals = rows.flatMap((r) => [r.mean, r.lo ?? r.mean, r.hi ?? r.mean]);
  if (zeroLine) vals.push(0);
  const { x, ticks } = scale(Math.min(...vals), Math.max(...vals));
  const body = rows
    .map((r, i) => {
      const y = TOP + i * ROW_H + ROW_H / 2;
      const bar =
        r.lo !== null && r.hi !== null
          ? `<line x1="${x(r.lo).toFixed(1)}" y1="${y}" x2="${x(r.hi).toFixed(1)}" y2="${y}" stroke="#2a6fdb" stroke-width="2"/>` +
            [r.lo, r.hi]
              .map(
                (e) =>
                  `<line x1="${x(e).toFixed(1)}" y1="${y - 6}" x2="${x(e).toFixed(1)}" y2="${y + 6}" stroke="#2a6fdb" stroke-width="2"/>`,
              )
              .join('')
          : '';
      return (
        `<text x="${LABEL_W - 8}" y="${y + 4}" text-anchor="end" font-size="12">${esc(r.label)}</text>${bar}` +
        `<circle cx="${x(r.mean).toFixed(1)}" cy="${y}" r="4" fill="#d9534f"/>`
      );
    })
    .join('');
  return frame(rows.length, ticks, x, body, zeroLine);
}

/**
 * SMORE-style box plots: whiskers min–max, box from the 25th to the 75th percentile, the median
 * as a bar, and the mean with its CI as a shaded band and a dot, one row per variant.
 */
export function boxPlot(rows: readonly BoxRow[]): string {
  const vals = rows.flatMap((r) => [...r.values, r.lo ?? r.mean, r.hi ?? r.mean]);
  const { x, ticks } = scale(Math.min(...vals), Math.max(...vals));
  const body = rows
    .map((r, i) => {
      const y = TOP + i * ROW_H + ROW_H / 2;
      const label = `<text x="${LABEL_W - 8}" y="${y + 4}" text-anchor="end" font-size="12">${esc(r.label)}</text>`;
      if (r.values.length === 0) return label;
      const s = [...r.values].sort((a, b) => a - b);
      const [q0, q1, q2, q3, q4] = [0, 0.25, 0.5, 0.75, 1].map((p) => quantileSorted(s, p)) as [
        number,
        number,
        number,
        number,
        number,
      ];
      const band =
        r.lo !== null && r.hi !== null
          ? `<rect x="${x(r.lo).toFixed(1)}" y="${y - 11}" width="${Math.max(1, x(r.hi) - x(r.lo)).toFixed(1)}" height="22" fill="#f0ad4e" opacity="0.45"/>`
          : '';
      return (
        label +
        `<line x1="${x(q0).toFixed(1)}" y1="${y}" x2="${x(q4).toFixed(1)}" y2="${y}" stroke="#444"/>` +
        [q0, q4]
          .map(
            (e) =>
              `<line x1="${x(e).toFixed(1)}" y1="${y - 5}" x2="${x(e).toFixed(1)}" y2="${y + 5}" stroke="#444"/>`,
          )
          .join('') +
        `<rect x="${x(q1).toFixed(1)}" y="${y - 8}" width="${Math.max(1, x(q3) - x(q1)).toFixed(1)}" height="16" fill="#dbe7fb" stroke="#2a6fdb"/>` +
        band +
        `<line x1="${x(q2).toFixed(1)}" y1="${y - 8}" x2="${x(q2).toFixed(1)}" y2="${y + 8}" stroke="#2a6fdb" stroke-width="2"/>` +
        `<circle cx="${x(r.mean).toFixed(1)}" cy="${y}" r="3.5" fill="#d9534f"/>`
      );
    })
    .join('');
  return frame(rows.length, ticks, x, body, false);
}
