import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { type JournalEvent } from '../../index.ts';
import { createEngine } from '../../engineApi.ts';
import { cycleCountEvents as CE, cycleCountMachine } from '../../machines/cycleCountMachine.ts';
import { checkInvariants } from '../../../test/invariants.ts';
import { smallSite } from '../replenishment/testScenario.ts';
import { countCode, countTable } from './countingFlow.ts';
import { step } from '../../machines/compileMachine.ts';
import { countingState } from './countingState.ts';
import type { CountingKpis } from './countingKpis.ts';
import { post } from '../../engine/applyEffects.ts';

const HOUR = 3_600_000;

describe('cycle counting, basic lifecycle', () => {
  it('schedules counts over the day, counts blind, posts with zero variance', () => {
    const journal: JournalEvent[] = [];
    const e = createEngine(smallSite(), { seed: 21, journal: (ev) => journal.push(ev) });
    e.runUntil(48 * HOUR);
    const c = (e.kpis() as unknown as { counting: CountingKpis }).counting;
    expect(c.scheduled).toBeGreaterThanOrEqual(120);
    expect(c.posted).toBeGreaterThan(100);
    expect(c.posted + c.voided + c.open).toBe(c.scheduled);
    expect(c.binsCounted).toBeGreaterThan(30);
    expect(c.counterHours).toBeGreaterThan(0);
    expect(c.iraAsCounted).toBe(1);
    expect(c.adjustments).toBe(0);
    const posted = journal.filter((ev) => ev.type === 'count.posted');
    for (const ev of posted) {
      expect(ev.reason).toMatch(/^system \d+, variance 0$/);
      expect(ev.baseQty).toBeUndefined(); // a count moves no stock
    }
    // Empty bins are counted too: a zero count is a real count.
    expect(posted.some((ev) => ev.sku === undefined && ev.qty === 0)).toBe(true);
    // Releases are spread: counts scheduled in every 6-hour block of day 1.
    const blocks = new Set(
      journal
        .filter((ev) => ev.type === 'count.scheduled' && ev.t < 24 * HOUR)
        .map((ev) => Math.floor(ev.t / (6 * HOUR))),
    );
    expect(blocks.size).toBe(4);
    expect(checkInvariants(e, journal)).toEqual([]);
  });

  it('weights bins by velocity class with the abc policy', () => {
    const e = createEngine(
      smallSite({ counting: { countsPerDay: 80, policy: 'abc', window: { start: '00:00', end: '23:59' } } }),
      { seed: 4 },
    );
    e.runUntil(24 * HOUR);
    const c = (e.kpis() as unknown as { counting: CountingKpis }).counting;
    expect(c.posted).toBeGreaterThan(40);
  });

  it('a count racing a move is voided, never posted, and the bin is counted again', () => {
    const journal: JournalEvent[] = [];
    const e = createEngine(smallSite(), { seed: 8, journal: (ev) => journal.push(ev) });
    const w = e.world;
    const counting = countTable().state('"counting"');
    let t = 0;
    let doc;
    while (!doc && t < 24 * HOUR) {
      t += 1_000;
      e.runUntil(t);
      doc = Object.values(countingState(w).open).find((d) => d.state === counting);
    }
    expect(doc).toBeDefined();
    const bin = w.site.layout!.bins[doc!.bin]!.code;
    // A scanned move touches the bin while the counter is counting it.
    const rec = [...w.system.all()].find((r) => r.bin === bin && r.status === 'available');
    const from = rec ?? w.system.state().find((r) => r.status === 'available' && r.bin !== bin)!;
    post(w, {
      type: 'scan.move',
      site: w.site.name,
      bin: from.bin,
      toBin: rec ? w.site.packBin : bin,
      sku: from.sku,
      lot: from.lot || undefined,
      baseQty: 1,
      statusFrom: 'available',
      statusTo: 'available',
    });
    e.runUntil(t + HOUR);
    const code = countCode(doc!.id);
    expect(journal.some((ev) => ev.type === 'count.voided' && ev.docs?.count === code)).toBe(true);
    expect(journal.some((ev) => ev.type === 'count.posted' && ev.docs?.count === code)).toBe(false);
    const s = countingState(w);
    expect(s.voided).toBeGreaterThanOrEqual(1);
    expect(s.rescheduled).toBeGreaterThanOrEqual(1);
    const again = journal.filter((ev) => ev.type === 'count.scheduled' && ev.bin === bin && ev.t >= t);
    expect(again.length).toBeGreaterThanOrEqual(1);
  });
});

describe('count paths used by the flow are legal in the statechart', () => {
  // [event, guards that hold] as the flow sends them (countDecision.submitCounted).
  const S = CE.submitted;
  const paths: [[string, string[]][], string][] = [
    [
      [
        [CE.assigned, []],
        [CE.started, []],
        [S, ['withinTolerance']],
      ],
      'posted',
    ],
    [
      [
        [CE.assigned, []],
        [CE.started, []],
        [S, ['binMovedSinceStart']],
      ],
      'voided',
    ],
    [
      [
        [CE.assigned, []],
        [CE.started, []],
        [S, []],
        [CE.assigned, []],
        [CE.started, []],
        [S, ['withinTolerance']],
      ],
      'posted',
    ],
    [
      [
        [CE.assigned, []],
        [CE.started, []],
        [S, []],
        [CE.assigned, []],
        [CE.started, []],
        [S, ['binMovedSinceStart']],
      ],
      'voided',
    ],
    [
      [
        [CE.assigned, []],
        [CE.started, []],
        [S, []],
        [CE.assigned, []],
        [CE.started, []],
        [S, ['approvalNeeded']],
      ],
      'review',
    ],
    [
      [
        [CE.assigned, []],
        [CE.started, []],
        [S, []],
        [CE.assigned, []],
        [CE.started, []],
        [S, []],
      ],
      'confirmed',
    ],
  ];
  it.each(paths)('%j ends in %s (XState and the compiled table agree)', (events, end) => {
    let [snap] = initialTransition(cycleCountMachine, undefined);
    const m = countTable();
    let n = m.initial;
    for (const [type, holding] of events) {
      const ev = (
        type === S
          ? {
              type,
              binMoved: holding.includes('binMovedSinceStart'),
              within: holding.includes('withinTolerance'),
              approval: holding.includes('approvalNeeded'),
            }
          : { type }
      ) as never;
      expect(snap.can(ev)).toBe(true);
      [snap] = transition(cycleCountMachine, snap, ev);
      const mask = holding.reduce((a, g) => a | (1 << m.guard(g)), 0);
      n = step(m, n, m.event(type), mask);
      expect(m.states[n]).toBe(JSON.stringify(snap.value));
    }
    expect(snap.value).toBe(end);
  });
});

/**
 * A small site without a controller: pickers, a replenisher, a putaway driver and four counters,
 * shrink and unscanned moves for a day, one wall-to-wall count at 30 h, review settings as given.
 */
function deskSite(review: Record<string, unknown>): ReturnType<typeof smallSite> {
  return smallSite({
    demand: { arrivals: { kind: 'poisson', ratePerHour: 30 }, stopAfterHours: 20, promiseHours: 8 },
    workers: [
      { role: 'picker', count: 3, speed: 1.1, prefix: 'pick' },
      { role: 'replenisher', count: 1, speed: 1.5, prefix: 'repl' },
      { role: 'putaway', count: 1, speed: 1.5, prefix: 'put' },
      { role: 'counter', count: 4, speed: 1.2, prefix: 'cnt' },
    ],
    counting: {
      countsPerDay: 0,
      wallToWall: [{ atHours: 30 }],
      review,
      triggers: { shortPick: false, zeroStock: false, shortfall: false },
      miscount: { rate: 0 },
    },
    exceptions: { untilHours: 24, rates: { shrinkPerHour: 3, unscannedMovePerHour: 2 } },
  });
}

describe('count adjustments without a controller', () => {
  it('wait for a supervisor, who decides them one at a time and approves the scenario’s share', () => {
    const decideS = 300;
    // No approval limit: every confirmed recount needs a signature, so each one reaches the desk.
    const scenario = deskSite({
      supervisorTime: { kind: 'constant', value: decideS },
      supervisorApproveShare: 0.5,
      approvalLimit: 0,
    });
    const journal: JournalEvent[] = [];
    const e = createEngine(scenario, { seed: 31, journal: (ev) => journal.push(ev) });
    e.runUntil(120 * HOUR);
    const decisions = journal.filter(
      (ev) => ev.type === 'count.adjustmentApproved' || ev.type === 'count.adjustmentRejected',
    );
    expect(decisions.length).toBeGreaterThan(4);
    for (const d of decisions) expect(d.actor).toEqual({ worker: 'system', role: 'supervisor' });
    const approved = decisions.filter((d) => d.type === 'count.adjustmentApproved');
    expect(approved.length).toBeGreaterThan(0);
    expect(decisions.some((d) => d.reason === 'supervisor rejected')).toBe(true);
    // The decision comes a supervisor's decision time after the recount that sent it to review.
    for (const d of decisions) {
      const recount = journal.filter((ev) => ev.docs?.count === d.docs?.count && ev.seq < d.seq);
      expect(d.t - recount.at(-1)!.t, d.id).toBeGreaterThanOrEqual(decideS * 1000);
    }
    // One supervisor: decisions at least one decision time apart.
    for (let i = 1; i < decisions.length; i++) {
      expect(decisions[i]!.t - decisions[i - 1]!.t).toBeGreaterThanOrEqual(decideS * 1000);
    }
    const k = e.kpis() as unknown as Record<string, Record<string, unknown>>;
    expect((k['supervision']!['decidedByKind'] as Record<string, number>)['countAdjustment']).toBe(
      decisions.length,
    );
  });
});

describe('a confirmed small variance under the approval limit', () => {
  it('posts at once, whatever share a supervisor at the desk would refuse', () => {
    // Every confirmed variance is under the limit; the desk would refuse all it sees.
    const scenario = deskSite({ supervisorApproveShare: 0, approvalLimit: 1e12 });
    const journal: JournalEvent[] = [];
    const e = createEngine(scenario, { seed: 31, journal: (ev) => journal.push(ev) });
    e.runUntil(120 * HOUR);
    const approved = journal.filter((ev) => ev.type === 'count.adjustmentApproved');
    expect(approved.length).toBeGreaterThan(4);
    for (const d of approved) expect(d.reason).toBe('UNREVIEWED');
    // Before the fix the rule's own posting drew the desk's refusal: every one was rejected.
    expect(journal.filter((ev) => ev.reason === 'supervisor rejected')).toEqual([]);
  });
});
