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
import { authedJson } from '../../test/authedJson.ts';

// Issue 14's debrief floor view in a real browser: a session runs with a trainee-driven picker
// and an injection; the debrief page (/debrief?session=) draws the pixi floor the server rebuilt
// at the slider's moment. A click on the injection's mark and a scrub to a later moment each draw
// what GET …/floor?t= says for that moment (workers where the route puts them, the trainee's own
// marker), and the two drawings differ as the two answers do.

const TRAINER = 'e2e-trainer-token-0123456789';

function api(server: ServerProcess, path: string, body?: unknown): Promise<Record<string, unknown>> {
  return authedJson(server.url, TRAINER, body === undefined ? 'GET' : 'POST', path, body);
}

interface RouteWorker {
  code: string;
  x: number;
  y: number;
  trainee?: true;
}

/** What the page drew: the floor's markers, its paint count and a digest of its pixels. */
async function drawn(page: Page): Promise<{
  simTime: number | null;
  markers: { id: string; x: number; y: number; trainee: boolean }[];
  paints: number;
  digest: number;
}> {
  return page.evaluate(() => {
    const h = (
      window as unknown as {
        __bintwinDebrief: {
          simTime: number | null;
          floor: {
            workerMarkers(): { id: string; x: number; y: number; trainee: boolean }[];
            debug(): { paints: number };
            stage: {
              world: unknown;
              app: { renderer: { extract: { pixels(o: unknown): { pixels: Uint8ClampedArray } } } };
            };
          } | null;
        };
      }
    ).__bintwinDebrief;
    const f = h.floor!;
    const { pixels } = f.stage.app.renderer.extract.pixels({ target: f.stage.world });
    let digest = 2166136261;
    for (let i = 0; i < pixels.length; i++) digest = Math.imul(digest ^ pixels[i]!, 16777619) >>> 0;
    return {
      simTime: h.simTime,
      markers: f.workerMarkers().map((m) => ({ id: m.id, x: m.x, y: m.y, trainee: m.trainee })),
      paints: f.debug().paints,
      digest,
    };
  });
}

describe.skipIf(!haveChromium())('the debrief floor view in a real browser', () => {
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

  it('draws the rebuilt floor at a clicked mark and at a scrubbed moment', async () => {
    const s = server!;
    const session = await api(s, '/api/training/sessions', {
      scenario: 'demo-dc',
      exercise: 'class-receiver-picker',
      speed: 120,
    });
    const sid = session['id'] as string;
    const joined = await api(s, '/api/training/join', { code: session['code'], name: 'Pia' });
    const tid = (joined['trainee'] as { id: string }).id;
    const seat = await api(s, `/api/training/sessions/${sid}/trainees/${tid}/role`, { role: 'picker' });
    const worker = (seat['trainee'] as { workerCode: string } | undefined)?.workerCode;
    await api(s, `/api/training/sessions/${sid}/inject`, { traineeId: tid, cause: 'wrongLot' });
    const t0 = (await api(s, '/healthz'))['simTime'] as number;
    // Ten sim minutes on, so the floor has moved between the injection and the end.
    await waitFor(
      'ten sim minutes',
      async () => ((await api(s, '/healthz'))['simTime'] as number) > t0 + 600_000,
      120_000,
    );
    await api(s, '/api/training/run', { action: 'pause', session: sid });

    const errors: string[] = [];
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript((t) => sessionStorage.setItem('bintwin.trainerToken', t), TRAINER);
    await page.goto(`${s.url}/debrief?session=${sid}`);
    await waitFor(
      'the first floor',
      async () => {
        const h = await page.evaluate(() => {
          const d = (
            window as unknown as { __bintwinDebrief: { simTime: number | null; error: string | null } }
          ).__bintwinDebrief;
          return {
            simTime: d.simTime,
            error: d.error,
            status: document.querySelector('#floorStatus')?.textContent,
          };
        });
        // Thrown, so a timeout names what the page says (waitFor reports the last error).
        if (h.error !== null || h.simTime === null) throw new Error(JSON.stringify(h));
        return true;
      },
      60_000,
    );

    /** Waits until the page drew moment `t` (and painted it), then checks it against the route. */
    const check = async (t: number): Promise<Awaited<ReturnType<typeof drawn>>> => {
      const before = (await drawn(page)).paints;
      await waitFor(
        `the floor at ${t}`,
        async () => {
          const d = await drawn(page);
          return d.simTime === t && d.paints > before;
        },
        60_000,
      );
      const d = await drawn(page);
      const route = (await api(s, `/api/training/sessions/${sid}/floor?t=${t}`))['view'] as {
        workers: RouteWorker[];
      };
      expect(d.markers.map((m) => [m.id, m.x, m.y, m.trainee])).toEqual(
        route.workers.map((w) => [w.code, w.x, w.y, w.trainee === true]),
      );
      return d;
    };

    // The slider starts at the class (the session's start), not at the run's 0:00; the hours
    // before it are reachable with "before the class".
    const tl = await api(s, `/api/training/sessions/${sid}/timeline`);
    const classStart = Number(tl['startSimMs']);
    expect(classStart).toBeGreaterThan(0);
    expect(Number(await page.getAttribute('#scrub', 'min'))).toBe(classStart);
    await page.check('#earlier');
    expect(Number(await page.getAttribute('#scrub', 'min'))).toBeLessThan(classStart);
    await page.uncheck('#earlier');
    expect(Number(await page.getAttribute('#scrub', 'min'))).toBe(classStart);

    const mark = page.locator('#marks .mark[data-kind="injection"][data-source="trainer"]').first();
    const tMark = Number(await mark.getAttribute('data-t'));
    await mark.click();
    const atMark = await check(tMark);
    if (worker) expect(atMark.markers.find((m) => m.id === worker)?.trainee).toBe(true);

    const max = Number(await page.getAttribute('#scrub', 'max'));
    const tLater = tMark + Math.floor((max - tMark) / 1000) * 1000;
    expect(tLater).toBeGreaterThan(tMark + 300_000);
    await page.evaluate((t) => {
      const r = document.querySelector<HTMLInputElement>('#scrub')!;
      r.value = String(t);
      r.dispatchEvent(new Event('input'));
    }, tLater);
    const later = await check(tLater);
    // The route's two moments differ (workers walked), and so do the two drawings.
    expect(later.markers).not.toEqual(atMark.markers);
    expect(later.digest).not.toBe(atMark.digest);
    expect(await page.locator('#scores tbody tr.trainee').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifact('debrief.png') });
    expect(errors).toEqual([]);
  }, 400_000);
});
