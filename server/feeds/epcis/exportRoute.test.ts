import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../sim/index.ts';
import { runFiles } from '../../live/dataDir.ts';
import { startTestServer, TEST_TOKENS } from '../../live/testServer.ts';
import { validateEpcisDocument } from './epcisValidator.ts';
import { journalToEpcis } from './journalToEpcis.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;
type Doc = { epcisBody: { eventList: { eventID: string }[] } };

describe('issue 11 finding 5: GET /epcis/export streams pages', () => {
  let t: Started;
  beforeAll(async () => {
    t = await startTestServer({ speed: 1, paused: true, until: null });
    await t.server.runner.control({ type: 'control.jump', simTime: 6 * 3_600_000 });
  }, 60_000);
  afterAll(() => t.stop());
  const get = (path: string) =>
    fetch(t.url + path, { headers: { authorization: `Bearer ${TEST_TOKENS.trainer}` } });

  it('pages through the journal with Link rel="next"; the pages add up to the whole export', async () => {
    const journal = readFileSync(runFiles(t.server.runner.currentRun().folder).journal, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as JournalEvent);
    const items = t.server.runner.applyExternal((e) => e.site().items);
    const whole = journalToEpcis(journal, items, { run: t.server.runner.status().runId }) as Doc;
    const limit = Math.ceil(journal.length / 4);
    const ids: string[] = [];
    let next: string | null = `/epcis/export?limit=${limit}`;
    let pages = 0;
    while (next) {
      const r = await get(next);
      expect(r.status).toBe(200);
      const doc = (await r.json()) as Doc;
      if (pages === 0) {
        const v = validateEpcisDocument(doc);
        expect(v.ok ? [] : v.problems.slice(0, 3)).toEqual([]);
      }
      ids.push(...doc.epcisBody.eventList.map((e) => e.eventID));
      const link = r.headers.get('link');
      next = link ? /<([^>]+)>; rel="next"/.exec(link)![1]! : null;
      pages++;
    }
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(5);
    expect(ids).toEqual(whole.epcisBody.eventList.map((e) => e.eventID));
    expect((await get('/epcis/export?limit=0')).status).toBe(400);
    expect((await get('/epcis/export?from=x')).status).toBe(400);
  });

  it('streams the journal download in whole lines', async () => {
    const id = t.server.runner.status().runId;
    const r = await get(`/api/runs/${id}/journal`);
    const text = await r.text();
    expect(text).toBe(readFileSync(runFiles(t.server.runner.currentRun().folder).journal, 'utf8'));
  });
});
