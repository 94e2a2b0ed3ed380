import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioSchema, type JournalEvent, type TruthEvent } from '../sim/index.ts';
import { createEngine } from '../sim/engineApi.ts';
import { checkInvariants } from './invariants.ts';

const demo = scenarioSchema.parse(
  JSON.parse(readFileSync(new URL('../scenarios/demo-dc.json', import.meta.url), 'utf8')),
);

/**
 * demo-dc for a simulated week against the plausibility bands in the README: what a warehouse
 * person would expect of a mid-size DC, and the structural guarantees (no deadlock, no task that
 * never ends, no negative stock — the ledger throws on it).
 */
describe('demo-dc, one simulated week', () => {
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const e = createEngine(demo, { journal: (ev) => journal.push(ev), truth: (t) => truth.push(t) });
  e.runUntil(7 * 24 * 3_600_000);
  const k = e.kpis() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('keeps travel between 40% and 60% of discrete picking time', () => {
    expect(k.picking.method).toBe('discrete');
    expect(k.picking.travelShare).toBeGreaterThan(0.4);
    expect(k.picking.travelShare).toBeLessThan(0.6);
  });

  it('puts goods away in hours, not days', () => {
    expect(k.inbound.dockToStock.n).toBeGreaterThan(50);
    expect(k.inbound.dockToStock.medianHours).toBeLessThan(8);
    expect(k.inbound.dockToStock.p90Hours).toBeLessThan(24);
  });

  it('fills more than 95% of lines while stock is sufficient, and ships on time', () => {
    expect(k.lines.fillRate).toBeGreaterThan(0.95);
    expect(k.orders.onTimeRate).toBeGreaterThan(0.9);
    expect(k.picking.linesPerLabourHour).toBeGreaterThan(30);
  });

  it('has no deadlock: work keeps flowing to the end and every task ends or is pending', () => {
    expect(k.orders.open).toBeLessThan(k.orders.created * 0.05);
    expect(k.replenishment.open).toBeLessThan(20);
    expect(k.inbound.putaway.open).toBeLessThan(100);
    expect(checkInvariants(e, journal, truth)).toEqual([]);
  });

  it('holds realistic accuracy under low error rates, and the count program sees it', () => {
    expect(k.reconciliation.iraByTruth).toBeGreaterThan(0.9);
    expect(k.counting.iraAsCounted).toBeGreaterThan(0.9);
    expect(truth.length).toBeGreaterThan(0);
  });
});
