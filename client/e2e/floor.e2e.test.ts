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

/** The page's test hook (client/app/twinApp.ts `expose`), as far as these tests use it. */
interface Hook {
  floor(): {
    bins: number;
    binsPlaced: number;
    workers: number;
    workerSprites: number;
    paints: number;
    labels: number;
  };
  status(): { phase: string; banner: string | null };
  view(): { seq: number; bins: number; workers: number } | null;
  role(): string | null;
  snapshots(): number;
  screenOfBin(code: string): { x: number; y: number } | null;
  zoomAt(code: string, pxPerMetre: number): boolean;
  focus(zone: string | null): void;
  drawnPixels(): { drawn: number; total: number };
}

const TRAINER = 'e2e-trainer-token-0123456789';
const hook = <T>(page: Page, fn: (h: Hook) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.__bintwin)`) as Promise<T>;

describe.skipIf(!haveChromium())('floor view and wall screen in a real browser', () => {
  let server: ServerProcess | null = null;
  let browser: Browser | null = null;
  const dataDir = tempDataDir();
  const env = { BINTWIN_TRAINER_TOKEN: TRAINER };

  beforeAll(async () => {
    buildClient();
    server = await startServer({ dataDir, env });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  it('draws bins and workers, and the inspector shows a clicked bin', async () => {
    const page = await browser!.newPage({ viewport: { width: 1600, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server!.url}/?token=${TRAINER}`, { timeout: 20_000 });
    await page.waitForFunction('window.__bintwin && window.__bintwin.floor().paints > 0', undefined, {
      timeout: 30_000,
    });
    const f = await hook(page, (h) => h.floor());
    expect(f.bins).toBeGreaterThan(1000);
    expect(f.binsPlaced).toBe(f.bins);
    expect(f.workerSprites).toBe(f.workers);
    expect(f.workers).toBeGreaterThan(0);
    // Pixels really drawn: a good share of the world's bounding box is covered by bins.
    const px = await hook(page, (h) => h.drawnPixels());
    expect(px.drawn / px.total).toBeGreaterThan(0.2);
    expect(await hook(page, (h) => h.role())).toBe('trainer');
    await expect(page.locator('.controls button[data-control="play"]').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: artifact('floor.png') });

    // Click a forward bin at a zoom where bins are large enough to hit reliably.
    const code = 'F-02-05-B';
    await hook(page, (h) => h.zoomAt('F-02-05-B', 60));
    await waitFor('bin labels at high zoom', () => hook(page, (h) => h.floor().labels > 0), 10_000);
    const at = await hook(page, (h) => h.screenOfBin('F-02-05-B'));
    const box = await page.locator('.floor canvas').boundingBox();
    expect(at && box).toBeTruthy();
    await page.mouse.click(box!.x + at!.x, box!.y + at!.y);
    const inspector = page.locator('aside.inspector');
    await waitFor(
      'inspector for the bin',
      async () => (await inspector.getAttribute('data-bin')) === code,
      10_000,
    );
    const text = await inspector.innerText();
    expect(text).toContain(code);
    expect(text).toMatch(/System/);
    expect(text).toMatch(/Physical/);
    await page.waitForTimeout(500);
    await page.screenshot({ path: artifact('floor-inspector.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('wall screen: no controls, and it recovers after a server restart', async () => {
    const page = await browser!.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server!.url}/wall?site=DC1`, { timeout: 20_000 });
    await page.waitForFunction('window.__bintwin && window.__bintwin.floor().paints > 0', undefined, {
      timeout: 30_000,
    });
    expect(await page.locator('.controls').count()).toBe(0);
    expect(await page.locator('.kpis-large .kpi').count()).toBeGreaterThanOrEqual(7);
    expect(await hook(page, (h) => h.floor().workerSprites)).toBeGreaterThan(0);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: artifact('wall.png') });

    const port = server!.port;
    const before = await hook(page, (h) => h.snapshots());
    await server!.stop();
    server = null;
    const banner = page.locator('.banner');
    await waitFor(
      'reconnecting banner',
      async () => (await banner.isVisible()) && /Reconnecting/.test(await banner.innerText()),
      20_000,
    );
    expect(await banner.innerText()).toMatch(/stale since \d\d:\d\d/);
    await page.screenshot({ path: artifact('wall-reconnecting.png') });

    server = await startServer({ dataDir, port, env });
    await waitFor('banner cleared after restart', async () => !(await banner.isVisible()), 60_000, 250);
    await waitFor('fresh snapshot', () => hook(page, (h) => h.snapshots()).then((n) => n > before), 10_000);
    expect(await hook(page, (h) => h.status().phase)).toBe('live');
    await page.waitForTimeout(1000);
    await page.screenshot({ path: artifact('wall-recovered.png') });
    await page.close();
  });
});
