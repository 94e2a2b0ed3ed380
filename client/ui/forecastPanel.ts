import type { ForecastResult, Role } from '../../sim/view/protocol.ts';
import { forecastText } from '../model/forecastText.ts';
import { mayControl } from './controlsView.ts';
import { h, setChildren } from './dom.ts';

/** What the panel sends: the body of `POST /api/runs/:id/forecast`. */
export interface ForecastAsk {
  replications: number;
  horizon: 'next-cutoff';
  change?: { addWorkers?: { role: string; count: number }; waveMinutes?: number };
}

/** Sends a forecast request; resolves with the result or the server's words for a refusal. */
export type ForecastSender = (
  ask: ForecastAsk,
) => Promise<{ ok: true; result: ForecastResult } | { ok: false; message: string }>;

/**
 * The floor view's Forecast button and panel (trainers and admins): fork the live run now and see
 * the chance of making the next carrier cut-off and the backlog there, as things are or with a
 * change (+k workers of a role, another wave interval) compared paired. Results pushed by the
 * server for anyone's forecast are shown too.
 */
export class ForecastPanel {
  /** The panel: a button, and the form and the last result when open. */
  readonly el = h('section', { class: 'forecast', hidden: true, 'aria-label': 'Forecast' });
  private readonly body = h('div', { class: 'forecast-body', hidden: true });
  private readonly status = h('div', { class: 'forecast-status', role: 'status' });
  private readonly result = h('div', { class: 'forecast-result', 'data-testid': 'forecast-result' });
  private readonly reps = h('input', {
    type: 'number',
    min: 2,
    max: 200,
    value: 20,
    'aria-label': 'Replications',
  });
  private readonly kind = h(
    'select',
    { 'aria-label': 'Change' },
    h('option', { value: 'none' }, 'as is'),
    h('option', { value: 'workers' }, '+ workers'),
    h('option', { value: 'waves' }, 'wave every … min'),
  );
  private readonly amount = h('input', { type: 'number', min: 1, value: 2, 'aria-label': 'Change amount' });
  private readonly role = h(
    'select',
    { 'aria-label': 'Role' },
    ...['picker', 'packer', 'replenisher', 'putaway', 'receiver', 'counter'].map((r) =>
      h('option', { value: r }, r),
    ),
  );
  private running = false;

  constructor(private readonly send: ForecastSender) {
    const button = h(
      'button',
      { type: 'button', class: 'forecast-open', onclick: () => (this.body.hidden = !this.body.hidden) },
      'Forecast',
    );
    const go = h(
      'button',
      { type: 'button', class: 'forecast-run', onclick: () => void this.run() },
      'Run forecast',
    );
    setChildren(
      this.body,
      h('label', {}, 'Replications ', this.reps),
      h('label', {}, 'Change ', this.kind),
      this.amount,
      this.role,
      go,
      this.status,
      this.result,
    );
    setChildren(this.el, button, this.body);
  }

  /** Shown only to trainers and admins (the server checks the token again). */
  setRole(role: Role | null): void {
    this.el.hidden = !mayControl(role);
  }

  /** Shows a finished forecast (this page's or anyone's, pushed by the server). */
  show(f: ForecastResult): void {
    const t = forecastText(f);
    this.result.dataset['tone'] = t.tone;
    setChildren(this.result, h('strong', {}, t.headline), ...t.lines.map((l) => h('div', {}, l)));
  }

  private ask(): ForecastAsk {
    const replications = Math.round(Number(this.reps.value) || 20);
    const n = Number(this.amount.value);
    if (this.kind.value === 'workers')
      return {
        replications,
        horizon: 'next-cutoff',
        change: { addWorkers: { role: this.role.value, count: Math.round(n) } },
      };
    if (this.kind.value === 'waves')
      return { replications, horizon: 'next-cutoff', change: { waveMinutes: n } };
    return { replications, horizon: 'next-cutoff' };
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.status.textContent = 'Forecasting…';
    try {
      const r = await this.send(this.ask());
      if (r.ok) {
        this.status.textContent = '';
        this.show(r.result);
      } else this.status.textContent = r.message;
    } finally {
      this.running = false;
    }
  }
}

/** Turns a refused forecast's JSON body into words: the problems as `path: message`, else the error. */
export function refusalText(status: number, body: unknown): string {
  const b = (body ?? {}) as { error?: string; problems?: { path: string; message: string }[] };
  if (b.problems && b.problems.length > 0) return b.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return b.error ?? `forecast refused (HTTP ${status})`;
}
