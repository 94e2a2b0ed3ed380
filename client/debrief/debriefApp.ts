// The debrief page (`/debrief?session=S…`, issue 14): the trainer scrubs a slider over a session
// and sees the pixi floor (the floor view's renderer) as the server rebuilt it at that sim time,
// trainees' workers with their own marker, the injections/exits/errors as marks on the slider
// (a click jumps there) and each trainee's score breakdown.
import './debrief.css';
import type { ViewState } from '../../sim/viewApi.ts';
import { binTableFromWire } from '../../sim/view/protocol.ts';
import { FloorView } from '../render/floorView.ts';
import { markPosition, timelineMarks, type TimelineItem } from './timelineMarks.ts';

/** The floor route's answer (GET /api/training/sessions/:id/floor?t=). */
interface FloorAnswer {
  simTime: number;
  from: number | null;
  replayed: number;
  differences: { bin: string; system: number; physical: number }[];
  view: ViewState;
}

/** A score row, the fields this page shows. */
interface ScoreRow {
  traineeId: string;
  workerCode: string;
  parts: Record<string, number>;
  score: number;
  pass: boolean;
}

/** What the page exposes for the end-to-end test (`window.__bintwinDebrief`). */
interface DebriefHook {
  /** Sim time of the floor drawn now (null before the first one). */
  simTime: number | null;
  loads: number;
  error: string | null;
  floor: FloorView | null;
}

const hook: DebriefHook = { simTime: null, loads: 0, error: null, floor: null };
(window as unknown as { __bintwinDebrief: DebriefHook }).__bintwinDebrief = hook;

function el<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`debrief page: no #${id}`);
  return e as T;
}

const token = el<HTMLInputElement>('token');
token.value = sessionStorage.getItem('bintwin.trainerToken') ?? '';
token.addEventListener('change', () => {
  sessionStorage.setItem('bintwin.trainerToken', token.value);
  void start();
});
const session = new URLSearchParams(location.search).get('session') ?? '';
el('sessionName').textContent = session;

async function api<T>(path: string): Promise<T> {
  const r = await fetch(path, { headers: { authorization: `Bearer ${token.value}` } });
  const json = (await r.json().catch(() => ({}))) as { error?: string };
  if (!r.ok) throw new Error(json.error ?? `HTTP ${r.status}`);
  return json as T;
}

const clock = (ms: number): string =>
  `${Math.floor(ms / 3_600_000)}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;

const scrub = el<HTMLInputElement>('scrub');
let floor: FloorView | null = null;
/** Only the newest request's answer is drawn: scrubbing fast must not draw an older moment last. */
let asked = 0;

/** Rebuilds and draws the floor at `t` (sim ms). */
async function showAt(t: number): Promise<void> {
  const mine = ++asked;
  el('at').textContent = clock(t);
  el('floorStatus').textContent = 'rebuilding…';
  try {
    const f = await api<FloorAnswer>(`/api/training/sessions/${session}/floor?t=${t}`);
    if (mine !== asked) return;
    const view: ViewState = { ...f.view, bins: binTableFromWire(f.view.bins) };
    floor ??= hook.floor = await FloorView.create(el('floor'), true);
    floor.update(view, 'snapshot');
    const from = f.from === null ? 'the start' : `the rewind point at ${clock(f.from)}`;
    el('floorStatus').textContent = `rebuilt from ${from} and ${f.replayed} inputs`;
    const trainees = view.workers.filter((w) => w.trainee);
    const items = [
      ...trainees.map((w) => `${w.code} (trainee) ${w.role}: ${w.task ?? 'idle'}`),
      `${view.workers.length} workers on the floor`,
      `${f.differences.length} bins whose ledgers differ`,
      ...f.differences.slice(0, 8).map((d) => `${d.bin}: system ${d.system}, physical ${d.physical}`),
      ...view.alerts.slice(0, 5).map((a) => `alert: ${a.message}`),
    ];
    el('moment').replaceChildren(
      ...items.map((s) => {
        const li = document.createElement('li');
        li.textContent = s;
        return li;
      }),
    );
    hook.simTime = f.simTime;
    hook.loads++;
    hook.error = null;
  } catch (err) {
    if (mine !== asked) return;
    hook.error = String(err);
    el('floorStatus').textContent = String(err);
  }
}

let debounce: ReturnType<typeof setTimeout> | undefined;
scrub.addEventListener('input', () => {
  el('at').textContent = clock(Number(scrub.value));
  clearTimeout(debounce);
  debounce = setTimeout(() => void showAt(Number(scrub.value)), 250);
});

/** Jumps the slider and the floor to a moment (a timeline mark was clicked). */
function jump(t: number): void {
  clearTimeout(debounce);
  scrub.value = String(t);
  void showAt(t);
}

function renderMarks(items: TimelineItem[], from: number, to: number): void {
  el('marks').replaceChildren(
    ...timelineMarks(items).map((m) => {
      const b = document.createElement('button');
      b.className = `mark ${m.kind}`;
      b.dataset['t'] = String(m.simMs);
      b.dataset['kind'] = m.kind;
      b.dataset['source'] = m.source;
      b.title = `${clock(m.simMs)} ${m.label}`;
      b.setAttribute('aria-label', b.title);
      b.style.left = `${(markPosition(m.simMs, from, to) * 100).toFixed(3)}%`;
      b.onclick = (): void => jump(m.simMs);
      return b;
    }),
  );
}

function renderScores(rows: ScoreRow[]): void {
  const body = el<HTMLTableElement>('scores').tBodies[0]!;
  body.replaceChildren();
  for (const s of rows) {
    const head = body.insertRow();
    head.className = 'trainee';
    head.insertCell().textContent = `${s.traineeId} (${s.workerCode})`;
    head.insertCell().textContent = s.pass ? 'pass' : 'fail';
    head.cells[1]!.className = s.pass ? 'pass' : 'fail';
    head.insertCell().textContent = s.score.toFixed(1);
    for (const [part, v] of Object.entries(s.parts)) {
      const tr = body.insertRow();
      tr.insertCell();
      tr.insertCell().textContent = part;
      tr.insertCell().textContent = `${Math.round(v * 100)}%`;
    }
  }
}

async function start(): Promise<void> {
  if (!session || !token.value) {
    el('floorStatus').textContent = session ? 'enter the trainer token' : 'no ?session= in the address';
    return;
  }
  try {
    const tl = await api<{ items: TimelineItem[]; startSimMs: number; runStartSimMs: number }>(
      `/api/training/sessions/${session}/timeline`,
    );
    // A free-play session has no exercise to score against: the floor is still worth a debrief.
    void api<{ scores: ScoreRow[] }>(`/api/training/sessions/${session}/scores`)
      .then((sc) => renderScores(sc.scores))
      .catch((e: unknown) => (el('scoreNote').textContent = String(e)));
    // The slider covers the class, from the session's start; what came before it (the run's
    // earlier hours, from the run's own start) is one tick of "before the class" away.
    const first = Math.min(tl.runStartSimMs, tl.startSimMs);
    const to = Math.max(tl.items.at(-1)?.simMs ?? tl.startSimMs, tl.startSimMs);
    const range = (): void => {
      const from = el<HTMLInputElement>('earlier').checked ? Math.min(first, tl.startSimMs) : tl.startSimMs;
      scrub.min = String(from);
      scrub.max = String(to);
      if (Number(scrub.value) < from) scrub.value = String(from);
      renderMarks(
        tl.items.filter((i) => i.simMs >= from),
        from,
        to,
      );
    };
    el<HTMLInputElement>('earlier').onchange = range;
    scrub.value = String(to);
    range();
    await showAt(to);
  } catch (err) {
    hook.error = String(err);
    el('floorStatus').textContent = String(err);
  }
}
void start();
