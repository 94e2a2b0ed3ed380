import { describe, expect, it } from 'vitest';
import type { JournalEvent, Scenario, TruthEvent } from '../sim/index.ts';
import { createEngine, restoreEngine, type SimEngine } from '../sim/engineApi.ts';
import { TRANSACTIONS, type TransactionType } from '../sim/journal/transactionCatalogue.ts';
import { isKeyAccount } from '../sim/flows/stockStatus/statusPolicy.ts';
import { loadScenario } from '../server/scenarioLoader.ts';
import { journalToEpcis } from '../server/feeds/epcis/journalToEpcis.ts';
import { CROSSDOCK_TRANSACTIONS } from '../sim/journal/catalogueCrossDock.ts';
import { checkInvariants } from './invariants.ts';
import { crossdock } from '../sim/flows/crossdock/crossdockState.ts';

const HOUR = 3_600_000;
const RUN_H = 48;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K = Record<string, any>;

interface Run {
  engine: SimEngine;
  journal: JournalEvent[];
  truth: TruthEvent[];
  kpis: K;
}

const base = loadScenario('demo-dc-crossdock').scenario;

/** demo-dc-crossdock with cross-docking switched off: everything else (reserves, consignment) alike. */
function withoutCrossDock(s: Scenario): Scenario {
  return { ...s, inbound: { ...s.inbound!, crossDock: { ...s.inbound!.crossDock!, enabled: false } } };
}

function run(s: Scenario, hours = RUN_H): Run {
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const engine = createEngine(s, { journal: (e) => journal.push(e), truth: (t) => truth.push(t) });
  engine.runUntil(hours * HOUR);
  return { engine, journal, truth, kpis: engine.kpis() as K };
}

const on = run(base);
const off = run(withoutCrossDock(base));

/** When each order was picked complete (ready to pack), by order number. */
function pickedAt(r: Run): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of r.journal) if (e.type === 'order.picked') m.set(e.docs!.order!, e.t);
  return m;
}

describe('cross-dock and stock statuses on demo-dc-crossdock', () => {
  it('conserve stock in both ledgers, and the truth log explains every gap', () => {
    expect(checkInvariants(on.engine, on.journal, on.truth)).toEqual([]);
    expect(checkInvariants(off.engine, off.journal, off.truth)).toEqual([]);
  });

  it('hold while pallets wait in staging or ride a forklift (their allocation is a cross-dock task)', () => {
    for (const type of ['crossdock.allocated', 'crossdock.pickedUp'] as const) {
      const at = on.journal.find((e) => e.type === type)!.t + 1;
      const r = run(base, at / HOUR);
      const open = Object.values(crossdock.peek(r.engine.world)!.tasks);
      expect(
        open.some((t) => (type === 'crossdock.pickedUp' ? t.onTruck : !t.onTruck)),
        type,
      ).toBe(true);
      expect(checkInvariants(r.engine, r.journal, r.truth), type).toEqual([]);
    }
  }, 120_000);

  it('move each cross-docked unit staging → forklift → pack, as allocated', () => {
    const byTask = new Map<string, JournalEvent[]>();
    for (const e of on.journal)
      if (e.type.startsWith('crossdock.'))
        (byTask.get(e.docs!.task!) ?? byTask.set(e.docs!.task!, []).get(e.docs!.task!)!).push(e);
    expect(byTask.size).toBeGreaterThan(5);
    const pack = on.engine.world.site.packBin;
    for (const [task, evs] of byTask) {
      const types = evs.map((e) => e.type);
      if (types.includes('crossdock.expired')) {
        expect(types, task).toEqual(['crossdock.allocated', 'crossdock.expired']);
        continue;
      }
      if (types.length < 3) continue; // still on its way at the end of the run
      expect(types, task).toEqual(['crossdock.allocated', 'crossdock.pickedUp', 'crossdock.delivered']);
      expect(new Set(evs.map((e) => e.baseQty)).size, task).toBe(1);
      expect(evs[2]!.toBin).toBe(pack);
      expect(evs[1]!.bin).toBe(evs[0]!.bin);
    }
    expect(on.kpis.crossdock.unitsCrossDocked).toBeGreaterThan(0);
    expect(off.kpis.crossdock).toBeUndefined();
  });

  it('gets the goods to the orders that waited for them sooner than putaway and a pick would', () => {
    const served = new Set(
      on.journal.filter((e) => e.type === 'crossdock.delivered').map((e) => e.docs!.order!),
    );
    const backordered = new Set(
      off.journal.filter((e) => e.type === 'order.backordered').map((e) => e.docs!.order!),
    );
    const a = pickedAt(on);
    const b = pickedAt(off);
    let sooner = 0;
    let compared = 0;
    let savedMs = 0;
    for (const o of served) {
      const ta = a.get(o);
      if (ta === undefined || !backordered.has(o)) continue;
      compared++;
      // A backorder never picked in the run without cross-dock counts as picked at its end.
      const other = b.get(o) ?? RUN_H * HOUR;
      if (ta < other) sooner++;
      savedMs += other - ta;
    }
    console.log(
      `cross-dock: ${served.size} orders served, ${compared} were backorders without it, ${sooner} picked sooner, mean ${(savedMs / Math.max(1, compared) / HOUR).toFixed(2)} h saved; lines short ${off.kpis.lines.short} → ${on.kpis.lines.short}`,
    );
    expect(compared).toBeGreaterThan(0);
    expect(sooner).toBe(compared);
    expect(savedMs).toBeGreaterThan(0);
    // Lines that would have shipped short get their units.
    expect(on.kpis.lines.short).toBeLessThan(off.kpis.lines.short);
    // Dock to pack for cross-docked goods beats dock to stock for goods put away.
    expect(on.kpis.crossdock.dockToPack.medianHours).toBeLessThan(off.kpis.inbound.dockToStock.medianHours);
  });
});

describe('key-account reserves and consignment on demo-dc-crossdock', () => {
  it('never allocate customer-reserved stock to an order that is not a key account', () => {
    const w = on.engine.world;
    const fromReserve = on.journal.filter((e) => e.statusFrom === 'customer-reserved');
    expect(fromReserve.length).toBeGreaterThan(100);
    for (const e of fromReserve) {
      expect(e.type).toBe('reserve.allocated');
      expect(isKeyAccount(w, Number(e.docs!.order!.slice(2))), e.id).toBe(true);
    }
    // Key accounts exist in the share asked for, and their lines drew the reserve first.
    expect(on.kpis.stockStatus.reserves.hits).toBeGreaterThan(0);
    expect(on.kpis.stockStatus.reserves.misses).toBe(
      on.journal.filter((e) => e.type === 'reserve.missed').length,
    );
  });

  it('leave consigned stock out of inventory value and owe the vendor for what is consumed', () => {
    const w = on.engine.world;
    const cost = new Map(w.site.items.map((i) => [i.sku, i.unitCost]));
    let owned = 0;
    let consigned = 0;
    for (const r of w.system.all()) {
      if (r.status === 'consigned') consigned += r.qty * cost.get(r.sku)!;
      else owned += r.qty * cost.get(r.sku)!;
    }
    const k = on.kpis.stockStatus;
    expect(consigned).toBeGreaterThan(0);
    expect(k.inventoryValue).toBeCloseTo(owned, 1);
    expect(k.consigned.vendorValue).toBeCloseTo(consigned, 1);
    // Consumed at a face, or dock-to-dock (a cross-dock of consigned goods consumes them too).
    const consumed = on.journal.filter(
      (e) =>
        e.type === 'consignment.consumed' ||
        (e.type === 'crossdock.allocated' && e.statusFrom === 'consigned'),
    );
    expect(consumed.some((e) => e.type === 'crossdock.allocated')).toBe(true);
    const liabilities = on.journal.filter((e) => e.type === 'consignment.liabilityPosted');
    expect(consumed.length).toBeGreaterThan(0);
    expect(liabilities.map((e) => [e.docs, e.qty])).toEqual(
      consumed.map((e) => [{ order: e.docs!.order, line: e.docs!.line }, e.baseQty]),
    );
    // What came back unshipped (an expired cross-dock, a short pick) had its liability reversed.
    const value = (e: JournalEvent): number => Number(/value:([\d.]+)/.exec(e.reason!)![1]);
    const reversed = on.journal.filter((e) => e.type === 'consignment.liabilityReversed');
    const owed = liabilities.reduce((a, e) => a + value(e), 0) - reversed.reduce((a, e) => a + value(e), 0);
    expect(k.consigned.vendorLiability).toBeCloseTo(owed, 1);
    // Consigned stock is picked and shipped like any other.
    const consignedSkus = new Set(consumed.map((e) => e.sku));
    expect(on.journal.some((e) => e.type === 'ship.confirmed' && consignedSkus.has(e.sku))).toBe(true);
  });
});

describe('determinism with cross-dock, reserves and consignment', () => {
  const text = (evs: JournalEvent[]): string => evs.map((e) => JSON.stringify(e)).join('\n');

  it('same seed, same journal bytes; a checkpoint resumed through JSON continues identically', () => {
    // Checkpoint while the first cross-dock pallet waits in staging (its task is engine state).
    const firstXd = on.journal.find((e) => e.type === 'crossdock.allocated')!.t;
    const until = firstXd + 6 * HOUR;
    const whole = run(base, until / HOUR).journal;
    expect(text(whole)).toBe(text(on.journal.filter((e) => e.t <= until)));
    const first: JournalEvent[] = [];
    const e1 = createEngine(base, { journal: (e) => first.push(e) });
    e1.runUntil(firstXd + 1);
    const snap = JSON.parse(JSON.stringify(e1.snapshot()));
    const rest: JournalEvent[] = [];
    const e2 = restoreEngine(base, snap, { journal: (e) => rest.push(e) });
    e2.runUntil(until);
    expect(text([...first, ...rest])).toBe(text(whole));
    expect(rest.some((e) => e.type === 'crossdock.delivered')).toBe(true);
  }, 120_000);
});

describe('EPCIS export of the new transactions', () => {
  it('exports every stock-moving cross-dock and status event with the step and disposition its catalogue entry gives', () => {
    const w = on.engine.world;
    const doc = journalToEpcis(on.journal, w.site.items, { run: 'xd' }) as {
      epcisBody: { eventList: Record<string, unknown>[] };
    };
    const types = Object.keys(CROSSDOCK_TRANSACTIONS) as TransactionType[];
    const moving = types.filter((t) => TRANSACTIONS[t].ledger !== 'none' && t !== 'crossdock.expired');
    for (const t of moving) {
      const spec = TRANSACTIONS[t].epcis;
      if (!('bizStep' in spec)) throw new Error(`${t} moves stock but is not exported`);
      const evs = doc.epcisBody.eventList.filter((e) => e['bintwin:type'] === t);
      expect(evs.length, t).toBeGreaterThan(0);
      expect(evs.length, t).toBe(on.journal.filter((e) => e.type === t).length);
      for (const e of evs) {
        expect(String(e['bizStep']), t).toContain(spec.bizStep.replace(/^.*BizStep-/, ''));
        if (spec.disposition) expect(String(e['disposition']), t).toContain(spec.disposition);
      }
    }
    // Events that move no stock stay out.
    expect(doc.epcisBody.eventList.some((e) => e['bintwin:type'] === 'consignment.liabilityPosted')).toBe(
      false,
    );
  });
});

describe('a cross-dock no driver takes in time', () => {
  it('goes back to available in staging and is put away; the order line waits again', () => {
    const s = {
      ...base,
      inbound: { ...base.inbound!, crossDock: { ...base.inbound!.crossDock!, maxWaitMinutes: 0.01 } },
    };
    const r = run(s);
    expect(checkInvariants(r.engine, r.journal, r.truth)).toEqual([]);
    const expired = r.journal.filter((e) => e.type === 'crossdock.expired');
    expect(expired.length).toBeGreaterThan(0);
    expect(r.kpis.crossdock.tasksExpired).toBe(expired.length);
    for (const x of expired) {
      // Nothing moved it before it expired, and putaway directed its units from the same lane.
      expect(r.journal.some((e) => e.type === 'crossdock.pickedUp' && e.docs!.task === x.docs!.task)).toBe(
        false,
      );
      const later = r.journal.filter(
        (e) =>
          e.type === 'putaway.directed' &&
          e.t >= x.t &&
          e.bin === x.bin &&
          e.sku === x.sku &&
          e.docs!.receipt === x.docs!.receipt,
      );
      expect(later.length, x.id).toBeGreaterThan(0);
    }
  }, 120_000);
});
