import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayJournal, type JournalEvent } from '../../sim/index.ts';
import { startTestServer, TEST_TOKENS } from '../live/testServer.ts';
import type { FeedIngest, FeedIngestOptions } from './feedIngest.ts';
import { listJournalSegments } from '../live/journalSegments.ts';
import { worldOf } from '../../sim/engineWorld.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
type FeedEntry = Parameters<FeedIngest['submit']>[1];
/** Keys of the quarantined feed exceptions, as GET /api/feed/exceptions lists them. */
async function quarantined(t: TestServer): Promise<string[]> {
  const r = await fetch(`${t.url}/api/feed/exceptions`, {
    headers: { authorization: `Bearer ${TEST_TOKENS.admin}` },
  });
  const { exceptions } = (await r.json()) as { exceptions: { kind: string; key: string }[] };
  return exceptions.filter((x) => x.kind === 'quarantined').map((x) => x.key);
}
const POISON = 'epcis:poison';
const paused = { speed: 1, paused: true, until: null };

/**
 * Throws part-way through the poison entry: it applies the first of its two quantities (stock
 * on the dock, journal events, the applied count, the remembered event), then fails.
 */
const applyEntry: FeedIngestOptions['applyEntry'] = (engine, key, entry, apply) => {
  if (key !== POISON || entry.kind !== 'epcis') return apply(engine, key, entry);
  const q = entry.event['quantityList'] as unknown[];
  apply(engine, key, { ...entry, event: { ...entry.event, quantityList: [q[0]] } });
  throw new Error('injected failure after the first mutation');
};

describe('transactional apply: an entry that throws part-way leaves nothing applied', () => {
  let a: TestServer;
  let b: TestServer;
  let dock = '';
  let gtin = '';
  let lotted = '';
  const nodeEnv = process.env['NODE_ENV'];
  beforeAll(async () => {
    // lowdb keeps its documents in memory under NODE_ENV=test; the restart below needs runs.json.
    process.env['NODE_ENV'] = 'production';
    [a, b] = await Promise.all([
      startTestServer(paused, { feedIngest: { applyEntry } }),
      startTestServer(paused, { feedIngest: { applyEntry } }),
    ]);
    const w = worldOf(a.server.runner.applyExternal((x) => x));
    dock = w.site.layout!.bins.find((x) => x.type === 'dock' || x.type === 'staging')!.code;
    const item = w.site.items.find((i) => i.lotControlled)!;
    gtin = item.uoms[0]!.gtin;
    lotted = item.sku;
  });
  afterAll(async () => {
    process.env['NODE_ENV'] = nodeEnv;
    await a.stop();
    await b.stop();
  });

  const receiving = (id: string, lots: [string, number][]): FeedEntry => ({
    kind: 'epcis',
    prefixes: {},
    event: {
      type: 'ObjectEvent',
      eventID: `urn:uuid:${id}`,
      eventTime: '2026-12-01T10:00:00Z',
      eventTimeZoneOffset: '+00:00',
      epcList: [],
      action: 'ADD',
      bizStep: 'receiving',
      bizLocation: { id: `https://bintwin.dev/site/x/bin/${dock}` },
      quantityList: lots.map(([lot, quantity]) => ({
        epcClass: `https://id.gs1.org/01/${gtin}/10/${lot}`,
        quantity,
      })),
    },
  });
  const scan = (id: string, raw: string): FeedEntry => ({
    kind: 'scan',
    scan: {
      device: 'rf-r',
      user: 'u',
      role: 'receiver',
      step: 'receive',
      raw,
      clientEventId: id,
      deviceTime: '2026-12-01T10:00:00Z',
    },
  });
  /** Before, one batch (the poison between two good entries, one of them repeated), after. */
  const plan = (withPoison: boolean): [string, FeedEntry][][] => [
    [['epcis:e1', receiving('e1', [['LA', 3]])]],
    [
      ['epcis:e2', receiving('e2', [['LB', 2]])],
      ...(withPoison
        ? ([
            [
              POISON,
              receiving('poison', [
                ['LP', 5],
                ['LQ', 7],
              ]),
            ],
          ] as [string, FeedEntry][])
        : []),
      ['scan:rf-r:s1', scan('s1', dock)],
      [
        'epcis:e3',
        receiving('e3', [
          ['LC', 4],
          ['LD', 1],
        ]),
      ],
      [
        'epcis:e3',
        receiving('e3', [
          ['LC', 4],
          ['LD', 1],
        ]),
      ],
    ],
    [['epcis:e4', receiving('e4', [['LE', 6]])]],
  ];
  const send = async (t: TestServer, withPoison: boolean) => {
    const out: PromiseSettledResult<unknown>[][] = [];
    for (const batch of plan(withPoison))
      out.push(await Promise.allSettled(batch.map(([k, e]) => t.server.feeds.ingest.submit(k, e))));
    return out;
  };
  const state = async (t: TestServer) => {
    const runner = t.server.runner;
    await new Promise((r) => setTimeout(r, 1200)); // a publish with fresh KPIs (refreshed once a second)
    runner.tick();
    const engine = runner.applyExternal((x) => x);
    const w = worldOf(engine);
    const view = structuredClone(runner.view()) as Partial<ReturnType<typeof runner.view>>;
    delete view.seq;
    view.alerts = view.alerts!.filter((x) => x.kind !== 'feed-quarantined');
    const journal = listJournalSegments(runner.currentRun().folder)
      .map((s) => readFileSync(s.file, 'utf8'))
      .join('');
    return {
      system: w.system.state(),
      physical: w.physical.state(),
      applied: engine.feedEntriesApplied(),
      journal,
      view,
    };
  };

  it('after the 422, ledgers, journal and projection equal those of a server that never saw the entry; and after a restart', async () => {
    const [ra, rb] = await Promise.all([send(a, true), send(b, false)]);
    const poisoned = ra[1]![1]!;
    expect(poisoned.status).toBe('rejected');
    expect(String((poisoned as PromiseRejectedResult).reason)).toMatch(
      /injected failure after the first mutation/,
    );
    expect((poisoned as PromiseRejectedResult).reason).toMatchObject({ status: 422 });
    // Everything else was answered as on the server that never saw it (the repeat as a duplicate).
    const answers = (r: PromiseSettledResult<unknown>[][]) =>
      r.flat().map((x) => (x.status === 'fulfilled' ? x.value : 'refused'));
    expect(answers(ra).filter((_, i) => i !== 2)).toEqual(answers(rb));
    expect(answers(rb)[4]).toMatchObject({ duplicate: true });

    const wa = worldOf(a.server.runner.applyExternal((x) => x));
    const onDock = (lot: string) =>
      wa.system.qty(dock, lotted, lot, 'available') + wa.system.qty(dock, lotted, lot, 'quarantine');
    expect(onDock('LP')).toBe(0);
    const sa = await state(a);
    const sb = await state(b);
    expect(sa.journal).not.toMatch(/"LP"/);
    expect(sa.journal.length).toBe(sb.journal.length);
    expect(sa).toEqual(sb);
    // The operator still sees what was refused: once, as a quarantined feed exception.
    expect(await quarantined(a)).toEqual([POISON]);
    expect(readFileSync(join(a.server.runner.currentRun().folder, 'feed-quarantine.ndjson'), 'utf8')).toMatch(
      /injected failure/,
    );

    // A retry of a good one is a duplicate; the poison's id is free for a corrected message.
    const again = await a.server.feeds.ingest.submit(
      'epcis:e3',
      receiving('e3', [
        ['LC', 4],
        ['LD', 1],
      ]),
    );
    expect(again.duplicate).toBe(true);

    // Restart: the rebuilt state comes back from the files, the same, and the exception once.
    await a.server.close();
    a = await startTestServer(paused, { dataDir: a.dataDir, feedIngest: { applyEntry } });
    const sa2 = await state(a);
    expect(sa2).toEqual(sb);
    expect(await quarantined(a)).toEqual([POISON]);
    expect((await a.server.feeds.ingest.submit('epcis:e4', receiving('e4', [['LE', 6]]))).duplicate).toBe(
      true,
    );
  }, 60_000);

  it('at start-up, a logged entry that throws part-way on replay is voided and the replay starts over without it', async () => {
    let c = await startTestServer(paused);
    const folder = c.server.runner.currentRun().folder;
    // The checkpoint from before the entries: restoring it afterwards makes them the backlog,
    // as a crash after their log write would.
    copyFileSync(join(folder, 'checkpoint.json'), join(c.dataDir, 'cp0.json'));
    for (const [k, e] of [
      ['epcis:r1', receiving('r1', [['LR', 2]])],
      [
        POISON,
        receiving('poison', [
          ['LS', 5],
          ['LT', 7],
        ]),
      ],
      ['epcis:r3', receiving('r3', [['LU', 4]])],
    ] as [string, FeedEntry][])
      await c.server.feeds.ingest.submit(k, e);
    await c.server.close();
    copyFileSync(join(c.dataDir, 'cp0.json'), join(folder, 'checkpoint.json'));
    c = await startTestServer(paused, { dataDir: c.dataDir, feedIngest: { applyEntry } });
    try {
      const engine = c.server.runner.applyExternal((x) => x);
      const w = worldOf(engine);
      const onDock = (lot: string) =>
        w.system.qty(dock, lotted, lot, 'available') + w.system.qty(dock, lotted, lot, 'quarantine');
      expect([onDock('LR'), onDock('LS'), onDock('LT'), onDock('LU')]).toEqual([2, 0, 0, 4]);
      expect(engine.feedEntriesApplied()).toBe(2);
      const journal = readFileSync(join(folder, 'journal.ndjson'), 'utf8');
      expect(journal).not.toMatch(/"LS"/);
      const events = journal
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as JournalEvent);
      expect(replayJournal(events).state()).toEqual(w.system.state());
      expect(await quarantined(c)).toEqual([POISON]);
      expect(readFileSync(join(folder, 'feed-quarantine.ndjson'), 'utf8')).toMatch(
        /could not be applied \(replay\)/,
      );
    } finally {
      await c.stop();
    }
  }, 60_000);
});
