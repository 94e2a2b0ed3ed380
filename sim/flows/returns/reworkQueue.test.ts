import { describe, expect, it } from 'vitest';
import type { JournalEvent, Scenario, TruthEvent } from '../../index.ts';
import { createEngine, restoreEngine } from '../../engineApi.ts';
import { checkInvariants } from '../../../test/invariants.ts';
import { returnsSite } from './testSite.ts';
import { returnsState } from './returnsState.ts';

const HOUR = 3_600_000;
const WORK_H = 3;

/** Every inspected return goes to rework, which takes exactly WORK_H hours on a bench. */
const site = (slots: number): Scenario =>
  returnsSite({
    dispositions: { restock: 0, rework: 1, vendorReturn: 0, scrap: 0 },
    reworkHours: WORK_H,
    reworkZone: 'RW',
    reworkSlots: slots,
  });

function run(sc: Scenario, hours: number) {
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const e = createEngine(sc, { journal: (x) => journal.push(x), truth: (x) => truth.push(x) });
  e.runUntil(hours * HOUR);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { e, journal, truth, k: (e.kpis() as any).returns.rework };
}

/** Each return's rework-done time a FIFO queue of `slots` benches with fixed service gives. */
function expectedDone(arrivals: number[], slots: number): number[] {
  const free: number[] = Array.from({ length: slots }, () => 0);
  return arrivals.map((a) => {
    free.sort((x, y) => x - y);
    const startAt = Math.max(a, free[0]!);
    free[0] = startAt + WORK_H * HOUR;
    return free[0];
  });
}

describe('rework area capacity (returns.reworkSlots)', () => {
  for (const slots of [1, 2]) {
    it(`${slots} bench(es), fixed ${WORK_H} h: every return is done when a FIFO queue of ${slots} says`, () => {
      const { e, journal, truth, k } = run(site(slots), 96);
      const decided = journal.filter((x) => x.type === 'return.inspected' && x.reason === 'rework');
      const done = new Map(
        journal.filter((x) => x.type === 'return.reworked').map((x) => [x.docs!.rma!, x.t]),
      );
      expect(decided.length).toBeGreaterThan(10);
      const want = expectedDone(
        decided.map((x) => x.t),
        slots,
      );
      decided.forEach((x, i) => {
        if (want[i]! <= 96 * HOUR) expect(done.get(x.docs!.rma!), x.docs!.rma!).toBe(want[i]);
      });
      // The queue really formed: some return waited, and the KPIs say so.
      expect(k.maxQueue).toBeGreaterThan(0);
      expect(k.wait.meanHours).toBeGreaterThan(0);
      expect(k.busy).toBeLessThanOrEqual(slots);
      expect(k.dwell.meanHours).toBeGreaterThanOrEqual(WORK_H);
      expect(checkInvariants(e, journal, truth)).toEqual([]);
    }, 60_000);
  }

  it('0 = no limit: every return is done its rework time after the decision, none waits', () => {
    const { journal, k } = run(site(0), 72);
    const decided = journal.filter((x) => x.type === 'return.inspected' && x.reason === 'rework');
    const done = new Map(journal.filter((x) => x.type === 'return.reworked').map((x) => [x.docs!.rma!, x.t]));
    for (const x of decided) {
      const t = done.get(x.docs!.rma!);
      if (t !== undefined) expect(t - x.t).toBe(WORK_H * HOUR);
    }
    expect(k.maxQueue).toBe(0);
  }, 60_000);

  it('a checkpoint taken while returns queue for rework resumes byte for byte', () => {
    const sc = site(1);
    const whole = run(sc, 60).journal;
    const text = (j: JournalEvent[]): string => j.map((x) => JSON.stringify(x)).join('\n');
    const first: JournalEvent[] = [];
    const e1 = createEngine(sc, { journal: (x) => first.push(x) });
    e1.runUntil(36 * HOUR);
    const snap = JSON.parse(JSON.stringify(e1.snapshot()));
    expect(returnsState(e1.world).rework!.queue.length + returnsState(e1.world).rework!.busy).toBeGreaterThan(
      1,
    );
    const rest: JournalEvent[] = [];
    restoreEngine(sc, snap, { journal: (x) => rest.push(x) }).runUntil(60 * HOUR);
    expect(text([...first, ...rest])).toBe(text(whole));
  }, 60_000);
});
