import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioSchema, type JournalEvent, type TruthEvent } from '../sim/index.ts';
import { createEngine } from '../sim/engineApi.ts';
import { checkInvariants } from './invariants.ts';

const load = (name: string) =>
  scenarioSchema.parse(
    JSON.parse(readFileSync(new URL(`../scenarios/${name}.json`, import.meta.url), 'utf8')),
  );

/** Seeds that once broke an invariant stay here as named regression cases. */
const REGRESSION_SEEDS: number[] = [];

describe('warehouse invariants (seeded property test)', () => {
  const seeds = [1, 2, 3, ...REGRESSION_SEEDS];
  it.each(seeds)('demo-dc, seed %s: conservation, capacity, compatibility, allocation, open work', (seed) => {
    const journal: JournalEvent[] = [];
    const truth: TruthEvent[] = [];
    const e = createEngine(load('demo-dc'), {
      seed,
      journal: (ev) => journal.push(ev),
      truth: (t) => truth.push(t),
    });
    for (const h of [10, 20, 36]) {
      e.runUntil(h * 3_600_000);
      expect(checkInvariants(e, journal, truth), `at ${h} h`).toEqual([]);
    }
    expect(e.kpis().orders.created).toBeGreaterThan(500);
  });

  it('flags an event whose ledger shape is not the effect its catalogue entry declares', () => {
    const journal: JournalEvent[] = [];
    const truth: TruthEvent[] = [];
    const e = createEngine(load('demo-dc'), {
      journal: (ev) => journal.push(ev),
      truth: (t) => truth.push(t),
    });
    e.runUntil(8 * 3_600_000);
    expect(checkInvariants(e, journal, truth)).toEqual([]);
    // A pick booked without its destination status takes stock out: an outflow, not the move declared.
    const i = journal.findIndex((ev) => ev.type === 'pick.confirmed');
    const bad = journal.map((ev, k) => (k === i ? { ...ev, statusTo: undefined } : ev)) as JournalEvent[];
    expect(checkInvariants(e, bad, truth)).toContain(
      `${journal[i]!.id} pick.confirmed is declared move but the ledger sees outflow`,
    );
  });
});
