import type { Browser, Page } from 'playwright-core';
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

/** What the overview page exposes (client/network/networkApp.ts `__network`). */
interface NetworkHook {
  overviews: number;
  last: { simTime: number; sites: { id: string }[] } | null;
}

const figures = (page: Page): Promise<string> =>
  page
    .locator('[data-testid="site-tile"] dd, [data-testid="network-kpis"] .value')
    .allTextContents()
    .then((t) => t.join('|'));

describe.skipIf(!haveChromium())('network overview and per-site floor views in a real browser', () => {
  let server: ServerProcess | null = null;
  let browser: Browser | null = null;
  const dataDir = tempDataDir();

  beforeAll(async () => {
    buildClient();
    server = await startServer({ dataDir, scenario: 'demo-network', speed: '600' });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  it('/network shows every site with live numbers; a tile opens that site, which streams only its own frames', async () => {
    const page = await browser!.newPage({ viewport: { width: 1400, height: 820 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server!.url}/network`, { timeout: 20_000 });
    await page.waitForFunction('window.__network && window.__network.overviews > 0', undefined, {
      timeout: 30_000,
    });
    const tiles = page.locator('[data-testid="site-tile"]');
    expect(await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-site')))).toEqual([
      'DC1',
      'DC2',
      'BR1',
      'BR2',
      'BR3',
    ]);
    expect(await page.locator('[data-testid="lanes"] li').count()).toBeGreaterThan(0);
    expect(
      await page.locator('[data-testid="network-kpis"] [data-kpi="networkIra"] .value').textContent(),
    ).toMatch(/%$/);
    // The numbers move with the run (orders ship, stock goes on the road), from the socket's overviews.
    const before = await figures(page);
    const n0 = (await page.evaluate('window.__network.overviews')) as number;
    await waitFor('the overview figures to change', async () => (await figures(page)) !== before, 30_000);
    expect((await page.evaluate('window.__network.overviews')) as number).toBeGreaterThan(n0);
    const hook = (await page.evaluate('window.__network')) as NetworkHook;
    expect(hook.last!.simTime).toBeGreaterThan(0);
    await page.screenshot({ path: artifact('network.png') });

    await page.locator('[data-testid="site-tile"][data-site="BR1"]').click();
    await page.waitForURL(/\/\?site=BR1$/, { timeout: 10_000 });
    await page.waitForFunction('window.__bintwin && window.__bintwin.floor().paints > 0', undefined, {
      timeout: 30_000,
    });
    const seq0 = (await page.evaluate('window.__bintwin.view().seq')) as number;
    await waitFor(
      'a few BR1 deltas',
      async () => ((await page.evaluate('window.__bintwin.view().seq')) as number) > seq0 + 3,
      30_000,
    );
    expect(await page.evaluate('window.__bintwin.site()')).toBe('BR1');
    expect(await page.evaluate('window.__bintwin.sitesSeen()')).toEqual(['BR1']);
    expect(await page.locator('[data-testid="site-switcher"]').inputValue()).toBe('BR1');
    await waitFor('the site strip to show transit', async () =>
      /In transit in: \d/.test((await page.locator('[data-testid="site-transit"]').textContent()) ?? ''),
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without ?site= the floor view of a network shows the first site (and says so in the URL); an unknown site is named', async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 700 } });
    await page.goto(`${server!.url}/`, { timeout: 20_000 });
    await page.waitForFunction('window.__bintwin && window.__bintwin.site() !== null', undefined, {
      timeout: 30_000,
    });
    expect(await page.evaluate('window.__bintwin.site()')).toBe('DC1');
    expect(new URL(page.url()).searchParams.get('site')).toBe('DC1');
    await page.goto(`${server!.url}/?site=NOPE`, { timeout: 20_000 });
    await page.locator('.site-missing').waitFor({ timeout: 30_000 });
    expect(await page.locator('.site-missing').textContent()).toContain('DC1, DC2, BR1, BR2, BR3');
    expect(await page.evaluate('window.__bintwin.view()')).toBeNull();
    await page.close();
  });
});
