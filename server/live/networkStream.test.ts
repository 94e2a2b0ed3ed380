import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { NetworkMessage, SnapshotMessage, WelcomeMessage } from '../../sim/view/protocol.ts';
import { startNetworkServer, type NetworkServer } from './networkServer.ts';
import { connectClient, TEST_TOKENS, testServerOptions, waitFor } from './testServer.ts';

const HOUR = 3_600_000;

describe('live network run (real socket.io-client connections)', () => {
  let server: NetworkServer;
  let url: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'bintwin-net-'));
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startNetworkServer(
      testServerOptions('demo-network', { speed: 1000, paused: false, until: HOUR }, dataDir),
    );
    url = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const open = (auth: Record<string, unknown>): Socket => {
    const s = connectClient(url, auth);
    sockets.push(s);
    return s;
  };

  it('a viewer of site BR1 gets only BR1 frames; an unknown site is named; the overview room gets the network', async () => {
    const seen = { snaps: [] as SnapshotMessage[], deltas: 0, welcome: [] as WelcomeMessage[] };
    const b = open({ site: 'BR1' });
    b.on('session.welcome', (m: WelcomeMessage) => seen.welcome.push(m));
    b.on('state.snapshot', (m: SnapshotMessage) => seen.snaps.push(m));
    b.on('state.delta', () => seen.deltas++);
    const bad: WelcomeMessage[] = [];
    let badSnaps = 0;
    const x = open({ site: 'NOPE' });
    x.on('session.welcome', (m: WelcomeMessage) => bad.push(m));
    x.on('state.snapshot', () => badSnaps++);
    const nets: NetworkMessage[] = [];
    const n = open({ network: true });
    n.on('network.overview', (m: NetworkMessage) => nets.push(m));
    await waitFor(
      () => seen.snaps.length > 0 && seen.deltas > 3 && nets.length > 1 && bad.length > 0,
      'frames',
    );
    expect(seen.welcome[0]).toMatchObject({ site: 'BR1', sites: ['DC1', 'DC2', 'BR1', 'BR2', 'BR3'] });
    expect(seen.snaps.every((m) => m.view.site === 'BR1')).toBe(true);
    expect(bad[0]!.site).toBeNull();
    expect(badSnaps).toBe(0);
    expect(nets.at(-1)!.view.sites.map((s) => s.id)).toEqual(['DC1', 'DC2', 'BR1', 'BR2', 'BR3']);
    // Switching the socket to DC2: its next snapshot is DC2's.
    const reply = (await b
      .timeout(5000)
      .emitWithAck('view.subscribe', { type: 'view.subscribe', site: 'DC2' })) as {
      ok: boolean;
    };
    expect(reply.ok).toBe(true);
    await waitFor(() => seen.snaps.at(-1)?.view.site === 'DC2', 'a DC2 snapshot');
  });

  it('a floor view with auth.overview gets its site frames and the overviews, also after a zone subscribe', async () => {
    const snaps: SnapshotMessage[] = [];
    const nets: NetworkMessage[] = [];
    const f = open({ site: 'BR1', overview: true });
    f.on('state.snapshot', (m: SnapshotMessage) => snaps.push(m));
    f.on('network.overview', (m: NetworkMessage) => nets.push(m));
    const plain: NetworkMessage[] = [];
    open({ site: 'BR1' }).on('network.overview', (m: NetworkMessage) => plain.push(m));
    await waitFor(() => snaps.length > 0 && nets.length > 0, 'a BR1 snapshot and an overview');
    expect(snaps.every((m) => m.view.site === 'BR1')).toBe(true);
    const zone = snaps[0]!.view.zones[0]!.id;
    const reply = (await f.timeout(5000).emitWithAck('view.subscribe', { type: 'view.subscribe', zone })) as {
      ok: boolean;
    };
    expect(reply.ok).toBe(true);
    const after = nets.length;
    await waitFor(() => nets.length > after, 'an overview after the zone subscribe');
    // A site viewer that did not ask stays out of the network room.
    expect(plain).toEqual([]);
  });

  it('GET /api/network answers anonymously; the per-site journal needs ?site= and a trainer token', async () => {
    await waitFor(() => server.runner.status().paused, 'the run reaching --until', 60_000);
    const overview = (await (await fetch(`${url}/api/network`)).json()) as {
      sites: { id: string }[];
      lanes: { from: string; to: string }[];
      kpis: { sites: number };
    };
    expect(overview.kpis.sites).toBe(5);
    expect(overview.lanes.length).toBeGreaterThan(0);
    const run = server.runner.status().runId;
    expect((await fetch(`${url}/api/runs/${run}/journal?site=BR1`)).status).toBe(401);
    const auth = { authorization: `Bearer ${TEST_TOKENS.trainer}` };
    const noSite = await fetch(`${url}/api/runs/${run}/journal`, { headers: auth });
    expect(noSite.status).toBe(400);
    expect(((await noSite.json()) as { error: string }).error).toMatch(/site=.*DC1, DC2, BR1/);
    const j = await fetch(`${url}/api/runs/${run}/journal?site=BR1`, { headers: auth });
    expect(j.status).toBe(200);
    const lines = (await j.text()).trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.every((l) => (JSON.parse(l) as { site: string }).site === 'BR1')).toBe(true);
  });
});
