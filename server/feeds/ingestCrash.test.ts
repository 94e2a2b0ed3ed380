import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killChildren, startChildServer, type ChildServer } from '../live/childServer.ts';
import { createEngine, scenarioSchema, type JournalEvent } from '../../sim/index.ts';

const GS = '\u001d';
const dir = mkdtempSync(join(tmpdir(), 'bintwin-ingestcrash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  killChildren(children);
  rmSync(dir, { recursive: true, force: true });
});

/** `bintwin serve demo-dc --paused` (with a feed fault, if given); resolves once it listens. */
function serve(fault?: string): Promise<ChildServer> {
  const env: Record<string, string> = { BINTWIN_ADMIN_TOKEN: 'adm' };
  if (fault) env['BINTWIN_FEED_FAULT'] = fault;
  return startChildServer(['demo-dc', '--data-dir', dir, '--paused'], env, children);
}

describe('kill -9 between the feed log write and the apply', () => {
  it('the restart applies the logged entries once, the capture job answers with its status, nothing is lost', async () => {
    const w = createEngine(
      scenarioSchema.parse(
        JSON.parse(readFileSync(new URL('../../scenarios/demo-dc.json', import.meta.url), 'utf8')),
      ),
    ).site();
    const dock = w.bins.find((b) => b.type === 'dock' || b.type === 'staging')!.code;
    const gtin = w.items.find((i) => i.lotControlled)!.uoms[0]!.gtin;
    // Entries 1–2 are two scans; entry 3 is the first event of a capture job: the kill comes
    // when it (and the job's other two events) are durable in the log, before any is applied.
    const a = await serve('kill-before-apply:3');
    const post = (base: string, path: string, body: unknown, tok: string) =>
      fetch(base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
        body: JSON.stringify(body),
      });
    const { token } = (await (
      await post(a.base, '/api/devices', { id: 'rf-k', steps: ['receive', 'epcis'] }, 'adm')
    ).json()) as { token: string };
    const scan = (raw: string, id: string) => ({
      device: 'rf-k',
      user: 'u',
      role: 'receiver',
      step: 'receive',
      raw,
      clientEventId: id,
      deviceTime: new Date().toISOString(),
    });
    const k2 = scan(`]C1${'01' + gtin}10LK${GS}304`, 'k2');
    const r = (await (await post(a.base, '/api/scans', { scans: [scan(dock, 'k1'), k2] }, token)).json()) as {
      results: { ok: boolean }[];
    };
    expect(r.results.every((x) => x.ok)).toBe(true);
    const ev = (lot: string) => ({
      type: 'ObjectEvent',
      eventID: `urn:uuid:00000000-0000-4000-8000-00000000${lot}`,
      eventTime: new Date().toISOString(),
      eventTimeZoneOffset: '+00:00',
      epcList: [],
      action: 'ADD',
      bizStep: 'receiving',
      bizLocation: { id: `https://bintwin.dev/site/x/bin/${dock}` },
      quantityList: [{ epcClass: `https://id.gs1.org/01/${gtin}/10/${lot}`, quantity: 2 }],
    });
    const doc = {
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: new Date().toISOString(),
      epcisBody: { eventList: [ev('LJ01'), ev('LJ02'), ev('LJ03')] },
    };
    const c = await post(a.base, '/epcis/capture', doc, token);
    expect(c.status).toBe(202);
    const loc = c.headers.get('location')!;
    expect(await new Promise((res) => a.child.once('exit', (_c, sig) => res(sig)))).toBe('SIGKILL');

    const b = await serve();
    let job: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) {
      const g = await fetch(b.base + loc, { headers: { authorization: `Bearer ${token}` } });
      expect(g.status).toBe(200);
      job = (await g.json()) as Record<string, unknown>;
      if (job['running'] === false) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    // The three events were logged before the kill, so the restart applied them; the resumed
    // job finds them captured.
    expect(job).toMatchObject({ running: false, success: true, resumed: true, duplicates: 3, captured: 0 });
    const again = (await (await post(b.base, '/api/scans', k2, token)).json()) as {
      duplicate: boolean;
    };
    expect(again.duplicate).toBe(true);
    b.child.kill('SIGTERM');
    expect(await new Promise((res) => b.child.once('exit', res))).toBe(0);
    const journal = readFileSync(join(dir, 'runs', 'r0001-demo-dc', 'journal.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as JournalEvent);
    const ids = new Set(journal.map((e) => e.id));
    expect(ids.size).toBe(journal.length);
    for (const lot of ['LK', 'LJ01', 'LJ02', 'LJ03']) {
      const qty = journal
        .filter((e) => e.lot === lot && e.statusTo !== undefined && e.statusFrom === undefined)
        .reduce((s, e) => s + (e.baseQty ?? 0), 0);
      expect({ lot, qty }).toEqual({ lot, qty: lot === 'LK' ? 4 : 2 });
    }
  }, 180_000);
});
