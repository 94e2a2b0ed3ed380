import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifact,
  buildClient,
  haveChromium,
  launchBrowser,
  startServer,
  tempDataDir,
  waitFor,
  type ServerProcess,
} from './harness.ts';

const TRAINER = 'e2e-trainer-token-0123456789';
const ID = 'S0000e2e0';

describe.skipIf(!haveChromium())('trainer console in a real browser', () => {
  let server: ServerProcess | null = null;
  let browser: Browser | null = null;
  const dataDir = tempDataDir();

  beforeAll(async () => {
    buildClient();
    server = await startServer({ dataDir, env: { BINTWIN_TRAINER_TOKEN: TRAINER } });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a session from an exercise, shows its code, messages a trainee and shows the scoreboard and timeline', async () => {
    const page = await browser!.newPage();
    // The session store's POST /api/training/sessions is the handheld branch's: this test stands
    // in for it in the browser, writing the session file the real store writes.
    let asked: unknown = null;
    await page.route('**/api/training/sessions', async (route) => {
      asked = route.request().postDataJSON();
      const dir = join(dataDir, 'training', ID);
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'session.json'),
        JSON.stringify({
          id: ID,
          code: 'ABC234',
          scenario: 'demo-dc',
          exercise: 'picker-wrong-lot',
          speed: 1,
          state: 'open',
          createdAt: new Date().toISOString(),
          trainees: [
            {
              id: 'T1',
              name: 'Ana',
              role: 'picker',
              workerCode: 'P0001',
              tokenSha256: '0'.repeat(64),
              joinedAt: new Date().toISOString(),
            },
          ],
        }),
      );
      await route.fulfill({
        status: 201,
        contentType: 'application/json',
        body: JSON.stringify({ id: ID, code: 'ABC234' }),
      });
    });
    await page.goto(`${server!.url}/trainer`);
    await page.fill('#token', TRAINER);
    await page.dispatchEvent('#token', 'change');
    await waitFor('the exercise list', () => page.$('#exercise option[value="picker-wrong-lot"]'));
    await page.selectOption('#exercise', 'picker-wrong-lot');
    await page.click('#createBtn');
    await waitFor('the session code', async () =>
      ((await page.textContent('#sessionInfo')) ?? '').includes('ABC234'),
    );
    expect(asked).toEqual({ scenario: 'demo-dc', exercise: 'picker-wrong-lot', speed: 1 });
    expect(await page.inputValue('#sessionId')).toBe(ID);

    await page.fill('#trainee', 'T1');
    await page.fill('#message', 'scan the lot label');
    await page.click('#sendBtn');
    await waitFor('the message sent', async () => (await page.textContent('#liveStatus')) === 'message sent');
    await waitFor('the scoreboard row', async () =>
      ((await page.textContent('#scores tbody')) ?? '').includes('P0001'),
    );
    await waitFor('the timeline entry', async () =>
      ((await page.textContent('#items')) ?? '').includes('trainer: message scan the lot label'),
    );
    await page.screenshot({ path: artifact('trainer-console.png'), fullPage: true });
  }, 120_000);
});
