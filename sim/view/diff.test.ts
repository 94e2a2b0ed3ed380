import demoJson from '../../scenarios/demo-dc.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../index.ts';
import { createEngine } from '../engineApi.ts';
import { applyDelta, ViewGapError } from './applyDelta.ts';
import { diffViews } from './diff.ts';
import { projectView } from './projection.ts';
import { BinFlag, binFlagNames, fillCode, fillRatio, type RunStatus, type ViewState } from './viewState.ts';
import { sliceDelta, sliceView } from './zoneSlice.ts';

const demo = scenarioSchema.parse(demoJson);
const run: RunStatus = { runId: 'r1', scenario: 'demo-dc', seed: '7', speed: 60, paused: false, until: null };
const TICK_MS = 6_000;

/** The server's sequence of views: one per tick of 6 sim seconds (×60 at 10 Hz), from 07:00. */
function serverViews(ticks: number): ViewState[] {
  const engine = createEngine(demo, { seed: 7 });
  engine.runUntil(7 * 3_600_000);
  const views = [projectView(engine, run, 0)];
  for (let i = 1; i <= ticks; i++) {
    engine.runUntil(engine.now() + TICK_MS);
    const prev = views[views.length - 1]!;
    const r = i === ticks / 2 ? { ...run, speed: 120 } : run;
    views.push(projectView(engine, r, prev.seq + 1, { previous: prev }));
  }
  return views;
}

describe('view diff', () => {
  const views = serverViews(300);

  it('snapshot + N deltas reproduces the projection exactly', () => {
    let client = structuredClone(views[0]!);
    let binChanges = 0;
    for (let i = 1; i < views.length; i++) {
      const d = diffViews(views[i - 1]!, views[i]!);
      expect(d).not.toBeNull();
      binChanges += d!.bins?.index.length ?? 0;
      client = applyDelta(client, structuredClone(d!));
      if (i % 50 === 0) expect(client).toEqual(views[i]);
    }
    expect(client).toEqual(views[views.length - 1]);
    // The run is alive: bins changed and workers moved along the way.
    expect(binChanges).toBeGreaterThan(10);
    expect(client.workers.some((w) => w.task === 'pick')).toBe(true);
  });

  it('deltas carry only what changed', () => {
    const d = diffViews(views[10]!, views[11]!)!;
    expect(d.bins?.index.length ?? 0).toBeLessThan(50);
    expect(diffViews(views[10]!, views[10]!)).toBeNull();
  });

  it('refuses a delta that does not follow the view', () => {
    const d = diffViews(views[1]!, views[2]!)!;
    expect(() => applyDelta(views[0]!, d)).toThrow(ViewGapError);
  });

  it('a zone room: sliced snapshot + sliced deltas equal the sliced projection', () => {
    let client = sliceView(views[0]!, 'F');
    expect(client.bins.code.every((c) => c.startsWith('F-'))).toBe(true);
    for (let i = 1; i < views.length; i++) {
      const d = diffViews(views[i - 1]!, views[i]!)!;
      client = applyDelta(client, sliceDelta(d, views[i]!, 'F'));
    }
    expect(client).toEqual(sliceView(views[views.length - 1]!, 'F'));
  });

  it('open alerts keep the sim time they were first seen', () => {
    const last = views[views.length - 1]!;
    for (const a of last.alerts) expect(a.since).toBeLessThanOrEqual(last.simTime);
  });
});

describe('bin codes', () => {
  it('encodes fill in half-percent steps and names flags', () => {
    expect(fillCode(0.5)).toBe(100);
    expect(fillRatio(fillCode(0.855))).toBeCloseTo(0.855, 2);
    expect(fillCode(9)).toBe(255);
    expect(binFlagNames(0)).toEqual(['ok']);
    expect(binFlagNames(BinFlag.empty | BinFlag.counting)).toEqual(['empty', 'counting']);
    expect(binFlagNames(BinFlag.counting)).toEqual(['ok', 'counting']);
  });
});
