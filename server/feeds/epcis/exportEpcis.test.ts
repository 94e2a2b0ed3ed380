import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, scenarioSchema, type JournalEvent } from '../../../sim/index.ts';
import { journalToEpcis } from './journalToEpcis.ts';
import { validateEpcisDocument } from './epcisValidator.ts';

describe('EPCIS export of the journal', () => {
  it('validates against the EPCIS 2.0 schema (demo-dc, 6 hours, opening stock included)', () => {
    const scenario = scenarioSchema.parse(
      JSON.parse(readFileSync(new URL('../../../scenarios/demo-dc.json', import.meta.url), 'utf8')),
    );
    const journal: JournalEvent[] = [];
    const sim = createEngine(scenario, { journal: (e) => journal.push(e) });
    sim.runUntil(6 * 3_600_000);
    const doc = journalToEpcis(journal, sim.site().items, { run: 'demo' });
    const r = validateEpcisDocument(doc);
    expect(r.ok ? [] : r.problems.slice(0, 5)).toEqual([]);
  });
});
