import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../sim/index.ts';
import { loadNetwork } from '../server/networkLoader.ts';
import { createNetwork, restoreNetwork, type NetworkRun } from '../sim/network/networkRun.ts';
import type { Network } from '../sim/network/networkSchema.ts';
import { checkInvariants } from './invariants.ts';
import { inTransit, logsFor, sinks, text, withSiteRates, type Logs } from './networkLogs.ts';
import { networkKpis } from '../sim/network/networkKpis.ts';
import { journalToEpcis } from '../server/feeds/epcis/journalToEpcis.ts';
import { TRANSACTIONS } from '../sim/journal/transactionCatalogue.ts';

const HOUR = 3_600_000;
const INVESTIGATION_H = 5;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K = Record<string, any>;
const { network: demo } = loadNetwork('demo-network');

/** demo-network with transfers often short (transit losses), claims on, a fixed investigation time. */
function withClaims(foundShare: number): Network {
  return withSiteRates(
    demo,
    { transitLoss: 0.3, transferReceiptLate: 0 },
    { claims: { enabled: true, investigationHours: INVESTIGATION_H, foundShare } },
  );
}

const all = (l: Logs): JournalEvent[] => Object.values(l.journal).flat();
const sum = (evs: JournalEvent[], type: string): number =>
  evs.filter((e) => e.type === type).reduce((a, e) => a + (e.baseQty ?? e.qty ?? 0), 0);
function run(n: Network, hours: number): { run: NetworkRun; logs: Logs } {
  const logs = logsFor();
  const r = createNetwork(n, sinks(logs));
  r.runUntil(hours * HOUR);
  return { run: r, logs };
}

describe('transfer claims (transfers.claims)', () => {
  const half = run(withClaims(0.5), 30);
  const evs = all(half.logs);
  const opened = evs.filter((e) => e.type === 'transfer.claimOpened');

  it('a short receipt opens a claim for exactly its missing units, held in transit at the source', () => {
    expect(opened.length).toBeGreaterThan(3);
    for (const c of opened) {
      const d = evs.find((e) => e.type === 'transfer.discrepancy' && e.docs?.transfer === c.docs!.transfer)!;
      expect(d.reason, c.id).toContain('short');
      const m = /shipped:(\d+) received:(\d+) damaged:(\d+)/.exec(d.reason!)!;
      expect(c.qty).toBe(Number(m[1]) - Number(m[2]) - Number(m[3]));
    }
  });

  it('resolves every claim after its investigation time: found at the destination or written off at the source', () => {
    let resolved = 0;
    for (const c of opened) {
      const code = c.docs!.transfer!;
      const found = evs.filter((e) => e.type === 'transfer.claimFound' && e.docs?.transfer === code);
      const off = evs.filter((e) => e.type === 'transfer.claimWrittenOff' && e.docs?.transfer === code);
      if (c.t + INVESTIGATION_H * HOUR > 30 * HOUR) continue;
      resolved++;
      expect(found.length === 0 || off.length === 0, code).toBe(true);
      const qty = [...found, ...off].reduce((a, e) => a + e.baseQty!, 0);
      expect(qty, code).toBe(c.qty);
      for (const e of [...found, ...off]) expect(e.t - c.t, code).toBe(INVESTIGATION_H * HOUR);
      expect(found.every((e) => e.site === c.site) && off.every((e) => e.site !== c.site), code).toBe(true);
    }
    expect(resolved).toBeGreaterThan(2);
    const k = Object.values(networkKpis(half.run).sites as Record<string, K>).map((s) => s.transfers.claims);
    const tot = (f: string): number => k.reduce((a, c) => a + c[f], 0);
    expect(tot('opened')).toBe(opened.length);
    expect(tot('found') + tot('writtenOff') + tot('open')).toBe(opened.length);
    expect(tot('found')).toBeGreaterThan(0);
    expect(tot('writtenOff')).toBeGreaterThan(0);
    expect(tot('unitsWrittenOff')).toBe(sum(evs, 'transfer.claimWrittenOff'));
    expect(tot('unitsFound')).toBe(sum(evs, 'transfer.claimFound'));
    for (const c of k)
      if (c.resolutionHours.mean !== null) expect(c.resolutionHours.mean).toBe(INVESTIGATION_H);
  });

  it('system ledger: what left in transit was closed, written off, or is still in transit (claims included)', () => {
    const closed = sum(evs, 'transfer.closed') + sum(evs, 'transfer.claimWrittenOff');
    expect(closed + inTransit(half.run)).toBe(sum(evs, 'transfer.shipped'));
  });

  it('exports the claim events that move stock to EPCIS with their catalogue step and disposition', () => {
    for (const t of ['transfer.claimFound', 'transfer.claimWrittenOff'] as const) {
      const site = evs.find((e) => e.type === t)!.site!;
      const w = half.run.sites.find((s) => s.name === site)!.engine;
      const doc = journalToEpcis(half.logs.journal[site]!, w.site().items, { run: 'claims' }) as {
        epcisBody: { eventList: Record<string, unknown>[] };
      };
      const out = doc.epcisBody.eventList.filter((e) => e['bintwin:type'] === t);
      expect(out.length, t).toBe(half.logs.journal[site]!.filter((e) => e.type === t).length);
      const spec = TRANSACTIONS[t].epcis as { bizStep: string; disposition: string };
      for (const e of out) {
        expect(String(e['bizStep']), t).toContain(spec.bizStep.replace(/^.*BizStep-/, ''));
        expect(String(e['disposition']), t).toContain(spec.disposition);
      }
    }
    expect(
      Object.values(half.logs.journal).some((j) =>
        (
          journalToEpcis(j, half.run.sites[0]!.engine.site().items, { run: 'c' }) as {
            epcisBody: { eventList: Record<string, unknown>[] };
          }
        ).epcisBody.eventList.some((e) => e['bintwin:type'] === 'transfer.claimOpened'),
      ),
    ).toBe(false);
  });

  it('every site keeps its invariants; the truth log explains the whole gap', () => {
    for (const s of half.run.sites)
      expect(
        checkInvariants(s.engine, half.logs.journal[s.name] ?? [], half.logs.truth[s.name] ?? []),
        s.name,
      ).toEqual([]);
  });

  it('foundShare 0 writes every claim off, 1 finds every one', () => {
    const none = all(run(withClaims(0), 20).logs);
    const every = all(run(withClaims(1), 20).logs);
    expect(none.some((e) => e.type === 'transfer.claimWrittenOff')).toBe(true);
    expect(none.some((e) => e.type === 'transfer.claimFound')).toBe(false);
    expect(every.some((e) => e.type === 'transfer.claimFound')).toBe(true);
    expect(every.some((e) => e.type === 'transfer.claimWrittenOff')).toBe(false);
  }, 120_000);

  it('off by default: no claim events, and the shortfall is written off at once as before', () => {
    const n = withClaims(0.5);
    const off = all(
      run({ ...n, transfers: { ...n.transfers, claims: { ...n.transfers.claims, enabled: false } } }, 12)
        .logs,
    );
    expect(off.some((e) => e.type.startsWith('transfer.claim'))).toBe(false);
    expect(off.some((e) => e.type === 'transfer.discrepancy')).toBe(true);
  }, 120_000);

  it('a checkpoint taken while claims are open resumes byte for byte', () => {
    const n = withClaims(0.5);
    const whole = run(n, 24).logs;
    const at = all(whole).find((e) => e.type === 'transfer.claimOpened')!.t + HOUR;
    const parts = logsFor();
    const first = createNetwork(n, sinks(parts));
    first.runUntil(at);
    const snap = JSON.parse(JSON.stringify(first.snapshot()));
    restoreNetwork(n, snap, sinks(parts)).runUntil(24 * HOUR);
    expect(text(parts)).toBe(text(whole));
  }, 120_000);
});
