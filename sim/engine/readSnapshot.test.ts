import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, restoreEngine, scenarioSchema, SnapshotError, type EngineSnapshot } from '../index.ts';
import { machineFingerprints } from '../machines/machineFingerprints.ts';
import { readSnapshot } from './readSnapshot.ts';
import { SNAPSHOT_SCHEMA_VERSION } from './world.ts';
import demoDc from '../../scenarios/demo-dc.json' with { type: 'json' };

const demo = scenarioSchema.parse(demoDc);
let text = '';
beforeAll(() => {
  const e = createEngine(demo, { seed: 4 });
  e.runUntil(10 * 3_600_000);
  text = JSON.stringify(e.snapshot());
  const s = saved();
  if (s.orders.length === 0 || s.tasks.length === 0) throw new Error('no orders or tasks in flight to edit');
});
/** A fresh parsed copy of the saved snapshot, as a server reads it from disk. */
const saved = (): EngineSnapshot & Record<string, unknown> => JSON.parse(text);

/** The SnapshotError a restore of `s` throws (fails the test when it restores). */
function refusal(s: unknown): SnapshotError {
  try {
    restoreEngine(demo, s);
  } catch (err) {
    if (err instanceof SnapshotError) return err;
    throw err;
  }
  throw new Error('restored');
}

describe('readSnapshot: a checkpoint is checked before it is restored', () => {
  it('carries the fingerprint of every statechart, and an unchanged one restores', () => {
    const s = saved();
    expect(s.schemaVersion).toBe(SNAPSHOT_SCHEMA_VERSION);
    expect(Object.keys(s.machines).sort()).toEqual([
      'cycleCount',
      'order',
      'pickTask',
      'putawayTask',
      'receipt',
      'replenishmentTask',
      'return',
      'transfer',
    ]);
    expect(s.machines).toEqual(machineFingerprints());
    expect(restoreEngine(demo, s).now()).toBe(10 * 3_600_000);
  });

  it('refuses a checkpoint whose one machine fingerprint differs, naming that machine', () => {
    const s = saved();
    const mine = s.machines['putawayTask']!;
    s.machines['putawayTask'] = '0123456789abcdef';
    const err = refusal(s);
    expect(err.message).toBe(
      `checkpoint was written by a build whose putawayTask (fingerprint 0123456789abcdef≠${mine}) statechart differs: ` +
        'start a new run (--new-run) or use the build that wrote it',
    );
    expect(err.message).not.toMatch(/\border\b|pickTask|receipt/);
  });

  it('refuses a missing fingerprint and one this build does not know, naming each', () => {
    const s = saved();
    delete s.machines['order'];
    s.machines['crossDock'] = 'ffffffffffffffff';
    const err = refusal(s);
    expect(err.message).toContain('order (fingerprint missing≠');
    expect(err.message).toContain('crossDock (not in this build)');
    expect(err.message).toContain('statecharts differ');
  });

  it('refuses a v2 checkpoint as unmigratable, saying why', () => {
    const s = saved();
    s.schemaVersion = 2;
    const err = refusal(s);
    expect(err.message).toMatch(
      /^checkpoint schema 2 cannot be migrated to \d+ \(step 2 → 3: v3 gave every worker/,
    );
    expect(err.message).toContain('start a new run (--new-run)');
  });

  it('refuses a v4 checkpoint (events and actions under the old central numbers), saying why', () => {
    const s = saved();
    s.schemaVersion = 4;
    delete (s as Record<string, unknown>).flowIds;
    expect(refusal(s).message).toMatch(
      /^checkpoint schema 4 cannot be migrated to 5 \(step 4 → 5: v5 numbers flow event kinds and step actions/,
    );
  });

  it('carries the flow event and action numbering, and refuses a checkpoint numbered otherwise', () => {
    const s = saved();
    expect(s.flowIds['engine.event.workerStep']).toBe(1);
    expect(Object.keys(s.flowIds)).toContain('inbound.action.putawayDrop');
    const mine = s.flowIds['counting.action.countAtBin']!;
    s.flowIds['counting.action.countAtBin'] = mine + 100;
    const err = refusal(s);
    expect(err.path).toBe('flowIds');
    expect(err.message).toContain(
      `counting.action.countAtBin is ${mine} here, ${mine + 100} in the checkpoint`,
    );
    expect(err.message).not.toMatch(/picking/);
  });

  it('refuses a checkpoint from a newer build and a version that is not a number', () => {
    const s = saved();
    s.schemaVersion = SNAPSHOT_SCHEMA_VERSION + 1;
    expect(refusal(s).message).toMatch(/is newer than this build's/);
    const t = saved() as Record<string, unknown>;
    t.schemaVersion = '4';
    expect(refusal(t).message).toBe('schemaVersion: expected a positive integer, got "4"');
  });

  it('names the path of a wrong-typed field', () => {
    const a = saved();
    (a.orders[0] as unknown as Record<string, unknown>).state = '3';
    const e1 = refusal(a);
    expect(e1.path).toBe('orders[0].state');
    expect(e1.message).toMatch(/^orders\[0\]\.state: .*expected number/);
    const b = saved();
    (b.workers[2] as unknown as Record<string, unknown>).speedFactor = null;
    expect(refusal(b).path).toBe('workers[2].speedFactor');
    const c = saved();
    (c.system[5] as unknown as Record<string, unknown>).status = 'lost';
    expect(refusal(c).path).toBe('system[5].status');
    const d = saved();
    (d.queue.events[0] as unknown[]).pop();
    expect(refusal(d).path).toMatch(/^queue\.events\[0\]/);
  });

  it('names what a truncated checkpoint lacks', () => {
    const s = saved();
    delete (s as Record<string, unknown>).physical;
    expect(refusal(s).path).toBe('physical');
    expect(refusal([]).message).toBe('(top level): expected an object, got object');
  });

  it('refuses state numbers outside the compiled tables and references to nothing', () => {
    const a = saved();
    a.tasks[0]!.state = 99;
    expect(refusal(a).message).toMatch(
      /^tasks\[0\]\.state: pick-task state 99 is not one of the \d+ states$/,
    );
    const b = saved();
    b.idle.push(b.workers.length);
    expect(refusal(b).path).toBe(`idle[${b.idle.length - 1}]`);
  });

  it('passes a checked snapshot straight through the second time', () => {
    const s = saved();
    expect(readSnapshot(s)).toBe(s);
    expect(readSnapshot(s)).toBe(s);
  });
});
