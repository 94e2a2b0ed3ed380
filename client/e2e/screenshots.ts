// `npm run screenshots [file.png…]`: starts the live server on demo-dc (and on demo-network for the
// network overview) in a temporary data dir, opens its pages in headless Chromium and writes the
// README's screenshots to docs/screenshots/ (only the files named, when some are). Run it after a
// change to what a page shows; the PNGs are committed so the README shows them on a fresh clone.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  buildClient,
  haveChromium,
  launchBrowser,
  ROOT,
  startServer,
  tempDataDir,
  waitFor,
} from './harness.ts';

const OUT = join(ROOT, 'docs/screenshots');
const TRAINER = 'screenshots-trainer-token-0123456789';

/** One page to capture: its path, viewport, and what to do before the shot. */
interface Shot {
  file: string;
  path: string;
  width: number;
  height: number;
  prepare?: (page: Page) => Promise<void>;
}

const painted = (page: Page): Promise<unknown> =>
  page.waitForFunction('window.__bintwin && window.__bintwin.floor().paints > 0', undefined, {
    timeout: 60_000,
  });

const SHOTS: Shot[] = [
  {
    file: 'floor.png',
    path: `/?token=${TRAINER}`,
    width: 1600,
    height: 900,
    prepare: async (page) => {
      await painted(page);
      await page.waitForTimeout(4000);
    },
  },
  {
    file: 'floor-inspector.png',
    path: `/?token=${TRAINER}`,
    width: 1600,
    height: 900,
    prepare: async (page) => {
      await painted(page);
      const code = 'F-02-05-B';
      await page.evaluate(`window.__bintwin.zoomAt(${JSON.stringify(code)}, 40)`);
      await page.waitForTimeout(1500);
      const at = (await page.evaluate(`window.__bintwin.screenOfBin(${JSON.stringify(code)})`)) as {
        x: number;
        y: number;
      } | null;
      const box = await page.locator('.floor canvas').boundingBox();
      if (at && box) await page.mouse.click(box.x + at.x, box.y + at.y);
      await waitFor(
        'inspector',
        async () => (await page.locator('aside.inspector').getAttribute('data-bin')) === code,
      );
      await page.waitForTimeout(1000);
    },
  },
  {
    file: 'wall.png',
    path: '/wall',
    width: 1920,
    height: 1080,
    prepare: async (page) => {
      await painted(page);
      await page.waitForTimeout(4000);
    },
  },
];

/** The network overview, on demo-network. */
const NETWORK_SHOTS: Shot[] = [
  {
    file: 'network.png',
    path: '/network',
    width: 1280,
    height: 640,
    prepare: async (page) => {
      await page.waitForFunction('window.__network && window.__network.overviews > 1', undefined, {
        timeout: 60_000,
      });
    },
  },
];

/** Each server run and the shots taken of it; the wait lets the run reach a moment with figures. */
const GROUPS: { scenario: string; speed: string; waitMs: number; shots: Shot[] }[] = [
  // ×1000: 40 s ≈ 11 sim hours, so orders have shipped and every tile has a figure.
  { scenario: 'demo-dc', speed: '1000', waitMs: 40_000, shots: SHOTS },
  // ×1000: 60 s ≈ 17 sim hours, so transfers have shipped and some are on the road.
  { scenario: 'demo-network', speed: '1000', waitMs: 60_000, shots: NETWORK_SHOTS },
];

async function main(): Promise<number> {
  const only = process.argv.slice(2).filter((a) => a.endsWith('.png'));
  for (const g of GROUPS) {
    const shots = g.shots.filter((s) => only.length === 0 || only.includes(s.file));
    if (shots.length > 0 && (await capture(g.scenario, g.speed, g.waitMs, shots)) !== 0) return 1;
  }
  return 0;
}

async function capture(scenario: string, speed: string, waitMs: number, shots: Shot[]): Promise<number> {
  if (!haveChromium()) {
    process.stderr.write('screenshots: no chromium at /usr/bin/chromium (apt-get install -y chromium)\n');
    return 1;
  }
  buildClient();
  mkdirSync(OUT, { recursive: true });
  const server = await startServer({
    dataDir: tempDataDir(),
    scenario,
    speed,
    env: { BINTWIN_TRAINER_TOKEN: TRAINER },
  });
  const browser = await launchBrowser();
  try {
    await new Promise((r) => setTimeout(r, waitMs));
    for (const s of shots) {
      const page = await browser.newPage({ viewport: { width: s.width, height: s.height } });
      await page.goto(`${server.url}${s.path}`, { timeout: 30_000 });
      await s.prepare?.(page);
      await page.screenshot({ path: join(OUT, s.file) });
      process.stdout.write(`docs/screenshots/${s.file}\n`);
      await page.close();
    }
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
  return 0;
}

process.exit(await main());
