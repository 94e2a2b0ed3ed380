import { describe, expect, it } from 'vitest';
import {
  createEngine,
  scenarioSchema,
  type JournalEvent,
  type Scenario,
  type TruthEvent,
} from '../../index.ts';
import type { InboundKpis } from './inboundKpis.ts';
import { DISCREPANCY_CODES } from './inboundSchema.ts';
import demo from './fixtures/inbound-demo.json' with { type: 'json' };

const HOUR = 3_600_000;

/** The inbound fixture with frequent supplier and delivery errors and a given notice probability. */
function withErrors(notice: number): Scenario {
  return scenarioSchema.parse({
    ...demo,
    inbound: {
      ...demo.inbound,
      supplierErrors: { wrongItem: 0.1, noPo: 0.3, labelling: 0.1, damaged: 0.1 },
      discrepancyNotice: notice,
    },
    exceptions: { rates: { shortReceipt: 0.1, overReceipt: 0.1 } },
  });
}

function run(sc: Scenario): { journal: JournalEvent[]; truth: TruthEvent[]; k: InboundKpis } {
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const e = createEngine(sc, { journal: (ev) => journal.push(ev), truth: (t) => truth.push(t) });
  e.runUntil(30 * HOUR);
  const k = (e.kpis() as unknown as Record<string, unknown>)['inbound'] as InboundKpis;
  return { journal, truth, k };
}

const RECEIVING = new Set(['shortReceipt', 'overReceipt', 'damagedLeftAvailable']);

describe('receipt discrepancies', () => {
  it('noticed every time: recorded through the chart with their code, and no receiving gap', () => {
    const { journal, truth, k } = run(withErrors(1));
    // Every code was recorded and carried by a journal event.
    const reasons = journal.map((e) => e.reason ?? '').filter((r) => r.startsWith('discrepancy:'));
    for (const code of DISCREPANCY_CODES) {
      expect(
        reasons.some((r) => r.split(' ')[0]!.split(/[:,]/).includes(code)),
        code,
      ).toBe(true);
      expect(k.discrepancies.recorded[code], code).toBeGreaterThan(0);
      expect(k.discrepancies.unnoticed[code], code).toBe(0);
    }
    // Only receiving errors are injected, and all are noticed: the two ledgers never part.
    expect(truth).toEqual([]);
    expect(journal.some((e) => e.type === 'receipt.damageRecorded' && e.statusTo === 'damaged')).toBe(true);
    expect(journal.some((e) => e.type === 'receipt.unknownPoHeld' && e.statusTo === 'quarantine')).toBe(true);
    expect(k.discrepancies.rate).toBeGreaterThan(0);
  });

  it('never noticed: nothing is recorded and each error is a physical-only exception', () => {
    const { journal, truth, k } = run(withErrors(0));
    expect(journal.some((e) => (e.reason ?? '').includes('discrepancy:'))).toBe(false);
    for (const code of DISCREPANCY_CODES) expect(k.discrepancies.recorded[code], code).toBe(0);
    const made = truth.filter((t) => RECEIVING.has(t.cause));
    const missed = k.discrepancies.unnoticed;
    // Each line with unnoticed errors that move stock opens the gap once (labelling moves none).
    const withEffect = missed.short! + missed.over! + missed.damaged! + missed.wrongItem! + missed.noPo!;
    expect(made.length).toBeGreaterThan(0);
    expect(made.length).toBeLessThanOrEqual(withEffect);
    expect(made.every((t) => t.delta.length > 0 && t.supplier !== undefined)).toBe(true);
    expect(missed.labelling).toBeGreaterThan(0);
    expect(k.discrepancies.rate).toBe(0);
  });
});
