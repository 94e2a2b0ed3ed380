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

/** One page to capture: its path (worked out when the shot is taken), viewport, and what to do before it. */
interface Shot {
  file: string;
  path: string | (() => string);
  width: number;
  height: number;
  /** The whole page, not only the viewport (the console is a long page). */
  fullPage?: boolean;
  prepare?: (page: Page, url: string) => Promise<void>;
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

/** A trainer route, called from the script (the class's trainees and injections). */
async function trainerApi(url: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TRAINER}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The session the console shot created; the debrief shot opens it. */
let classSession = '';

/**
 * The trainer console and the debrief of one class: the console creates a session of
 * class-receiver-picker, two trainees join and are seated, the trainer injects a wrong lot and
 * sends a hint, the class runs ten sim minutes (scoreboard pushed, rewind points taken) and is
 * paused; then the debrief floor view of that session.
 */
const TRAINING_SHOTS: Shot[] = [
  {
    file: 'trainer-console.png',
    path: '/trainer',
    width: 1280,
    height: 900,
    fullPage: true,
    prepare: async (page, url) => {
      await waitFor('the exercise list', () => page.$('#exercise option[value="class-receiver-picker"]'));
      await page.selectOption('#exercise', 'class-receiver-picker');
      await page.fill('#speed', '120');
      await page.click('#createBtn');
      const code = await waitFor(
        'the session code',
        async () => /hand out code (\w{6})/.exec((await page.textContent('#sessionInfo')) ?? '')?.[1] ?? null,
      );
      classSession = await page.inputValue('#sessionId');
      const sid = classSession;
      for (const [name, role] of [
        ['Rae', 'receiver'],
        ['Pia', 'picker'],
      ] as const) {
        const j = await trainerApi(url, '/api/training/join', { code, name });
        const tid = (j['trainee'] as { id: string }).id;
        await trainerApi(url, `/api/training/sessions/${sid}/trainees/${tid}/role`, { role });
      }
      await trainerApi(url, `/api/training/sessions/${sid}/inject`, { traineeId: 'T2', cause: 'wrongLot' });
      await trainerApi(url, `/api/training/sessions/${sid}/message`, {
        traineeId: 'T2',
        text: 'check the lot',
      });
      const t0 = (await trainerApi(url, '/healthz'))['simTime'] as number;
      await waitFor(
        'ten sim minutes',
        async () => ((await trainerApi(url, '/healthz'))['simTime'] as number) > t0 + 600_000,
        180_000,
      );
      await trainerApi(url, '/api/training/run', { action: 'pause', session: sid });
      await waitFor('the pushed scoreboard', () => page.$('#scores tbody tr'), 60_000);
      await waitFor('the rewind points', () => page.$('#points button'), 60_000);
      await waitFor('the timeline', () => page.$('#items li'), 60_000);
      await page.fill('#saveName', 'class-from-point');
      await page.waitForTimeout(1000);
    },
  },
  {
    file: 'debrief.png',
    path: () => `/debrief?session=${classSession}`,
    width: 1280,
    height: 800,
    prepare: async (page) => {
      await page.waitForFunction(
        'window.__bintwinDebrief && window.__bintwinDebrief.simTime !== null',
        undefined,
        { timeout: 90_000 },
      );
      await page.locator('#marks .mark[data-kind="injection"][data-source="trainer"]').first().click();
      await page.waitForTimeout(3000);
    },
  },
];

/** Each server run and the shots taken of it; the wait lets the run reach a moment with figures. */
const GROUPS: { scenario: string; speed: string; waitMs: number; shots: Shot[] }[] = [
  // ×1000: 40 s ≈ 11 sim hours, so orders have shipped and every tile has a figure.
  { scenario: 'demo-dc', speed: '1000', waitMs: 40_000, shots: SHOTS },
  // ×1000: 60 s ≈ 17 sim hours, so transfers have shipped and some are on the road.
  { scenario: 'demo-network', speed: '1000', waitMs: 60_000, shots: NETWORK_SHOTS },
  // A training session restarts the run at its exercise's start: no wait before it.
  { scenario: 'demo-dc', speed: '60', waitMs: 0, shots: TRAINING_SHOTS },
];

async function main(): Promise<number> {
  const only = process.argv.slice(2).filter((a) => a.endsWith('.png'));
  // The debrief shot opens the session the console shot creates.
  if (only.includes('debrief.png') && !only.includes('trainer-console.png')) only.push('trainer-console.png');
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
      // The console and the debrief read the trainer token from the tab's session storage.
      await page.addInitScript((t) => sessionStorage.setItem('bintwin.trainerToken', t), TRAINER);
      await page.goto(`${server.url}${typeof s.path === 'string' ? s.path : s.path()}`, { timeout: 30_000 });
      await s.prepare?.(page, server.url);
      await page.screenshot({ path: join(OUT, s.file), ...(s.fullPage ? { fullPage: true } : {}) });
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
