import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, scenarioSchema, type JournalEvent } from '../../../sim/index.ts';
import { journalToEpcis } from './journalToEpcis.ts';
import { BINTWIN_NS, mirrorExceptions } from '../../../sim/mirrorApi.ts';

const scenario = scenarioSchema.parse(
  JSON.parse(readFileSync(new URL('../../../scenarios/demo-dc.json', import.meta.url), 'utf8')),
);

describe('EPCIS export of a simulated run replays into a mirror', () => {
  it('gives the same system ledger (demo-dc, 8 hours)', () => {
    const journal: JournalEvent[] = [];
    const sim = createEngine(scenario, { journal: (e) => journal.push(e) });
    sim.runUntil(8 * 3_600_000);
    const doc = journalToEpcis(journal, sim.site().items, { run: 'test', skipOpening: true }) as {
      epcisBody: { eventList: Record<string, unknown>[] };
    };
    expect(doc.epcisBody.eventList.length).toBeGreaterThan(100);
    // The mirror starts from the same layout, item master and opening stock, and never runs.
    const mirror = createEngine(scenario);
    for (const e of doc.epcisBody.eventList) {
      const r = mirror.apply({
        type: 'feed',
        key: String(e['eventID']),
        entry: { kind: 'epcis', event: e, prefixes: { bintwin: BINTWIN_NS } },
      });
      expect(r.ok && (r.reply as { status?: string }).status, JSON.stringify(r)).toBe('applied');
    }
    expect(mirrorExceptions(mirror)).toEqual([]);
    expect(mirror.stock('system')).toEqual(sim.stock('system'));
  });
});
