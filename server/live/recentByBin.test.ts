import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../sim/index.ts';
import { RECENT_EVENTS_MAX, RECENT_PER_BIN, RecentByBin, recentEventsMaxFromEnv } from './recentByBin.ts';

const ev = (seq: number, bin: string, toBin?: string): JournalEvent =>
  ({ seq, t: seq, type: 'move', bin, ...(toBin ? { toBin } : {}) }) as unknown as JournalEvent;

describe('RecentByBin', () => {
  it('keeps the newest events of a bin, oldest first, up to the per-bin cap', () => {
    const r = new RecentByBin(3, 100);
    for (let i = 1; i <= 5; i++) r.add(ev(i, 'A'));
    expect(r.get('A').map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(r.size).toBe(3);
  });

  it('records a move against both bins', () => {
    const r = new RecentByBin(3, 100);
    r.add(ev(1, 'A', 'B'));
    expect(r.get('A').map((e) => e.seq)).toEqual([1]);
    expect(r.get('B').map((e) => e.seq)).toEqual([1]);
    expect(r.size).toBe(2);
  });

  it('stops growing at the total cap however many bins are touched, dropping the least recently touched bin', () => {
    const r = new RecentByBin(RECENT_PER_BIN, RECENT_EVENTS_MAX);
    // 5,000 bins × 20 events: 100,000 kept without the total cap.
    let most = 0;
    for (let round = 0; round < RECENT_PER_BIN; round++)
      for (let b = 0; b < 5_000; b++) {
        r.add(ev(round * 5_000 + b, `B${b}`));
        most = Math.max(most, r.size);
      }
    expect(most).toBe(RECENT_EVENTS_MAX);
    expect(r.size).toBeGreaterThan(RECENT_EVENTS_MAX - RECENT_PER_BIN);
    // A bin touched again moves to the back and keeps its history while older ones go.
    const small = new RecentByBin(2, 4);
    small.add(ev(1, 'A'));
    small.add(ev(2, 'B'));
    small.add(ev(3, 'A'));
    small.add(ev(4, 'C'));
    small.add(ev(5, 'C'));
    expect(small.get('B')).toEqual([]);
    expect(small.get('A').map((e) => e.seq)).toEqual([1, 3]);
    expect(small.get('C').map((e) => e.seq)).toEqual([4, 5]);
    expect(small.size).toBe(4);
    expect(small.binCount).toBe(2);
  });
});

describe('BINTWIN_RECENT_EVENTS_MAX', () => {
  it('reads the total from the env, defaults to RECENT_EVENTS_MAX, and names a bad value', () => {
    expect(recentEventsMaxFromEnv({})).toBe(RECENT_EVENTS_MAX);
    expect(recentEventsMaxFromEnv({ BINTWIN_RECENT_EVENTS_MAX: '2000' })).toBe(2000);
    expect(() => recentEventsMaxFromEnv({ BINTWIN_RECENT_EVENTS_MAX: '5' })).toThrow(
      /BINTWIN_RECENT_EVENTS_MAX .*"5"/,
    );
  });
});
