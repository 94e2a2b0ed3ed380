import { describe, expect, it } from 'vitest';
import demoDc from '../../../scenarios/demo-dc.json' with { type: 'json' };
import { scenarioSchema, type JournalEvent } from '../../index.ts';
import { createEngine, restoreEngine, type SimEngine } from '../../engineApi.ts';
import { smallSite } from '../replenishment/testScenario.ts';
import { handheldScreen, type HandheldScreen } from './handheldScreen.ts';
import type { EntryInput } from './entryTypes.ts';
import { diffViews } from '../../view/diff.ts';
import { applyDelta } from '../../view/applyDelta.ts';

const demo = scenarioSchema.parse(demoDc);
const HOUR = 3_600_000;

/** Runs in 5 s steps until the worker's handheld asks for an entry (at most `limitMs` more). */
function untilAsked(e: SimEngine, code: string, limitMs = 2 * HOUR): HandheldScreen {
  const end = e.now() + limitMs;
  for (;;) {
    const s = handheldScreen(e.world, code)!;
    if (s.input !== 'none') return s;
    if (e.now() >= end) throw new Error(`${code} was never asked for an entry: ${s.prompt}`);
    e.runUntil(e.now() + 5_000);
  }
}

function enter(e: SimEngine, worker: string, input: EntryInput, raw: string, exit?: string) {
  const r = e.apply({ type: 'rf.entry', entry: { worker, input, raw, ...(exit ? { exit } : {}) } });
  if (!r.ok) throw new Error(r.message);
  return r.outcome;
}

/** The kit label of a kind whose title starts with `title`. */
function kit(s: HandheldScreen, kind: 'bin' | 'item', title?: string): string {
  const l = s.kit.find((k) => k.kind === kind && (title === undefined || k.title.startsWith(title)));
  if (!l) throw new Error(`no ${kind} label ${title ?? ''} in the kit`);
  return l.data;
}

function pickerRun(seed = 4): { e: SimEngine; events: JournalEvent[]; code: string } {
  const events: JournalEvent[] = [];
  const e = createEngine(demo, { seed, journal: (ev) => events.push(ev) });
  const code = 'pick-01';
  const r = e.apply({ type: 'rf.drive', worker: code, person: true });
  expect(r.ok).toBe(true);
  // The early shift starts at 05:00.
  e.runUntil(5 * HOUR);
  return { e, events, code };
}

/** Scans the face, the item (its lot in the label) and enters `qty`, as a wedge scanner sends them. */
function pickWith(e: SimEngine, code: string, qty: (asked: number) => number) {
  let s = untilAsked(e, code);
  expect(s.state).toBe('pickTask.atBin');
  expect(enter(e, code, 'binLabel', `${kit(s, 'bin', s.task!.bin)}\r\n`)).toEqual({ ok: true });
  s = handheldScreen(e.world, code)!;
  expect(s.state).toBe('pickTask.scanned');
  expect(s.input).toBe('gs1Item');
  expect(s.exits).toEqual(['short']);
  const lot = s.task!.lot;
  expect(enter(e, code, 'gs1Item', kit(s, 'item', `${s.task!.sku}${lot ? ` lot ${lot}` : ''}`))).toEqual({
    ok: true,
  });
  s = handheldScreen(e.world, code)!;
  expect(s.input).toBe('quantity');
  return { task: s.taskId!, out: enter(e, code, 'quantity', String(qty(s.task!.qty!))) };
}

describe('a picker driven from a handheld', () => {
  it('walks in sim time, then waits: the right scans confirm the pick under the person’s worker', () => {
    const { e, events, code } = pickerRun();
    const before = untilAsked(e, code);
    const at = e.now();
    // Left alone the person-driven picker does nothing: no outcome is drawn for them.
    e.runUntil(at + 10 * 60_000);
    expect(handheldScreen(e.world, code)!.taskId).toBe(before.taskId);
    const { task, out } = pickWith(e, code, (n) => n);
    expect(out).toEqual({ ok: true, done: 'picked' });
    const mine = events.filter((ev) => ev.actor?.worker === code && ev.docs?.task === task);
    expect(mine.map((ev) => ev.type)).toEqual(['pick.confirmed']);
    expect(handheldScreen(e.world, code)!.taskId).not.toBe(task);
  });

  it('a quantity under the line is a short pick', () => {
    const { e, events, code } = pickerRun(6);
    let r = pickWith(e, code, (n) => n);
    // Find a line of more than one unit (short by one then leaves some picked).
    for (let i = 0; i < 20 && r.out.ok && r.out.done === 'picked'; i++) {
      const s = untilAsked(e, code);
      if (s.task!.qty! > 1) {
        r = pickWith(e, code, (n) => n - 1);
        break;
      }
      r = pickWith(e, code, (n) => n);
    }
    expect(r.out).toEqual({ ok: true, done: 'short' });
    const types = events
      .filter((ev) => ev.docs?.task === r.task && ev.type.startsWith('pick.'))
      .map((ev) => ev.type);
    expect(types).toEqual(['pick.confirmed', 'pick.short']);
  });

  it('a wrong bin is refused with the reason, and nothing moves', () => {
    const { e, code } = pickerRun();
    const s = untilAsked(e, code);
    const other = s.kit.find((k) => k.kind === 'bin' && k.title !== s.task!.bin)!;
    const out = enter(e, code, 'binLabel', other.data);
    expect(out).toEqual({
      ok: false,
      reason: `wrong bin: ${other.title} scanned, this pick is at ${s.task!.bin}`,
    });
    expect(handheldScreen(e.world, code)!.state).toBe('pickTask.atBin');
    // An entry of another kind than the step expects is refused naming what it expects.
    const wrongKind = enter(e, code, 'quantity', '1');
    expect(wrongKind.ok).toBe(false);
    expect(!wrongKind.ok && wrongKind.reason).toMatch(/pickTask\.atBin .* expects binLabel, got quantity/);
    // A barcode the GS1 parser refuses says why (a GTIN with a bad check digit).
    const bad = enter(e, code, 'binLabel', ']C10100000000000001');
    expect(bad.ok).toBe(false);
  });

  it('an armed wrong lot is on the floor: the lot scan refuses it, the short exit declares it', () => {
    const truth: string[] = [];
    const e = createEngine(
      smallSite({ workers: [{ role: 'picker', count: 1, speed: 1.1, prefix: 'pick' }] }),
      { seed: 2, truth: (t) => truth.push(`${t.cause}:${t.worker ?? ''}`) },
    );
    const code = 'pick-01';
    e.apply({ type: 'rf.drive', worker: code, person: true });
    // Complete picks until the next one is of a lot-controlled item, arming the injection while
    // the picker walks there.
    let s = untilAsked(e, code);
    for (let i = 0; i < 40 && !s.task!.lot; i++) {
      pickWith(e, code, (n) => n);
      s = untilAsked(e, code);
    }
    expect(s.task!.lot).toBeTruthy();
    // This pick is due already: arm now, the next lot-controlled one gets it.
    expect(e.apply({ type: 'inject', cause: 'wrongLot' }).ok).toBe(true);
    pickWith(e, code, (n) => n);
    s = untilAsked(e, code);
    for (let i = 0; i < 40 && !truth.some((t) => t.startsWith('wrongLot')); i++) {
      pickWith(e, code, (n) => n);
      s = untilAsked(e, code);
    }
    expect(truth).toContain(`wrongLot:${code}`);
    expect(enter(e, code, 'binLabel', kit(s, 'bin', s.task!.bin))).toEqual({ ok: true });
    s = handheldScreen(e.world, code)!;
    // The face holds only the other lot now: its label is what the kit (the floor) offers.
    const label = s.kit.find((k) => k.kind === 'item')!;
    expect(label.title).not.toContain(s.task!.lot!);
    const out = enter(e, code, 'gs1Item', label.data);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.reason).toMatch(/^wrong lot: .* this pick is lot /);
    expect(enter(e, code, 'exit', '', 'short')).toEqual({ ok: true, done: 'short' });
  });

  it('a snapshot taken while the person is mid-step resumes identically', () => {
    const a = pickerRun(9);
    const s = untilAsked(a.e, a.code);
    enter(a.e, a.code, 'binLabel', kit(s, 'bin', s.task!.bin));
    const snap = JSON.parse(JSON.stringify(a.e.snapshot()));
    const rest: JournalEvent[] = [];
    const b = restoreEngine(demo, snap, { journal: (ev) => rest.push(ev) });
    const tail = a.events.length;
    for (const e of [a.e, b]) {
      const now = handheldScreen(e.world, a.code)!;
      expect(now.state).toBe('pickTask.scanned');
      enter(e, a.code, 'gs1Item', kit(now, 'item', now.task!.sku));
      e.runUntil(e.now() + 30 * 60_000);
    }
    expect(rest.map((ev) => JSON.stringify(ev))).toEqual(
      a.events.slice(tail).map((ev) => JSON.stringify(ev)),
    );
  });
});

describe('the floor view of a person-driven worker', () => {
  it('carries the trainee flag in the view and in the delta that switches it', () => {
    const e = createEngine(smallSite(), { seed: 1 });
    const run = { runId: 'r', scenario: 's', seed: '1', speed: 1, paused: false, until: null };
    const before = e.project(run, 1);
    e.apply({ type: 'rf.drive', worker: 'pick-02', person: true });
    const after = e.project(run, 2);
    const i = after.workers.findIndex((x) => x.code === 'pick-02');
    expect(after.workers[i]!.trainee).toBe(true);
    expect(after.workers.filter((x) => x.trainee).length).toBe(1);
    const d = diffViews(before, after)!;
    expect(d.workers).toContainEqual(expect.objectContaining({ i, trainee: true }));
    expect(applyDelta(before, d).workers[i]!.trainee).toBe(true);
  });
});
