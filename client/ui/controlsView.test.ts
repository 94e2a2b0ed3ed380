import { describe, expect, it, vi } from 'vitest';
import type { ControlCommand, ControlReply, InjectableCause } from '../../sim/view/protocol.ts';
import { INJECTABLE_CAUSES, type RunStatus } from '../../sim/viewApi.ts';
import { ControlsView } from './controlsView.ts';

const run: RunStatus = { runId: 'r1', scenario: 'demo-dc', seed: '1', speed: 60, paused: false, until: null };

/** A controls bar whose commands are recorded and acknowledged. */
function bar(): { view: ControlsView; sent: ControlCommand[] } {
  const sent: ControlCommand[] = [];
  const view = new ControlsView((cmd) => {
    sent.push(cmd);
    const message = cmd.type === 'control.inject' ? `${cmd.exception} armed` : undefined;
    return Promise.resolve({
      type: 'control.ack',
      command: cmd.type,
      run,
      simTime: 0,
      message,
    } as ControlReply);
  });
  return { view, sent };
}

const options = (v: ControlsView): { value: string; text: string }[] =>
  [...v.el.querySelectorAll<HTMLOptionElement>('select[aria-label="Exception"] option')].map((o) => ({
    value: o.value,
    text: o.textContent ?? '',
  }));

const select = (v: ControlsView, cause: string): void => {
  const sel = v.el.querySelector<HTMLSelectElement>('select[aria-label="Exception"]')!;
  sel.value = cause;
  sel.dispatchEvent(new Event('change'));
};

const injectButton = (v: ControlsView): HTMLButtonElement =>
  v.el.querySelector<HTMLButtonElement>('button[data-control="inject"]')!;

describe('trainer inject menu', () => {
  it('offers exactly the causes the server announced, by label, and sends their names', async () => {
    const { view, sent } = bar();
    const announced: InjectableCause[] = [
      { cause: 'shrink', label: 'Shrink', description: 'gone', timing: 'now', params: [] },
      {
        cause: 'misPutaway',
        label: 'Wrong bin',
        description: 'elsewhere',
        timing: 'next-chance',
        params: [],
      },
    ];
    view.setCauses(announced);
    view.render('trainer', run);
    expect(options(view)).toEqual([
      { value: 'shrink', text: 'Shrink' },
      { value: 'misPutaway', text: 'Wrong bin' },
    ]);
    select(view, 'misPutaway');
    injectButton(view).click();
    expect(sent).toEqual([{ type: 'control.inject', exception: 'misPutaway' }]);
    await vi.waitFor(() =>
      expect(view.el.querySelector('.control-msg')!.textContent).toBe('misPutaway armed'),
    );
  });

  it('built from the engine list, it offers every injectable cause under its engine name', () => {
    const { view } = bar();
    view.setCauses(INJECTABLE_CAUSES);
    view.render('admin', run);
    expect(options(view).map((o) => o.value)).toEqual(INJECTABLE_CAUSES.map((c) => c.cause));
    // Derived, not counted by hand: flows add causes (returns, transfers) without editing this test.
    expect(new Set(options(view).map((o) => o.value)).size).toBe(INJECTABLE_CAUSES.length);
    expect(options(view).length).toBeGreaterThan(0);
  });

  it('sends a bin only for a cause that takes one, and keeps choice and typing across re-renders', () => {
    const { view, sent } = bar();
    view.setCauses(INJECTABLE_CAUSES);
    view.render('trainer', run);
    select(view, 'shrink');
    const bin = view.el.querySelector<HTMLInputElement>('input[aria-label="Bin"]')!;
    expect(bin.disabled).toBe(false);
    bin.value = 'F-01-02-A';
    bin.dispatchEvent(new Event('input'));
    // A tick with the same run state does not rebuild the bar; a changed one keeps the choice.
    view.render('trainer', run);
    view.render('trainer', { ...run, paused: true });
    expect(view.el.querySelector<HTMLSelectElement>('select[aria-label="Exception"]')!.value).toBe('shrink');
    injectButton(view).click();
    select(view, 'wrongLot');
    expect(view.el.querySelector<HTMLInputElement>('input[aria-label="Bin"]')!.disabled).toBe(true);
    injectButton(view).click();
    expect(sent).toEqual([
      { type: 'control.inject', exception: 'shrink', bin: 'F-01-02-A' },
      { type: 'control.inject', exception: 'wrongLot' },
    ]);
  });

  it('offers nothing to inject before the server has said what it accepts', () => {
    const { view } = bar();
    view.render('trainer', run);
    expect(options(view)).toEqual([]);
    expect(injectButton(view)).toBeNull();
  });
});
