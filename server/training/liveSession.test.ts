import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { HandheldScreen } from '../../sim/handheldApi.ts';
import { connectClient, startTestServer, TEST_TOKENS, waitFor } from '../live/testServer.ts';
import type { TrainerLogRecord } from './trainerLog.ts';
import { authedJson } from '../../test/authedJson.ts';

// One exercise session through the live server: the exercise's cues fire as the run advances
// (a message on the handheld, an injection into the picker's next task that their lot scan
// meets), the trainer's message reaches the handheld, scores see the catch, and a rewind keeps
// the handheld connected and sends it a fresh screen.

let srv: Awaited<ReturnType<typeof startTestServer>>;
let socket: Socket | null = null;

beforeAll(async () => {
  srv = await startTestServer();
}, 120_000);
afterAll(async () => {
  socket?.close();
  await srv.stop();
});

function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
  return authedJson(srv.url, TEST_TOKENS.trainer, method, path, body);
}

function entry(
  s: Socket,
  m: Record<string, unknown>,
): Promise<{ ok: boolean; outcome: { ok: boolean; reason?: string } }> {
  return new Promise((resolve) => s.emit('rf.entry', m, resolve));
}

describe('an exercise session on the live server', () => {
  it('cues fire into the live run, the picker catches the injected lot, a rewind keeps the handheld', async () => {
    const created = await call('POST', '/api/training/sessions', {
      scenario: 'demo-dc',
      exercise: 'picker-wrong-lot-drill',
      speed: 60,
    });
    const sid = String(created['id']);
    expect(srv.server.runner.currentRun().simTime).toBeGreaterThanOrEqual(300 * 60_000);
    expect(srv.server.runner.rewindSettings()).toEqual({ everyMs: 5 * 60_000, keep: 24 });
    const joined = await fetch(srv.url + '/api/training/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: created['code'], name: 'Pat' }),
    }).then((r) => r.json() as Promise<{ token: string; trainee: { id: string } }>);
    const tid = joined.trainee.id;
    await call('POST', `/api/training/sessions/${sid}/trainees/${tid}/role`, { role: 'picker' });

    const messages: string[] = [];
    let screen: HandheldScreen | null = null;
    let screens = 0;
    const s = connectClient(srv.url + '/rf', { token: joined.token });
    socket = s;
    s.on('rf.message', (m: { text: string }) => messages.push(m.text));
    s.on('rf.screen', (x: HandheldScreen | null) => {
      screen = x;
      screens++;
    });
    await waitFor(() => messages.some((m) => m.startsWith('Welcome')), 'the cue message on the handheld');
    await call('POST', `/api/training/sessions/${sid}/message`, { traineeId: tid, text: 'check the lot' });
    await waitFor(() => messages.includes('check the lot'), 'the trainer message on the handheld');

    // Walk picks until the lot scan is refused (the cue at minute 2 armed the next lot-controlled pick).
    let refused = '';
    for (let picks = 0; picks < 12 && refused === ''; picks++) {
      await waitFor(() => screen?.input === 'binLabel', 'a pick face', 60_000);
      const at = screen!;
      expect(
        (
          await entry(s, {
            input: 'binLabel',
            raw: at.kit.find((k) => k.title === at.task?.bin)!.data,
            via: 'kit',
          })
        ).outcome.ok,
      ).toBe(true);
      const label = at.kit.find((k) => k.kind === 'item')!;
      const r = await entry(s, { input: 'gs1Item', raw: label.data, via: 'kit' });
      if (!r.outcome.ok) {
        refused = r.outcome.reason ?? '';
        expect((await entry(s, { input: 'exit', exit: 'short', raw: '', via: 'keyed' })).outcome.ok).toBe(
          true,
        );
        break;
      }
      expect(
        (await entry(s, { input: 'quantity', raw: String(at.task?.qty), via: 'keyed' })).outcome.ok,
      ).toBe(true);
    }
    expect(refused).toMatch(/^wrong lot: /);

    const log = (await call('GET', `/api/training/sessions/${sid}/timeline`))['items'] as {
      source: string;
      record: TrainerLogRecord;
    }[];
    const cueRecs = log.filter((i) => i.source === 'trainer' && i.record.by === 'cue').map((i) => i.record);
    expect(cueRecs.map((r) => [r.cue, r.kind, r.simMs])).toEqual([
      ['welcome', 'message', 300 * 60_000],
      ['wrong-lot-at-2', 'inject', 302 * 60_000],
    ]);
    // The time cue's injection was handed to the engine ahead of time and armed at 302 min exactly.
    const armed = cueRecs.find((r) => r.kind === 'inject');
    expect(armed && 'message' in armed ? armed.message : '').toMatch(/ at 18120000 by the engine$/);
    const scores = (await call('GET', `/api/training/sessions/${sid}/scores`))['scores'] as {
      injections: { cause: string; result: string }[];
      errors: { lot: number };
    }[];
    expect(scores[0]!.injections.map((i) => [i.cause, i.result])).toEqual([['wrongLot', 'caught']]);
    expect(scores[0]!.errors.lot).toBe(1);

    // A rewind: the handheld stays connected and is sent its screen again.
    await waitFor(() => srv.server.runner.rewindPoints().length > 0, 'a rewind point', 60_000);
    const point = srv.server.runner.rewindPoints()[0]!.simMs;
    const before = screens;
    await call('POST', '/api/training/rewind', { simMs: point, session: sid });
    await waitFor(() => screens > before, 'a fresh screen after the rewind');
    expect(s.connected).toBe(true);
    expect(screen).not.toBeNull();
    expect(srv.server.runner.currentRun().simTime).toBe(point);
  }, 240_000);
});
