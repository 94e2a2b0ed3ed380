import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayJournal, type JournalEvent } from '../../sim/index.ts';
import { fuzzFeeds } from '../fuzz/feedFuzz.ts';
import { runFiles } from '../live/dataDir.ts';
import { startTestServer, TEST_TOKENS } from '../live/testServer.ts';
import { conformancePath } from '../../test/conformance/conformancePath.ts';

const SEED = 7;
const COUNT = 300;

describe(`feed fuzz (seed ${SEED}, ${COUNT} requests, loopback)`, () => {
  let t: Awaited<ReturnType<typeof startTestServer>>;
  let token = '';
  beforeAll(async () => {
    t = await startTestServer({ speed: 1, paused: true, until: null });
    const r = await fetch(`${t.url}/api/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKENS.admin}` },
      body: JSON.stringify({
        id: 'fz',
        steps: ['receive', 'putaway', 'pick', 'replenish', 'move', 'count', 'epcis'],
      }),
    });
    token = ((await r.json()) as { token: string }).token;
  });
  afterAll(() => t.stop());

  it('no crash, no 5xx, every refusal explained, nothing half-applied, every acknowledgement logged', async () => {
    const w = t.server.runner.applyExternal((x) => x.site());
    const epcisSeeds = [
      'ObjectEvent.json',
      'AggregationEvent.json',
      'ObjectEvent_with_error_declaration.json',
      'TransactionEvent.json',
    ].map((f) => readFileSync(conformancePath('epcis', 'openepcis', 'valid', f), 'utf8'));
    const rep = await fuzzFeeds({
      seed: SEED,
      count: COUNT,
      baseUrl: t.url,
      token,
      epcisSeeds,
      bins: w.bins.map((b) => b.code),
      gtins: w.items.flatMap((i) => i.uoms.map((u) => u.gtin)),
      inspect: {
        // Every journal line on disk folds to exactly the system ledger: nothing half-applied.
        ledgerMatches: () => {
          const file = runFiles(t.server.runner.currentRun().folder).journal;
          const events = readFileSync(file, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as JournalEvent);
          const ledger = t.server.runner.applyExternal((x) => x.stock('system'));
          return JSON.stringify(replayJournal(events).state()) === JSON.stringify(ledger);
        },
        logged: (k) => t.server.feeds.ingest.seen(k),
        heapBytes: () => process.memoryUsage().heapUsed,
      },
      say: (l) => console.log(l),
    });
    expect(rep.samples).toEqual([]);
    expect(rep).toMatchObject({ crashes: 0, fiveXx: 0, unexplained: 0, halfApplied: 0, missingAcks: 0 });
  }, 90_000);
});
