import type { ForecastMean, ForecastResult } from '../../sim/view/protocol.ts';
import { simClock } from './alertFeed.ts';

/** A forecast in words and numbers, for the floor view's panel and the wall screen's tile. */
export interface ForecastText {
  /** `Cut-off Mon 12:00: 75% make it (48–93%)`. */
  headline: string;
  /** Backlog, the change and its paired difference, settings. */
  lines: string[];
  /** good ≥ 90 % likely, bad < 50 %, warn between. */
  tone: 'good' | 'warn' | 'bad';
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const num = (x: number): string => (Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(1));

function meanText(m: ForecastMean): string {
  return m.halfWidth === null ? num(m.mean) : `${num(m.mean)} ± ${num(m.halfWidth)}`;
}

function changeText(f: ForecastResult): string | null {
  const c = f.change;
  if (!c) return null;
  const parts: string[] = [];
  if (c.addWorkers)
    parts.push(`+${c.addWorkers.count} ${c.addWorkers.role}${c.addWorkers.count > 1 ? 's' : ''}`);
  if (c.waveMinutes !== undefined) parts.push(`waves every ${c.waveMinutes} min`);
  return parts.join(', ');
}

const VERDICT: Record<string, string> = {
  higher: 'higher',
  lower: 'lower',
  'no-difference-detected': `no difference detected`,
  'too-few': 'too few replications to say',
};

/**
 * Words for a forecast, stated as a statistician would: a probability with its interval, a mean
 * with its half-width, and for a change the paired difference and whether it is detectable at
 * the forecast's level ("no difference detected", never "no difference").
 */
export function forecastText(f: ForecastResult): ForecastText {
  const arm = f.changed ?? f.asIs;
  const what = f.horizonKind === 'cutoff' ? 'Cut-off' : 'At';
  const m = arm.madeCutoff;
  const level = pct(f.level);
  const headline = `${what} ${simClock(f.horizon)}: ${pct(m.share)} make it (${pct(m.lo)}–${pct(m.hi)})`;
  const lines = [`Backlog then: ${meanText(arm.backlog)} orders; due and open ${meanText(arm.dueOpen)}`];
  const change = changeText(f);
  if (change && f.difference) {
    const d = f.difference;
    lines.unshift(
      `With ${change}; as is: ${pct(f.asIs.madeCutoff.share)} make it, backlog ${meanText(f.asIs.backlog)}`,
    );
    lines.push(
      `Change vs as is (paired): cut-off ${d.madeCutoff.mean >= 0 ? '+' : ''}${pct(d.madeCutoff.mean)} (${VERDICT[d.madeCutoff.verdict] ?? d.madeCutoff.verdict}), backlog ${d.backlog.mean >= 0 ? '+' : ''}${meanText(d.backlog)} (${VERDICT[d.backlog.verdict] ?? d.backlog.verdict} at ${level})`,
    );
  }
  lines.push(
    `${f.replications} replications from ${simClock(f.from)}, ${level} intervals, ${(f.elapsedMs / 1000).toFixed(1)} s`,
  );
  const tone = m.share >= 0.9 ? 'good' : m.share < 0.5 ? 'bad' : 'warn';
  return { headline, lines, tone };
}
