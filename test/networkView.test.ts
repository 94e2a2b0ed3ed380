import { describe, expect, it } from 'vitest';
import { createNetwork, networkKpis, networkView } from '../sim/networkApi.ts';
import { loadNetwork } from '../server/networkLoader.ts';

const DAY = 86_400_000;

describe('network overview (demo-network, one day)', () => {
  const run = createNetwork(loadNetwork('demo-network').network, {});
  run.runUntil(DAY);
  const report = networkKpis(run);
  const v = networkView(run, report);

  it('each tile carries the site figures the overview page shows, agreeing with kpis.json', () => {
    expect(v.sites.map((s) => s.id)).toEqual(run.sites.map((s) => s.name));
    for (const t of v.sites) {
      const k = report.sites[t.id]!;
      expect(t.ordersShipped).toBe(k.orders.shipped);
      expect(t.backlog).toBe(k.orders.open);
    }
    const shipped = v.sites.reduce((a, t) => a + t.transfersShipped, 0);
    const received = v.sites.reduce((a, t) => a + t.transfersReceived, 0);
    expect(shipped).toBe(report.network.transfersShipped);
    expect(received).toBe(report.network.transfersReceived);
    expect(shipped).toBeGreaterThan(0);
  });

  it('lanes add up to what is on the road, and to what the destinations await', () => {
    const onLanes = v.lanes.reduce((a, l) => a + l.units, 0);
    expect(onLanes).toBe(report.network.onTheRoad.units);
    expect(v.sites.reduce((a, t) => a + t.inTransitIn.units, 0)).toBe(onLanes);
    expect(v.sites.reduce((a, t) => a + t.inTransitOut.units, 0)).toBe(report.network.inTransitUnits);
  });
});
