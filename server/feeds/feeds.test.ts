import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, TEST_TOKENS, waitFor } from '../live/testServer.ts';
import { mirrorExceptions } from '../../sim/mirrorApi.ts';
import { worldOf } from '../../sim/engineWorld.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;
const GS = '\u001d';

describe('scanner and EPCIS feeds', () => {
  let t: Started;
  let token = '';
  let dock = '';
  let gtin = '';
  let sku = '';
  let lotItem = true;
  const engine = () => t.server.runner.applyExternal((e) => e);
  // The test's inspection hatch into the run's ledgers (server code itself never gets the world).
  const world = () => worldOf(engine());
  beforeAll(async () => {
    // Paused: nothing simulated moves stock while the feed does.
    t = await startTestServer({ speed: 1, paused: true, until: null });
    const w = world();
    dock = w.site.layout!.bins.find((b) => b.type === 'dock' || b.type === 'staging')!.code;
    const item = w.site.items.find((i) => i.lotControlled)!;
    gtin = item.uoms[0]!.gtin;
    sku = item.sku;
    lotItem = item.lotControlled;
    const r = await post(
      '/api/devices',
      { id: 'rf-01', steps: ['receive', 'putaway', 'pick', 'epcis'] },
      TEST_TOKENS.admin,
    );
    expect(r.status).toBe(201);
    token = ((await r.json()) as { token: string }).token;
  });
  afterAll(() => t.stop());

  const post = (path: string, body: unknown, tok?: string, headers: Record<string, string> = {}) =>
    fetch(t.url + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(tok ? { authorization: `Bearer ${tok}` } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  let n = 0;
  const scan = (step: string, raw: string, extra: Record<string, unknown> = {}) => ({
    device: 'rf-01',
    user: 'u1',
    role: 'receiver',
    step,
    raw,
    clientEventId: `c${++n}`,
    deviceTime: '2024-01-01T08:00:00.000+01:00',
    ...extra,
  });

  it('refuses unknown tokens (401), steps outside the device (403), bad JSON (400 with position), big bodies (413)', async () => {
    expect((await post('/api/scans', scan('receive', dock), 'nope')).status).toBe(401);
    expect((await post('/api/scans', scan('receive', dock))).status).toBe(401);
    expect((await post('/api/scans', scan('count', dock), token)).status).toBe(403);
    const bad = await post('/api/scans', '{"device": "rf-01",\n "raw": }', token);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ line: 2 });
    const invalid = await post('/api/scans', { ...scan('receive', dock), qty: 'x' }, token);
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(await invalid.json())).toMatch(/qty/);
    expect((await post('/api/scans', 'x'.repeat(300_000), token)).status).toBe(413);
  });

  it('assembles receive scans into a receipt line against an open PO, durable and applied once', async () => {
    const before = world().system.qty(dock, sku, 'LOTA', 'available');
    // The WMS sends the open PO first (trainer/admin token or an epcis device).
    const po = { po: 'PO-T1', supplier: 'ACME', lines: [{ sku, qty: 8 }] };
    expect((await post('/api/feed/orders', po, token)).status).toBe(201);
    const dup = await post('/api/feed/orders', po, token);
    expect(dup.status).toBe(400);
    expect(JSON.stringify(await dup.json())).toMatch(/PO-T1: this PO number is already in the PO book/);
    const r1 = await post('/api/scans', scan('receive', dock), token);
    expect(await r1.json()).toMatchObject({ ok: true, accepted: 'from', next: 'item' });
    const item = scan('receive', `]C1${'01' + gtin}10LOTA${GS}305`);
    const r2 = (await (await post('/api/scans', item, token)).json()) as { ok: boolean; eventIds: string[] };
    expect(r2).toMatchObject({
      ok: true,
      accepted: 'line',
      duplicate: false,
      status: 'received',
      po: 'PO-T1',
      line: 1,
    });
    expect(world().system.qty(dock, sku, 'LOTA', 'available')).toBe(before + 5);
    const again = (await (await post('/api/scans', item, token)).json()) as { duplicate: boolean };
    expect(again.duplicate).toBe(true);
    expect(world().system.qty(dock, sku, 'LOTA', 'available')).toBe(before + 5);
    // The PO line's open quantity went down by what was received.
    const book = (await (await fetch(`${t.url}/api/feed/orders`)).json()) as {
      orders: { po: string; lines: { received: number; open: number }[] }[];
    };
    expect(book.orders.find((o) => o.po === 'PO-T1')!.lines[0]).toMatchObject({ received: 5, open: 3 });
    // More than the line takes beyond the over-receipt tolerance (5%) is refused, nothing booked.
    const over = (await (
      await post('/api/scans', scan('receive', `]C1${'01' + gtin}10LOTA${GS}304`), token)
    ).json()) as { ok: boolean; kind: string };
    expect(over).toMatchObject({ ok: false, kind: 'over-receipt' });
    expect(world().system.qty(dock, sku, 'LOTA', 'available')).toBe(before + 5);
  });

  it('holds a receipt with no PO line in quarantine (not available) and raises an alert', async () => {
    const other = world().site.items.find((i) => !i.lotControlled)!;
    const avail = world().system.qty(dock, other.sku, '', 'available');
    const held = world().system.qty(dock, other.sku, '', 'quarantine');
    await post('/api/scans', scan('receive', dock), token);
    const r = (await (
      await post('/api/scans', scan('receive', `]C1${'01' + other.uoms[0]!.gtin}${GS}307`), token)
    ).json()) as { ok: boolean; status: string; exception: string };
    expect(r).toMatchObject({ ok: true, status: 'held' });
    expect(world().system.qty(dock, other.sku, '', 'available')).toBe(avail);
    expect(world().system.qty(dock, other.sku, '', 'quarantine')).toBe(held + 7);
    const x = mirrorExceptions(engine()).find((e) => e.id === r.exception)!;
    expect(x).toMatchObject({ kind: 'no-po', bin: dock });
    const shown = () => t.server.runner.view().alerts.some((a) => a.id === `feed:${x.id}`);
    for (let i = 0; i < 100 && !shown(); i++) await new Promise((res) => setTimeout(res, 20));
    expect(shown()).toBe(true);
    // A storage bin is not a receiving location.
    const storage = world().site.layout!.bins.find((b) => b.type === 'reserve')!.code;
    const bad = (await (
      await post('/api/scans', scan('receive', storage, { clientEventId: 'rx-storage' }), token)
    ).json()) as {
      kind: string;
    };
    expect(bad.kind).toBe('not-receiving-location');
  });

  it('answers a scan the system cannot accept with the reason and records it as an exception', async () => {
    const r = (await (
      await post(
        '/api/scans',
        {
          scans: [
            scan('pick', dock, { role: 'picker' }),
            scan('pick', `]C1${'01' + gtin}10NOPE${GS}301`, { role: 'picker' }),
          ],
        },
        token,
      )
    ).json()) as {
      results: { ok: boolean; reason?: string }[];
    };
    expect(r.results[0]!.ok).toBe(true);
    expect(r.results[1]).toMatchObject({ ok: false, kind: 'lot-not-in-bin' });
    const x = mirrorExceptions(engine()).at(-1)!;
    expect(x.reason).toMatch(/NOPE/);
    // The floor view's alert list (and so the alert feed) shows it by the next publish
    // (views are published at most every 20 ms, so poll briefly rather than race the timer).
    const shown = () => t.server.runner.view().alerts.some((a) => a.id === `feed:${x.id}`);
    for (let i = 0; i < 100 && !shown(); i++) await new Promise((res) => setTimeout(res, 20));
    expect(t.server.runner.view().alerts).toContainEqual(
      expect.objectContaining({ id: `feed:${x.id}`, kind: 'feed-lot-not-in-bin', severity: 'warning' }),
    );
    expect(lotItem).toBe(true);
  });

  it('puts a scanned count through the count control: tolerance, recount, review, approval', async () => {
    const dev = await post('/api/devices', { id: 'rf-02', steps: ['count'] }, TEST_TOKENS.admin);
    const tok = ((await dev.json()) as { token: string }).token;
    // A storage bin holding one item without lot control, all of it available.
    const w = world();
    const lotFree = new Set(w.site.items.filter((i) => !i.lotControlled).map((i) => i.sku));
    const rec = [...w.system.all()].find(
      (r) =>
        r.status === 'available' &&
        r.qty >= 40 &&
        lotFree.has(r.sku) &&
        w.site.pickable(r.bin) &&
        w.system.recordsIn(r.bin).length === 1,
    )!;
    const g = w.site.items.find((i) => i.sku === rec.sku)!.uoms[0]!.gtin;
    const count = async (user: string, qty: number) => {
      const opts = { device: 'rf-02', role: 'counter', user };
      expect(await (await post('/api/scans', scan('count', rec.bin, opts), tok)).json()).toMatchObject({
        ok: true,
        accepted: 'from',
      });
      return (await (
        await post('/api/scans', scan('count', `]C1${'01' + g}${GS}30${qty}`, opts), tok)
      ).json()) as {
        ok: boolean;
        status: string;
        count: string;
        next: string;
      };
    };
    const booked = rec.qty;
    // Within tolerance (exact): posted at once.
    expect(await count('c1', booked)).toMatchObject({ ok: true, status: 'posted' });
    // Far off: the device is told a recount is required, and nothing is adjusted yet.
    const first = await count('c1', booked - 20);
    expect(first).toMatchObject({ ok: true, status: 'recount-required', next: 'recount' });
    expect(world().system.qty(rec.bin, rec.sku, '', 'available')).toBe(booked);
    const alerts = () => t.server.runner.view().alerts.map((a) => a.id);
    for (let i = 0; i < 100 && !alerts().includes(`count:${first.count}`); i++)
      await new Promise((res) => setTimeout(res, 20));
    expect(alerts()).toContain(`count:${first.count}`);
    // The recount (another user) is still off: review, still nothing adjusted.
    const second = await count('c2', booked - 20);
    expect(second).toMatchObject({ ok: true, status: 'review', count: first.count });
    expect(world().system.qty(rec.bin, rec.sku, '', 'available')).toBe(booked);
    const open = (await (await fetch(`${t.url}/api/feed/counts`)).json()) as {
      counts: { count: string; state: string }[];
    };
    expect(open.counts).toContainEqual(expect.objectContaining({ count: first.count, state: 'review' }));
    // Only a trainer or admin decides; the approval posts the adjustment with its root cause.
    const path = `/api/feed/counts/${first.count}/decision`;
    expect((await post(path, { decision: 'approve' }, tok)).status).toBe(401);
    expect((await post(path, { decision: 'approve', rootCause: 'NOPE' }, TEST_TOKENS.admin)).status).toBe(
      400,
    );
    const ok = await post(
      path,
      { decision: 'approve', rootCause: 'SHRINK', user: 'sup-1' },
      TEST_TOKENS.admin,
    );
    expect(ok.status).toBe(200);
    expect(world().system.qty(rec.bin, rec.sku, '', 'available')).toBe(booked - 20);
    expect((await post(path, { decision: 'approve' }, TEST_TOKENS.admin)).status).toBe(404);
    const journal = readFileSync(join(t.server.runner.currentRun().folder, 'journal.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            type: string;
            docs?: { count?: string };
            reason?: string;
            actor?: { worker: string };
          },
      );
    const ofCount = journal.filter((e) => e.docs?.count === first.count);
    expect(ofCount.map((e) => e.type)).toEqual([
      'count.scheduled',
      'count.outOfTolerance',
      'count.outOfTolerance',
      'count.adjustmentApproved',
      'count.posted',
      'adjustment.posted',
    ]);
    expect(ofCount.at(-3)).toMatchObject({ reason: 'SHRINK', actor: { worker: 'sup-1' } });
    expect(ofCount.at(-1)).toMatchObject({ reason: 'SHRINK' });
    // A count may find stock the system does not book in the bin (it used to be refused as wrong-bin).
    const empty = world().site.layout!.bins.find(
      (b) => b.type === 'reserve' && world().system.recordsIn(b.code).length === 0,
    )!;
    const opts = { device: 'rf-02', role: 'counter', user: 'c1' };
    await post('/api/scans', scan('count', empty.code, opts), tok);
    const found = (await (
      await post('/api/scans', scan('count', `]C1${'01' + g}${GS}303`, opts), tok)
    ).json()) as {
      status: string;
    };
    expect(found).toMatchObject({ ok: true, status: 'recount-required' });
  });

  it('takes scans over the /scanner namespace with an acknowledgement', async () => {
    const s = connectClient(`${t.url}/scanner`, { token });
    try {
      const reply = await new Promise<unknown>((resolve) =>
        s.emit('scan', scan('putaway', dock, { role: 'putaway' }), resolve),
      );
      expect(reply).toMatchObject({ ok: true, accepted: 'from' });
      const bad = connectClient(`${t.url}/scanner`, { token: 'nope' });
      let refused = '';
      bad.on('connect_error', (e) => (refused = e.message));
      await waitFor(() => refused !== '', 'refusal');
      bad.close();
      expect(refused).toMatch(/unknown or revoked/);
    } finally {
      s.close();
    }
  });

  it('captures EPCIS documents as jobs and single events with 201 / 409', async () => {
    const ev = {
      type: 'ObjectEvent',
      eventTime: '2024-01-01T09:00:00.000Z',
      eventTimeZoneOffset: '+00:00',
      epcList: [],
      action: 'ADD',
      bizStep: 'receiving',
      bizLocation: { id: `https://bintwin.dev/site/x/bin/${dock}` },
      quantityList: [{ epcClass: `https://id.gs1.org/01/${gtin}/10/LOTB`, quantity: 3 }],
    };
    const doc = {
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2024-01-01T09:00:00.000Z',
      epcisBody: { eventList: [ev] },
    };
    const c = await post('/epcis/capture', doc, token);
    expect(c.status).toBe(202);
    const loc = c.headers.get('location')!;
    expect(loc).toMatch(/^\/epcis\/capture\/[0-9a-f-]+$/);
    let job: { running: boolean; success: boolean; captured: number } = {
      running: true,
      success: false,
      captured: 0,
    };
    for (let i = 0; i < 50 && job.running; i++) {
      // The capture client reads its job with its own device token (jobs are not anonymous).
      job = (await (
        await fetch(t.url + loc, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as typeof job;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(job).toMatchObject({ running: false, success: true, captured: 1 });
    expect(world().system.qty(dock, sku, 'LOTB', 'available')).toBe(3);
    const single = { ...ev, eventID: 'urn:uuid:6f1c7a4e-0000-4000-8000-000000000001' };
    expect((await post('/epcis/events', single, token)).status).toBe(201);
    expect((await post('/epcis/events', single, token)).status).toBe(409);
    expect(world().system.qty(dock, sku, 'LOTB', 'available')).toBe(6);
    const invalid = await post('/epcis/events', { ...ev, action: 'JUMP' }, token);
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(await invalid.json())).toMatch(/action/);
  });
});
