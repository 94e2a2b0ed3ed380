import { describe, expect, it } from 'vitest';
import { createEngine, type JournalEvent } from '../sim/index.ts';
import { createEngine as createWorldEngine } from '../sim/engineApi.ts';
import { BINTWIN_NS, mirrorExceptions } from '../sim/mirrorApi.ts';
import { mapEpcisEvent } from '../sim/mirror/epcisMapping.ts';
import { journalToEpcis } from '../server/feeds/epcis/journalToEpcis.ts';
import { returnsSite } from '../sim/flows/returns/testSite.ts';

const HOUR = 3_600_000;
type Doc = { epcisBody: { eventList: Record<string, unknown>[] } };

describe('returns in EPCIS and the mirror', () => {
  it('exports return receipts and dispositions with CBV steps and replays them into a mirror', () => {
    const sc = returnsSite();
    const journal: JournalEvent[] = [];
    const sim = createEngine(sc, { journal: (e) => journal.push(e) });
    sim.runUntil(48 * HOUR);
    const doc = journalToEpcis(journal, sim.site().items, { run: 't', skipOpening: true }) as Doc;
    const byType = (t: string) => doc.epcisBody.eventList.filter((e) => e['bintwin:type'] === t);
    const steps: Record<string, [string, string]> = {
      'return.received': ['receiving', 'returned'],
      'return.reworkStarted': ['repairing', 'in_progress'],
      'return.vendorReturned': ['shipping', 'returned'],
      'return.scrapped': ['destroying', 'destroyed'],
      'rejected.vendorReturned': ['shipping', 'returned'],
    };
    for (const [type, [bizStep, disposition]] of Object.entries(steps)) {
      const evs = byType(type);
      expect(evs.length, type).toBeGreaterThan(0);
      for (const e of evs) expect([e['bizStep'], e['disposition']], type).toEqual([bizStep, disposition]);
    }
    // The mirror starts from the same site and opening stock and replays the export exactly.
    const mirror = createEngine(sc);
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
  }, 120_000);

  it("books another system's return receipt (receiving, disposition returned) into quarantine", () => {
    const w = createWorldEngine(returnsSite()).world;
    const bin = w.site.layout!.bins.find((b) => b.zone === 'RT')!.code;
    const item = w.site.items.find((i) => !i.lotControlled)!;
    const gtin = item.uoms.find((u) => u.factor === 1)!.gtin;
    const m = mapEpcisEvent(w, {
      type: 'ObjectEvent',
      action: 'ADD',
      bizStep: 'receiving',
      disposition: 'returned',
      eventTime: '2024-01-01T08:00:00.000Z',
      eventTimeZoneOffset: '+00:00',
      epcList: [],
      quantityList: [{ epcClass: `https://id.gs1.org/01/${gtin}`, quantity: 2 }],
      bizLocation: { id: bin },
    });
    expect(m.ok).toBe(true);
    expect(m.ok && m.bodies).toEqual([
      expect.objectContaining({
        type: 'epcis.receiving',
        bin,
        sku: item.sku,
        baseQty: 2,
        statusTo: 'quarantine',
      }),
    ]);
  });
});
