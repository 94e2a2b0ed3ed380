import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worldOf } from '../../../sim/engineWorld.ts';
import { listJournalSegments } from '../../live/journalSegments.ts';
import { siteDir } from '../../live/networkLiveRun.ts';
import { startNetworkServer, type NetworkServer } from '../../live/networkServer.ts';
import { connectClient, TEST_TOKENS, testServerOptions } from '../../live/testServer.ts';

const GS = '\u001d';
/** demo-network's site GLNs (scenarios/networks/demo-network.json), and one of no site. */
const GLN = { DC2: '4098765000027', BR1: '4098765000034', none: '4098765000065' };
const dir = mkdtempSync(join(tmpdir(), 'bintwin-netfeeds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A site's journal text as on disk (its segments in order). */
function journalText(runDir: string, site: string): string {
  return listJournalSegments(siteDir(runDir, site))
    .map((s) => readFileSync(s.file, 'utf8'))
    .join('');
}

describe('scanner and EPCIS feeds of a network run', () => {
  let a: NetworkServer;
  let url = '';
  let token = '';
  const dataDir = join(dir, 'a');
  const opts = testServerOptions('demo-network', { speed: 1, paused: true, until: null }, dataDir);
  beforeAll(async () => {
    a = await startNetworkServer(opts);
    url = `http://127.0.0.1:${a.port}`;
  });
  afterAll(() => a.close());

  const post = (path: string, body: unknown, tok: string) =>
    fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
      body: JSON.stringify(body),
    });
  let n = 0;
  const scan = (raw: string, id = `c${++n}`) => ({
    device: 'rf-dc1',
    user: 'u1',
    role: 'receiver',
    step: 'receive',
    raw,
    clientEventId: id,
    deviceTime: new Date().toISOString(),
  });
  const dockOf = (site: string) =>
    a.runner.read(site, (e) => e.site().bins.find((b) => b.type === 'dock' || b.type === 'staging')!.code);
  const item = () => a.runner.read('DC1', (e) => e.site().items.find((i) => !i.lotControlled)!);
  /** Units of the item at a site's dock in one status, from that site's own ledger. */
  const qty = (site: string, status: 'quarantine' | 'available') =>
    a.runner.read(site, (e) => worldOf(e).system.qty(dockOf(site), item().sku, '', status));

  it('registers a device at a site of the run, and only there', async () => {
    const none = await post('/api/devices', { id: 'rf-dc1', steps: ['receive'] }, TEST_TOKENS.admin);
    expect(none.status).toBe(400);
    expect(await none.text()).toMatch(/site: the site the device works at, one of DC1, DC2, BR1/);
    const bad = await post(
      '/api/devices',
      { id: 'rf-dc1', steps: ['receive'], site: 'XX' },
      TEST_TOKENS.admin,
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/not \\"XX\\"/);
    const r = await post(
      '/api/devices',
      { id: 'rf-dc1', steps: ['receive', 'epcis'], site: 'DC1' },
      TEST_TOKENS.admin,
    );
    expect(r.status).toBe(201);
    const body = (await r.json()) as { token: string; site: string };
    expect(body.site).toBe('DC1');
    token = body.token;
  });

  it('routes a scan of a bare bin label to the device site, durable in that site journal', async () => {
    const before = { dc1: qty('DC1', 'quarantine'), br1: qty('BR1', 'quarantine') };
    expect((await post('/api/scans', scan(dockOf('DC1')), token)).status).toBe(200);
    const r = await post('/api/scans', scan(`]C101${item().uoms[0]!.gtin}${GS}307`), token);
    expect(await r.json()).toMatchObject({ ok: true, status: 'held' });
    expect(qty('DC1', 'quarantine')).toBe(before.dc1 + 7);
    expect(qty('BR1', 'quarantine')).toBe(before.br1);
    // Acknowledged: in DC1's journal on disk already, in no other site's.
    const folder = a.runner.currentRun().folder;
    expect(journalText(folder, 'DC1')).toMatch(/"receipt\.held"|quarantine/);
    expect(journalText(folder, 'BR1')).not.toMatch(/rf-dc1/);
  });

  it('routes a location of another site there (GLN in AI 414), and the item scan after it', async () => {
    const before = { dc1: qty('DC1', 'quarantine'), br1: qty('BR1', 'quarantine') };
    const loc = await post('/api/scans', scan(`]C1414${GLN.BR1}254${dockOf('BR1')}`), token);
    expect(await loc.json()).toMatchObject({ ok: true, accepted: 'from' });
    const r = await post('/api/scans', scan(`]C101${item().uoms[0]!.gtin}${GS}305`), token);
    expect(await r.json()).toMatchObject({ ok: true, status: 'held' });
    expect(qty('BR1', 'quarantine')).toBe(before.br1 + 5);
    expect(qty('DC1', 'quarantine')).toBe(before.dc1);
  });

  it('refuses a location of no site of the network with a named error, applying nothing', async () => {
    const before = a.runner.read('DC1', (e) => e.feedEntriesApplied());
    const r = await post('/api/scans', scan(`]C1414${GLN.none}254X-1`), token);
    expect(r.status).toBe(422);
    expect(await r.text()).toMatch(
      new RegExp(`location GLN ${GLN.none} is of no site of network demo-network`),
    );
    expect(a.runner.read('DC1', (e) => e.feedEntriesApplied())).toBe(before);
  });

  it('routes an EPCIS event to the site of its bizLocation SGLN; refuses one of no site', async () => {
    const ev = (gln: string, bin: string, id: string) => ({
      eventID: id,
      type: 'ObjectEvent',
      eventTime: new Date().toISOString(),
      eventTimeZoneOffset: '+00:00',
      epcList: [],
      action: 'ADD',
      bizStep: 'receiving',
      bizLocation: { id: `urn:epc:id:sgln:${gln.slice(0, 7)}.${gln.slice(7, 12)}.${bin}` },
      quantityList: [{ epcClass: `https://id.gs1.org/01/${item().uoms[0]!.gtin}`, quantity: 3 }],
    });
    const before = { dc2: qty('DC2', 'available'), dc1: qty('DC1', 'available') };
    const ok = await post(
      '/epcis/events',
      ev(GLN.DC2, dockOf('DC2'), 'urn:uuid:00000000-0000-4000-8000-000000000001'),
      token,
    );
    expect(ok.status).toBe(201);
    expect(qty('DC2', 'available')).toBe(before.dc2 + 3);
    expect(qty('DC1', 'available')).toBe(before.dc1);
    const bad = await post(
      '/epcis/events',
      ev(GLN.none, 'X-1', 'urn:uuid:00000000-0000-4000-8000-000000000002'),
      token,
    );
    expect(bad.status).toBe(422);
    const problems = ((await bad.json()) as { problems: { path: string; message: string }[] }).problems;
    expect(problems[0]!.path).toBe('/bizLocation/id');
    expect(problems[0]!.message).toMatch(
      new RegExp(`is a location of no site of network demo-network \\(GLN ${GLN.none}`),
    );
  });

  it('takes scans over the /scanner namespace, routed the same way', async () => {
    const s = connectClient(`${url}/scanner`, { token });
    try {
      const reply = await new Promise<unknown>((resolve) => s.emit('scan', scan(dockOf('DC1')), resolve));
      expect(reply).toMatchObject({ ok: true, accepted: 'from' });
      const foreign = await new Promise<unknown>((resolve) =>
        s.emit('scan', scan(`]C1414${GLN.none}254X-1`), resolve),
      );
      expect(foreign).toMatchObject({ ok: false, status: 422 });
    } finally {
      s.close();
    }
  });

  it('a crash after acknowledged entries: the restart re-applies every site backlog once, byte for byte', async () => {
    const folder = a.runner.currentRun().folder;
    const sites = a.runner.sites();
    const want = new Map(sites.map((s) => [s, journalText(folder, s)]));
    const wantQty = {
      dc1: qty('DC1', 'quarantine'),
      br1: qty('BR1', 'quarantine'),
      dc2: qty('DC2', 'available'),
    };
    // The data folder as a kill -9 would leave it now: checkpoint at 0, feed logs and journals synced.
    const copy = join(dir, 'crashed');
    cpSync(dataDir, copy, { recursive: true });
    const b = await startNetworkServer({ ...opts, dataDir: copy });
    try {
      const runDir = b.runner.currentRun().folder;
      expect(b.runner.status().runId).toBe(a.runner.status().runId);
      for (const s of sites) expect(journalText(runDir, s) === want.get(s), `${s}: journal bytes`).toBe(true);
      const q = (site: string, status: 'quarantine' | 'available') =>
        b.runner.read(site, (e) => worldOf(e).system.qty(dockOf(site), item().sku, '', status));
      expect({
        dc1: q('DC1', 'quarantine'),
        br1: q('BR1', 'quarantine'),
        dc2: q('DC2', 'available'),
      }).toEqual(wantQty);
      // A retry of an acknowledged scan goes where the first went and is answered as a duplicate.
      const retry = await fetch(`http://127.0.0.1:${b.port}/api/scans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(scan(`]C101${item().uoms[0]!.gtin}${GS}305`, 'c4')),
      });
      expect(await retry.json()).toMatchObject({ duplicate: true, status: 'held' });
      expect(q('BR1', 'quarantine')).toBe(wantQty.br1);
    } finally {
      await b.close();
    }
  });
});
