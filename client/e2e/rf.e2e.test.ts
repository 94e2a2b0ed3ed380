import { describe, expect, it } from 'vitest';
import { artifact, haveChromium, waitFor, type ServerProcess } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';

const TRAINER = 'e2e-rf-trainer';
// How long a scan's reply may take: the server answers at once, but under CI load (other test
// files, a build) a reply took more than 10 s twice; the test waits on the screen, not the clock.
const SCAN_REPLY_MS = 60_000;

async function api(
  server: ServerProcess,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TRAINER}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

describe.skipIf(!haveChromium())('the RF handheld in a real browser', () => {
  const env = useServerAndBrowser({ BINTWIN_TRAINER_TOKEN: TRAINER });

  it('a trainee joins /rf, is given a picker and completes a pick with keyboard-wedge input', async () => {
    // Fast enough that the early shift (05:00) starts within seconds; the trainee's worker waits anyway.
    const s = await api(env.server, 'POST', '/api/training/sessions', { scenario: 'demo-dc', speed: 1000 });
    const page = await env.browser.newPage({ viewport: { width: 400, height: 820 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.server.url}/rf`, { timeout: 20_000 });
    await page.fill('#rf-code', String(s['code']));
    await page.fill('#rf-name', 'Pat');
    await page.click('#rf-join');
    await page.waitForSelector('text=Waiting for the trainer', { timeout: 20_000 });
    const session = await api(env.server, 'GET', `/api/training/sessions/${String(s['id'])}`);
    const tid = (session['pending'] as { id: string }[])[0]!.id;
    await api(env.server, 'POST', `/api/training/sessions/${String(s['id'])}/trainees/${tid}/role`, {
      role: 'picker',
    });
    await page.waitForSelector('text=Scan the bin label', { timeout: 120_000 });
    await page.screenshot({ path: artifact('rf-at-bin.png') });
    const bin = await page.locator('#rf-task b').first().innerText();
    // A wedge scanner: the label's characters typed fast into the focused field, then CR (Enter).
    const binData = await page.locator(`button.kit[data-kit^="${bin} "]`).getAttribute('data-kit');
    await page.focus('#rf-entry');
    await page.keyboard.type(binData!);
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Scan the item label', { timeout: SCAN_REPLY_MS });
    const task = await page.locator('#rf-task').innerText();
    const sku = /^(\S+) —/m.exec(task)![1]!;
    const lot = /^Lot (\S+)/m.exec(task)?.[1];
    const itemButton = page.locator(`button.kit`, { hasText: lot ? `${sku} lot ${lot}` : sku }).first();
    const itemData = await itemButton.getAttribute('data-kit');
    await page.focus('#rf-entry');
    await page.keyboard.type(itemData!);
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Enter the quantity', { timeout: SCAN_REPLY_MS });
    const qty = /^Qty (\d+)/m.exec(await page.locator('#rf-task').innerText())![1]!;
    await page.screenshot({ path: artifact('rf-quantity.png') });
    await page.focus('#rf-entry');
    await page.keyboard.type(qty);
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Done: picked', { timeout: SCAN_REPLY_MS });
    const actions = await waitFor('three logged actions', async () => {
      const a = (await api(env.server, 'GET', `/api/training/sessions/${String(s['id'])}/actions`))[
        'actions'
      ] as { input: string; via: string; outcome: string; taskId: string }[];
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
    const s = await api(env.server, 'POST', '/api/training/sessions', { scenario: 'demo-dc', speed: 1000 });
    const page = await env.browser.newPage({ viewport: { width: 400, height: 820 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.server.url}/rf`, { timeout: 20_000 });
    await page.fill('#rf-code', String(s['code']));
    await page.fill('#rf-name', 'Cy');
    await page.click('#rf-join');
    await page.waitForSelector('text=Waiting for the trainer', { timeout: 20_000 });
    const session = await api(env.server, 'GET', `/api/training/sessions/${String(s['id'])}`);
    const tid = (session['pending'] as { id: string }[])[0]!.id;
    const r = await api(
      env.server,
      'POST',
      `/api/training/sessions/${String(s['id'])}/trainees/${tid}/role`,
      {
        role: 'counter',
      },
    );
    expect((r['trainee'] as { workerCode: string }).workerCode).toMatch(/^cnt/);
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
    await page.focus('#rf-entry');
    await page.keyboard.type(binData!);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#rf-confirm', { timeout: 60_000 });
    expect(await page.locator('#rf-confirm').innerText()).toBe('Count complete');
    await page.click('#rf-confirm');
    await page.waitForSelector('text=Done: counted', { timeout: 60_000 });
    const actions = await waitFor('three logged actions', async () => {
      const a = (await api(env.server, 'GET', `/api/training/sessions/${String(s['id'])}/actions`))[
        'actions'
      ] as { input: string; via: string; outcome: string; reason?: string; machine: string }[];
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
