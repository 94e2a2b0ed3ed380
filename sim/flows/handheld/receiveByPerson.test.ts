import { describe, expect, it } from 'vitest';
import demoDc from '../../../scenarios/demo-dc.json' with { type: 'json' };
import { scenarioSchema, type JournalEvent, type TruthEvent } from '../../index.ts';
import { createEngine, type SimEngine } from '../../engineApi.ts';
import { handheldScreen, type HandheldScreen } from './handheldScreen.ts';

const demo = scenarioSchema.parse(demoDc);
const HOUR = 3_600_000;

function untilAsked(e: SimEngine, code: string, limitMs = 12 * HOUR): HandheldScreen {
  const end = e.now() + limitMs;
  for (;;) {
    const s = handheldScreen(e.world, code)!;
    if (s.input !== 'none') return s;
    if (e.now() >= end) throw new Error(`${code} was never asked for an entry: ${s.prompt}`);
    e.runUntil(e.now() + 10_000);
  }
}

function receiverRun(): { e: SimEngine; events: JournalEvent[]; truth: TruthEvent[]; code: string } {
  const events: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const e = createEngine(demo, { seed: 3, journal: (ev) => events.push(ev), truth: (t) => truth.push(t) });
  const code = 'rcv-01';
  expect(e.apply({ type: 'rf.drive', worker: code, person: true }).ok).toBe(true);
  return { e, events, truth, code };
}

/** Scans the pallet's item label and keys a count; returns the line's journal event. */
function receiveLine(
  e: SimEngine,
  events: JournalEvent[],
  code: string,
  count: (onPallet: number, expected: number) => number,
) {
  const s = untilAsked(e, code);
  expect(s.state).toBe('receipt.receiving');
  expect(s.input).toBe('gs1Item');
  const item = s.kit.find((k) => k.kind === 'item')!;
  const a = e.apply({ type: 'rf.entry', entry: { worker: code, input: 'gs1Item', raw: `${item.data}\n` } });
  expect(a.ok && a.outcome).toEqual({ ok: true });
  expect(handheldScreen(e.world, code)!.input).toBe('quantity');
  const onPallet = Number(/on the pallet: (\d+)/.exec(s.task!.note!)![1]);
  const n = events.length;
  const q = e.apply({
    type: 'rf.entry',
    entry: { worker: code, input: 'quantity', raw: String(count(onPallet, s.task!.qty!)) },
  });
  expect(q.ok).toBe(true);
  const line = events.slice(n).find((ev) => ev.type === 'receipt.lineReceived')!;
  return { line, onPallet, expected: s.task!.qty!, outcome: q.ok ? q.outcome : null };
}

describe('a receiver driven from a handheld', () => {
  it('a line counted as expected is received under the person’s worker, no discrepancy', () => {
    const { e, events, truth, code } = receiverRun();
    const r = receiveLine(e, events, code, (p) => p);
    expect(r.onPallet).toBe(r.expected);
    expect(r.outcome).toEqual({ ok: true, done: 'received' });
    expect(r.line.actor?.worker).toBe(code);
    expect(r.line.reason).not.toMatch(/discrepancy/);
    expect(r.line.baseQty).toBe(r.expected);
    expect(truth.filter((t) => t.worker === code)).toEqual([]);
  });

  it('an armed short receipt is on the pallet: counted, it is recorded short; keyed as expected, it is a truth-log gap', () => {
    const { e, events, truth, code } = receiverRun();
    receiveLine(e, events, code, (p) => p);
    e.apply({ type: 'inject', cause: 'shortReceipt' });
    const caught = receiveLine(e, events, code, (p) => p);
    expect(caught.onPallet).toBeLessThan(caught.expected);
    expect(caught.outcome).toEqual({ ok: true, done: 'short' });
    expect(caught.line.reason).toMatch(/^discrepancy:short /);
    expect(caught.line.baseQty).toBe(caught.onPallet);
    expect(truth.filter((t) => t.worker === code)).toEqual([]);
    // Caught, the injection is used up: the next line arrives as shipped.
    e.apply({ type: 'inject', cause: 'shortReceipt' });
    const missed = receiveLine(e, events, code, (_p, exp) => exp);
    expect(missed.onPallet).toBeLessThan(missed.expected);
    expect(missed.line.reason).not.toMatch(/discrepancy/);
    const gap = truth.filter((t) => t.worker === code);
    expect(gap.map((t) => t.cause)).toEqual(['shortReceipt']);
  });

  it('a wrong item is refused naming the line’s item', () => {
    const { e, code } = receiverRun();
    const s = untilAsked(e, code);
    const other = e.world.site.items.find((i) => i.sku !== s.task!.sku)!;
    const r = e.apply({
      type: 'rf.entry',
      entry: { worker: code, input: 'gs1Item', raw: `]C101${other.uoms[0]!.gtin}` },
    });
    expect(r.ok && r.outcome).toEqual({
      ok: false,
      reason: `GTIN ${other.uoms[0]!.gtin} is ${other.sku}: this line is ${s.task!.sku}`,
    });
  });
});
