import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioSchema, type JournalEvent, type TruthEvent } from '../sim/index.ts';
import { createEngine } from '../sim/engineApi.ts';
import { injectException } from '../sim/exceptions/injectException.ts';
import { projectView } from '../sim/view/projection.ts';

const demo = scenarioSchema.parse(
  JSON.parse(readFileSync(new URL('../scenarios/demo-dc.json', import.meta.url), 'utf8')),
);
const HOUR = 3_600_000;

/** Scan compliance recomputed from the outputs alone: the journal and the truth log. */
function complianceFrom(journal: readonly JournalEvent[], truth: readonly TruthEvent[]) {
  const moves = journal.filter(
    (e) => e.toBin !== undefined && e.baseQty !== undefined && e.baseQty > 0 && e.toBin !== e.bin,
  );
  const scanned = moves.filter((e) => e.actor?.device !== undefined && e.actor.method === undefined).length;
  const unscanned = truth.filter((t) => t.cause === 'unscannedMove').length;
  return { scanned, movements: moves.length + unscanned, unscanned };
}

describe('scan compliance from the journal (demo-dc to Thursday’s early shift)', () => {
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const e = createEngine(demo, { journal: (x) => journal.push(x), truth: (t) => truth.push(t) });
  // Through Thursday's early shift: by then POs raised in the week arrive, so putaways (and their
  // supervised overrides) are among the steps.
  e.runUntil(3 * 24 * HOUR + 13.5 * HOUR);
  const k = e.kpis();

  it('every step a worker confirms carries that worker’s own device; scanned, keyed and overridden steps are told apart', () => {
    const byWorker = new Map<string, string>();
    let withWorker = 0;
    for (const ev of journal) {
      if (!ev.actor || ev.actor.worker === 'system') continue;
      withWorker++;
      expect(ev.actor.device, `${ev.id} ${ev.type}`).toMatch(/^RF-\d{3}$/);
      const known = byWorker.get(ev.actor.worker);
      if (known) expect(ev.actor.device).toBe(known);
      else byWorker.set(ev.actor.worker, ev.actor.device!);
    }
    expect(withWorker).toBeGreaterThan(5000);
    // One handheld per person: no two workers share a device.
    expect(new Set(byWorker.values()).size).toBe(byWorker.size);
    // The floor view's worker info shows the same device.
    const run = { runId: 'r', scenario: 'demo-dc', seed: '1', speed: 60, paused: false, until: null };
    for (const wv of projectView(e, run, 0).workers) {
      const seen = byWorker.get(wv.code);
      if (seen) expect(wv.device).toBe(seen);
    }
    const methods = new Set(journal.map((x) => x.actor?.method ?? (x.actor?.device ? 'scan' : 'none')));
    expect([...methods].sort()).toEqual(['keyed', 'none', 'override', 'scan']);
    expect(
      journal
        .filter((x) => x.type === 'putaway.overrideApproved')
        .every((x) => x.actor?.method === 'override'),
    ).toBe(true);
  });

  it('the KPI equals scan compliance recomputed from journal and truth log', () => {
    const c = complianceFrom(journal, truth);
    expect(k.scanning.movements).toBe(c.movements);
    expect(k.scanning.scanned).toBe(c.scanned);
    expect(k.scanning.scanCompliance).toBe(Math.round((c.scanned / c.movements) * 1e6) / 1e6);
    // Keying happens at the scenario's rate (1%): far from 0 and from everything.
    expect(k.scanning.keyed / c.movements).toBeGreaterThan(0.004);
    expect(k.scanning.keyed / c.movements).toBeLessThan(0.02);
    // Overrides are the supervisor’s approvals (a rejection and the movement into the
    // approved bin carry `method: "override"` too, so they are not counted from the method).
    const overrides = journal.filter((x) => x.type === 'putaway.overrideApproved').length;
    expect(overrides).toBeGreaterThan(0);
    expect(k.scanning.overrides).toBe(overrides);
    const kinds = k.scanning.directedTasksByKind;
    for (const kind of ['pick', 'putaway', 'replenishment', 'count']) expect(kinds[kind]).toBeGreaterThan(0);
    expect(k.scanning.overrideFrequency).toBe(Math.round((overrides / k.scanning.directedTasks) * 1e6) / 1e6);
  });

  it('counts a movement into an override bin as overridden, one per approved override', () => {
    const moves = journal.filter(
      (x) => x.toBin !== undefined && x.baseQty !== undefined && x.baseQty > 0 && x.toBin !== x.bin,
    );
    const overriddenMoves = moves.filter((x) => x.actor?.method === 'override');
    expect(overriddenMoves.length).toBeGreaterThan(0);
    expect(k.scanning.overridden).toBe(overriddenMoves.length);
    // Every such movement is the confirmation of an approved override, into the approved bin.
    const approved = journal.filter((x) => x.type === 'putaway.overrideApproved');
    expect(overriddenMoves.length).toBe(approved.length);
    for (const m of overriddenMoves) {
      const ov = approved.find((x) => x.docs?.task === m.docs?.task);
      expect(ov?.toBin, m.id).toBe(m.toBin);
    }
  });

  it('injected unscanned moves lower compliance by exactly the expected amount', () => {
    const before = complianceFrom(journal, truth);
    let injected = 0;
    for (let i = 0; i < 1000 && injected < 25; i++)
      if (injectException(e.world, 'unscannedMove').ok) injected++;
    expect(injected).toBe(25);
    const after = e.kpis().scanning;
    expect(after.movements).toBe(before.movements + 25);
    expect(after.unscannedMoves).toBe(before.unscanned + 25);
    expect(after.scanned).toBe(before.scanned);
    expect(after.scanCompliance).toBe(Math.round((before.scanned / (before.movements + 25)) * 1e6) / 1e6);
    expect(after.scanCompliance!).toBeLessThan(k.scanning.scanCompliance!);
    expect(complianceFrom(journal, truth).movements).toBe(after.movements);
  });
});
