import { io, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import type { HandheldScreen, KitLabel } from '../../sim/handheldApi.ts';
import { h, setChildren } from '../ui/dom.ts';
import { entryText, viaOfKeys, wedgeKey } from './wedge.ts';

/** Where the trainee's token is kept for this tab (a reload stays in the session; a new tab joins again). */
const TOKEN_KEY = 'bintwin.rf.token';

/** What each expected input is called on the screen. */
const INPUT_LABEL: Record<string, string> = {
  binLabel: 'Scan the bin label',
  gs1Item: 'Scan the item label (GS1)',
  lot: 'Scan or type the lot',
  quantity: 'Enter the quantity',
  confirm: 'Confirm',
};

/** An `rf.entry` answer. */
interface EntryAnswer {
  ok: boolean;
  outcome?: { ok: boolean; reason?: string; done?: string };
  screen?: HandheldScreen | null;
  error?: string;
}

/** Sim ms as a clock (day 1 = Monday). */
function clock(ms: number): string {
  const d = Math.floor(ms / 86_400_000);
  const t = new Date(ms % 86_400_000).toISOString().slice(11, 19);
  return `day ${d + 1} ${t}`;
}

/**
 * The RF handheld page: a join form (session code and name), then the screen the server sends,
 * which follows the worker's task chart state: the prompt, the expected entry field (a
 * keyboard-wedge scanner types into it and ends with Enter), the exits as buttons, the walk in
 * sim time, and the on-screen floor kit ("tap to scan") for trainees without a scanner.
 */
export class RfApp {
  private socket: Socket | null = null;
  private screen: HandheldScreen | null = null;
  private readonly field = h('input', {
    id: 'rf-entry',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
  });
  private readonly body = h('div', { id: 'rf-screen' });
  private readonly msg = h('div', { class: 'msg', id: 'rf-msg', role: 'status' });
  private readonly head = h('header', { id: 'rf-head' });
  /** The trainer's last message (kept apart from entry replies, which replace each other). */
  private readonly trainerMsg = h('div', { class: 'msg trainer', id: 'rf-trainer', role: 'alert' });
  private keyTimes: number[] = [];
  /** The field of an exit that takes a scan (the override's bin), when the screen has one. */
  private exitField: { exit: string; el: HTMLInputElement; markKit: () => void } | null = null;
  /** The field the trainee was last in: a kit tap goes to the exit's field when that was it. */
  private lastField: HTMLInputElement | null = null;

  /** Mounts in `root`. */
  constructor(private readonly root: HTMLElement) {
    this.field.addEventListener('keydown', (e) => this.onKey(e));
    this.field.addEventListener('focus', () => (this.lastField = this.field));
  }

  /** Connects with a saved token, or shows the join form. */
  start(): void {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) this.connect(token);
    else this.joinForm();
  }

  private joinForm(error = ''): void {
    const code = h('input', {
      id: 'rf-code',
      placeholder: 'Session code',
      maxlength: 6,
      autocapitalize: 'characters',
    });
    const name = h('input', { id: 'rf-name', placeholder: 'Your name', maxlength: 40 });
    const go = async (): Promise<void> => {
      const res = await fetch('/api/training/join', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: code.value.trim(), name: name.value.trim() }),
      });
      const j = (await res.json()) as {
        token?: string;
        error?: string;
        problems?: { path: string; message: string }[];
      };
      if (!res.ok || !j.token)
        return this.joinForm(
          j.problems?.map((p) => `${p.path.slice(1)}: ${p.message}`).join('; ') ??
            j.error ??
            `HTTP ${res.status}`,
        );
      sessionStorage.setItem(TOKEN_KEY, j.token);
      this.connect(j.token);
    };
    setChildren(
      this.root,
      h('h1', {}, 'Join a training session'),
      h('label', {}, 'Session code', code),
      h('label', {}, 'Name', name),
      h('button', { id: 'rf-join', onclick: () => void go() }, 'Join'),
      h('div', { class: 'msg refused' }, error),
    );
  }

  private connect(token: string): void {
    setChildren(this.root, this.head, this.trainerMsg, this.body, this.msg);
    const socket = io('/rf', { parser: msgpackParser, transports: ['websocket'], auth: { token } });
    this.socket = socket;
    socket.on('connect_error', (e: Error) => {
      if (/unknown trainee token/.test(e.message)) {
        sessionStorage.removeItem(TOKEN_KEY);
        socket.close();
        this.joinForm(e.message);
      } else this.say(`connection: ${e.message}`, 'refused');
    });
    socket.on(
      'rf.welcome',
      (m: {
        session: { code: string };
        trainee: { name: string; role: string | null; worker: string | null };
      }) => {
        const t = m.trainee;
        setChildren(
          this.head,
          h(
            'span',
            { id: 'rf-who' },
            `${t.name} · ${t.role ?? 'no role yet'}${t.worker ? ` · ${t.worker}` : ''}`,
          ),
          h('span', { id: 'rf-clock' }, `session ${m.session.code}`),
        );
        if (!t.role) setChildren(this.body, h('h1', {}, 'Waiting for the trainer to give you a role…'));
      },
    );
    socket.on('rf.screen', (s: HandheldScreen | null) => this.show(s));
    socket.on('rf.message', (m: { text: string; by: string }) => {
      this.trainerMsg.textContent = `${m.by === 'cue' ? 'Exercise' : 'Trainer'}: ${m.text}`;
    });
  }

  private show(s: HandheldScreen | null): void {
    const same =
      this.screen &&
      s &&
      this.screen.taskId === s.taskId &&
      this.screen.state === s.state &&
      this.screen.input === s.input;
    this.screen = s;
    if (!s) return;
    const clockEl = this.head.querySelector('#rf-clock');
    if (clockEl) clockEl.textContent = clock(s.simMs);
    if (!same) this.field.value = '';
    const t = s.task;
    const parts: (Node | string)[] = [h('h1', { id: 'rf-prompt' }, s.prompt)];
    if (t)
      parts.push(
        h(
          'div',
          { class: 'task', id: 'rf-task' },
          t.bin ? h('div', {}, 'Bin ', h('b', {}, t.bin)) : null,
          t.sku ? h('div', {}, `${t.sku} — ${t.description ?? ''}`) : null,
          t.lot ? h('div', {}, `Lot ${t.lot}`) : null,
          t.qty !== undefined ? h('div', {}, 'Qty ', h('b', {}, `${t.qty} ${t.uom ?? ''}`)) : null,
          t.note ? h('div', {}, t.note) : null,
        ),
      );
    if (s.busy)
      parts.push(
        h(
          'div',
          { class: 'busy', id: 'rf-busy' },
          `${s.busy.doing} — until ${clock(s.busy.untilMs)} (sim time)`,
        ),
      );
    if (s.input !== 'none' && s.input !== 'confirm') {
      parts.push(h('label', { for: 'rf-entry' }, INPUT_LABEL[s.input] ?? s.input), this.field);
      if (s.input === 'quantity') parts.push(this.keypad());
    }
    // A step that takes only a confirmation (leave for the face), or a count's completion.
    if (s.input === 'confirm' || s.finish)
      parts.push(
        h(
          'button',
          { class: 'confirm', id: 'rf-confirm', onclick: () => this.send('confirm', '', 'keyed') },
          s.finish ?? INPUT_LABEL['confirm']!,
        ),
      );
    if (s.override)
      parts.push(
        h(
          'div',
          { class: `override ${s.override.status}`, id: 'rf-override' },
          `Override to ${s.override.bin} (${s.override.reason}): ${s.override.status}`,
        ),
      );
    const reasons = s.reasons ?? [];
    const reasonPick = h('select', { id: 'rf-reason' }, ...reasons.map((r) => h('option', { value: r }, r)));
    const keep = this.exitField && same ? this.exitField.el.value : '';
    const inExit = same && this.exitField !== null && this.lastField === this.exitField.el;
    this.exitField = null;
    if (s.exits.length > 0)
      parts.push(
        h(
          'div',
          { class: 'exits' },
          ...(reasons.length > 0 ? [reasonPick] : []),
          ...s.exits.flatMap((x) => this.exitParts(x, s.exitInputs?.[x], reasonPick, keep)),
        ),
      );
    if (s.kit.length > 0)
      parts.push(h('h2', {}, 'Floor kit — tap to scan'), ...s.kit.map((k) => this.kitButton(k)));
    setChildren(this.body, ...parts);
    // A screen re-sent while the trainee scans into the exit's field leaves them there.
    const ef = this.exitField as { el: HTMLInputElement } | null;
    if (inExit && ef) ef.el.focus();
    else if (s.input !== 'none') this.field.focus();
  }

  /**
   * An exit's button and, when the chart's meta says the exit takes a scan (an override: the
   * bin chosen instead), its field: a wedge scan ending in Enter, typing or a kit tap fills it,
   * and the exit sends it (an empty bin field asks for the bin the putaway rules propose).
   */
  private exitParts(
    x: string,
    input: string | undefined,
    reasonPick: HTMLSelectElement,
    keep: string,
  ): HTMLElement[] {
    const reason = (): string | undefined => (x === 'overrideRequest' ? reasonPick.value : undefined);
    if (input === undefined)
      return [
        h(
          'button',
          { class: 'exit', 'data-exit': x, onclick: () => this.send('exit', '', 'keyed', x, reason()) },
          x,
        ),
      ];
    const el = h('input', {
      id: `rf-exit-${x}`,
      class: 'exit-input',
      autocomplete: 'off',
      autocapitalize: 'off',
      spellcheck: 'false',
    });
    el.value = keep;
    let keys: number[] = [];
    let viaKit = false;
    const send = (): void => {
      const via = viaKit ? 'kit' : el.value === '' ? 'keyed' : viaOfKeys(keys);
      keys = [];
      viaKit = false;
      this.send('exit', entryText(el.value), via, x, reason());
    };
    el.addEventListener('focus', () => (this.lastField = el));
    el.addEventListener('input', () => (viaKit = false));
    el.addEventListener('keydown', (e) => {
      keys.push(performance.now());
      const k = wedgeKey(el.value, e.key, e.ctrlKey);
      if (!k.handled) return;
      e.preventDefault();
      el.value = k.value;
      if (k.submit) send();
    });
    this.exitField = { exit: x, el, markKit: () => (viaKit = true) };
    return [
      h('label', { for: el.id }, `${x}: ${INPUT_LABEL[input] ?? input} (empty: the system proposes one)`, el),
      h('button', { class: 'exit', 'data-exit': x, onclick: send }, x),
    ];
  }

  private kitButton(k: KitLabel): HTMLElement {
    return h(
      'button',
      {
        class: 'kit',
        'data-kit': k.data,
        onclick: () => {
          // Tapped while in an exit's field: the label fills it (the exit's button sends it).
          const f = this.exitField;
          if (f && this.lastField === f.el) {
            f.el.value = k.data;
            f.markKit();
            f.el.focus();
            return;
          }
          this.send(this.screen?.input ?? 'binLabel', k.data, 'kit');
        },
      },
      `${k.kind === 'bin' ? '▦' : '▥'} ${k.title}`,
    );
  }

  private keypad(): HTMLElement {
    const key = (c: string): HTMLElement =>
      h(
        'button',
        {
          onclick: () => {
            this.field.value = c === '⌫' ? this.field.value.slice(0, -1) : this.field.value + c;
            this.field.focus();
          },
        },
        c,
      );
    return h(
      'div',
      { class: 'keypad' },
      ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0'].map(key),
      h('button', { onclick: () => this.submit() }, 'OK'),
    );
  }

  private onKey(e: KeyboardEvent): void {
    this.keyTimes.push(performance.now());
    const s = wedgeKey(this.field.value, e.key, e.ctrlKey);
    if (!s.handled) return;
    e.preventDefault();
    this.field.value = s.value;
    if (s.submit) this.submit();
  }

  private submit(): void {
    const raw = entryText(this.field.value);
    if (raw === '' || !this.screen) return;
    const via = viaOfKeys(this.keyTimes);
    this.keyTimes = [];
    this.send(this.screen.input, raw, via);
  }

  private send(
    input: string,
    raw: string,
    via: 'scan' | 'keyed' | 'kit',
    exit?: string,
    reason?: string,
  ): void {
    if (!this.socket) return;
    const msg = { input, raw, via, ...(exit ? { exit } : {}), ...(reason ? { reason } : {}) };
    this.socket.emit('rf.entry', msg, (a: EntryAnswer) => {
      if (!a.ok) return this.say(a.error ?? 'refused', 'refused');
      if (a.outcome?.ok) {
        this.field.value = '';
        this.say(a.outcome.done ? `Done: ${a.outcome.done}` : 'OK', 'accepted');
      } else this.say(a.outcome?.reason ?? 'refused', 'refused');
      if (a.screen !== undefined) this.show(a.screen);
    });
  }

  private say(text: string, kind: 'accepted' | 'refused'): void {
    this.msg.className = `msg ${kind}`;
    this.msg.textContent = text;
  }
}
