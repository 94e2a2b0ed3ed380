import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  scenarioSchema,
  TRANSACTION_TYPES,
  transactionSpec,
  type JournalEvent,
} from '../../../sim/index.ts';
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
    // Steps and dispositions come from the transaction catalogue.
    const events = (doc as { epcisBody: { eventList: Record<string, unknown>[] } }).epcisBody.eventList;
    const picks = events.filter((e) => e['bintwin:type'] === 'pick.confirmed');
    expect(picks.length).toBeGreaterThan(0);
    for (const e of picks) expect([e['bizStep'], e['disposition']]).toEqual(['picking', 'reserved']);
  });

  it('uses only CBV steps and dispositions of the vendored schema, or bintwin step URIs', () => {
    const schema = JSON.parse(
      readFileSync(new URL('./schema/EPCIS-JSON-Schema.json', import.meta.url), 'utf8'),
    );
    const cbv = (name: string): string[] => schema.definitions[name].anyOf[1].enum;
    const steps = cbv('bizStep');
    const dispositions = cbv('disposition');
    const wrong: string[] = [];
    for (const t of TRANSACTION_TYPES) {
      const x = transactionSpec(t).epcis;
      if (!('bizStep' in x)) continue;
      if (!steps.includes(x.bizStep) && !x.bizStep.startsWith('https://bintwin.dev/voc/BizStep-'))
        wrong.push(`${t}: step ${x.bizStep}`);
      if (x.disposition !== null && !dispositions.includes(x.disposition))
        wrong.push(`${t}: disposition ${x.disposition}`);
    }
    expect(wrong).toEqual([]);
  });
});
