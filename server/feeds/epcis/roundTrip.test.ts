import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, scenarioSchema, type JournalEvent } from '../../../sim/index.ts';
import { captureEpcisEvent } from '../../../sim/mirror/captureEpcisEvent.ts';
import { journalToEpcis } from './journalToEpcis.ts';
import { BINTWIN_NS } from '../../../sim/mirror/epcisMapping.ts';
import { mirrorState } from '../../../sim/mirror/mirrorState.ts';

const scenario = scenarioSchema.parse(
  JSON.parse(readFileSync(new URL('../../../scenarios/demo-dc.json', import.meta.url), 'utf8')),
);

describe('EPCIS export of a simulated run replays into a mirror', () => {
  it('gives the same system ledger (demo-dc, 8 hours)', () => {
    const journal: JournalEvent[] = [];
    const sim = createEngine(scenario, { journal: (e) => journal.push(e) });
    sim.runUntil(8 * 3_600_000);
    const doc = journalToEpcis(journal, sim.world.site.items, { run: 'test', skipOpening: true }) as {
      epcisBody: { eventList: Record<string, unknown>[] };
    };
    expect(doc.epcisBody.eventList.length).toBeGreaterThan(100);
    // The mirror starts from the same layout, item master and opening stock, and never runs.
    const mirror = createEngine(scenario).world;
    for (const e of doc.epcisBody.eventList) {
      const r = captureEpcisEvent(mirror, e, String(e['eventID']), { bintwin: BINTWIN_NS });
      expect(r.status, JSON.stringify(r)).toBe('applied');
    }
    expect(mirrorState(mirror).exceptions).toEqual([]);
    expect(mirror.system.state()).toEqual(sim.world.system.state());
  });
});
