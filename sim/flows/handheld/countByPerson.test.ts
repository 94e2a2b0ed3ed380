import { describe, expect, it } from 'vitest';
import demoDc from '../../../scenarios/demo-dc.json' with { type: 'json' };
import { scenarioSchema, type JournalEvent, type TruthEvent } from '../../index.ts';
import { createEngine, type SimEngine } from '../../engineApi.ts';
import { splitKey, totalsAt } from '../counting/binStock.ts';
import { itemLabelData } from './kitLabels.ts';
import { enter, kit, ok, screen, untilAsked } from './testDriving.ts';

const demo = scenarioSchema.parse(demoDc);
const HOUR = 3_600_000;

function run(person: boolean) {
  const events: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const e = createEngine(demo, { seed: 3, journal: (ev) => events.push(ev), truth: (t) => truth.push(t) });
  const code = 'cnt-01';
  if (person) expect(e.apply({ type: 'rf.drive', worker: code, person: true }).ok).toBe(true);
  return { e, events, truth, code };
}

const ofCount = (events: JournalEvent[], doc: string): string[] =>
  events.filter((ev) => ev.docs?.count === doc).map((ev) => ev.type);

/** Scans the bin, then each SKU/lot on the floor with its floor quantity plus `off(key)`; completes. */
function countBin(e: SimEngine, code: string, off: (qty: number, i: number) => number) {
  let s = untilAsked(e, code, 12 * HOUR);
  expect(s.state).toBe('cycleCount.assigned');
  expect(s.prompt).toBe('Go to the bin and scan it to start the count');
  expect(s.input).toBe('binLabel');
  const bin = s.task!.bin!;
  // Blind: the screen carries no system quantity.
  expect(s.task!.qty).toBeUndefined();
  const wrong = s.kit.find((k) => k.kind === 'bin' && k.title !== bin)!;
  expect(enter(e, code, 'binLabel', wrong.data)).toEqual({
    ok: false,
    reason: `wrong bin: ${wrong.title} scanned, this count is of ${bin}`,
  });
  ok(enter(e, code, 'binLabel', kit(s, 'bin', bin)));
  s = screen(e, code);
  expect(s.input).toBe('gs1Item');
  expect(s.finish).toBe('Count complete');
  const floor = [...totalsAt(e.world.physical, bin)].filter(([, q]) => q > 0);
  floor.forEach(([k, q], i) => {
    const { sku, lot } = splitKey(k);
    const item = e.world.site.items.find((x) => x.sku === sku)!;
    ok(enter(e, code, 'gs1Item', itemLabelData(item.uoms[0]!.gtin, lot)));
    expect(screen(e, code).finish).toBeUndefined();
    expect(enter(e, code, 'confirm', '')).toMatchObject({ ok: false });
    ok(enter(e, code, 'quantity', String(q + off(q, i))));
  });
  return { doc: s.taskId!, bin, floor, out: enter(e, code, 'confirm', '') };
}

describe('a counter driven from a handheld', () => {
  it('a right count: wrong bin refused, the count settles with the same events a simulated counter posts', () => {
    const { e, events, truth, code } = run(true);
    const { doc, out } = countBin(e, code, () => 0);
    expect(out).toEqual({ ok: true, done: 'counted' });
    const mine = ofCount(events, doc);
    expect(mine.length).toBeGreaterThan(0);
    expect(truth.filter((t) => t.worker === code)).toEqual([]);
    const sim = run(false);
    sim.e.runUntil(e.now() + HOUR);
    expect(mine).toEqual(ofCount(sim.events, doc));
  });

  it('a wrong count out of tolerance is caught by the recount; one within tolerance is posted and opens a truth-log gap under the counter', () => {
    const { e, events, truth, code } = run(true);
    // One unit short on a small line: out of tolerance, recounted by another counter.
    let small = countBin(e, code, (q) => (q < 50 ? -1 : 0));
    for (let n = 0; !small.floor.some(([, q]) => q < 50) && n < 60; n++)
      small = countBin(e, code, (q) => (q < 50 ? -1 : 0));
    expect(ofCount(events, small.doc)).toContain('count.outOfTolerance');
    // One unit short on a line of 200 or more: within tolerance, posted as counted.
    let big = countBin(e, code, (q) => (q >= 200 ? -1 : 0));
    for (let n = 0; !big.floor.some(([, q]) => q >= 200) && n < 60; n++)
      big = countBin(e, code, (q) => (q >= 200 ? -1 : 0));
    const adj = events.filter((ev) => ev.docs?.count === big.doc && ev.type === 'adjustment.posted');
    expect(adj.map((ev) => [ev.actor?.worker, ev.qty, ev.reason])).toEqual([[code, -1, 'WITHIN-TOLERANCE']]);
    const gap = truth.filter((t) => t.worker === code);
    expect(gap.map((t) => [t.cause, t.ref, t.delta?.[0]?.delta])).toEqual([['miscount', big.doc, 1]]);
    // The recount of the first (by the late shift's counter, simulated) finds no variance.
    e.runUntil(e.now() + 24 * HOUR);
    const recount = events.filter((ev) => ev.docs?.count === small.doc && ev.type === 'count.posted');
    expect(recount.length).toBeGreaterThan(0);
    expect(recount.every((ev) => ev.actor?.worker !== code && /variance 0$/.test(ev.reason ?? ''))).toBe(
      true,
    );
    expect(truth.filter((t) => t.ref === small.doc)).toEqual([]);
  });
});
