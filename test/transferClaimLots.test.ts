import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../sim/index.ts';
import { loadNetwork } from '../server/networkLoader.ts';
import { createNetwork } from '../sim/network/networkRun.ts';
import { checkInvariants } from './invariants.ts';
import { logsFor, sinks, withSiteRates } from './networkLogs.ts';

const HOUR = 3_600_000;
const { network: demo } = loadNetwork('demo-network');

/** demo-network with transit losses, every claim resolved the same way after 5 h. */
function runClaims(foundShare: number, returnShare: number, hours: number) {
  const n = withSiteRates(
    demo,
    { transitLoss: 0.3, transferReceiptLate: 0 },
    { claims: { enabled: true, investigationHours: 5, foundShare, returnShare } },
  );
  const logs = logsFor();
  const run = createNetwork(n, sinks(logs));
  run.runUntil(hours * HOUR);
  return { run, logs, evs: Object.values(logs.journal).flat() };
}

/** Units per lot of a transfer's events of `type`. */
function perLot(evs: readonly JournalEvent[], code: string, type: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of evs)
    if (e.type === type && e.docs?.transfer === code)
      m.set(e.lot ?? '', (m.get(e.lot ?? '') ?? 0) + (e.baseQty ?? e.qty ?? 0));
  return m;
}

/** Claimed transfers without damage, with the units missing per lot (shipped − received). */
function claimed(evs: readonly JournalEvent[]): { code: string; missing: Map<string, number> }[] {
  const out: { code: string; missing: Map<string, number> }[] = [];
  for (const c of evs.filter((e) => e.type === 'transfer.claimOpened')) {
    const code = c.docs!.transfer!;
    const d = evs.find((e) => e.type === 'transfer.discrepancy' && e.docs?.transfer === code)!;
    if (!d.reason!.includes('damaged:0')) continue;
    const shipped = perLot(evs, code, 'transfer.shipped');
    const got = perLot(evs, code, 'transfer.received');
    const missing = new Map<string, number>();
    for (const [lot, q] of shipped)
      if (q - (got.get(lot) ?? 0) > 0) missing.set(lot, q - (got.get(lot) ?? 0));
    out.push({ code, missing });
  }
  return out;
}

describe('transfer claims resolve the lots that went missing', () => {
  it('a written-off claim writes off the missing lots, not the first lines of the transfer', () => {
    const { evs } = runClaims(0, 0, 30);
    const c = claimed(evs);
    expect(c.filter((x) => x.missing.size > 0).length).toBeGreaterThan(2);
    for (const { code, missing } of c) {
      const off = perLot(evs, code, 'transfer.claimWrittenOff');
      if (off.size === 0) continue;
      expect(Object.fromEntries(off), code).toEqual(Object.fromEntries(missing));
    }
  }, 180_000);

  it('returnShare 1 returns every claim to the source: its missing lots move from in-transit into its storage, sellable', () => {
    const { run, logs, evs } = runClaims(0, 1, 30);
    const c = claimed(evs);
    let returned = 0;
    for (const { code, missing } of c) {
      const back = evs.filter((e) => e.type === 'transfer.claimReturned' && e.docs?.transfer === code);
      if (back.length === 0) continue;
      returned++;
      expect(Object.fromEntries(perLot(evs, code, 'transfer.claimReturned')), code).toEqual(
        Object.fromEntries(missing),
      );
      for (const e of back) {
        expect(e.site, code).toBe(code.split('-')[0]);
        expect([e.statusFrom, e.statusTo], code).toEqual(['in-transit', 'available']);
        expect(e.toBin).not.toBe(e.bin);
      }
    }
    expect(returned).toBeGreaterThan(2);
    expect(evs.some((e) => e.type === 'transfer.claimWrittenOff' || e.type === 'transfer.claimFound')).toBe(
      false,
    );
    for (const s of run.sites)
      expect(checkInvariants(s.engine, logs.journal[s.name] ?? [], logs.truth[s.name] ?? []), s.name).toEqual(
        [],
      );
  }, 180_000);

  it('refuses foundShare + returnShare above 1', () => {
    expect(() => runClaims(0.6, 0.5, 1)).toThrow(/must not exceed 1/);
  });
});
