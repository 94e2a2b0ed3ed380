import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifact, haveChromium, waitFor, type ServerProcess } from './harness.ts';
import { useServerAndBrowser } from './useServerAndBrowser.ts';
import { authedJson } from '../../test/authedJson.ts';

// Issue 14's end-to-end class against the real server: the trainer console creates a session,
// two trainees join on /rf and are given roles (receiver, picker), the trainer injects a wrong
// lot into the picker's next pick and a short load into the receiver's next line, the picker
// catches theirs (refused lot scan, then the short exit), the receiver keys the short count,
// the scores and the timeline say exactly that, and a rewind keeps both handhelds going.

const TRAINER = 'e2e-trainer-token-0123456789';

function api(server: ServerProcess, path: string, body?: unknown): Promise<Record<string, unknown>> {
  return authedJson(server.url, TRAINER, body === undefined ? 'GET' : 'POST', path, body);
}

const text = async (page: Page, sel: string): Promise<string> => (await page.textContent(sel)) ?? '';

/** Clears the handheld's reply line, does `act`, and returns the reply it then shows. */
async function reply(page: Page, act: () => Promise<void>): Promise<string> {
  await page.evaluate(() => {
    const m = document.querySelector('#rf-msg')!;
    m.textContent = '';
    m.className = 'msg';
  });
  await act();
  await page.waitForSelector('#rf-msg.accepted, #rf-msg.refused', { timeout: 20_000 });
  return text(page, '#rf-msg');
}

describe.skipIf(!haveChromium())('a class in a real browser: trainer console and two handhelds', () => {
  const env = useServerAndBrowser({ BINTWIN_TRAINER_TOKEN: TRAINER });

  it('runs a class end to end', async () => {
    const errors: string[] = [];
    const trainer = await env.browser.newPage();
    trainer.on('pageerror', (e) => errors.push(e.message));
    // The scoreboard, the trainees, the rewind points and the timeline are pushed over the
    // stream: the console never asks their routes (a session's GET, /scores, /rewind-points,
    // /timeline), it only calls the action routes.
    const pollRequests: string[] = [];
    trainer.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (
        /^\/api\/training\/sessions\/S[0-9a-f]{8}(\/(scores|timeline))?$/.test(path) &&
        r.method() === 'GET'
      )
        pollRequests.push(path);
      if (path === '/api/training/rewind-points') pollRequests.push(path);
    });
    await trainer.goto(`${env.server.url}/trainer`);
    await trainer.fill('#token', TRAINER);
    await trainer.dispatchEvent('#token', 'change');
    await waitFor('the exercise list', () => trainer.$('#exercise option[value="class-receiver-picker"]'));
    await trainer.selectOption('#exercise', 'class-receiver-picker');
    // Fast while the trainees walk: the test waits on sim time, never on wall time.
    await trainer.fill('#speed', '60');
    await trainer.click('#createBtn');
    const code = await waitFor(
      'the session code',
      async () => /hand out code (\w{6})/.exec(await text(trainer, '#sessionInfo'))?.[1] ?? null,
    );
    const sid = await trainer.inputValue('#sessionId');

    const join = async (name: string): Promise<Page> => {
      const p = await env.browser.newPage({ viewport: { width: 400, height: 820 } });
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(`${env.server.url}/rf`);
      await p.fill('#rf-code', code);
      await p.fill('#rf-name', name);
      await p.click('#rf-join');
      await p.waitForSelector('text=Waiting for the trainer', { timeout: 20_000 });
      return p;
    };
    const rae = await join('Rae');
    const pia = await join('Pia');
    const give = async (tid: string, role: string): Promise<void> => {
      const li = `#pending li[data-trainee="${tid}"]`;
      await trainer.waitForSelector(li, { timeout: 20_000 });
      await trainer.selectOption(`${li} select`, role);
      await trainer.click(`${li} button`);
      await waitFor(`${tid} seated`, async () => (await text(trainer, '#seated')).includes(`${tid} `));
    };
    await give('T1', 'receiver');
    await give('T2', 'picker');
    // The exercise's welcome cue reaches both handhelds.
    for (const p of [rae, pia])
      await p.waitForSelector('#rf-trainer:has-text("Welcome")', { timeout: 20_000 });

    const inject = async (tid: string, cause: string): Promise<void> => {
      await trainer.fill('#trainee', tid);
      await trainer.selectOption('#cause', cause);
      await trainer.click('#injectBtn');
      const said = await waitFor(`the ${cause} armed`, () => text(trainer, '#liveStatus'));
      expect(said).not.toMatch(/^Error/);
      await trainer.evaluate(() => (document.querySelector('#liveStatus')!.textContent = ''));
    };
    await inject('T2', 'wrongLot');
    await inject('T1', 'shortReceipt');

    // The picker: bin label, then the item label of the lot the face really holds.
    let caught = false;
    for (let i = 0; i < 10 && !caught; i++) {
      await pia.waitForSelector('text=Scan the bin label', { timeout: 120_000 });
      const bin = await pia.locator('#rf-task b').first().innerText();
      expect(await reply(pia, () => pia.click(`button.kit[data-kit^="${bin} "]`))).toBe('OK');
      await pia.waitForSelector('text=Scan the item label', { timeout: 20_000 });
      const said = await reply(pia, () => pia.locator('button.kit', { hasText: '▥' }).first().click());
      if (said.startsWith('wrong lot')) {
        expect(await reply(pia, () => pia.click('button.exit[data-exit="short"]'))).toBe('Done: short');
        caught = true;
        break;
      }
      expect(said).toBe('OK');
      const qty = /^Qty (\d+)/m.exec(await pia.locator('#rf-task').innerText())![1]!;
      await pia.fill('#rf-entry', qty);
      expect(await reply(pia, () => pia.press('#rf-entry', 'Enter'))).toMatch(/^Done/);
    }
    expect(caught).toBe(true);

    // The receiver: item label, then the count on the pallet; the armed line arrives short.
    let short = false;
    for (let i = 0; i < 10 && !short; i++) {
      await rae.waitForSelector('text=on the pallet', { timeout: 180_000 });
      const task = await rae.locator('#rf-task').innerText();
      const expected = Number(/^Qty (\d+)/m.exec(task)![1]);
      const arrived = Number(/on the pallet: (\d+)/.exec(task)![1]);
      expect(await reply(rae, () => rae.locator('button.kit').first().click())).toBe('OK');
      await rae.waitForSelector('text=Enter the quantity', { timeout: 20_000 });
      await rae.fill('#rf-entry', String(arrived));
      expect(await reply(rae, () => rae.press('#rf-entry', 'Enter'))).not.toMatch(/refused|wrong|expected/);
      short = arrived < expected;
    }
    expect(short).toBe(true);

    const scores = (await api(env.server, `/api/training/sessions/${sid}/scores`))['scores'] as {
      traineeId: string;
      injections: { cause: string; result: string }[];
      errors: Record<string, number>;
    }[];
    const of = (t: string) => scores.find((s) => s.traineeId === t)!;
    expect(of('T2').injections.map((x) => [x.cause, x.result])).toEqual([['wrongLot', 'caught']]);
    expect(of('T2').errors['lot']).toBe(1);
    expect(of('T1').injections.map((x) => [x.cause, x.result])).toEqual([['shortReceipt', 'caught']]);
    // The pushed scoreboard shows the picker's catch (caught/missed 1/0) without any polling.
    await waitFor(
      'the scoreboard rows',
      async () => (await text(trainer, '#scores tbody tr:has(td:text-is("T2")) td:nth-child(6)')) === '1/0',
    );
    expect(Number(await trainer.getAttribute('#scoreboard', 'data-pushes'))).toBeGreaterThan(1);
    expect(pollRequests).toEqual([]);
    const items = (await api(env.server, `/api/training/sessions/${sid}/timeline`))['items'] as {
      source: string;
      record: { kind?: string; cause?: string; exit?: string; outcome?: string; traineeId?: string };
    }[];
    const injects = items.filter((i) => i.source === 'trainer' && i.record.kind === 'inject');
    expect(injects.map((i) => [i.record.traineeId, i.record.cause])).toEqual([
      ['T2', 'wrongLot'],
      ['T1', 'shortReceipt'],
    ]);
    expect(items.some((i) => i.source === 'handheld' && i.record.exit === 'short')).toBe(true);
    await trainer.screenshot({ path: artifact('trainer-console.png'), fullPage: true });

    // The first rewind point saved as a new exercise from the console: it joins the list.
    await trainer.waitForSelector('#points button.save-exercise', { timeout: 60_000 });
    await trainer.fill('#saveName', 'class-from-point');
    await trainer.locator('#points button.save-exercise').first().click();
    await waitFor('the saved exercise', async () =>
      (await text(trainer, '#liveStatus')).startsWith('saved exercise class-from-point'),
    );
    await waitFor('the new exercise listed', () => trainer.$('#exercise option[value="class-from-point"]'));

    // A rewind from the console: both handhelds stay connected and show the floor as it was.
    await trainer.waitForSelector('#points button', { timeout: 60_000 });
    await trainer.locator('#points button').first().click();
    await waitFor('the rewind', async () => (await text(trainer, '#liveStatus')).startsWith('rewound to'));
    for (const p of [rae, pia]) {
      expect(await p.$('#rf-join')).toBeNull();
      await p.waitForSelector('#rf-prompt', { timeout: 20_000 });
    }
    const points = (
      (await api(env.server, '/api/training/rewind-points'))['points'] as { simMs: number }[]
    ).map((p) => p.simMs);
    expect((await api(env.server, '/healthz'))['simTime']).toBe(points[0]);
    // The trainer resumes; the picker carries on from the restored floor (a bin scan is taken).
    await trainer.click('#resumeBtn');
    await waitFor('running', async () => (await text(trainer, '#liveStatus')) === 'running');
    await pia.waitForSelector('text=Scan the bin label', { timeout: 120_000 });
    const bin = await pia.locator('#rf-task b').first().innerText();
    expect(await reply(pia, () => pia.click(`button.kit[data-kit^="${bin} "]`))).toBe('OK');
    expect(await rae.$('#rf-join')).toBeNull();
    await pia.screenshot({ path: artifact('rf-after-rewind.png') });
    // The rewind and what followed reached the console by push too: its timeline has the rewind.
    await waitFor('the rewind on the console timeline', async () =>
      (await text(trainer, '#items')).includes('trainer: rewind'),
    );
    expect(pollRequests).toEqual([]);
    expect(errors).toEqual([]);
  }, 600_000);
});
