import demoJson from '../../../scenarios/demo-dc.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { createEngine, scenarioSchema } from '../../index.ts';
import type { JournalEvent } from '../../journal/journalEvent.ts';
import { worldOf } from '../../engineWorld.ts';
import { pickingState } from './pickingState.ts';

const waves = scenarioSchema.parse({
  ...demoJson,
  name: 'demo-dc-waves',
  release: { policy: 'wave', waveMinutes: 60 },
});

describe('wave.release (start a wave now)', () => {
  it('releases the orders waiting for the next wave at once, and the hourly waves keep their times', () => {
    const events: JournalEvent[] = [];
    const e = createEngine(waves, { journal: (x) => events.push(x) });
    e.runUntil(8.5 * 3_600_000);
    const waiting = pickingState(worldOf(e)).pendingWave.length;
    expect(waiting).toBeGreaterThan(0);
    const before = pickingState(worldOf(e)).wave;
    const r = e.apply({ type: 'wave.release' });
    expect(r).toEqual({
      ok: true,
      type: 'wave.release',
      wave: `WV${String(before + 1).padStart(5, '0')}`,
      orders: waiting,
    });
    expect(pickingState(worldOf(e)).pendingWave).toEqual([]);
    const released = events.filter((x) => x.type === 'wave.released');
    expect(released.at(-1)).toMatchObject({ t: 8.5 * 3_600_000, qty: waiting });
    // Nothing waits now: a second press releases nothing and says so.
    expect(e.apply({ type: 'wave.release' })).toEqual({
      ok: true,
      type: 'wave.release',
      wave: null,
      orders: 0,
    });
    e.runUntil(9 * 3_600_000);
    expect(events.filter((x) => x.type === 'wave.released').at(-1)!.t).toBe(9 * 3_600_000);
  });

  it('is refused where orders are released as they are allocated', () => {
    const e = createEngine(scenarioSchema.parse(demoJson));
    expect(e.apply({ type: 'wave.release' })).toMatchObject({
      ok: false,
      code: 'invalid',
      message: /not "wave"/,
    });
  });
});
