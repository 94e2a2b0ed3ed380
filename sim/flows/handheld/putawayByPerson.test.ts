import { describe, expect, it } from 'vitest';
import demoDc from '../../../scenarios/demo-dc.json' with { type: 'json' };
import { scenarioSchema, type JournalEvent } from '../../index.ts';
import { createEngine, restoreEngine, type SimEngine } from '../../engineApi.ts';
import { enter, kit, ok, screen, takeUnit, untilAsked } from './testDriving.ts';
import { binLabelData } from './kitLabels.ts';
import { inboundState } from '../inbound/inboundState.ts';
import { freeAt } from '../inbound/inboundSite.ts';
import { compatible } from '../../engine/slotting.ts';

// Without replenishment the putaway drivers only put away (in demo-dc they also replenish).
const { replenishment: _r, ...noReplen } = demoDc;
const HOUR = 3_600_000;

function run(person: boolean, inbound: Record<string, unknown> = {}, seed = 3) {
  const scenario = scenarioSchema.parse({ ...noReplen, inbound: { ...noReplen.inbound, ...inbound } });
  const events: JournalEvent[] = [];
  const e = createEngine(scenario, { seed, journal: (ev) => events.push(ev) });
  const code = 'fork-01';
  if (person) expect(e.apply({ type: 'rf.drive', worker: code, person: true }).ok).toBe(true);
  return { e, events, code, scenario };
}

const ofTask = (events: JournalEvent[], task: string): string[] =>
  events.filter((ev) => ev.docs?.task === task).map((ev) => ev.type);

describe('a putaway driver driven from a handheld', () => {
  it('refuses a wrong lane, item, quantity and bin with why, and posts what a simulated driver posts', () => {
    const { e, events, code } = run(true);
    let s = untilAsked(e, code, 24 * HOUR);
    expect(s.state).toBe('putawayTask.directed');
    expect(s.prompt).toBe('Scan the staging location and the unit, enter the quantity taken');
    expect(s.input).toBe('binLabel');
    const lane = s.task!.bin;
    const task = s.taskId!;
    const otherLane = s.kit.find((k) => k.kind === 'bin' && k.title !== lane)!;
    expect(enter(e, code, 'binLabel', otherLane.data)).toEqual({
      ok: false,
      reason: `wrong location: ${otherLane.title} scanned, the unit is at ${lane}`,
    });
    ok(enter(e, code, 'binLabel', kit(s, 'bin', lane)));
    const other = e.world.site.items.find((i) => i.sku !== s.task!.sku && !i.lotControlled)!;
    const wrongItem = enter(e, code, 'gs1Item', `]C101${other.uoms[0]!.gtin}`);
    expect(wrongItem.ok).toBe(false);
    expect(!wrongItem.ok && wrongItem.reason).toContain(other.sku);
    ok(enter(e, code, 'gs1Item', kit(s, 'item', s.task!.sku)));
    const qty = s.task!.qty!;
    expect(enter(e, code, 'quantity', String(qty - 1))).toEqual({
      ok: false,
      reason: `${qty - 1} entered: the unit holds ${qty} ${s.task!.uom}; take it whole`,
    });
    ok(enter(e, code, 'quantity', String(qty)));
    s = untilAsked(e, code);
    expect(s.state).toBe('putawayTask.atBin');
    expect(s.prompt).toBe('Scan the directed bin label');
    expect(s.exits).toEqual(['overrideRequest']);
    const bin = s.task!.bin;
    const near = s.kit.find((k) => k.kind === 'bin' && k.title !== bin)!;
    expect(enter(e, code, 'binLabel', near.data)).toEqual({
      ok: false,
      reason: `wrong bin: ${near.title} scanned, this putaway is directed to ${bin}; another bin only through an override request with a reason`,
    });
    expect(enter(e, code, 'binLabel', kit(s, 'bin', bin))).toEqual({ ok: true, done: 'putAway' });
    const done = events.find((ev) => ev.type === 'putaway.confirmed' && ev.docs?.task === task)!;
    expect([done.actor?.worker, done.toBin, done.baseQty]).toEqual([code, bin, qty]);
    const sim = run(false, { overrideShare: 0 });
    sim.e.runUntil(e.now() + HOUR);
    expect(ofTask(events, task)).toEqual(ofTask(sim.events, task));
  });

  it('an override request needs a reason and waits for a supervisor, whose decision is journaled', () => {
    const { e, events, code } = run(true, { overrideApproveShare: 1 });
    const s = takeUnit(e, code);
    const task = s.taskId!;
    expect(s.reasons).toEqual(['bin-full', 'blocked', 'damaged-location']);
    expect(enter(e, code, 'exit', '', 'overrideRequest')).toEqual({
      ok: false,
      reason: 'an override needs a reason: bin-full, blocked, damaged-location',
    });
    ok(enter(e, code, 'exit', '', 'overrideRequest', 'blocked'));
    const asked = e.now();
    let w = screen(e, code);
    expect(w.state).toBe('putawayTask.overridePending');
    expect(w.input).toBe('none');
    expect(w.override).toMatchObject({ status: 'waiting', reason: 'blocked' });
    const bin = w.override!.bin;
    expect(enter(e, code, 'binLabel', kit(s, 'bin', s.task!.bin)).ok).toBe(false);
    const a = untilAsked(e, code);
    const decided = events.find((ev) => ev.type === 'putaway.overrideApproved' && ev.docs?.task === task)!;
    expect(decided.t).toBeGreaterThan(asked);
    expect([decided.reason, decided.toBin]).toEqual(['blocked', bin]);
    expect(a.state).toBe('putawayTask.overriding');
    expect(a.override).toMatchObject({ status: 'approved', bin });
    expect(enter(e, code, 'binLabel', kit(s, 'bin', s.task!.bin))).toMatchObject({ ok: false });
    expect(enter(e, code, 'binLabel', kit(a, 'bin', bin))).toEqual({ ok: true, done: 'overridden' });
    expect(ofTask(events, task)).toEqual([
      'putaway.directed',
      'putaway.pickedUp',
      'putaway.overrideRequested',
      'putaway.overrideApproved',
      'putaway.confirmed',
    ]);
    const conf = events.find((ev) => ev.type === 'putaway.confirmed' && ev.docs?.task === task)!;
    expect([conf.toBin, conf.actor?.method]).toEqual([bin, 'override']);
    w = screen(e, code);
    expect(w.override).toBeUndefined();
  });

  it('a rejected override sends the person back to scan the directed bin', () => {
    const { e, events, code } = run(true, { overrideApproveShare: 0 });
    const s = takeUnit(e, code);
    ok(enter(e, code, 'exit', '', 'overrideRequest', 'bin-full'));
    const a = untilAsked(e, code);
    expect(events.some((ev) => ev.type === 'putaway.overrideRejected' && ev.docs?.task === s.taskId)).toBe(
      true,
    );
    expect(a.state).toBe('putawayTask.atBin');
    expect(a.override).toMatchObject({ status: 'refused' });
    expect(enter(e, code, 'binLabel', kit(a, 'bin', s.task!.bin))).toEqual({ ok: true, done: 'putAway' });
  });

  it('handed back at the bin, the simulation finishes the putaway under the same worker', () => {
    const { e, events, code } = run(true, { overrideShare: 0 });
    const s = takeUnit(e, code);
    expect(e.apply({ type: 'rf.drive', worker: code, person: false }).ok).toBe(true);
    e.runUntil(e.now() + HOUR);
    const done = events.find((ev) => ev.type === 'putaway.confirmed' && ev.docs?.task === s.taskId)!;
    expect([done.actor?.worker, done.toBin]).toEqual([code, s.task!.bin]);
    expect(screen(e, code).driven).toBe(false);
  });

  it('a snapshot taken mid-step (lane scanned) resumes identically', () => {
    const a = run(true);
    const s = untilAsked(a.e, a.code, 24 * HOUR);
    ok(enter(a.e, a.code, 'binLabel', kit(s, 'bin', s.task!.bin)));
    const snap = JSON.parse(JSON.stringify(a.e.snapshot()));
    const rest: JournalEvent[] = [];
    const b = restoreEngine(a.scenario, snap, { journal: (ev) => rest.push(ev) });
    const tail = a.events.length;
    for (const e of [a.e, b]) {
      expect(screen(e, a.code).input).toBe('gs1Item');
      ok(enter(e, a.code, 'gs1Item', kit(s, 'item', s.task!.sku)));
      ok(enter(e, a.code, 'quantity', String(s.task!.qty)));
      const at = untilAsked(e, a.code);
      ok(enter(e, a.code, 'binLabel', kit(at, 'bin', at.task!.bin)));
      e.runUntil(e.now() + HOUR);
    }
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.map((ev) => JSON.stringify(ev))).toEqual(
      a.events.slice(tail).map((ev) => JSON.stringify(ev)),
    );
  });
});

describe('the override bin field', () => {
  it('the override takes the bin the driver scanned, read and refused like any other scan', () => {
    const { e, events, code } = run(true, { overrideApproveShare: 1 });
    const s = takeUnit(e, code);
    // The chart's meta asks for a bin label with the override exit; the screen carries it.
    expect(s.exitInputs).toEqual({ overrideRequest: 'binLabel' });
    const w = e.world;
    const t = inboundState(w).tasks[w.workers.find((x) => x.code === code)!.job!.ref]!;
    const item = w.site.items[t.item]!;
    const layout = w.site.layout!;
    const refused = (raw: string): string => {
      const r = enter(e, code, 'exit', raw, 'overrideRequest', 'blocked');
      return r.ok ? 'accepted' : r.reason;
    };
    // The GS1 parser's words for a bad check digit, as for the bin field.
    const badGtin = `]C101${item.uoms[0]!.gtin.slice(0, -1)}${(Number(item.uoms[0]!.gtin.at(-1)) + 1) % 10}`;
    expect(refused(badGtin)).toBe(refusal(e, code, badGtin));
    expect(refused(badGtin)).toMatch(/check digit/i);
    expect(refused(`]C101${item.uoms[0]!.gtin}`)).toBe('expected a bin label, got an item');
    expect(refused('NO-SUCH-BIN-1')).toBe(refusal(e, code, 'NO-SUCH-BIN-1'));
    expect(refused('NO-SUCH-BIN-1')).toMatch(/^Not a recognised scan/);
    const directed = s.task!.bin!;
    expect(refused(binLabelData(directed))).toBe(`${directed} is the directed bin: scan it`);
    const dock = layout.bins.find((b) => b.type !== 'reserve' && b.type !== 'forward' && b.type !== 'floor')!;
    expect(refused(binLabelData(dock.code))).toBe(`${dock.code} is not a storage bin`);
    const chosen = layout.bins.findIndex(
      (b, i) =>
        i !== t.bin &&
        b.type === 'reserve' &&
        compatible(item, b) &&
        freeAt(w, i, item, t.lot, t.id) >= t.qty,
    );
    const bin = layout.bins[chosen]!.code;
    // The wedge's trailing CR is the parser's to ignore.
    expect(refused(`${binLabelData(bin)}\r`)).toBe('accepted');
    expect(screen(e, code).override).toMatchObject({ status: 'waiting', bin, reason: 'blocked' });
    const a = untilAsked(e, code);
    expect(a.state).toBe('putawayTask.overriding');
    expect(enter(e, code, 'binLabel', binLabelData(bin))).toEqual({ ok: true, done: 'overridden' });
    const req = events.find((ev) => ev.type === 'putaway.overrideRequested' && ev.docs?.task === s.taskId)!;
    expect([req.bin, req.toBin]).toEqual([s.task!.bin, bin]);
  });
});

/** Why the main bin field refuses `raw` (the override field must say the same). */
function refusal(e: SimEngine, code: string, raw: string): string {
  const r = enter(e, code, 'binLabel', raw);
  return r.ok ? 'accepted' : r.reason;
}
