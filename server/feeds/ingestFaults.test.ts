import { INVENTORY_STATUSES } from '../../sim/index.ts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirrorExceptions } from '../../sim/mirrorApi.ts';
import { worldOf } from '../../sim/engineWorld.ts';
import { startTestServer, TEST_TOKENS } from '../live/testServer.ts';
import { listSegments } from './feedLogOpen.ts';

const GS = '\u001d';
const fault = { fsync: false, apply: false };

/** Regression tests of issue 11, findings 2, 3 and 10, through the HTTP feeds of a live server. */
describe('feed ingest: poison messages, faults between steps, reused ids, other sites', () => {
  let t: Awaited<ReturnType<typeof startTestServer>>;
  let token = '';
  let dock = '';
  let gtin = '';
  let sku = '';
  const engine = () => t.server.runner.applyExternal((e) => e);
  // The test's inspection hatch into the run's ledgers (server code itself never gets the world).
  const world = () => worldOf(engine());
  const folder = () => t.server.runner.currentRun().folder;
  const logBytes = () => listSegments(folder()).reduce((a, s) => a + statSync(s.file).size, 0);
  beforeAll(async () => {
    t = await startTestServer(
      { speed: 1, paused: true, until: null },
      {
        env: { BINTWIN_SITE_GLN_PREFIXES: '0614141' },
        feedIngest: {
          log: {
            hooks: {
              beforeFsync: (k) => {
                if (fault.fsync && k === 'entries') throw new Error('injected fsync failure');
              },
            },
          },
          // One-shot: the entry that meets it fails; the rebuild after it (replaying the log) does not.
          beforeApply: () => {
            if (!fault.apply) return;
            fault.apply = false;
            throw new Error('injected apply failure');
          },
        },
      },
    );
    const w = world();
    dock = w.site.layout!.bins.find((b) => b.type === 'dock' || b.type === 'staging')!.code;
    const item = w.site.items.find((i) => i.lotControlled)!;
    gtin = item.uoms[0]!.gtin;
    sku = item.sku;
    const r = await post('/api/devices', { id: 'rf-9', steps: ['receive', 'epcis'] }, TEST_TOKENS.admin);
    token = ((await r.json()) as { token: string }).token;
  });
  afterAll(() => t.stop());

  const post = (path: string, body: unknown, tok = token) =>
    fetch(t.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  let n = 0;
  const scan = (raw: string, extra: Record<string, unknown> = {}) => ({
    device: 'rf-9',
    user: 'u',
    role: 'receiver',
    step: 'receive',
    raw,
    clientEventId: `f${++n}`,
    deviceTime: new Date().toISOString(),
    ...extra,
  });
  const receiving = (lot: string, qty: number, extra: Record<string, unknown> = {}) => ({
    type: 'ObjectEvent',
    eventTime: new Date().toISOString(),
    eventTimeZoneOffset: '+00:00',
    epcList: [],
    action: 'ADD',
    bizStep: 'receiving',
    bizLocation: { id: `https://bintwin.dev/site/x/bin/${dock}` },
    quantityList: [{ epcClass: `https://id.gs1.org/01/${gtin}/10/${lot}`, quantity: qty }],
    ...extra,
  });
  const nest = (depth: number): unknown => {
    let v: unknown = 'x';
    for (let i = 0; i < depth; i++) v = { 'ex:n': v };
    return v;
  };
  const waitJob = async (loc: string) => {
    for (let i = 0; i < 200; i++) {
      const j = (await (
        await fetch(t.url + loc, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        running: boolean;
      } & Record<string, unknown>;
      if (!j.running) return j;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('job did not finish');
  };

  it('finding 2: an unknown-GTIN event nested 2,000 levels is refused (400, naming where), and stored exceptions stay bounded', async () => {
    const before = engine().feedEntriesApplied();
    const deep = receiving('LX', 1, {
      quantityList: [{ epcClass: 'https://id.gs1.org/01/00000000000017/10/X', quantity: 1 }],
      'ex:ext': nest(2000),
    });
    const r = await post('/epcis/events', deep);
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toMatch(/nested deeper than 32 levels at line 1/);
    expect(engine().feedEntriesApplied()).toBe(before);
    // Within the limits but large: flagged, and what the world keeps is a bounded string.
    const big = receiving('LX', 1, {
      quantityList: [{ epcClass: 'https://id.gs1.org/01/00000000000017/10/X', quantity: 1 }],
      'ex:ext': nest(25),
      'ex:text': 'y'.repeat(8000),
    });
    const f = await post('/epcis/events', big);
    expect(f.status).toBe(201);
    expect(await f.json()).toMatchObject({ status: 'flagged' });
    const x = mirrorExceptions(engine()).at(-1)!;
    expect(typeof x.message).toBe('string');
    expect(x.message.length).toBeLessThanOrEqual(2048);
    expect(x.truncated).toBe(true);
    expect(() => structuredClone(world().flow)).not.toThrow();
    const long = await post('/api/scans', { ...scan(dock), raw: 'z'.repeat(9000) });
    expect(long.status).toBe(413);
  });

  it('finding 3: an fsync failure answers 503 and applies nothing; the retry is applied once', async () => {
    // A receive scan with no PO is held (quarantine), one against a PO is available: count both.
    const onDock = (): number =>
      INVENTORY_STATUSES.reduce((n, st) => n + world().system.qty(dock, sku, 'LF', st), 0);
    const s1 = scan(dock);
    const s2 = scan(`]C1${'01' + gtin}10LF${GS}3012`);
    expect((await post('/api/scans', s1)).status).toBe(200);
    const before = {
      applied: engine().feedEntriesApplied(),
      qty: onDock(),
      bytes: logBytes(),
    };
    fault.fsync = true;
    const r = await post('/api/scans', s2);
    fault.fsync = false;
    expect(r.status).toBe(503);
    expect(JSON.stringify(await r.json())).toMatch(/nothing applied: injected fsync failure/);
    expect(engine().feedEntriesApplied()).toBe(before.applied);
    expect(onDock()).toBe(before.qty);
    expect(logBytes()).toBe(before.bytes);
    const again = (await (await post('/api/scans', s2)).json()) as { ok: boolean; duplicate: boolean };
    expect(again).toMatchObject({ ok: true, duplicate: false });
    expect(onDock()).toBe(before.qty + 12);
  });

  it('finding 3: an entry that throws while applied is answered 422 and quarantined, and the next one goes through', async () => {
    const before = engine().feedEntriesApplied();
    fault.apply = true;
    const r = await post(
      '/epcis/events',
      receiving('LQ', 2, { eventID: 'urn:uuid:00000000-0000-4000-8000-0000000000q1' }),
    );
    fault.apply = false;
    expect(r.status).toBe(422);
    expect(JSON.stringify(await r.json())).toMatch(/quarantined/);
    expect(engine().feedEntriesApplied()).toBe(before);
    const q = join(folder(), 'feed-quarantine.ndjson');
    expect(existsSync(q)).toBe(true);
    expect(readFileSync(q, 'utf8')).toMatch(/injected apply failure/);
    expect(mirrorExceptions(engine()).at(-1)!.kind).toBe('quarantined');
    expect((await post('/epcis/events', receiving('LQ', 2))).status).toBe(201);
    expect(engine().feedEntriesApplied()).toBe(before + 1);
  });

  it('finding 3: a rollback capture job with one invalid event applies nothing', async () => {
    const before = world().system.qty(dock, sku, 'LR', 'available');
    const doc = {
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: new Date().toISOString(),
      epcisBody: { eventList: [receiving('LR', 12), receiving('LR', 1, { action: 'JUMP' })] },
    };
    const c = await post('/epcis/capture', doc);
    expect(c.status).toBe(202);
    const job = await waitJob(c.headers.get('location')!);
    expect(job).toMatchObject({ success: false, captured: 0 });
    expect(world().system.qty(dock, sku, 'LR', 'available')).toBe(before);
    // The reported case: 12 units beside an event nested 8,000 deep. Refused whole, nothing applied.
    const deep = {
      ...doc,
      epcisBody: { eventList: [receiving('LR', 12), receiving('LR', 1, { 'ex:x': 'DEEP' })] },
    };
    // Built as text: JSON.stringify itself cannot nest 8,000 deep on a worker's stack.
    const text = JSON.stringify(deep).replace('"DEEP"', '{"ex:n":'.repeat(8000) + '"x"' + '}'.repeat(8000));
    const d = await post('/epcis/capture', text);
    expect(d.status).toBe(400);
    await new Promise((r) => setTimeout(r, 100));
    expect(world().system.qty(dock, sku, 'LR', 'available')).toBe(before);
  });

  it('finding 10: a reused id with other content is a 409 naming the fields; other companies and bad clocks', async () => {
    const s = scan(dock);
    expect((await post('/api/scans', s)).status).toBe(200);
    const re = await post('/api/scans', { ...s, raw: `${dock}X`, user: 'other' });
    expect(re.status).toBe(409);
    expect(await re.json()).toMatchObject({ fields: ['raw', 'user'] });
    // A scanner retrying the same client event id re-stamps deviceTime: the same scan, a duplicate.
    const first = (await (await post('/api/scans', s)).json()) as Record<string, unknown>;
    const later = new Date(Date.parse(s.deviceTime) + 5000).toISOString();
    const retry = await post('/api/scans', { ...s, deviceTime: later });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ ...first, duplicate: true });
    // Other content with a re-stamped clock: still a 409, naming the content, not the clock.
    const both = await post('/api/scans', { ...s, deviceTime: later, qty: 3 });
    expect(both.status).toBe(409);
    expect(await both.json()).toMatchObject({ fields: ['qty'] });
    const ev = receiving('LD', 1, { eventID: 'urn:uuid:00000000-0000-4000-8000-0000000000d1' });
    expect((await post('/epcis/events', ev)).status).toBe(201);
    expect((await post('/epcis/events', ev)).status).toBe(409);
    const changed = await post('/epcis/events', {
      ...ev,
      quantityList: [{ epcClass: `https://id.gs1.org/01/${gtin}/10/LD`, quantity: 5 }],
    });
    expect(changed.status).toBe(409);
    expect(await changed.json()).toMatchObject({ fields: ['quantityList'] });
    const before = world().system.qty(dock, sku, 'LO', 'available');
    const other = await post(
      '/epcis/events',
      receiving('LO', 4, { bizLocation: { id: `urn:epc:id:sgln:9999999.00000.${dock}` } }),
    );
    expect(other.status).toBe(422);
    expect(JSON.stringify(await other.json())).toMatch(/\/bizLocation\/id.*another company/);
    expect(world().system.qty(dock, sku, 'LO', 'available')).toBe(before);
    const ours = await post(
      '/epcis/events',
      receiving('LO', 4, { bizLocation: { id: `urn:epc:id:sgln:0614141.00000.${dock}` } }),
    );
    expect(ours.status).toBe(201);
    const old = (await (
      await post('/api/scans', scan(dock, { deviceTime: '1970-01-01T00:00:00Z' }))
    ).json()) as Record<string, unknown>;
    expect(old['ok']).toBe(true);
    expect(String(old['clockWarning'])).toMatch(/days old/);
    const future = await post('/epcis/events', receiving('LT', 1, { eventTime: '2099-01-01T00:00:00Z' }));
    expect(future.status).toBe(201);
    expect(String(((await future.json()) as Record<string, unknown>)['timeWarning'])).toMatch(
      /ahead of the server clock/,
    );
  });

  it('finding 3: a message that cannot be serialised is refused (400) and applies nothing', async () => {
    const before = engine().feedEntriesApplied();
    const bad = { ...scan(dock), qty: 10n } as unknown as Parameters<
      typeof t.server.feeds.ingest.submit
    >[1] extends { kind: 'scan'; scan: infer S }
      ? S
      : never;
    await expect(
      t.server.feeds.ingest.submit('scan:rf-9:big', { kind: 'scan', scan: bad }),
    ).rejects.toMatchObject({ status: 400 });
    expect(engine().feedEntriesApplied()).toBe(before);
  });
});
