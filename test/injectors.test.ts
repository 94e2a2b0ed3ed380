import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayJournal, scenarioSchema, type JournalEvent, type TruthEvent } from '../sim/index.ts';
import { createEngine } from '../sim/engineApi.ts';

const base = JSON.parse(readFileSync(new URL('../scenarios/demo-dc.json', import.meta.url), 'utf8'));
const HOUR = 3_600_000;

type Delta = TruthEvent['delta'][number];
const sum = (ds: Delta[]) => ds.reduce((a, d) => a + d.delta, 0);
const at = (t: TruthEvent, bin: string) => t.delta.filter((d) => d.bin === bin);

/**
 * Each injector alone, at a high rate, on demo-dc: the first exception of its kind must have
 * exactly the ledger effect that exception has on a real floor. `delta` is the net change to
 * (physical − system) it made, record by record.
 */
describe('exception injectors: exact ledger effect of each', () => {
  const cases: [
    string,
    Record<string, number>,
    (t: TruthEvent, pack: string, journal: JournalEvent[]) => void,
  ][] = [
    [
      'shrink',
      { shrinkPerHour: 20 },
      (t) => {
        expect(t.delta).toHaveLength(1);
        expect(t.delta[0]!.delta).toBeLessThan(0); // units gone from one face, the system unaware
      },
    ],
    [
      'unscannedMove',
      { unscannedMovePerHour: 20 },
      (t) => {
        expect(t.delta).toHaveLength(2);
        expect(sum(t.delta)).toBe(0); // nothing lost: it is in another bin
        expect(new Set(t.delta.map((d) => d.sku)).size).toBe(1);
        expect(at(t, t.bin)[0]!.delta).toBeLessThan(0);
      },
    ],
    [
      'wrongLot',
      { wrongLot: 1 },
      (t, pack) => {
        const face = at(t, t.bin);
        expect(face.map((d) => d.lot).sort()).toHaveLength(2); // the booked lot stays, another lot goes
        expect(sum(face)).toBe(0);
        expect(face.find((d) => d.lot === t.lot)!.delta).toBeGreaterThan(0);
        expect(sum(at(t, pack))).toBe(0); // the same quantity reached the pack station, of the wrong lot
      },
    ],
    [
      'uomError',
      { uomError: 1 },
      (t, pack) => {
        const face = sum(at(t, t.bin));
        expect(face).not.toBe(0); // a case keyed as an each (or the reverse): the face is off by a multiple
        expect(sum(at(t, pack))).toBe(-face); // and the shipment is off by the same amount
      },
    ],
    [
      'shortReceipt',
      { shortReceipt: 1 },
      (t) => {
        expect(t.delta).toHaveLength(1);
        expect(t.delta[0]!.delta).toBeLessThan(0); // posted as expected, fewer on the dock
        expect(t.supplier).toBeTruthy();
      },
    ],
    [
      'overReceipt',
      { overReceipt: 1 },
      (t) => {
        expect(t.delta).toHaveLength(1);
        expect(t.delta[0]!.delta).toBeGreaterThan(0);
      },
    ],
    [
      'misPutaway',
      { misPutaway: 1 },
      (t) => {
        expect(sum(t.delta)).toBe(0);
        expect(at(t, t.bin)[0]!.delta).toBeLessThan(0); // the confirmed bin holds less than booked …
        expect(t.delta.some((d) => d.bin !== t.bin && d.delta > 0)).toBe(true); // … a neighbour more
      },
    ],
    [
      'damagedLeftAvailable',
      { damagedLeftAvailable: 1 },
      (t) => {
        const damaged = t.delta.find((d) => d.status === 'damaged')!;
        const available = t.delta.find((d) => d.status === 'available')!;
        expect(damaged.delta).toBeGreaterThan(0);
        expect(available.delta).toBe(-damaged.delta); // same units, booked available, really damaged
      },
    ],
    [
      'emergencyReservePick',
      { emergencyReservePick: 1, shrinkPerHour: 200 },
      (t, pack) => {
        const face = sum(at(t, t.bin));
        expect(face).toBeGreaterThan(0); // the system took it from the face, which did not have it …
        const elsewhere = t.delta.filter((d) => d.bin !== t.bin && d.bin !== pack);
        expect(sum(elsewhere)).toBe(-face); // … the picker fetched it from reserve, off the books
      },
    ],
    [
      'substitution',
      { substitution: 1, shrinkPerHour: 200 },
      (t) => {
        expect(new Set(t.delta.map((d) => d.sku)).size).toBe(2); // another item shipped in its place
        expect(sum(at(t, t.bin))).toBeGreaterThan(0);
      },
    ],
  ];
  it.each(cases)('%s', (cause, rates, check) => {
    // Trucks from the first day, and receivers who notice nothing: the injectors' silent errors.
    const inbound = { ...base.inbound, leadTimeDays: 0, discrepancyNotice: 0 };
    const scenario = scenarioSchema.parse({ ...base, inbound, exceptions: { rates } });
    const truth: TruthEvent[] = [];
    const journal: JournalEvent[] = [];
    const e = createEngine(scenario, {
      seed: 4,
      truth: (t) => truth.push(t),
      journal: (j) => journal.push(j),
    });
    for (let h = 1; h <= 48 && !truth.some((t) => t.cause === cause); h++) e.runUntil(h * HOUR);
    const t = truth.find((x) => x.cause === cause);
    expect(t, `no ${cause} within 48 h`).toBeDefined();
    check(t!, e.world.site.packBin, journal);
    // Only the physical ledger moved beyond what the system was told: replaying the journal alone
    // rebuilds the system ledger exactly, so nothing physical-only reached it.
    expect(replayJournal(journal).sortedState()).toEqual(e.world.system.sortedState());
    if (cause === 'uomError') {
      // Downstream: the customer receives a different quantity than the system shipped.
      e.runUntil(e.now() + 24 * HOUR);
      const s = e.kpis().shipments;
      expect(s.unitsOverShipped + s.unitsUnderShipped).toBeGreaterThan(0);
    }
  });
});
