import { Agent, request } from 'node:http';
import {
  oneOf,
  pick,
  randomValue,
  type FuzzContext,
  type FuzzReport,
  type FuzzTarget,
  type Rng,
} from './fuzzTarget.ts';

const PATHS = [
  '/healthz',
  '/',
  '/index.html',
  '/wall',
  '/api/scenarios',
  '/api/scenarios/demo-dc',
  '/api/scenarios/validate',
  '/api/runs',
  '/api/runs/r0001-demo-dc',
  '/api/runs/r0001-demo-dc/journal',
  '/api/runs/r0001-demo-dc/kpis',
  '/api/bins/F-01-01-A',
  '/api/feed/exceptions',
  '/api/devices',
  '/api/scans',
  '/epcis/capture',
  '/epcis/capture/x',
  '/epcis/events',
  '/epcis/export',
  '/socket.io/',
];
const METHODS = ['GET', 'GET', 'HEAD', 'POST', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];

/** URL-encodes a fuzz value; a lone surrogate (which encodeURIComponent refuses) goes raw. */
function enc(v: unknown): string {
  try {
    return encodeURIComponent(String(v));
  } catch {
    return '%ED%A0%80';
  }
}

/** A mutated path: escapes, traversal, odd bytes, long segments, random query strings. */
function mutatePath(rng: Rng): string {
  let p = oneOf(rng, PATHS);
  const m = pick(rng, 8);
  if (m === 0) p += '/%' + oneOf(rng, ['', 'z', 'E0%A4', 'ff', '00']);
  else if (m === 1) p = p.replace(/\/[^/]*$/, '/' + enc(randomValue(rng, 0)));
  else if (m === 2) p += '/..%2f..%2fetc%2fpasswd';
  else if (m === 3) p += '/' + 'a'.repeat(pick(rng, 5000));
  else if (m === 4)
    p +=
      '?' +
      ['from', 'limit', 'nextPageToken', 'zone', 'EIO', 'transport']
        .map((k) => `${k}=${enc(randomValue(rng, 0))}`)
        .join('&');
  else if (m === 5) p = p.replace(/[a-z]/, (c) => c.toUpperCase());
  return p;
}

/** A mutated body: random JSON, broken JSON, deep nesting, wrong encodings, oversize. */
function mutateBody(rng: Rng): Buffer {
  const m = pick(rng, 6);
  if (m === 0) return Buffer.from(JSON.stringify(randomValue(rng, 4)) ?? 'null');
  if (m === 1) return Buffer.from('{"a": ' + '['.repeat(pick(rng, 3000)));
  if (m === 2) return Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x00]);
  if (m === 3) return Buffer.alloc(pick(rng, 3) === 0 ? (1 << 20) + 10 : pick(rng, 70_000), 0x7b);
  if (m === 4)
    return Buffer.from(
      JSON.stringify({ schemaVersion: 1, name: randomValue(rng, 0), workers: randomValue(rng) }),
    );
  return Buffer.alloc(0);
}

/** Requests in flight at once (over that many keep-alive connections). */
export const HTTP_CONCURRENCY = 8;

/** One mutated request, built before it is sent (so the inputs depend on the seed only). */
interface HttpInput {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Sends one request; resolves with the status (0 when the server closed without answering,
 * -1 on a connection error). A keep-alive connection the server closed between two requests
 * is retried once on a fresh one: that input was never read.
 */
function send(url: string, agent: Agent, input: HttpInput, retried = false): Promise<number> {
  const { method, path, headers, body } = input;
  return new Promise((resolve) => {
    const target = url + (path.startsWith('/') ? path : '/' + path);
    const r = request(target, { method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve(res.statusCode === 503 && res.headers['retry-after'] ? 200 : (res.statusCode ?? 0)),
      );
      res.on('error', () => resolve(0));
    });
    r.setTimeout(15_000, () => r.destroy());
    r.on('error', () => {
      if (r.reusedSocket && !retried) resolve(send(url, agent, input, true));
      else resolve(-1);
    });
    if (body.length > 0 && method !== 'GET' && method !== 'HEAD') r.end(body);
    else r.end();
  });
}

/**
 * HTTP fuzz: mutated paths, methods, headers, tokens and bodies across every route. The
 * server must never answer 5xx (503 with Retry-After while the run is busy is fine).
 * Tokens are anonymous, guessed, or a trainer's for reads, so nothing destructive runs.
 * Eight requests are in flight at once over keep-alive connections (a connection per
 * request made the fuzz measure TCP set-up, not the server).
 */
export const httpFuzz: FuzzTarget = {
  name: 'http',
  async run(ctx: FuzzContext): Promise<FuzzReport> {
    const rep: FuzzReport = { sent: 0, serverErrors: 0, examples: [], info: { resets: 0 } };
    const { rng } = ctx;
    const agent = new Agent({ keepAlive: true, maxSockets: HTTP_CONCURRENCY });
    const next = (): HttpInput => {
      const method = oneOf(rng, METHODS);
      const path = mutatePath(rng);
      const headers: Record<string, string> = {};
      const auth = pick(rng, 5);
      if (auth === 1) headers['authorization'] = `Bearer ${String(randomValue(rng, 0))}`;
      if (auth === 2 && method === 'GET') headers['authorization'] = `Bearer ${ctx.tokens.trainer}`;
      if (auth === 3) headers['authorization'] = oneOf(rng, ['Basic x', 'Bearer', 'Bearer  ', '\u00ff']);
      if (rng() < 0.3)
        headers['content-type'] = oneOf(rng, [
          'application/json',
          'text/plain',
          'multipart/form-data; boundary=x',
          '',
        ]);
      if (rng() < 0.2)
        headers['origin'] = oneOf(rng, ['https://evil.example', 'null', 'http://localhost', '%']);
      return { method, path, headers, body: mutateBody(rng) };
    };
    // Inputs come from one seeded sequence, whichever worker takes them.
    const worker = async (): Promise<void> => {
      while (rep.sent < ctx.iterations && Date.now() < ctx.deadline) {
        const input = next();
        rep.sent++;
        let status: number;
        try {
          status = await send(ctx.url, agent, input);
        } catch {
          status = -1;
        }
        if (status < 0) rep.info!['resets']!++;
        if (status >= 500) {
          rep.serverErrors++;
          if (rep.examples.length < 5)
            rep.examples.push(`${input.method} ${input.path.slice(0, 120)} → ${status}`);
        }
      }
    };
    await Promise.all(Array.from({ length: HTTP_CONCURRENCY }, worker));
    agent.destroy();
    return rep;
  },
};
