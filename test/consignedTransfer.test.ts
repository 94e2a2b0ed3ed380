import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../sim/index.ts';
import { loadNetwork } from '../server/networkLoader.ts';
import { createNetwork } from '../sim/network/networkRun.ts';
import { networkKpis } from '../sim/network/networkKpis.ts';
import { networkSchema, type Network } from '../sim/network/networkSchema.ts';
import { logsFor, sinks } from './networkLogs.ts';

// Consigned (vendor-owned) stock that a transfer takes stays the vendor's: counted, never valued —
// neither while it is allocated to the transfer at the source (before it ships), nor on the road.

const HOUR = 3_600_000;
const { network: demo } = loadNetwork('demo-network');

/** demo-network with every item consigned at every site. */
const consigned: Network = networkSchema.parse({
  ...demo,
  sites: demo.sites.map((s) => ({
    ...s,
    scenario: {
      ...s.scenario,
      stock: { ...s.scenario.stock, consignment: { enabled: true, classes: ['A', 'B', 'C'] } },
    },
  })),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type K = Record<string, any>;

describe('consigned stock on transfers', () => {
  const logs = logsFor();
  const run = createNetwork(consigned, sinks(logs));
  /** Per sample: site → [value of consigned units allocated to unshipped transfers, KPI value, ledger value]. */
  const samples: { at: number; site: string; held: number; kpi: number; ledger: number }[] = [];
  let roadUnits = 0;
  let roadValue = 0;
  for (let h = 1; h <= 30; h++) {
    run.runUntil(h * HOUR);
    for (const s of run.sites) {
      const w = s.engine.world;
      const cost = new Map(w.site.items.map((it) => [it.sku, it.unitCost]));
      // Allocated from consigned stock to a transfer, and not shipped yet: the journal says how much.
      const held = new Map<string, number>();
      for (const e of (logs.journal[s.name] ?? []) as JournalEvent[]) {
        const code = e.docs?.transfer;
        if (!code) continue;
        if (e.type === 'transfer.allocated' && e.statusFrom === 'consigned')
          held.set(code, (held.get(code) ?? 0) + (e.baseQty ?? 0) * (cost.get(e.sku ?? '') ?? 0));
        if (e.type === 'transfer.shipped') held.delete(code);
      }
      // Everything the site owns is valued: the records not consigned, not in transit, not so held.
      let ledger = 0;
      for (const r of w.system.all())
        if (r.status !== 'consigned' && r.status !== 'in-transit') ledger += r.qty * (cost.get(r.sku) ?? 0);
      const heldValue = [...held.values()].reduce((a, b) => a + b, 0);
      const kpi = ((s.engine.kpis() as K)['stockStatus'] as K)['inventoryValue'] as number;
      samples.push({ at: h, site: s.name, held: heldValue, kpi, ledger: ledger - heldValue });
    }
    const road = networkKpis(run).network.onTheRoad;
    roadUnits += road.units;
    roadValue += road.value;
  }

  it('some consigned stock was allocated to a transfer and not yet shipped at a sample time', () => {
    expect(samples.filter((s) => s.held > 0).length).toBeGreaterThan(0);
  });

  it('inventory value leaves out consigned units allocated to a transfer (before: valued until they shipped)', () => {
    for (const s of samples) expect(s.kpi, `${s.site} at ${s.at} h`).toBeCloseTo(s.ledger, 1);
  });

  it("the network's on-the-road value leaves consigned goods out (units counted, value 0)", () => {
    expect(roadUnits).toBeGreaterThan(0);
    expect(roadValue).toBe(0);
  });
});
