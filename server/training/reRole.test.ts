import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { connectClient, startTestServer, TEST_TOKENS, waitFor } from '../live/testServer.ts';
import type { TrainingSession } from './trainingTypes.ts';

// A trainee handed back (their worker simulated again) is given a new role by the trainer: a new
// seat on a worker of that role, with the same token, so the handheld in their hand carries on.

let srv: Awaited<ReturnType<typeof startTestServer>>;
let socket: Socket | null = null;
// Starting a server loads demo-dc: give it time on a loaded machine.
beforeAll(async () => {
  srv = await startTestServer();
}, 60_000);
afterAll(async () => {
  socket?.close();
  await srv.stop();
});

async function call(path: string, body?: unknown, token = TEST_TOKENS.trainer) {
  const res = await fetch(srv.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

interface Welcome {
  trainee: { id: string; role: string | null; worker: string | null };
}

const driven = (code: string): boolean =>
  srv.server.runner.view().workers.some((w) => w.code === code && w.trainee === true);

describe('re-role after a hand-back', () => {
  it('the trainer gives a handed-back trainee a new role; the handheld is told without joining again', async () => {
    const made = await call('/api/training/sessions', { scenario: 'demo-dc', speed: 1000 });
    const sid = made.json['id'] as string;
    const code = made.json['code'] as string;
    const j = await fetch(`${srv.url}/api/training/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Ana' }),
    });
    const joined = (await j.json()) as { token: string; trainee: { id: string } };
    const first = joined.trainee.id;
    const role = (id: string, r: string) =>
      call(`/api/training/sessions/${sid}/trainees/${id}/role`, { role: r });
    const picker = await role(first, 'picker');
    expect(picker.status).toBe(200);
    const pickWorker = (picker.json['trainee'] as { workerCode: string }).workerCode;

    const welcomes: Welcome[] = [];
    const screens: { role: string; worker: string; driven: boolean }[] = [];
    const messages: string[] = [];
    socket = connectClient(`${srv.url}/rf`, { token: joined.token });
    socket.on('rf.welcome', (m: Welcome) => welcomes.push(m));
    socket.on('rf.screen', (s: { role: string; worker: string; driven: boolean } | null) => {
      if (s) screens.push(s);
    });
    socket.on('rf.message', (m: { text: string }) => messages.push(m.text));
    await waitFor(() => welcomes.length === 1 && screens.length > 0, 'the first welcome and screen');
    expect(welcomes[0]!.trainee).toMatchObject({ id: first, role: 'picker', worker: pickWorker });

    // Still driving: refused, with why.
    const early = await role(first, 'putaway');
    expect(early.status).toBe(409);
    expect(String(early.json['error'])).toContain(`${first} drives ${pickWorker}`);

    expect((await call(`/api/training/sessions/${sid}/trainees/${first}/handback`, {})).status).toBe(200);
    await waitFor(() => !driven(pickWorker), 'the picker simulated again');

    const again = await role(first, 'putaway');
    expect(again.status).toBe(200);
    const seat = again.json['trainee'] as { id: string; workerCode: string };
    expect(seat.id).not.toBe(first);
    expect(seat.workerCode).toMatch(/^fork/);
    // The floor view marks the new worker, not the old one.
    await waitFor(() => driven(seat.workerCode), 'the new worker marked');
    expect(driven(pickWorker)).toBe(false);
    // The same connection is welcomed in the new role and sent the new worker's screen.
    await waitFor(() => welcomes.length === 2, 'the second welcome');
    expect(welcomes[1]!.trainee).toEqual({
      id: seat.id,
      name: 'Ana',
      role: 'putaway',
      worker: seat.workerCode,
    });
    await waitFor(() => screens.at(-1)?.worker === seat.workerCode, 'the new screen');
    expect(screens.at(-1)).toMatchObject({ role: 'putaway', driven: true });
    // Messages to the new seat reach the same handheld.
    const sent = await call(`/api/training/sessions/${sid}/message`, {
      traineeId: seat.id,
      text: 'now put away',
    });
    expect(sent.status).toBe(200);
    await waitFor(() => messages.includes('now put away'), 'the message');

    // The old seat stays (handed back, for its score); it cannot be re-roled twice.
    expect((await role(first, 'counter')).status).toBe(409);
    const saved = JSON.parse(
      readFileSync(join(srv.dataDir, 'training', sid, 'session.json'), 'utf8'),
    ) as TrainingSession;
    expect(saved.trainees.map((t) => [t.id, t.workerCode, t.handedBackAt !== undefined, t.reseatOf])).toEqual(
      [
        [first, pickWorker, true, undefined],
        [seat.id, seat.workerCode, false, first],
      ],
    );
    expect(saved.trainees[1]!.tokenSha256).toBe(saved.trainees[0]!.tokenSha256);
    // The handheld's entries now drive the new worker.
    const r = await new Promise<Record<string, unknown>>((resolve) =>
      socket!.emit('rf.screen', null, (x: Record<string, unknown>) => resolve(x)),
    );
    expect((r['screen'] as { worker: string }).worker).toBe(seat.workerCode);
  });
});
