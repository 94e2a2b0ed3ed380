import { describe, expect, it } from 'vitest';
import { haveChromium } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const TRAINER = 'e2e-trainer-token-forecast-0123';
// A page's first snapshot (and the trainer role) took more than 30 s under CI-like load; the
// anonymous viewer below already waits 90 s for the same.
const PAGE_READY_MS = 90_000;

describe.skipIf(!haveChromium())('Forecast button and wall tile in a real browser', () => {
  const env = useServerAndBrowser({ BINTWIN_TRAINER_TOKEN: TRAINER });

  it('a trainer runs a forecast from the floor view; the result shows there and on a wall screen', async () => {
    const wall = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await wall.goto(`${env.server.url}/wall`, { timeout: 20_000 });
    await wall.waitForFunction('window.__bintwin && window.__bintwin.snapshots() > 0', undefined, {
      timeout: PAGE_READY_MS,
    });
    expect(await wall.locator('[data-testid=forecast-tile]').isHidden()).toBe(true);

    const floor = await env.browser.newPage({ viewport: { width: 1600, height: 900 } });
    const errors: string[] = [];
    floor.on('pageerror', (e) => errors.push(e.message));
    await floor.goto(`${env.server.url}/?token=${TRAINER}`, { timeout: 20_000 });
    await floor.waitForFunction("window.__bintwin && window.__bintwin.role() === 'trainer'", undefined, {
      timeout: PAGE_READY_MS,
    });
    await floor.getByRole('button', { name: 'Forecast', exact: true }).click();
    await floor.getByLabel('Replications').fill('2');
    await floor.getByRole('button', { name: 'Run forecast' }).click();
    const result = floor.locator('[data-testid=forecast-result]');
    const status = floor.locator('.forecast-status');
    // Done when a result shows or the status line says why not (a refusal is shown in words).
    await floor.waitForFunction(
      "document.querySelector('[data-testid=forecast-result]').textContent !== '' || !/^(Forecasting…)?$/.test(document.querySelector('.forecast-status').textContent)",
      undefined,
      { timeout: 240_000 },
    );
    expect(await status.textContent()).toBe('');
    expect(await result.textContent()).toMatch(/^Cut-off \d\d:\d\d: \d+% make it/);
    expect(await result.textContent()).toMatch(/2 replications from/);
    // Pushed to every viewer: the anonymous wall screen shows it as a tile.
    const tile = wall.locator('[data-testid=forecast-tile]');
    await tile.getByText(/^Cut-off \d\d:\d\d:/).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
  }, 480_000);

  it('an anonymous viewer gets no Forecast button', async () => {
    const page = await env.browser.newPage();
    await page.goto(env.server.url, { timeout: 20_000 });
    await page.waitForFunction('window.__bintwin && window.__bintwin.snapshots() > 0', undefined, {
      timeout: 90_000,
    });
    expect(await page.getByRole('button', { name: 'Forecast', exact: true }).count()).toBe(0);
  }, 120_000);
});
