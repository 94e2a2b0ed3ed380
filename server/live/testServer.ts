import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import type { FeedIngestOptions } from '../feeds/feedIngest.ts';
import type { PacingState } from './liveRun.ts';
import { startLiveServer, type LiveServer, type LiveServerOptions } from './liveServer.ts';

/** Tokens the test servers accept (through the env overrides). */
export const TEST_TOKENS = { admin: 'admin-secret', trainer: 'trainer-secret' };

/**
 * The options every test server starts with (single site or network): loopback on an ephemeral
 * port, no built client, a silent log (BINTWIN_TEST_LOG to see it), the test tokens.
 */
export function testServerOptions(
  scenario: string,
  pacing: PacingState,
  dataDir: string,
  extra: { tickMs?: number; log?: Logger; env?: Record<string, string> } = {},
): LiveServerOptions {
  return {
    scenario,
    pacing,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    tickMs: extra.tickMs ?? 50,
    clientDir: join(dataDir, 'no-client'),
    log: extra.log ?? pino({ level: process.env['BINTWIN_TEST_LOG'] ?? 'silent' }),
    env: { BINTWIN_ADMIN_TOKEN: TEST_TOKENS.admin, BINTWIN_TRAINER_TOKEN: TEST_TOKENS.trainer, ...extra.env },
  };
}

/** Starts a server on an ephemeral port in a temp data folder; `stop` closes it and deletes the folder. */
export async function startTestServer(
  pacing: PacingState = { speed: 1000, paused: false, until: null },
  extra: {
    tickMs?: number;
    dataDir?: string;
    log?: Logger;
    /** Any other live-server option (origins, TLS, budgets). */
    options?: Partial<LiveServerOptions>;
    feedIngest?: FeedIngestOptions;
    env?: Record<string, string>;
  } = {},
): Promise<{ server: LiveServer; url: string; dataDir: string; stop: () => Promise<void> }> {
  const dataDir = extra.dataDir ?? mkdtempSync(join(tmpdir(), 'bintwin-live-'));
  const server = await startLiveServer({
    ...testServerOptions('demo-dc', pacing, dataDir, extra),
    ...(extra.feedIngest ? { feedIngest: extra.feedIngest } : {}),
    ...extra.options,
  });
  return {
    server,
    url: `${extra.options?.tls ? 'https' : 'http'}://127.0.0.1:${server.port}`,
    dataDir,
    stop: async () => {
      await server.close();
      if (extra.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A socket.io-client connection speaking the server's protocol (msgpack, websocket only). */
export function connectClient(url: string, auth: Record<string, unknown> = {}): Socket {
  return connect(url, {
    parser: msgpackParser,
    transports: ['websocket'],
    auth,
    reconnection: true,
    reconnectionDelay: 50,
  });
}

/** Polls `cond` until true, failing after `ms` with `what`. */
export async function waitFor(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A logger whose lines (parsed JSON) are collected in `lines`, for asserting what was logged. */
export function captureLog(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) },
  );
  return { log, lines };
}
