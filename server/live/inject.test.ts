import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { SHIPPED_SCENARIOS_DIR } from '../scenarioLoader.ts';
import type { ControlReply, WelcomeMessage } from '../../sim/view/protocol.ts';
import type { SnapshotMessage } from '../../sim/view/protocol.ts';
import { INJECTABLE_CAUSES, BIN_TYPES } from '../../sim/viewApi.ts';
import { binTableFromWire } from '../../sim/view/protocol.ts';
import { connectClient, startTestServer, TEST_TOKENS, waitFor } from './testServer.ts';

const HOUR = 3_600_000;
/** Longest a transaction-bound injection may wait for its chance: through the next working day (an emergency reserve pick needs a short face whose item still has reserve stock, which demand-sized stock makes rare). */
const CHANCE_WITHIN_MS = 34 * HOUR;
/** A trainer's pace: the server takes at most 2 injections a second per connection (burst 4). */
const INJECT_GAP_MS = 600;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('every cause is injectable live through the socket control path', () => {
  let t: Awaited<ReturnType<typeof startTestServer>>;
  let trainer: Socket;
  const welcome: WelcomeMessage[] = [];
  let snapshot: SnapshotMessage | null = null;
  beforeAll(async () => {
    t = await startTestServer({ speed: 1000, paused: true, until: null });
    trainer = connectClient(t.url, { token: TEST_TOKENS.trainer });
    trainer.on('session.welcome', (m: WelcomeMessage) => welcome.push(m));
    trainer.on('state.snapshot', (m: SnapshotMessage) => (snapshot = m));
    await waitFor(() => welcome.length > 0, 'welcome');
  });
  afterAll(async () => {
    trainer.disconnect();
    await t.stop();
  });
  // A jump simulates days before it answers: about 5 s on a quiet machine, over 30 s at load 17
  // on two cores; the ack wait is a hang detector, not a speed check.
  const control = (cmd: unknown): Promise<ControlReply> =>
    trainer.timeout(240_000).emitWithAck('control', cmd) as Promise<ControlReply>;

  it('the welcome carries the engine list of causes with labels and parameters', () => {
    expect(welcome[0]!.causes).toEqual(INJECTABLE_CAUSES);
    expect(welcome[0]!.causes.map((c) => c.cause)).toHaveLength(11);
  });

  it('each of the eleven produces its truth event: at once, or at its next chance within hours', async () => {
    // demo-dc without its background error rates, uploaded and loaded as a trainer would: every
    // truth event of a cause below is then the injection's own.
    const demo = JSON.parse(readFileSync(`${SHIPPED_SCENARIOS_DIR}demo-dc.json`, 'utf8')) as Record<
      string,
      unknown
    >;
    delete demo['exceptions'];
    // Customer returns on (quick to come back), so a return received after the jump is the
    // chance of returnRestockedUninspected.
    demo['returns'] = { share: 0.1, delayHours: 2, transitHours: 2 };
    const up = await fetch(`${t.url}/api/scenarios`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKENS.trainer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...demo, name: 'demo-dc-quiet' }),
    });
    expect(up.status).toBe(201);
    snapshot = null;
    expect(await control({ type: 'control.load', scenario: 'demo-dc-quiet' })).toMatchObject({
      type: 'control.ack',
      run: { scenario: 'demo-dc-quiet', paused: true },
    });
    // Into a working day (Thursday 07:00, when POs raised in the week are arriving): trucks at
    // the dock, pickers on their tours.
    const start = 3 * 24 * HOUR + 7 * HOUR;
    expect(await control({ type: 'control.jump', simTime: start })).toMatchObject({ type: 'control.ack' });
    await waitFor(() => snapshot !== null, 'a snapshot of the loaded run');
    const run = t.server.runner.currentRun();
    expect(run.truth()).toEqual([]);

    // Pick faces low on stock: shrink on them leaves a face short of what pickers were sent for,
    // the chance the two short-face causes (emergency reserve pick, substitution) need — in a
    // scenario without background errors the books are otherwise right and faces are rarely short.
    const bins = binTableFromWire(t.server.runner.view().bins);
    const forward = BIN_TYPES.indexOf('forward');
    const low = bins.code
      .map((code, i) => ({ code, i }))
      .filter(({ i }) => bins.type[i] === forward && bins.physicalQty[i]! >= 1 && bins.physicalQty[i]! <= 3)
      .map(({ code }) => code);
    expect(low.length).toBeGreaterThanOrEqual(6);
    const face = low[0]!;

    for (const c of welcome[0]!.causes) {
      const cmd =
        c.cause === 'shrink'
          ? { type: 'control.inject', exception: c.cause, bin: face }
          : { type: 'control.inject', exception: c.cause };
      await pause(INJECT_GAP_MS);
      const reply = await control(cmd);
      expect(reply, c.cause).toMatchObject({
        type: 'control.ack',
        command: 'control.inject',
        simTime: start,
      });
      expect((reply as { message?: string }).message, c.cause).toMatch(
        c.timing === 'now' ? /injected/ : /armed: it happens at the next transaction/,
      );
      if (c.timing === 'now') {
        // Happened at once, attributed, before the acknowledgement.
        const seen = run.truth().filter((e) => e.cause === c.cause);
        expect(seen, c.cause).toHaveLength(1);
        expect(seen[0]!.t).toBe(start);
        if (c.cause === 'shrink') expect(seen[0]!.bin).toBe(face);
      }
    }
    // More short faces (shrink again, as a trainer may), so both short-face causes get a chance.
    for (const bin of low.slice(1, 8)) {
      await pause(INJECT_GAP_MS);
      expect(await control({ type: 'control.inject', exception: 'shrink', bin })).toMatchObject({
        type: 'control.ack',
      });
    }
    // Armed causes wait for their transaction: nothing of theirs yet.
    const armed = welcome[0]!.causes.filter((c) => c.timing === 'next-chance').map((c) => c.cause);
    expect(armed).toHaveLength(9);
    for (const c of armed)
      expect(
        run.truth().filter((e) => e.cause === c),
        c,
      ).toEqual([]);

    expect(await control({ type: 'control.jump', simTime: start + CHANCE_WITHIN_MS })).toMatchObject({
      type: 'control.ack',
    });
    const truth = run.truth();
    for (const c of armed) {
      const fired = truth.filter((e) => e.cause === c);
      // Exactly once: armed once, used up by happening, and no background rate in this scenario.
      expect(fired, `${c} fired once`).toHaveLength(1);
      const e = fired[0]!;
      expect(e.t).toBeGreaterThanOrEqual(start);
      expect(e.t).toBeLessThanOrEqual(start + CHANCE_WITHIN_MS);
      expect(e.delta.length, `${c} changed the gap`).toBeGreaterThan(0);
    }
  }, 600_000);

  it('refuses a bin for a cause that takes none, and an unknown cause, naming what was wrong', async () => {
    await pause(INJECT_GAP_MS);
    const withBin = await control({ type: 'control.inject', exception: 'wrongLot', bin: 'F-01-01-A' });
    expect(withBin).toMatchObject({
      type: 'control.error',
      code: 'invalid',
      message: /wrongLot takes no bin/,
    });
    await pause(INJECT_GAP_MS);
    const kebab = await control({ type: 'control.inject', exception: 'uom-error' });
    expect(kebab).toMatchObject({ type: 'control.error', message: /unknown exception "uom-error"; one of / });
  });
});
