import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { ViewFollower, sliceView } from '../../sim/viewApi.ts';
import type { ControlReply, WelcomeMessage } from '../../sim/view/protocol.ts';
import { connectClient, startTestServer, TEST_TOKENS, waitFor } from './testServer.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;

/** A client that follows the stream and counts what it received. */
function follow(s: Socket) {
  const f = new ViewFollower();
  const seen = { snapshots: 0, deltas: 0, positions: 0, resyncs: 0, welcome: [] as WelcomeMessage[] };
  s.on('session.welcome', (m: WelcomeMessage) => seen.welcome.push(m));
  s.on('state.snapshot', (m) => {
    seen.snapshots++;
    f.onSnapshot(m);
  });
  s.on('state.delta', (m) => {
    seen.deltas++;
    if (f.onDelta(m) === 'resync') {
      seen.resyncs++;
      s.emit('view.resync', { type: 'view.resync', lastSeq: f.view?.seq ?? -1 });
    }
  });
  s.on('state.positions', (m) => {
    seen.positions++;
    f.onPositions(m);
  });
  return { f, seen };
}

describe('live stream (real socket.io-client connections)', () => {
  let t: Started;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.stop();
  });
  const open = (auth: Record<string, unknown> = {}): Socket => {
    const s = connectClient(t.url, auth);
    sockets.push(s);
    return s;
  };
  const control = (s: Socket, cmd: unknown): Promise<ControlReply> =>
    s.timeout(10_000).emitWithAck('control', cmd) as Promise<ControlReply>;

  it('snapshot then deltas reproduce the server projection exactly (site and zone rooms)', async () => {
    const site = follow(open());
    const zone = follow(open({ zone: 'F' }));
    const trainer = open({ token: TEST_TOKENS.trainer });
    // Into the working day, so pickers walk and bins change.
    expect(await control(trainer, { type: 'control.jump', simTime: 7 * 3_600_000 })).toMatchObject({
      type: 'control.ack',
    });
    await waitFor(() => site.seen.deltas >= 30 && zone.seen.deltas >= 30, '30 deltas');
    const ack = await control(trainer, { type: 'control.pause' });
    expect(ack).toMatchObject({ type: 'control.ack', command: 'control.pause', run: { paused: true } });
    const server = t.server.runner.view();
    await waitFor(() => site.f.view?.seq === server.seq && zone.f.view?.seq === server.seq, 'the last delta');
    expect(site.seen.snapshots).toBe(1);
    expect(site.seen.resyncs).toBe(0);
    expect(site.seen.positions).toBeGreaterThan(0);
    expect(site.f.view).toEqual(server);
    expect(zone.f.view).toEqual(sliceView(server, 'F'));
    expect(zone.f.view!.bins.code.every((c) => c.startsWith('F-'))).toBe(true);
    await control(trainer, { type: 'control.resume' });
  });

  it('refuses control for a viewer with a clear error, accepts it for a trainer', async () => {
    const viewer = open();
    const refused = await control(viewer, { type: 'control.speed', speed: 5 });
    expect(refused).toEqual({
      type: 'control.error',
      command: 'control.speed',
      code: 'forbidden',
      message: expect.stringMatching(/viewer role \(read-only\)/),
    });
    const trainer = open({ token: TEST_TOKENS.trainer });
    const bad = await control(trainer, { type: 'control.speed', speed: 5000 });
    expect(bad).toMatchObject({
      type: 'control.error',
      code: 'invalid',
      message: expect.stringMatching(/^speed: /),
    });
    const ok = await control(trainer, { type: 'control.speed', speed: 500 });
    expect(ok).toMatchObject({ type: 'control.ack', run: { speed: 500 } });
    const inject = await control(trainer, { type: 'control.inject', exception: 'shrink' });
    expect(inject).toMatchObject({ type: 'control.ack' });
    const badInject = await control(trainer, { type: 'control.inject', exception: 'alien-abduction' });
    expect(badInject).toMatchObject({ type: 'control.error', code: 'invalid' });
  });

  it('refuses an unknown token at connect', async () => {
    const s = open({ token: 'nope' });
    const err = await new Promise<Error>((resolve) => s.once('connect_error', resolve));
    expect(err.message).toMatch(/invalid token/);
    s.disconnect();
  });

  it('reconnects with recovery (no snapshot, no gap) and without (fresh snapshot)', async () => {
    const s = open();
    const c = follow(s);
    await waitFor(() => c.seen.deltas >= 5, 'deltas');
    // Drop the transport as a network failure would: the session is kept and recovered.
    s.io.engine.close();
    await waitFor(() => c.seen.welcome.length === 2, 'reconnect');
    expect(c.seen.welcome[1]!.recovered).toBe(true);
    const before = c.seen.deltas;
    await waitFor(() => c.seen.deltas >= before + 5, 'deltas after recovery');
    expect(c.seen.snapshots).toBe(1);
    expect(c.seen.resyncs).toBe(0);
    // A session the server no longer has (expired after the recovery window, or the server
    // restarted) is not recovered: the client gets a fresh snapshot and carries on from it.
    (s as unknown as { _pid: string })._pid = 'expired-session';
    s.io.engine.close();
    await waitFor(() => c.seen.welcome.length === 3 && c.seen.snapshots === 2, 'a fresh snapshot');
    expect(c.seen.welcome[2]!.recovered).toBe(false);
    const seqNow = t.server.runner.view().seq;
    await waitFor(() => (c.f.view?.seq ?? 0) >= seqNow, 'catching up');
    expect(c.seen.resyncs).toBe(0);
  });
});
