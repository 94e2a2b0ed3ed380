import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import type { FeedIngestOptions } from '../feeds/feedIngest.ts';
import type { PacingState } from './liveRun.ts';
import { startLiveServer, type LiveServer } from './liveServer.ts';

/** Tokens the test servers accept (through the env overrides). */
export const TEST_TOKENS = { admin: 'admin-secret', trainer: 'trainer-secret' };

/** Starts a server on an ephemeral port in a temp data folder; `stop` closes it and deletes the folder. */
export async function startTestServer(
  pacing: PacingState = { speed: 1000, paused: false, until: null },
  extra: {
    tickMs?: number;
    dataDir?: string;
    feedIngest?: FeedIngestOptions;
    env?: Record<string, string>;
  } = {},
): Promise<{ server: LiveServer; url: string; dataDir: string; stop: () => Promise<void> }> {
  const dataDir = extra.dataDir ?? mkdtempSync(join(tmpdir(), 'bintwin-live-'));
  const server = await startLiveServer({
    scenario: 'demo-dc',
    pacing,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    tickMs: extra.tickMs ?? 50,
    clientDir: join(dataDir, 'no-client'),
    log: pino({ level: process.env['BINTWIN_TEST_LOG'] ?? 'silent' }),
    env: { BINTWIN_ADMIN_TOKEN: TEST_TOKENS.admin, BINTWIN_TRAINER_TOKEN: TEST_TOKENS.trainer, ...extra.env },
    ...(extra.feedIngest ? { feedIngest: extra.feedIngest } : {}),
  });
  return {
    server,
    url: `http://127.0.0.1:${server.port}`,
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
