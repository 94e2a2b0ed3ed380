import { describe, expect, it } from 'vitest';
import { createEngine } from '../sim/engineApi.ts';
import { inboundSite, physicalLoads } from '../sim/flows/inbound/inboundSite.ts';
import { occupancyBuilds } from '../sim/flows/inbound/binOccupancy.ts';
import { reconciliation } from '../sim/exceptions/reconciliationState.ts';
import { loadScenario } from '../server/scenarioLoader.ts';

const HOUR = 3_600_000;

/**
 * Structural counters, not timings: at a large site the run's cost came from full rebuilds (the
 * occupancy of every bin at each putaway decision, a walk over both ledgers for the hourly IRA
 * sample, over the system ledger for the count draw and the daily buying), not from events.
 * Every derived index now follows the ledgers; these pin that no full pass comes back.
 */
describe.each([
  { scenario: 'demo-dc', warmHours: 24, untilHours: 72 },
  { scenario: 'bench-dc', warmHours: 24, untilHours: 36 },
])('$scenario', ({ scenario, warmHours, untilHours }) => {
  const { scenario: s } = loadScenario(scenario);
  const e = createEngine(s);
  const w = e.world;
  e.runUntil(warmHours * HOUR);
  const passes = { system: w.system.fullPasses, physical: w.physical.fullPasses };
  const loads = physicalLoads(w);
  const computed = loads.binLoadsComputed;
  const builds = occupancyBuilds.count;
  const search = inboundSite(w).rules.stats;
  const searchBefore = { ...search };
  let physicalChanges = 0;
  w.physical.listen(() => physicalChanges++);
  const samples = (): number => reconciliation.state(w).iraSeries.length;
  const samplesBefore = samples();
  e.runUntil(untilHours * HOUR);
  const buildsAfter = occupancyBuilds.count;
  const searches = search.searches - searchBefore.searches;
  const checked = search.binsChecked - searchBefore.binsChecked;
  const fullScans = search.fullScans - searchBefore.fullScans;
  const fullScanBins = search.fullScanBins - searchBefore.fullScanBins;
  const after = { system: w.system.fullPasses, physical: w.physical.fullPasses };
  // Read after the counters: the KPI report itself may walk the ledgers (once, at the end).
  const k = e.kpis() as unknown as {
    inbound: { putaway: { tasksCreated: number } };
    counting: { scheduled: number };
  };

  it('walks neither ledger in full once running (IRA samples, count draws, buying, exception draws all incremental)', () => {
    expect(samples() - samplesBefore).toBe(untilHours - warmHours);
    expect(k.counting.scheduled).toBeGreaterThan(0);
    expect(after.system - passes.system).toBe(0);
    expect(after.physical - passes.physical).toBe(0);
  });

  it('computes a bin load only after a physical change made it stale, never the whole site per decision', () => {
    expect(k.inbound.putaway.tasksCreated).toBeGreaterThan(0);
    expect(buildsAfter - builds).toBe(0);
    expect(physicalChanges).toBeGreaterThan(0);
    expect(loads.binLoadsComputed - computed).toBeLessThanOrEqual(physicalChanges);
  });

  it('checks a bounded number of storage bins per putaway search (best-first over buckets), not every bin', () => {
    const storage = inboundSite(w).rules.storage.length;
    expect(searches - fullScans).toBeGreaterThan(0);
    // Only a unit that fits in no bin whole (then the rules want the bin with most room) walks
    // every bin; the large site always has room.
    if (scenario === 'bench-dc') expect(fullScans).toBe(0);
    // A walk over the item's class checks nearly every storage bin per search.
    expect((checked - fullScanBins) / (searches - fullScans)).toBeLessThan(Math.max(64, storage / 25));
  });
});

/**
 * With the journal off nobody keeps an event, so a posting builds no event object (one per
 * posting to `available` was built for the stock-available hook alone); with it on, exactly one
 * per journal line.
 */
describe('journal event objects', () => {
  const { scenario: s } = loadScenario('demo-dc');

  it('builds none with the journal off, while stock still becomes available and backorders hear of it', () => {
    const e = createEngine(s);
    const w = e.world;
    let madeAvailable = 0;
    w.system.listen((_b, _s, _l, status, before, after) => {
      if (status === 'available' && after > before) madeAvailable++;
    });
    e.runUntil(24 * HOUR);
    expect(e.journalCommitted()).toBeGreaterThan(1000);
    expect(madeAvailable).toBeGreaterThan(100);
    expect(w.fx.eventsBuilt).toBe(0);
  });

  it('builds one per journal line with the journal on', () => {
    let lines = 0;
    const e = createEngine(s, { journal: () => lines++ });
    e.runUntil(24 * HOUR);
    expect(lines).toBeGreaterThan(1000);
    expect(e.world.fx.eventsBuilt).toBe(lines);
  });
});
