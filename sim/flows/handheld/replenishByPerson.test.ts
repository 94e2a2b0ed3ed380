import { describe, expect, it } from 'vitest';
import demoDc from '../../../scenarios/demo-dc.json' with { type: 'json' };
import { scenarioSchema, type JournalEvent } from '../../index.ts';
import { createEngine, type SimEngine } from '../../engineApi.ts';
import { replenishmentState } from '../replenishment/replenishmentState.ts';
import { faceRoom } from '../replenishment/replenishmentTrip.ts';
import { enter, kit, ok, screen, untilAsked } from './testDriving.ts';

const demo = scenarioSchema.parse(demoDc);

function run(person: boolean): { e: SimEngine; events: JournalEvent[]; code: string } {
  const events: JournalEvent[] = [];
  const e = createEngine(demo, { seed: 3, journal: (ev) => events.push(ev) });
  const code = 'repl-01';
  if (person) expect(e.apply({ type: 'rf.drive', worker: code, person: true }).ok).toBe(true);
  return { e, events, code };
}

const ofTask = (events: JournalEvent[], task: string): string[] =>
  events.filter((ev) => ev.docs?.task === task).map((ev) => ev.type);

describe('a replenisher driven from a handheld', () => {
  it('is shown the chart’s prompts, refuses a wrong bin and a wrong lot with why, and posts what a simulated replenisher posts', () => {
    const { e, events, code } = run(true);
    let s = untilAsked(e, code, 12 * 3_600_000);
    expect(s.state).toBe('replenishmentTask.travellingToReserve');
    expect(s.prompt).toBe('At the reserve bin: scan it and the item, enter the quantity taken');
    expect(s.input).toBe('binLabel');
    expect(s.exits).toEqual(['short']);
    const task = s.taskId!;
    const src = s.task!.bin!;
    const other = s.kit.find((k) => k.kind === 'bin' && k.title !== src)!;
    expect(enter(e, code, 'binLabel', other.data)).toEqual({
      ok: false,
      reason: `wrong bin: ${other.title} scanned, take the stock from ${src}`,
    });
    ok(enter(e, code, 'binLabel', kit(s, 'bin', src)));
    s = screen(e, code);
    expect(s.input).toBe('gs1Item');
    const item = e.world.site.items.find((i) => i.sku === s.task!.sku)!;
    expect(item.lotControlled).toBe(true);
    expect(enter(e, code, 'gs1Item', `]C101${item.uoms[0]!.gtin}10NOTTHIS`)).toEqual({
      ok: false,
      reason: `wrong lot: NOTTHIS scanned, this replenishment takes lot ${s.task!.lot}`,
    });
    ok(enter(e, code, 'gs1Item', kit(s, 'item', s.task!.sku)));
    expect(screen(e, code).input).toBe('quantity');
    const t = replenishmentState(e.world).open[Number(task.slice(2))]!;
    const room = faceRoom(e.world, t);
    expect(enter(e, code, 'quantity', String(room + 1))).toEqual({
      ok: false,
      reason: `the face has room for ${room}: take ${room} or fewer`,
    });
    const there = e.world.physical.qty(src, item.sku, t.lot, 'available');
    const take = Math.min(room, there);
    expect(take).toBeGreaterThan(0);
    if (there < room)
      expect(enter(e, code, 'quantity', String(there + 1))).toEqual({
        ok: false,
        reason: `${src} does not hold ${there + 1} ${item.sku}: count again`,
      });
    ok(enter(e, code, 'quantity', String(take)));
    s = screen(e, code);
    expect(s.state).toBe('replenishmentTask.pickedFromReserve');
    expect(s.input).toBe('confirm');
    ok(enter(e, code, 'confirm', ''));
    s = untilAsked(e, code, 12 * 3_600_000);
    expect(s.state).toBe('replenishmentTask.droppedAtForward');
    expect(s.input).toBe('binLabel');
    const face = s.task!.bin!;
    const near = s.kit.find((k) => k.kind === 'bin' && k.title !== face)!;
    expect(enter(e, code, 'binLabel', near.data)).toEqual({
      ok: false,
      reason: `wrong bin: ${near.title} scanned, this replenishment is for the face ${face}`,
    });
    const n = events.length;
    expect(enter(e, code, 'binLabel', kit(s, 'bin', face))).toEqual({ ok: true, done: 'replenished' });
    const done = events.slice(n).find((ev) => ev.type === 'replenishment.confirmed')!;
    expect(done.actor?.worker).toBe(code);
    expect(done.baseQty).toBe(take);
    expect(done.toBin).toBe(face);
    // The same task done by the simulated replenisher posts the same event types.
    const sim = run(false);
    sim.e.runUntil(e.now() + 3_600_000);
    expect(ofTask(events, task)).toEqual(ofTask(sim.events, task));
    expect(e.world.physical.qty(face, item.sku, t.lot, 'available')).toBe(
      e.world.system.qty(face, item.sku, t.lot, 'available'),
    );
  });

  it('the short exit at the reserve bin moves the task on, as a simulated short does', () => {
    const { e, events, code } = run(true);
    const s = untilAsked(e, code, 12 * 3_600_000);
    expect(enter(e, code, 'exit', '', 'pick')).toMatchObject({ ok: false });
    const out = enter(e, code, 'exit', '', 'short');
    expect(out.ok).toBe(true);
    expect(
      events.filter((ev) => ev.type === 'replenishment.shortAtReserve' && ev.docs?.task === s.taskId),
    ).toHaveLength(1);
  });

  it('handed back after the reserve pick, the simulation drives to the face and confirms', () => {
    const { e, events, code } = run(true);
    const s = untilAsked(e, code, 12 * 3_600_000);
    ok(enter(e, code, 'binLabel', kit(s, 'bin', s.task!.bin)));
    ok(enter(e, code, 'gs1Item', kit(s, 'item', s.task!.sku)));
    ok(enter(e, code, 'quantity', '1'));
    expect(screen(e, code).state).toBe('replenishmentTask.pickedFromReserve');
    expect(e.apply({ type: 'rf.drive', worker: code, person: false }).ok).toBe(true);
    e.runUntil(e.now() + 3_600_000);
    const done = events.find((ev) => ev.type === 'replenishment.confirmed' && ev.docs?.task === s.taskId)!;
    expect([done.actor?.worker, done.baseQty]).toEqual([code, 1]);
  });
});
