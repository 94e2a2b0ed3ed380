import { describe, expect, it } from 'vitest';
import type { JournalEvent, TruthEvent } from '../sim/index.ts';
import { loadNetwork } from '../server/networkLoader.ts';
import { createNetwork, restoreNetwork } from '../sim/network/networkRun.ts';
import { networkKpis } from '../sim/network/networkKpis.ts';
import { checkInvariants } from './invariants.ts';
import { inTransit, logsFor, sinks, text, withSiteRates } from './networkLogs.ts';
import { TRANSACTIONS, type TransactionType } from '../sim/journal/transactionCatalogue.ts';

const HOUR = 3_600_000;
const { network: demo } = loadNetwork('demo-network');

/** demo-network with every transfer exception raised, so each one shows within a day. */
const stressed = withSiteRates(demo, {
  transferOverLoad: 0.1,
  transitLoss: 0.1,
  transitDamage: 0.1,
  transferReceiptLate: 0.2,
});

function sum(events: readonly JournalEvent[], type: string): number {
  return events.filter((e) => e.type === type).reduce((a, e) => a + (e.baseQty ?? 0), 0);
}

describe('network run (demo-network)', () => {
  const logs = logsFor();
  const run = createNetwork(stressed, sinks(logs));
  run.runUntil(30 * HOUR);

  it('ships, carries and receives transfers between the sites', () => {
    const k = networkKpis(run).network;
    expect(k.transfersShipped).toBeGreaterThan(20);
    expect(k.transfersReceived).toBeGreaterThan(10);
    expect(k.transferDiscrepancyRate).toBeGreaterThan(0);
    expect(k.networkIra).toBeGreaterThan(0.8);
    expect(Object.keys(logs.truth).length).toBeGreaterThan(0);
    const causes = new Set(Object.values(logs.truth).flatMap((t) => t.map((e) => e.cause)));
    for (const c of ['transitLoss', 'transitDamage', 'transferOverLoad', 'transferReceiptLate'])
      expect(causes.has(c as TruthEvent['cause']), c).toBe(true);
  });

  it('exercises every stock-moving transfer entry of the catalogue', () => {
    // test/transactionCatalogue.test.ts runs single sites, which never see these.
    const seen = new Set(Object.values(logs.journal).flatMap((j) => j.map((e) => e.type)));
    // Claims are off here; test/transferClaims.test.ts exercises their entries.
    const moving = (Object.keys(TRANSACTIONS) as TransactionType[]).filter(
      (t) =>
        TRANSACTIONS[t].flow === 'transfers' &&
        TRANSACTIONS[t].ledger !== 'none' &&
        !t.startsWith('transfer.claim'),
    );
    expect(moving.length).toBeGreaterThan(0);
    expect(moving.filter((t) => !seen.has(t))).toEqual([]);
  });

  it('system ledger: what left in transit was closed at the source or is still in transit', () => {
    const all = Object.values(logs.journal).flat();
    const shipped = sum(all, 'transfer.shipped');
    expect(shipped).toBeGreaterThan(0);
    expect(sum(all, 'transfer.closed') + inTransit(run, 'system')).toBe(shipped);
  });

  it('physical ledger: what was loaded arrived, was lost, or is still on the truck', () => {
    // The floor's flows through the transit locations: the journal's shipments and closures as
    // the floor carried them (a shortfall the interpreter logged is what did not move), plus the
    // truth log's physical changes there (a case over-loaded, units lost, the rest of a load
    // leaving with the truck or a late confirmation's goods already gone).
    const all = Object.values(logs.journal).flat();
    const truths = Object.values(logs.truth).flat();
    const atTransit = (ts: TruthEvent[], pick: 'changes' | 'delta', sign: number): number =>
      ts
        .flatMap((t) => t[pick])
        .filter((c) => c.bin.startsWith('TRANSIT-') && Math.sign(c.delta) === sign)
        .reduce((a, c) => a + Math.abs(c.delta), 0);
    const shortfalls = truths.filter((t) => t.cause === 'consequence' && t.changes.length === 0);
    const overLoaded = truths.filter((t) => t.cause === 'transferOverLoad');
    const lostTruth = truths.filter((t) => t.cause === 'transitLoss');
    const leftWithTruck = truths.filter(
      (t) => t.changes.length > 0 && (t.cause === 'consequence' || t.cause === 'transferReceiptLate'),
    );
    const loaded =
      sum(all, 'transfer.shipped') - atTransit(shortfalls, 'delta', -1) + atTransit(overLoaded, 'changes', 1);
    const arrived =
      sum(all, 'transfer.closed') -
      atTransit(shortfalls, 'delta', 1) +
      atTransit(leftWithTruck, 'changes', -1);
    const lost = atTransit(lostTruth, 'changes', -1);
    expect(lost).toBeGreaterThan(0);
    expect(arrived + lost + inTransit(run, 'physical')).toBe(loaded);
    // What arrived is what the destinations' receipts of transfers found on the floor (good and damaged).
  });

  it('every site keeps its invariants, and the truth log explains each site’s whole gap', () => {
    for (const s of run.sites)
      expect(checkInvariants(s.engine, logs.journal[s.name] ?? [], logs.truth[s.name] ?? []), s.name).toEqual(
        [],
      );
  });
});

describe('network determinism', () => {
  it('the same network and seed give the same journals, byte for byte', () => {
    const a = logsFor();
    const b = logsFor();
    createNetwork(demo, sinks(a)).runUntil(14 * HOUR);
    createNetwork(demo, sinks(b)).runUntil(14 * HOUR);
    expect(text(a).length).toBeGreaterThan(10_000);
    expect(text(b)).toBe(text(a));
  });

  it('a network checkpoint resumed (through JSON) continues exactly as an uninterrupted run', () => {
    const whole = logsFor();
    createNetwork(stressed, sinks(whole)).runUntil(16 * HOUR);
    const parts = logsFor();
    const first = createNetwork(stressed, sinks(parts));
    first.runUntil(9 * HOUR);
    const snap = JSON.parse(JSON.stringify(first.snapshot()));
    expect(snap.state.shipments.length + Object.keys(snap.sites).length).toBeGreaterThan(5);
    restoreNetwork(stressed, snap, sinks(parts)).runUntil(16 * HOUR);
    expect(text(parts)).toBe(text(whole));
  });
});
