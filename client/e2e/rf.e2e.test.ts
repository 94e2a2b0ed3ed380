import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, haveChromium, waitFor, type ServerProcess } from './harness.ts';
import { useServerAndBrowser, type ServerAndBrowser } from './useServerAndBrowser.ts';
import { authedJson } from '../../test/authedJson.ts';

const TRAINER = 'e2e-rf-trainer';
// How long a scan's reply may take: the server answers at once, but under CI load (other test
// files, a build) a reply took more than 10 s twice; the test waits on the screen, not the clock.
const SCAN_REPLY_MS = 60_000;

function api(
  server: ServerProcess,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  return authedJson(server.url, TRAINER, method, path, body);
}

/** A trainee on `/rf` in a session of their own, given `role` by the trainer. */
interface Joined {
  page: Page;
  sessionId: string;
  worker: string;
  /** Uncaught page errors (a test ends expecting none). */
  errors: string[];
  /** The session's handheld actions so far. */
  actions<T>(): Promise<T[]>;
}

/**
 * The set-up every handheld test shares: a new session on demo-dc (fast enough that the early
 * shift starts within seconds; the trainee's worker waits anyway), a phone-sized page that
 * joins it by code and name, and the trainer giving the trainee `role`.
 */
async function joinAs(env: ServerAndBrowser, role: string, name: string): Promise<Joined> {
  const s = await api(env.server, 'POST', '/api/training/sessions', { scenario: 'demo-dc', speed: 1000 });
  const sessionId = String(s['id']);
  const page = await env.browser.newPage({ viewport: { width: 400, height: 820 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.url}/rf`, { timeout: 20_000 });
  await page.fill('#rf-code', String(s['code']));
  await page.fill('#rf-name', name);
  await page.click('#rf-join');
  await page.waitForSelector('text=Waiting for the trainer', { timeout: 20_000 });
  const session = await api(env.server, 'GET', `/api/training/sessions/${sessionId}`);
  const tid = (session['pending'] as { id: string }[])[0]!.id;
  const r = await api(env.server, 'POST', `/api/training/sessions/${sessionId}/trainees/${tid}/role`, {
    role,
  });
  const worker = (r['trainee'] as { workerCode: string }).workerCode;
  const actions = async <T>(): Promise<T[]> =>
    (await api(env.server, 'GET', `/api/training/sessions/${sessionId}/actions`))['actions'] as T[];
  return { page, sessionId, worker, errors, actions };
}

/** Types `data` into a field as a keyboard-wedge scanner does: the characters, then CR (Enter). */
async function wedge(page: Page, field: string, data: string): Promise<void> {
  await page.focus(field);
  await page.keyboard.type(data);
  await page.keyboard.press('Enter');
}

describe.skipIf(!haveChromium())('the RF handheld in a real browser', () => {
  const env = useServerAndBrowser({ BINTWIN_TRAINER_TOKEN: TRAINER });

  it('a trainee joins /rf, is given a picker and completes a pick with keyboard-wedge input', async () => {
    const { page, errors, actions: logged } = await joinAs(env, 'picker', 'Pat');
    await page.waitForSelector('text=Scan the bin label', { timeout: 120_000 });
    await page.screenshot({ path: artifact('rf-at-bin.png') });
    const bin = await page.locator('#rf-task b').first().innerText();
    // A wedge scanner: the label's characters typed fast into the focused field, then CR (Enter).
    const binData = await page.locator(`button.kit[data-kit^="${bin} "]`).getAttribute('data-kit');
    await wedge(page, '#rf-entry', binData!);
    await page.waitForSelector('text=Scan the item label', { timeout: SCAN_REPLY_MS });
    const task = await page.locator('#rf-task').innerText();
    const sku = /^(\S+) —/m.exec(task)![1]!;
    const lot = /^Lot (\S+)/m.exec(task)?.[1];
    const itemButton = page.locator(`button.kit`, { hasText: lot ? `${sku} lot ${lot}` : sku }).first();
    const itemData = await itemButton.getAttribute('data-kit');
    await wedge(page, '#rf-entry', itemData!);
    await page.waitForSelector('text=Enter the quantity', { timeout: SCAN_REPLY_MS });
    const qty = /^Qty (\d+)/m.exec(await page.locator('#rf-task').innerText())![1]!;
    await page.screenshot({ path: artifact('rf-quantity.png') });
    await wedge(page, '#rf-entry', qty);
    await page.waitForSelector('text=Done: picked', { timeout: SCAN_REPLY_MS });
    const actions = await waitFor('three logged actions', async () => {
      const a = await logged<{ input: string; via: string; outcome: string; taskId: string }>();
      return a.length >= 3 ? a : null;
    });
    expect(actions.map((a) => [a.input, a.outcome])).toEqual([
      ['binLabel', 'accepted'],
      ['gs1Item', 'accepted'],
      ['quantity', 'accepted'],
    ]);
    // Playwright types 20–100 ms a key on a loaded machine, a real wedge under 10: whether these
    // count as scanned is the clock's call (viaOfKeys, unit-tested in wedge.test.ts); a
    // one-digit quantity is keyed whatever the clock.
    expect(['scan', 'keyed']).toContain(actions[0]!.via);
    expect(['scan', 'keyed']).toContain(actions[1]!.via);
    expect(actions[2]!.via).toBe('keyed');
    expect(new Set(actions.map((a) => a.taskId)).size).toBe(1);
    expect(errors).toEqual([]);
    // The role wait (120 s) and three scan replies at their limits fit in the test's own timeout.
  }, 360_000);

  it('a trainee given a counter scans a wrong bin (refused, with why), starts the count at the right one and completes it', async () => {
    const { page, errors, worker, actions: logged } = await joinAs(env, 'counter', 'Cy');
    expect(worker).toMatch(/^cnt/);
    await page.waitForSelector('text=Go to the bin and scan it to start the count', { timeout: 120_000 });
    const bin = await page.locator('#rf-task b').first().innerText();
    // The kit's neighbouring bin: tapped, it is refused and the handheld says why.
    const wrong = page.locator('button.kit', { hasText: '▦' }).filter({ hasNotText: bin }).first();
    const wrongBin = (await wrong.innerText()).replace(/^▦ /, '');
    await wrong.click();
    await page.waitForSelector(`text=wrong bin: ${wrongBin} scanned, this count is of ${bin}`, {
      timeout: 60_000,
    });
    await page.screenshot({ path: artifact('rf-counter-refused.png') });
    const binData = await page.locator(`button.kit[data-kit^="${bin} "]`).getAttribute('data-kit');
    await wedge(page, '#rf-entry', binData!);
    await page.waitForSelector('#rf-confirm', { timeout: 60_000 });
    expect(await page.locator('#rf-confirm').innerText()).toBe('Count complete');
    await page.click('#rf-confirm');
    await page.waitForSelector('text=Done: counted', { timeout: 60_000 });
    const actions = await waitFor('three logged actions', async () => {
      const a = await logged<{
        input: string;
        via: string;
        outcome: string;
        reason?: string;
        machine: string;
      }>();
      return a.length >= 3 ? a : null;
    });
    expect(actions.map((a) => [a.input, a.outcome])).toEqual([
      ['binLabel', 'refused'],
      ['binLabel', 'accepted'],
      ['confirm', 'accepted'],
    ]);
    expect(actions[0]!.reason).toMatch(/^wrong bin/);
    expect(actions[0]!.via).toBe('kit');
    expect(new Set(actions.map((a) => a.machine))).toEqual(new Set(['cycleCount']));
    expect(errors).toEqual([]);
  }, 360_000);
});
