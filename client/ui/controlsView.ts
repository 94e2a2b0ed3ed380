import type { ControlCommand, ControlReply, Role } from '../../sim/view/protocol.ts';
import type { RunStatus } from '../../sim/view/viewState.ts';
import { h, setChildren } from './dom.ts';

/** Roles that may drive the run (the server checks again; this only hides what would be refused). */
export function mayControl(role: Role | null): boolean {
  return role === 'trainer' || role === 'admin';
}

/** Speeds offered (sim seconds per wall second). */
const SPEEDS = [1, 10, 60, 300, 1000] as const;

/** Exceptions a trainer can inject (names the server's exception layer is expected to accept). */
const EXCEPTIONS = [
  'unscanned-move',
  'uom-error',
  'wrong-lot',
  'short-receipt',
  'damaged',
  'mis-putaway',
  'shrink',
] as const;

/**
 * Trainer controls: play/pause, speed, step, load a scenario, inject an exception. Rendered
 * only for trainer and admin roles; every reply (including refusals) is shown in words.
 */
export class ControlsView {
  /** The controls bar. */
  readonly el = h('section', { class: 'controls', hidden: true, 'aria-label': 'Trainer controls' });
  private readonly msg = h('span', { class: 'control-msg', role: 'status' });
  private scenarios: string[] = [];

  constructor(private readonly send: (cmd: ControlCommand) => Promise<ControlReply>) {}

  /** Shows or hides the controls for a role; `run` sets the play/pause label. */
  render(role: Role | null, run: RunStatus | null): void {
    if (!mayControl(role)) {
      this.el.hidden = true;
      setChildren(this.el);
      return;
    }
    this.el.hidden = false;
    const paused = run?.paused ?? false;
    const scenarioSel = h(
      'select',
      { 'aria-label': 'Scenario' },
      ...this.scenarios.map((s) => h('option', { value: s, selected: s === run?.scenario }, s)),
    );
    const injectSel = h(
      'select',
      { 'aria-label': 'Exception' },
      ...EXCEPTIONS.map((e) => h('option', { value: e }, e)),
    );
    const speedSel = h(
      'select',
      {
        'aria-label': 'Speed',
        onchange: (e) =>
          void this.run({ type: 'control.speed', speed: Number((e.target as HTMLSelectElement).value) }),
      },
      ...SPEEDS.map((s) => h('option', { value: s, selected: run?.speed === s }, `×${s}`)),
    );
    setChildren(
      this.el,
      h(
        'button',
        {
          type: 'button',
          'data-control': 'play',
          onclick: () => void this.run({ type: paused ? 'control.resume' : 'control.pause' }),
        },
        paused ? 'Play' : 'Pause',
      ),
      h(
        'button',
        { type: 'button', 'data-control': 'step', onclick: () => void this.run({ type: 'control.step' }) },
        'Step',
      ),
      speedSel,
      scenarioSel,
      h(
        'button',
        {
          type: 'button',
          onclick: () => void this.run({ type: 'control.load', scenario: scenarioSel.value }),
        },
        'Load',
      ),
      injectSel,
      h(
        'button',
        {
          type: 'button',
          onclick: () => void this.run({ type: 'control.inject', exception: injectSel.value }),
        },
        'Inject',
      ),
      this.msg,
    );
  }

  /** Sets the scenarios offered for loading. */
  setScenarios(names: string[]): void {
    this.scenarios = names;
  }

  private async run(cmd: ControlCommand): Promise<void> {
    this.msg.textContent = '…';
    const r = await this.send(cmd);
    this.msg.textContent = r.type === 'control.ack' ? `${cmd.type.replace('control.', '')}: done` : r.message;
    this.msg.dataset['ok'] = String(r.type === 'control.ack');
  }
}
