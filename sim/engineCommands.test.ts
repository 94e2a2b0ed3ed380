import demoJson from '../scenarios/demo-dc.json' with { type: 'json' };
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createEngine, scenarioSchema, type CommandResult, type Engine } from './index.ts';
import { worldOf } from './engineWorld.ts';
import { mirrorExceptions } from './mirrorApi.ts';
import type { FeedEntry } from './mirrorApi.ts';

const scenario = scenarioSchema.parse(demoJson);

describe('engine command API', () => {
  it('hands out no world: the public engine type has none, and worldOf knows only real engines', () => {
    const e: Engine = createEngine(scenario);
    expect('world' in e).toBe(false);
    expect(worldOf(e).now).toBe(0);
    expect(() => worldOf({})).toThrow(/not an engine/);
  });

  it('steps to the next pending event, and says so when nothing is scheduled', () => {
    const e = createEngine(scenario);
    const next = worldOf(e).queue.peekTime();
    const r = e.apply({ type: 'step' });
    expect(r).toEqual({ ok: true, type: 'step', simTime: next });
    expect(e.now()).toBe(next);
    const w = worldOf(e);
    while (w.queue.size > 0) w.queue.pop();
    expect(e.apply({ type: 'step' })).toMatchObject({ ok: false, type: 'step', code: 'nothing-scheduled' });
  });

  it('returns refusals and throws from the core as values, typed by the command', () => {
    const e = createEngine(scenario);
    const bad = e.apply({ type: 'inject', cause: 'gremlins' });
    expect(bad).toMatchObject({ ok: false, type: 'inject', code: 'invalid', message: /unknown exception/ });
    expectTypeOf(bad).toEqualTypeOf<CommandResult<'inject'>>();
    const ok = e.apply({ type: 'inject', cause: 'shrink' });
    expect(ok).toMatchObject({ ok: true, type: 'inject' });
    expect(e.truth()).toHaveLength(1);
    // An entry the mirror cannot take throws inside the core; the caller gets `failed`, not a throw.
    const broken = { kind: 'countDecision' } as unknown as FeedEntry;
    expect(e.apply({ type: 'feed', key: 'k1', entry: broken })).toMatchObject({
      ok: false,
      type: 'feed',
      code: 'failed',
    });
    const x = e.apply({
      type: 'feed.exception',
      exception: { source: 'scan', key: 'k1', kind: 'quarantined', reason: 'test', message: broken },
    });
    expect(x).toMatchObject({ ok: true, type: 'feed.exception' });
    expect(mirrorExceptions(e).map((m) => m.id)).toEqual([x.ok ? x.id : '']);
  });

  it('projects, inspects and reports through the facade, reading the same state the world holds', () => {
    const e = createEngine(scenario);
    e.runUntil(9 * 3_600_000);
    const w = worldOf(e);
    const run = { runId: 'r', scenario: scenario.name, seed: '1', speed: 60, paused: false, until: null };
    const view = e.project(run, 7);
    expect(view.seq).toBe(7);
    expect(view.simTime).toBe(w.now);
    const code = e.site().bins[0]!.code;
    expect(e.binDetail(code)?.code).toBe(code);
    expect(e.binDetail('Z-99-99-Z')).toBeNull();
    expect(e.stock('system')).toEqual(w.system.state());
    expect(e.stock('physical', 'sorted')).toEqual(w.physical.sortedState());
    expect(e.journalCommitted()).toBe(w.counters.journal);
    expect(e.site()).toMatchObject({ items: w.site.items, workers: w.workers.length });
    expect(e.reconciliation()?.scenario).toBe(scenario.name);
  });
});
