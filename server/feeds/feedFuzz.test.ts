import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayJournal, type JournalEvent } from '../../sim/index.ts';
import { runFiles } from '../live/dataDir.ts';
import { startTestServer, TEST_TOKENS } from '../live/testServer.ts';
import { conformancePath } from '../../test/conformance/conformancePath.ts';

/** Seeded PRNG (mulberry32): the same seed gives the same inputs, so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

  it('never crashes or answers 5xx, always gives a reason, and the journal folds to the ledger', async () => {
    const r = rng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const w = t.server.runner.applyExternal((x) => x);
    const bins = w.site.layout!.bins.map((b) => b.code);
    const gtins = w.site.items.flatMap((i) => i.uoms.map((u) => u.gtin));
    const seeds = [
      'ObjectEvent.json',
      'AggregationEvent.json',
      'ObjectEvent_with_error_declaration.json',
      'TransactionEvent.json',
    ].map((f) => readFileSync(conformancePath('epcis', 'openepcis', 'valid', f), 'utf8'));
    const raws = () =>
      pick([
        pick(bins),
        `]C101${pick(gtins)}10L${Math.floor(r() * 9)}\u001d30${1 + Math.floor(r() * 50)}`,
        `]C100${'0'.repeat(17)}0`,
        `]d2https://id.gs1.org/01/${pick(gtins)}`,
        'garbage',
        '',
      ]);
    const mutate = (s: string): string => {
      const chars = [...s];
      const k = 1 + Math.floor(r() * 4);
      for (let i = 0; i < k; i++) {
        const p = Math.floor(r() * chars.length);
        const op = r();
        if (op < 0.4) chars[p] = String.fromCharCode(32 + Math.floor(r() * 95));
        else if (op < 0.7) chars.splice(p, 1);
        else chars.splice(p, 0, pick(['{', '}', '"', ',', ':', '[', ']', '0', 'null']));
      }
      return chars.join('');
    };
    let n = 0;
    for (let i = 0; i < COUNT; i++) {
      let path: string;
      let body: string;
      if (r() < 0.6) {
        path = '/api/scans';
        const msg: Record<string, unknown> = {
          device: 'fz',
          user: 'u',
          role: 'r',
          step: pick(['receive', 'putaway', 'pick', 'replenish', 'move', 'count', 'bogus']),
          raw: raws(),
          clientEventId: `f${n++ % 120}`,
          deviceTime: pick(['2024-01-01T00:00:00Z', '2023-12-31T23:59:59.999+01:00', 'yesterday']),
        };
        if (r() < 0.5) msg['qty'] = pick([1, 5, 12, 0, -3, 1.5, 1e9]);
        body = JSON.stringify(r() < 0.3 ? [msg, { ...msg, clientEventId: `g${n}` }] : msg);
        if (r() < 0.3) body = mutate(body);
      } else {
        const doc = JSON.parse(pick(seeds)) as { epcisBody: { eventList: unknown[] } };
        if (r() < 0.5) {
          path = '/epcis/events';
          body = JSON.stringify(pick(doc.epcisBody.eventList));
        } else {
          path = '/epcis/capture';
          body = JSON.stringify(doc);
        }
        if (r() < 0.6) body = mutate(body);
      }
      const res = await fetch(t.url + path, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(r() < 0.2 ? { 'gs1-capture-error-behaviour': 'proceed' } : {}),
        },
        body,
      });
      const text = await res.text();
      expect(res.status, `${path} ${body.slice(0, 200)} -> ${text}`).toBeLessThan(500);
      if (res.status >= 400) expect(JSON.parse(text)).toHaveProperty('error');
      if (res.status === 200 && path === '/api/scans') {
        const a = JSON.parse(text) as {
          ok?: boolean;
          reason?: string;
          results?: { ok: boolean; reason?: string }[];
        };
        for (const x of a.results ?? [a]) if (x.ok === false) expect(x.reason).toBeTruthy();
      }
    }
    // Every journal line on disk folds to exactly the system ledger: nothing half-applied.
    await new Promise((res) => setTimeout(res, 200));
    const file = runFiles(t.server.runner.currentRun().folder).journal;
    const events = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as JournalEvent);
    const ledger = t.server.runner.applyExternal((x) => x.system.state());
    expect(replayJournal(events).state()).toEqual(ledger);
  }, 60_000);
});
