import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, scenarioSchema, type JournalEvent } from '../../sim/index.ts';
import { worldOf } from '../../sim/engineWorld.ts';
import { journalToEpcis } from '../feeds/epcis/journalToEpcis.ts';
import { replayFeed } from '../feeds/feedReplay.ts';
import { startLiveServer, type LiveServer } from './liveServer.ts';
import { MirrorImportError } from './mirrorImport.ts';
import { TEST_TOKENS } from './testServer.ts';

const dir = mkdtempSync(join(tmpdir(), 'bintwin-mirror-'));
const servers: LiveServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const scenario = scenarioSchema.parse(
  JSON.parse(readFileSync(new URL('../../scenarios/demo-dc.json', import.meta.url), 'utf8')),
);

/** demo-dc's layout, item master and opening stock, exported as a site would hand them over. */
function exportSite(): { layout: string; items: string; stock: string; stockJson: string } {
  const w = worldOf(createEngine(scenario));
  const l = w.site.layout!;
  const layout = {
    site: l.site,
    zones: l.zones,
    bins: l.bins.map((b) => ({
      code: b.code,
      type: b.type,
      x: b.x,
      y: b.y,
      capacity: b.capacity,
      temperature: b.temperature,
      hazard: b.hazard,
    })),
    aisles: l.aisles.map(({ index: _i, ...a }) => a),
    crossAisles: l.crossAisles,
    depot: l.depot,
    docks: l.docks.map(({ bin: _b, ...d }) => d),
  };
  const items = w.site.items.map(({ index: _i, ...it }) => it);
  const rows = [...w.system.all()];
  const files = {
    layout: join(dir, 'layout.json'),
    items: join(dir, 'items.json'),
    stock: join(dir, 'stock.csv'),
    stockJson: join(dir, 'stock.json'),
  };
  writeFileSync(files.layout, JSON.stringify(layout));
  writeFileSync(files.items, JSON.stringify(items));
  writeFileSync(
    files.stock,
    'bin,sku,lot,qty,status\n' +
      rows.map((r) => `${r.bin},${r.sku},${r.lot},${r.qty},${r.status}`).join('\n') +
      '\n',
  );
  writeFileSync(files.stockJson, JSON.stringify(rows));
  return files;
}

const start = (dataDir: string, mirror: { layout: string; items: string; stock: string; orders?: string }) =>
  startLiveServer({
    scenario: 'demo-dc',
    pacing: { speed: 60, paused: false, until: null },
    port: 0,
    host: '127.0.0.1',
    dataDir,
    tickMs: 50,
    clientDir: join(dataDir, 'no-client'),
    log: pino({ level: 'silent' }),
    env: { BINTWIN_ADMIN_TOKEN: TEST_TOKENS.admin },
    mirror: { site: 'DC1', ...mirror },
  });

describe('serve --mirror', () => {
  it('refuses bad imports with every problem located, and writes no run', async () => {
    const files = exportSite();
    const badStock = join(dir, 'bad.csv');
    writeFileSync(badStock, 'bin,sku,lot,qty\nNOPE-01-01-A,X,,3\n' + 'A-01-01-A,,,x\n');
    const badItems = join(dir, 'bad-items.json');
    writeFileSync(badItems, JSON.stringify([{ sku: 'S1', uoms: [{ uom: 'EA', factor: 1, gtin: '123' }] }]));
    const data = join(dir, 'bad');
    const err = await start(data, { ...files, stock: badStock }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MirrorImportError);
    const msg = (err as MirrorImportError).problems.join('\n');
    expect(msg).toMatch(/bad\.csv:3: sku: an item code is required/);
    const err2 = await start(data, { ...files, items: badItems }).catch((e: unknown) => e);
    const p2 = (err2 as MirrorImportError).problems.join('\n');
    expect(p2).toMatch(/bad-items\.json: 0\.uoms\.0\.gtin: not a valid GTIN/);
    expect(p2).toMatch(/bad-items\.json: 0\.uoms\.0\.lengthCm/);
    const err3 = await start(data, { ...files, stock: join(dir, 'bad2.csv') }).catch((e: unknown) => e);
    expect(String(err3)).toMatch(/bad2\.csv: ENOENT/);
    writeFileSync(join(dir, 'bad3.csv'), 'bin,sku,lot,qty\nNOPE-01-01-A,X,,3\n');
    const err4 = await start(data, { ...files, stock: join(dir, 'bad3.csv') }).catch((e: unknown) => e);
    const p4 = (err4 as MirrorImportError).problems.join('\n');
    expect(p4).toMatch(/bad3\.csv:2: unknown bin "NOPE-01-01-A"/);
    expect(p4).toMatch(/bad3\.csv:2: unknown item "X"/);
    const runs = join(data, 'runs');
    expect(existsSync(runs) ? readdirSync(runs) : []).toEqual([]);
  });

  it('a recorded demo-dc feed replays into the mirror with the same system ledger', async () => {
    const files = exportSite();
    const s = await start(join(dir, 'data'), files);
    servers.push(s);
    const url = `http://127.0.0.1:${s.port}`;
    const w = () => s.runner.applyExternal(worldOf);
    // Opening stock came from the import, as journal events; nothing simulated runs.
    const sim0 = worldOf(createEngine(scenario));
    expect(w().system.sortedState()).toEqual(sim0.system.sortedState());
    expect(w().workers.some((x) => x.onShift)).toBe(false);
    const journal: JournalEvent[] = [];
    const sim = createEngine(scenario, { journal: (e) => journal.push(e) });
    sim.runUntil(4 * 3_600_000);
    const feed = join(dir, 'feed.json');
    writeFileSync(
      feed,
      JSON.stringify(journalToEpcis(journal, sim.site().items, { run: 'sim', skipOpening: true })),
    );
    const r = await fetch(`${url}/api/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKENS.admin}` },
      body: JSON.stringify({ id: 'wms', steps: ['epcis'] }),
    });
    const { token } = (await r.json()) as { token: string };
    const lines: string[] = [];
    const code = await replayFeed({
      file: feed,
      url,
      speed: Infinity,
      batch: 100,
      token,
      progress: (l) => lines.push(l),
    });
    expect(code, lines.slice(-3).join('\n')).toBe(0);
    expect(w().system.sortedState()).toEqual(sim.stock('system', 'sorted'));
    // The floor view and KPIs follow the feed like a simulation.
    expect(s.runner.status().scenario).toBe('mirror-dc1');
    expect(s.runner.view().alerts).toBeInstanceOf(Array);
    expect(s.runner.currentRun().kpis()).toBeTruthy();
    expect(w().queue.size).toBe(0);
    const first = readFileSync(join(s.runner.currentRun().folder, 'journal.ndjson'), 'utf8').split('\n')[0]!;
    expect(JSON.parse(first)).toMatchObject({ type: 'stock.opening', t: 0 });
  }, 120_000);

  it('checks receive scans against the imported open POs: booked at the dock against a line, held without one', async () => {
    const files = exportSite();
    const w0 = worldOf(createEngine(scenario));
    const [a, b] = w0.site.items.filter((i) => !i.lotControlled);
    const orders = join(dir, 'orders.json');
    writeFileSync(
      orders,
      JSON.stringify([{ po: 'PO-9001', asn: 'ASN-1', supplier: 'ACME', lines: [{ sku: a!.sku, qty: 12 }] }]),
    );
    const badOrders = join(dir, 'bad-orders.json');
    writeFileSync(badOrders, JSON.stringify([{ po: 'PO-1', lines: [{ sku: 'NOPE', qty: 0 }] }]));
    const err = await start(join(dir, 'data-bad-po'), { ...files, orders: badOrders }).catch(
      (e: unknown) => e,
    );
    const msg = (err as MirrorImportError).problems.join('\n');
    expect(msg).toMatch(/bad-orders\.json: \[0\]\.lines\.0\.qty/);
    const s = await start(join(dir, 'data-po'), { ...files, orders });
    servers.push(s);
    const url = `http://127.0.0.1:${s.port}`;
    const w = () => s.runner.applyExternal(worldOf);
    const r = await fetch(`${url}/api/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKENS.admin}` },
      body: JSON.stringify({ id: 'dock-1', steps: ['receive'] }),
    });
    const { token } = (await r.json()) as { token: string };
    const dock = w().site.layout!.bins.find((x) => x.type === 'dock')!.code;
    let n = 0;
    const scanAt = async (raw: string) =>
      (await (
        await fetch(`${url}/api/scans`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            device: 'dock-1',
            user: 'r1',
            role: 'receiver',
            step: 'receive',
            raw,
            clientEventId: `m${++n}`,
            deviceTime: '2024-01-01T08:00:00.000Z',
          }),
        })
      ).json()) as Record<string, unknown>;
    expect(await scanAt(dock)).toMatchObject({ ok: true, accepted: 'from' });
    expect(await scanAt(`]C101${a!.uoms[0]!.gtin}3010`)).toMatchObject({
      ok: true,
      status: 'received',
      po: 'PO-9001',
    });
    expect(w().system.qty(dock, a!.sku, '', 'available')).toBe(10);
    const held = await scanAt(`]C101${b!.uoms[0]!.gtin}304`);
    expect(held).toMatchObject({ ok: true, status: 'held' });
    expect(w().system.qty(dock, b!.sku, '', 'available')).toBe(0);
    expect(w().system.qty(dock, b!.sku, '', 'quarantine')).toBe(4);
    const book = (await (await fetch(`${url}/api/feed/orders`)).json()) as {
      orders: { lines: { open: number }[] }[];
    };
    expect(book.orders[0]!.lines[0]!.open).toBe(2);
    const journal = readFileSync(join(s.runner.currentRun().folder, 'journal.ndjson'), 'utf8');
    expect(journal).toMatch(/"type":"receipt.expected".*"reason":"po:PO-9001 supplier:ACME asn:ASN-1"/);
  }, 60_000);
});
