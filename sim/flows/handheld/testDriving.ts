import { expect } from 'vitest';
import type { SimEngine } from '../../engineApi.ts';
import { handheldScreen, type HandheldScreen } from './handheldScreen.ts';
import type { EntryInput, EntryOutcome } from './entryTypes.ts';

/** Test helpers for driving a worker from a handheld through `rf.entry` commands. */

/** Runs in 5 s steps until the worker's handheld asks for an entry (at most `limitMs` more). */
export function untilAsked(e: SimEngine, code: string, limitMs = 4 * 3_600_000): HandheldScreen {
  const end = e.now() + limitMs;
  for (;;) {
    const s = handheldScreen(e.world, code)!;
    if (s.input !== 'none') return s;
    if (e.now() >= end) throw new Error(`${code} was never asked for an entry: ${s.prompt}`);
    e.runUntil(e.now() + 5_000);
  }
}

/** Sends one entry through the engine's `rf.entry` command; returns the outcome. */
export function enter(
  e: SimEngine,
  worker: string,
  input: EntryInput,
  raw: string,
  exit?: string,
  reason?: string,
): EntryOutcome {
  const r = e.apply({
    type: 'rf.entry',
    entry: { worker, input, raw, ...(exit ? { exit } : {}), ...(reason ? { reason } : {}) },
  });
  if (!r.ok) throw new Error(r.message);
  return r.outcome;
}

/** The screen now. */
export function screen(e: SimEngine, code: string): HandheldScreen {
  return handheldScreen(e.world, code)!;
}

/** The kit label of a kind whose title starts with `title`. */
export function kit(s: HandheldScreen, kind: 'bin' | 'item', title?: string): string {
  const l = s.kit.find((k) => k.kind === kind && (title === undefined || k.title.startsWith(title)));
  if (!l) throw new Error(`no ${kind} label ${title ?? ''} in the kit of ${s.state}`);
  return l.data;
}

/** Accepts an entry or fails the test with the refusal. */
export function ok(out: EntryOutcome): EntryOutcome {
  expect(out.ok ? 'accepted' : out.reason).toBe('accepted');
  return out;
}

/** A putaway driver at staging takes the unit (lane, item, quantity); returns the screen at the directed bin. */
export function takeUnit(e: SimEngine, code: string): HandheldScreen {
  const s = untilAsked(e, code, 24 * 3_600_000);
  expect(s.state).toBe('putawayTask.directed');
  ok(enter(e, code, 'binLabel', kit(s, 'bin', s.task!.bin)));
  ok(enter(e, code, 'gs1Item', kit(s, 'item', s.task!.sku)));
  ok(enter(e, code, 'quantity', String(s.task!.qty)));
  const at = untilAsked(e, code);
  expect(at.state).toBe('putawayTask.atBin');
  return at;
}
