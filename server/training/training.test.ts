import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { connectClient, startTestServer, TEST_TOKENS, waitFor } from '../live/testServer.ts';
import type { HandheldAction, TrainingSession } from './trainingTypes.ts';

let srv: Awaited<ReturnType<typeof startTestServer>>;
const sockets: Socket[] = [];
/** The last `rf.welcome` each socket got (it comes right on connection). */
const welcomes = new Map<Socket, Record<string, unknown>>();

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await srv.stop();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(srv.url + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Connects to a namespace and resolves once connected, or rejects with the refusal. */
function connect(path: string, auth: Record<string, unknown>): Promise<Socket> {
  const s = connectClient(srv.url + path, auth);
  s.io.opts.reconnection = false;
  sockets.push(s);
  s.on('rf.welcome', (m: Record<string, unknown>) => welcomes.set(s, m));
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => reject(e));
  });
}

function emit(s: Socket, event: string, msg: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => s.emit(event, msg, (r: Record<string, unknown>) => resolve(r)));
}

let session: { id: string; code: string };
let trainee: { token: string; id: string };

describe('training sessions and joining', () => {
  it('creating a session needs a trainer or admin token and a valid body', async () => {
    expect((await call('POST', '/api/training/sessions', { scenario: 'demo-dc' })).status).toBe(401);
    const bad = await call(
      'POST',
      '/api/training/sessions',
      { scenario: 'demo-dc', speed: 5000, x: 1 },
      TEST_TOKENS.trainer,
    );
    expect(bad.status).toBe(400);
    const paths = (bad.json['problems'] as { path: string }[]).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/speed', '/']));
    expect((await call('POST', '/api/training/sessions', '{not json', TEST_TOKENS.trainer)).status).toBe(400);
    const unknown = await call(
      'POST',
      '/api/training/sessions',
      { scenario: 'no-such' },
      TEST_TOKENS.trainer,
    );
    expect(unknown.status).toBe(400);
    const ok = await call(
      'POST',
      '/api/training/sessions',
      { scenario: 'demo-dc', speed: 1000 },
      TEST_TOKENS.trainer,
    );
    expect(ok.status).toBe(201);
    session = { id: ok.json['id'] as string, code: ok.json['code'] as string };
    expect(session.id).toMatch(/^S[0-9a-f]{8}$/);
    expect(session.code).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/);
    expect(srv.server.runner.status().speed).toBe(1000);
  });

  it('joining takes a code and a printable name; the token is shown once and stored hashed', async () => {
    expect((await call('POST', '/api/training/join', { code: 'ABC', name: 'Ann' })).status).toBe(400);
    expect((await call('POST', '/api/training/join', { code: session.code, name: 'A\u0007nn' })).status).toBe(
      400,
    );
    expect(
      (await call('POST', '/api/training/join', { code: session.code, name: 'x'.repeat(41) })).status,
    ).toBe(400);
    const wrong = session.code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
    expect((await call('POST', '/api/training/join', { code: wrong, name: 'Ann' })).status).toBe(404);
    const j = await call('POST', '/api/training/join', { code: session.code.toLowerCase(), name: 'Ann' });
    expect(j.status).toBe(201);
    trainee = { token: j.json['token'] as string, id: (j.json['trainee'] as { id: string }).id };
    expect(trainee.token).toMatch(/^rf_/);
    const file = readFileSync(join(srv.dataDir, 'training', session.id, 'session.json'), 'utf8');
    expect(file).not.toContain(trainee.token);
    const saved = JSON.parse(file) as TrainingSession;
    expect(saved.pending![0]!.tokenSha256).toBe(createHash('sha256').update(trainee.token).digest('hex'));
    // The API never shows the hashes either.
    const s = await call('GET', `/api/training/sessions/${session.id}`, undefined, TEST_TOKENS.trainer);
    expect(JSON.stringify(s.json)).not.toContain('tokenSha256');
  });

  it('a trainee token cannot use staff routes, the viewer stream or its controls', async () => {
    expect((await call('GET', '/api/runs', undefined, trainee.token)).status).toBe(401);
    expect(
      (await call('POST', '/api/training/sessions', { scenario: 'demo-dc' }, trainee.token)).status,
    ).toBe(401);
    expect(
      (
        await call(
          'POST',
          `/api/training/sessions/${session.id}/trainees/${trainee.id}/role`,
          { role: 'picker' },
          trainee.token,
        )
      ).status,
    ).toBe(401);
    await expect(connect('/', { token: trainee.token })).rejects.toThrow(/invalid token/);
    // And staff or made-up tokens do not open a handheld.
    await expect(connect('/rf', { token: TEST_TOKENS.trainer })).rejects.toThrow(/unknown trainee token/);
    await expect(connect('/rf', { token: 'rf_guess' })).rejects.toThrow(/unknown trainee token/);
    await expect(connect('/rf', {})).rejects.toThrow(/unknown trainee token/);
  });

  it('the trainer gives a role: a free worker of it is driven by the trainee and marked on the floor', async () => {
    const bad = await call(
      'POST',
      `/api/training/sessions/${session.id}/trainees/${trainee.id}/role`,
      { role: 'boss' },
      TEST_TOKENS.trainer,
    );
    expect(bad.status).toBe(400);
    const r = await call(
      'POST',
      `/api/training/sessions/${session.id}/trainees/${trainee.id}/role`,
      { role: 'picker' },
      TEST_TOKENS.trainer,
    );
    expect(r.status).toBe(200);
    const worker = (r.json['trainee'] as { workerCode: string }).workerCode;
    expect(worker).toMatch(/^pick/);
    await waitFor(
      () => srv.server.runner.view().workers.some((w) => w.code === worker && w.trainee),
      'the trainee flag',
    );
    // Given already: a second assignment is refused.
    const again = await call(
      'POST',
      `/api/training/sessions/${session.id}/trainees/${trainee.id}/role`,
      { role: 'picker' },
      TEST_TOKENS.trainer,
    );
    expect(again.status).toBe(409);
  });

  it('the handheld socket takes validated entries only, answers each after logging it, and survives hostile input', async () => {
    const s = await connect('/rf', { token: trainee.token });
    await waitFor(() => welcomes.has(s), 'the welcome');
    expect((welcomes.get(s)!['trainee'] as { role: string }).role).toBe('picker');
    const screen = await emit(s, 'rf.screen', null);
    expect(screen['ok']).toBe(true);
    const hostile: unknown[] = [
      null,
      42,
      'scan',
      [],
      { input: 'binLabel' },
      { input: 'binLabel', raw: 'A', via: 'scan', extra: 1 },
      { input: 'binLabel', raw: 'x'.repeat(300), via: 'scan' },
      { input: 'exit', raw: '', via: 'keyed' },
      { input: 'quantity', raw: '1', via: 'keyed', exit: 'short' },
      { input: 'teleport', raw: '1', via: 'keyed' },
      { input: 'exit', raw: '', via: 'keyed', exit: 'short', reason: '\u0000' },
      { input: 'binLabel', raw: { $gt: '' }, via: 'scan' },
    ];
    for (const m of hostile) {
      const r = await emit(s, 'rf.entry', m);
      expect(r['ok'], JSON.stringify(m)).toBe(false);
      expect(r['error']).toBe('invalid entry');
    }
    // Valid but not what the step takes: answered (refused, with why) and logged.
    const rnd = (n: number): string =>
      Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((i * 7919 + n * 31) % 95))).join('');
    let logged = 0;
    for (let i = 0; i < 8; i++) {
      const r = await emit(s, 'rf.entry', {
        input: 'binLabel',
        raw: `]C1${rnd(i * 9)}\u001d\r\n`,
        via: 'scan',
      });
      expect(r['ok']).toBe(true);
      expect((r['outcome'] as { ok: boolean }).ok).toBe(false);
      logged = r['seq'] as number;
    }
    expect(logged).toBe(8);
    const lines = readFileSync(join(srv.dataDir, 'training', session.id, 'actions.ndjson'), 'utf8')
      .trim()
      .split('\n');
    const actions = lines.map((l) => JSON.parse(l) as HandheldAction);
    expect(actions.map((a) => a.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(actions.every((a) => a.outcome === 'refused' && a.reason && a.traineeId === trainee.id)).toBe(
      true,
    );
    expect(actions.some((a) => a.raw.endsWith('\r\n'))).toBe(false);
    // A burst over the rate limit is refused with a retry hint, and the server still answers.
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => emit(s, 'rf.entry', { input: 'lot', raw: 'L1', via: 'keyed' })),
    );
    expect(burst.some((r) => String(r['error'] ?? '').startsWith('at most'))).toBe(true);
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
  });

  it('every trainee role can be given, and the trainer hands a worker back to the simulation', async () => {
    const seat = async (role: string): Promise<{ id: string; worker: string }> => {
      const j = await call('POST', '/api/training/join', { code: session.code, name: `R ${role}` });
      const id = (j.json['trainee'] as { id: string }).id;
      const r = await call(
        'POST',
        `/api/training/sessions/${session.id}/trainees/${id}/role`,
        { role },
        TEST_TOKENS.trainer,
      );
      expect(r.status, role).toBe(200);
      return { id, worker: (r.json['trainee'] as { workerCode: string }).workerCode };
    };
    const seated = await Promise.all(['receiver', 'putaway', 'replenisher', 'counter'].map(seat));
    expect(seated.map((x) => x.worker.replace(/-\d+$/, ''))).toEqual(['rcv', 'fork', 'repl', 'cnt']);
    const counter = seated[3]!;
    const path = `/api/training/sessions/${session.id}/trainees/${counter.id}/handback`;
    expect((await call('POST', path, {}, trainee.token)).status).toBe(401);
    const simBefore = srv.server.runner.currentRun().simTime;
    const back = await call('POST', path, {}, TEST_TOKENS.trainer);
    const simAfter = srv.server.runner.currentRun().simTime;
    expect(back.status).toBe(200);
    await waitFor(
      () => srv.server.runner.view().workers.some((w) => w.code === counter.worker && !w.trainee),
      'the worker simulated again',
    );
    expect((await call('POST', path, {}, TEST_TOKENS.trainer)).status).toBe(409);
    const s = await call('GET', `/api/training/sessions/${session.id}`, undefined, TEST_TOKENS.trainer);
    const t = (s.json['trainees'] as { id: string; handedBackAt?: string; handedBackSimMs?: number }[]).find(
      (x) => x.id === counter.id,
    )!;
    expect(t.handedBackAt).toMatch(/^20/);
    // The sim instant too: scoring counts the worker's records up to it only.
    expect(t.handedBackSimMs).toBeGreaterThanOrEqual(simBefore);
    expect(t.handedBackSimMs).toBeLessThanOrEqual(simAfter);
  });
});

describe('the floor kit', () => {
  it('prints bin labels of a zone and item labels as barcodes; bad parameters are refused', async () => {
    const bins = await fetch(`${srv.url}/kit/bins?zone=${srv.server.runner.view().zones[0]!.id}`);
    expect(bins.status).toBe(200);
    const html = await bins.text();
    expect(html).toContain('<svg');
    expect((html.match(/<figure/g) ?? []).length).toBeGreaterThan(0);
    const items = await (await fetch(`${srv.url}/kit/items`)).text();
    expect((items.match(/<svg/g) ?? []).length).toBe(2 * (items.match(/<figure/g) ?? []).length);
    expect((await fetch(`${srv.url}/kit/bins?zone=%3Cscript%3E`)).status).toBe(400);
    expect((await fetch(`${srv.url}/kit/bins?zone=NOPE`)).status).toBe(404);
    expect((await fetch(`${srv.url}/kit/items?page=99999`)).status).toBe(404);
    expect((await fetch(`${srv.url}/kit/items?page=-1`)).status).toBe(400);
  });
});
