import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../sim/index.ts';
import { createEngine } from '../sim/engineApi.ts';
import { loadScenario } from '../server/scenarioLoader.ts';

// The vendor is owed for consigned units once: a consumption that comes back unshipped (a
// cross-dock nobody picked up in time, a pick found short) is consigned stock again, so its
// liability is reversed before the next consumption posts it anew. Checked from the journal alone.

const { scenario } = loadScenario('demo-dc-crossdock');
// Faces found empty now and then (misPutaway, unscanned moves): some consigned picks come up short.
const sc = structuredClone(scenario);
sc.exceptions!.rates.misPutaway = 0.05;
sc.exceptions!.rates.unscannedMovePerHour = 2;
// Cross-docks expire when no driver comes within 5 minutes.
sc.inbound!.crossDock!.maxWaitMinutes = 5;
const journal: JournalEvent[] = [];
const e = createEngine(sc, { journal: (ev) => journal.push(ev), truth: () => {} });
e.runUntil(30 * 3_600_000);

const of = (type: string): JournalEvent[] => journal.filter((x) => x.type === type);
const units = (evs: JournalEvent[]): number => evs.reduce((a, x) => a + (x.baseQty ?? x.qty ?? 0), 0);

describe('consigned liability after a cross-dock expires or a pick is short', () => {
  // Consumed: allocated to an order from consigned stock, at a face or dock-to-dock.
  const consumedByTask = new Map<string, number>();
  for (const x of of('consignment.consumed'))
    consumedByTask.set(x.docs?.task ?? '', (consumedByTask.get(x.docs?.task ?? '') ?? 0) + (x.baseQty ?? 0));
  const crossConsumed = of('crossdock.allocated').filter((x) => x.statusFrom === 'consigned');
  // Given back: an expired cross-dock returns to consigned stock; a short pick frees what its task consumed.
  const crossBack = of('crossdock.expired').filter((x) => x.statusTo === 'consigned');
  let shortBack = 0;
  for (const x of of('pick.short')) {
    const c = consumedByTask.get(x.docs?.task ?? '');
    if (c !== undefined) shortBack += Math.min(c, x.baseQty ?? 0);
  }

  it('the run has consigned cross-dock expiries and consigned short picks', () => {
    expect(crossBack.length).toBeGreaterThan(0);
    expect(shortBack).toBeGreaterThan(0);
  });

  it('net liability units = consigned units consumed minus those given back (before: given-back units were owed twice)', () => {
    const consumed = units(of('consignment.consumed')) + units(crossConsumed);
    const back = units(crossBack) + shortBack;
    const owed = units(of('consignment.liabilityPosted')) - units(of('consignment.liabilityReversed'));
    expect(owed).toBe(consumed - back);
  });

  it("the KPI's vendor liability equals the journal's net liability value", () => {
    const value = (x: JournalEvent): number => Number(/value:([\d.]+)/.exec(x.reason ?? '')?.[1] ?? 0);
    const net =
      of('consignment.liabilityPosted').reduce((a, x) => a + value(x), 0) -
      of('consignment.liabilityReversed').reduce((a, x) => a + value(x), 0);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const k = (e.kpis() as Record<string, any>)['stockStatus']['consigned'];
    expect(k.vendorLiability).toBeCloseTo(net, 1);
  });
});
