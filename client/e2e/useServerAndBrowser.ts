import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildClient, launchBrowser, startServer, tempDataDir, type ServerProcess } from './harness.ts';

/** The server and browser of an e2e file, readable once its `beforeAll` has run. */
export interface ServerAndBrowser {
  readonly server: ServerProcess;
  readonly browser: Browser;
}

/**
 * Registers the set-up every browser e2e file shares, in the calling `describe`: build the client
 * (once per source change), start `bintwin serve demo-dc` with `env` in a fresh data dir, launch
 * Chromium; afterwards close the browser and stop the server. Kept apart from harness.ts, which
 * the screenshot script also imports outside vitest.
 */
export function useServerAndBrowser(env: Record<string, string> = {}): ServerAndBrowser {
  let server: ServerProcess | null = null;
  let browser: Browser | null = null;
  const dataDir = tempDataDir();
  beforeAll(async () => {
    buildClient();
    server = await startServer({ dataDir, env });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });
  return {
    get server(): ServerProcess {
      if (!server) throw new Error('e2e server not started (did beforeAll fail?)');
      return server;
    },
    get browser(): Browser {
      if (!browser) throw new Error('e2e browser not launched (did beforeAll fail?)');
      return browser;
    },
  };
}
