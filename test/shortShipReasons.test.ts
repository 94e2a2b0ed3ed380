import { describe, expect, it } from 'vitest';
import { createEngine, type JournalEvent } from '../sim/index.ts';
import { loadScenario } from '../server/scenarioLoader.ts';

const HOUR = 3_600_000;
const CAUSES = ['no-stock', 'committed', 'blocked', 'not-put-away', 'held-after-short-pick', 'short-pick'];

describe('short shipments say why', () => {
  it('every line shipped short has a cause in lines.shortByCause, and each short order names its causes', () => {
    const journal: JournalEvent[] = [];
    const e = createEngine(loadScenario('demo-dc').scenario, { journal: (ev) => journal.push(ev) });
    e.runUntil(72 * HOUR);
    const k = e.kpis();
    expect(k.lines.short).toBeGreaterThan(50);
    const by = k.lines.shortByCause;
    expect(Object.values(by).reduce((a, b) => a + b, 0)).toBe(k.lines.short);
    for (const c of Object.keys(by)) expect(CAUSES).toContain(c);
    // demo-dc's short lines are mostly stock-outs of availability (none of the SKU, or all of it promised).
    expect((by['no-stock'] ?? 0) + (by['committed'] ?? 0)).toBeGreaterThan(k.lines.short / 2);
    const shortPicked = new Set(journal.filter((x) => x.type === 'pick.short').map((x) => x.docs!.order!));
    const orders = journal.filter((x) => x.type === 'order.shortShipped');
    expect(orders.length).toBe(k.orders.shortShipped);
    let named = 0;
    for (const o of orders) {
      const causes = (o.reason ?? '').split(',');
      for (const c of causes) expect(CAUSES, o.docs!.order).toContain(c);
      named += causes.length;
      // A line picked short had a short pick on the floor.
      if (causes.includes('short-pick')) expect(shortPicked.has(o.docs!.order!)).toBe(true);
    }
    expect(named).toBeLessThanOrEqual(k.lines.short);
  });
});
