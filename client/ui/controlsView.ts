import type { ControlCommand, ControlReply, InjectableCause, Role } from '../../sim/view/protocol.ts';
import type { RunStatus } from '../../sim/viewApi.ts';
import { h, setChildren } from './dom.ts';

/** Roles that may drive the run (the server checks again; this only hides what would be refused). */
export function mayControl(role: Role | null): boolean {
  return role === 'trainer' || role === 'admin';
}

/** Speeds offered (sim seconds per wall second). */
const SPEEDS = [1, 10, 60, 300, 1000] as const;

/**
 * Trainer controls: play/pause, speed, step, load a scenario, inject an exception. Rendered
 * only for trainer and admin roles; every reply (including refusals) is shown in words. The
 * inject menu lists exactly the causes the server announced in its welcome (the engine's own
 * list), so it cannot offer a name the engine refuses.
 */
export class ControlsView {
  /** The controls bar. */
  readonly el = h('section', { class: 'controls', hidden: true, 'aria-label': 'Trainer controls' });
  private readonly msg = h('span', { class: 'control-msg', role: 'status' });
  private scenarios: string[] = [];
  private causes: InjectableCause[] = [];
  private chosen: string | null = null;
  private binText = '';
  /** What the bar was last built from: rebuilding it every tick would close an open menu and lose typing. */
  private builtFor: string | null = null;

  constructor(private readonly send: (cmd: ControlCommand) => Promise<ControlReply>) {}

  /** Shows or hides the controls for a role; `run` sets the play/pause label. */
  render(role: Role | null, run: RunStatus | null): void {
    const key = JSON.stringify([role, run?.paused, run?.speed, run?.scenario]);
    if (key === this.builtFor) return;
    this.builtFor = key;
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
    const inject = this.injectControls();
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
      ...inject,
      this.msg,
    );
  }

  /** Sets the causes offered for injection (from the server's welcome). */
  setCauses(causes: readonly InjectableCause[]): void {
    this.causes = [...causes];
    this.builtFor = null;
    if (!this.causes.some((c) => c.cause === this.chosen)) this.chosen = this.causes[0]?.cause ?? null;
  }

  /** The cause menu, its parameter fields (a bin where the cause takes one) and the inject button. */
  private injectControls(): HTMLElement[] {
    if (this.causes.length === 0) {
      return [h('span', { class: 'control-note' }, 'inject: the server announced no injectable causes')];
    }
    const cause = this.causes.find((c) => c.cause === this.chosen) ?? this.causes[0]!;
    const binParam = cause.params.find((p) => p.name === 'bin');
    const sel = h(
      'select',
      {
        'aria-label': 'Exception',
        title: cause.description,
        onchange: (e) => {
          this.chosen = (e.target as HTMLSelectElement).value;
          const next = this.causes.find((c) => c.cause === this.chosen);
          sel.title = next?.description ?? '';
          const takesBin = next?.params.some((p) => p.name === 'bin') ?? false;
          bin.disabled = !takesBin;
          if (!takesBin) bin.value = this.binText = '';
        },
      },
      ...this.causes.map((c) =>
        h('option', { value: c.cause, selected: c === cause, title: c.description }, c.label),
      ),
    );
    // Set the value as a property too: attribute-based selection is not honoured everywhere (happy-dom).
    sel.value = cause.cause;
    const bin = h('input', {
      type: 'text',
      'aria-label': 'Bin',
      placeholder: 'bin (optional)',
      size: 10,
      value: binParam ? this.binText : '',
      disabled: binParam === undefined,
      title: binParam?.description ?? 'this cause takes no bin',
      oninput: (e) => (this.binText = (e.target as HTMLInputElement).value),
    });
    const send = (): void => {
      const code = bin.value.trim();
      void this.run({
        type: 'control.inject',
        exception: sel.value,
        ...(code !== '' && !bin.disabled ? { bin: code } : {}),
      });
    };
    return [sel, bin, h('button', { type: 'button', 'data-control': 'inject', onclick: send }, 'Inject')];
  }

  /** Sets the scenarios offered for loading. */
  setScenarios(names: string[]): void {
    this.scenarios = names;
    this.builtFor = null;
  }

  private async run(cmd: ControlCommand): Promise<void> {
    this.msg.textContent = '…';
    const r = await this.send(cmd);
    this.msg.textContent =
      r.type === 'control.ack' ? (r.message ?? `${cmd.type.replace('control.', '')}: done`) : r.message;
    this.msg.dataset['ok'] = String(r.type === 'control.ack');
  }
}
