// The trainer console (`/trainer`, issue 14): create a session from an exercise, message and
// inject into a trainee's next task, rewind to a point, watch the scoreboard, scrub the debrief
// timeline. Actions go through the trainer routes with the trainer token. What the console
// shows of a session — the scoreboard, the trainees, the rewind points and the timeline — is
// pushed over the stream (`training.watch`, then `training.scores`, `training.trainees`,
// `training.points`, `training.timeline` whenever one changes) and never polled.

import { io, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import {
  ClientEvent,
  ServerEvent,
  type TrainingPointsMessage,
  type TrainingScoreRow,
  type TrainingScoresMessage,
  type TrainingTimelineItem,
  type TrainingTimelineMessage,
  type TrainingTraineesMessage,
  type WatchTrainingReply,
} from '../../sim/view/protocol.ts';

const CAUSES = ['wrongLot', 'uomError', 'shortReceipt', 'overReceipt', 'misPutaway', 'damagedLeftAvailable'];

function el<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`trainer page: no #${id}`);
  return e as T;
}

const token = el<HTMLInputElement>('token');
token.value = sessionStorage.getItem('bintwin.trainerToken') ?? '';
token.addEventListener('change', () => sessionStorage.setItem('bintwin.trainerToken', token.value));

/** Calls a route with the trainer token; throws the server's error text on a refusal. */
async function api<T>(path: string, body?: unknown): Promise<T> {
  const r = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token.value}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await r.json().catch(() => ({}))) as {
    error?: string;
    problems?: { path: string; message: string }[];
  };
  if (!r.ok) {
    const detail = json.problems?.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new Error(detail ? `${json.error ?? r.status}: ${detail}` : (json.error ?? `HTTP ${r.status}`));
  }
  return json as T;
}

const minutes = (ms: number): string =>
  `${Math.floor(ms / 3_600_000)}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}`;

function say(id: string, text: string): void {
  el(id).textContent = text;
}

async function loadExercises(): Promise<void> {
  const r = await api<{ exercises: { name: string; title?: string; scenario?: string }[] }>(
    '/api/training/exercises',
  );
  const sel = el<HTMLSelectElement>('exercise');
  // Reloading the list (the token field's change fires again on blur) keeps what was chosen.
  const chosen = sel.value;
  sel.replaceChildren(new Option('(free play)', ''));
  for (const x of r.exercises) sel.append(new Option(`${x.name} — ${x.title ?? 'invalid'}`, x.name));
  if (r.exercises.some((x) => x.name === chosen)) sel.value = chosen;
  sel.onchange = (): void => {
    const x = r.exercises.find((e) => e.name === sel.value);
    if (x?.scenario) el<HTMLInputElement>('scenario').value = x.scenario;
  };
}

el('createBtn').addEventListener('click', () => {
  const exercise = el<HTMLSelectElement>('exercise').value;
  api<{ id: string; code: string }>('/api/training/sessions', {
    scenario: el<HTMLInputElement>('scenario').value,
    exercise: exercise === '' ? null : exercise,
    speed: Number(el<HTMLInputElement>('speed').value),
  })
    .then((s) => {
      say('sessionInfo', `Session ${s.id}: hand out code ${s.code}`);
      el<HTMLInputElement>('sessionId').value = s.id;
      linkDebrief();
      watchSession();
    })
    .catch((e: unknown) => say('sessionInfo', String(e)));
});

const sid = (): string => el<HTMLInputElement>('sessionId').value.trim();

/** Points the debrief link at the session in the Session id field. */
function linkDebrief(): void {
  el<HTMLAnchorElement>('debriefLink').href = `/debrief?session=${encodeURIComponent(sid())}`;
}
el('sessionId').addEventListener('input', () => {
  linkDebrief();
  watchSession();
});
const cause = el<HTMLSelectElement>('cause');
for (const c of CAUSES) cause.append(new Option(c, c));

el('sendBtn').addEventListener('click', () => {
  const t = el<HTMLInputElement>('trainee').value.trim();
  api(`/api/training/sessions/${sid()}/message`, {
    traineeId: t === '' ? null : t,
    text: el<HTMLInputElement>('message').value,
  })
    .then(() => say('liveStatus', 'message sent'))
    .catch((e: unknown) => say('liveStatus', String(e)));
});

el('injectBtn').addEventListener('click', () => {
  api<{ message: string }>(`/api/training/sessions/${sid()}/inject`, {
    traineeId: el<HTMLInputElement>('trainee').value.trim(),
    cause: cause.value,
  })
    .then((r) => say('liveStatus', r.message))
    .catch((e: unknown) => say('liveStatus', String(e)));
});

for (const action of ['pause', 'resume'] as const)
  el(`${action}Btn`).addEventListener('click', () => {
    api<{ paused: boolean }>('/api/training/run', { action, ...(sid() ? { session: sid() } : {}) })
      .then((r) => say('liveStatus', r.paused ? 'paused' : 'running'))
      .catch((e: unknown) => say('liveStatus', String(e)));
  });

/** Draws the rewind points from a push: a rewind button and a "save as exercise" button each. */
function showPoints(m: TrainingPointsMessage): void {
  el('points').replaceChildren(
    ...m.points.map((p) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.textContent = `Rewind to ${minutes(p.simMs)}`;
      b.onclick = (): void =>
        void api('/api/training/rewind', { simMs: p.simMs, ...(sid() ? { session: sid() } : {}) })
          .then(() => say('liveStatus', `rewound to ${minutes(p.simMs)} (paused)`))
          .catch((e: unknown) => say('liveStatus', String(e)));
      // The point becomes a new exercise's start (the session's exercise copied, the name given).
      const save = document.createElement('button');
      save.textContent = 'Save as exercise';
      save.className = 'save-exercise';
      save.onclick = (): void => {
        const name = el<HTMLInputElement>('saveName').value.trim();
        void api<{ name: string }>(`/api/training/sessions/${sid()}/save-exercise`, { simMs: p.simMs, name })
          .then((r) => {
            say('liveStatus', `saved exercise ${r.name} (starts at ${minutes(p.simMs)})`);
            return loadExercises();
          })
          .catch((e: unknown) => say('liveStatus', String(e)));
      };
      li.append(b, ' ', save);
      return li;
    }),
  );
}

function cell(tr: HTMLTableRowElement, text: string, cls?: string): void {
  const td = tr.insertCell();
  td.textContent = text;
  if (cls) td.className = cls;
}

/** Draws the scoreboard from a push. */
function showScores(rows: readonly TrainingScoreRow[]): void {
  const body = el<HTMLTableElement>('scores').tBodies[0]!;
  body.replaceChildren();
  for (const s of rows) {
    const tr = body.insertRow();
    cell(tr, s.traineeId);
    cell(tr, s.workerCode);
    cell(tr, String(s.tasksDone));
    cell(tr, `${s.scans.scanned}/${s.scans.keyed}/${s.scans.overridden}`);
    cell(tr, String(Object.values(s.errors).reduce((a, b) => a + b, 0)));
    const caught = s.injections.filter((i) => i.result === 'caught').length;
    const missed = s.injections.filter((i) => i.result === 'missed').length;
    cell(tr, `${caught}/${missed}`);
    cell(tr, String(s.gap.abs));
    cell(tr, s.score.toFixed(1));
    cell(tr, s.pass ? 'pass' : 'fail', s.pass ? 'pass' : 'fail');
  }
}

let stream: Socket | null = null;
let watching = '';

/**
 * Watches the session in the Session id field on the stream (reconnecting with the token when
 * it changes): the server sends the console's state at once and each part again when it changes.
 */
function watchSession(): void {
  const id = sid();
  if (!token.value || !/^S[0-9a-f]{8}$/.test(id)) return;
  if (stream && watching === id && stream.connected) return;
  if (!stream) {
    stream = io('/', { parser: msgpackParser, transports: ['websocket'], auth: { token: token.value } });
    stream.on(ServerEvent.trainingScores, (m: TrainingScoresMessage) => {
      if (m.session !== sid()) return;
      el('scoreboard').dataset['pushes'] = String(Number(el('scoreboard').dataset['pushes'] ?? 0) + 1);
      showScores(m.scores);
    });
    stream.on(ServerEvent.trainingTrainees, (m: TrainingTraineesMessage) => {
      if (m.session === sid()) showTrainees(m);
    });
    stream.on(ServerEvent.trainingPoints, (m: TrainingPointsMessage) => {
      if (m.session === sid()) showPoints(m);
    });
    stream.on(ServerEvent.trainingTimeline, (m: TrainingTimelineMessage) => {
      if (m.session === sid()) showTimeline(m);
    });
    // After a reconnect the room is gone with the old connection: watch again.
    stream.on('connect', () => {
      watching = '';
      watchSession();
    });
    return;
  }
  watching = id;
  stream.emit(ClientEvent.watchTraining, { type: 'training.watch', session: id }, (r: WatchTrainingReply) => {
    if (!r.ok) say('liveStatus', `watching ${id}: ${r.message}`);
  });
}

let timeline: TrainingTimelineItem[] = [];
const scrub = el<HTMLInputElement>('scrub');

function describe(i: TrainingTimelineItem): string {
  const r = i.record;
  if (i.source === 'journal')
    return `${String(r['type'])} ${String(r['bin'] ?? '')} by ${String((r['actor'] as { worker?: string } | undefined)?.worker ?? '')}`;
  if (i.source === 'truth')
    return `truth: ${String(r['cause'])} at ${String(r['bin'])}${r['worker'] ? ` by ${String(r['worker'])}` : ''}`;
  if (i.source === 'handheld')
    return `${String(r['traineeId'])} ${String(r['input'])} "${String(r['raw'])}" (${String(r['via'])}) ${String(r['outcome'])}${r['reason'] ? `: ${String(r['reason'])}` : ''}`;
  return `trainer: ${String(r['kind'])} ${String(r['text'] ?? r['cause'] ?? r['toSimMs'] ?? '')}`;
}

function renderTimeline(): void {
  const at = Number(scrub.value);
  el('items').replaceChildren(
    ...timeline.map((i) => {
      const li = document.createElement('li');
      li.textContent = `${minutes(i.simMs)} [${i.source}] ${describe(i)}`;
      if (i.simMs > at) li.className = 'later';
      return li;
    }),
  );
}
scrub.addEventListener('input', renderTimeline);

/** Takes a pushed timeline; the scrubber follows the end if it was at the end. */
function showTimeline(r: TrainingTimelineMessage): void {
  const follow = Number(scrub.value) >= Number(scrub.max);
  timeline = r.items;
  // The scrubber covers the class (from the session's start), not the run's hours before it.
  scrub.min = String(r.startSimMs);
  scrub.max = String(Math.max(r.startSimMs, timeline.at(-1)?.simMs ?? 0));
  if (follow) scrub.value = scrub.max;
  renderTimeline();
}

/** The roles a trainee can be given (server/training/trainingTypes.ts TRAINEE_ROLES: the handheld drives all five). */
const ROLES = ['picker', 'receiver', 'putaway', 'replenisher', 'counter'] as const;

/** A role picker and its "Give role" button for a trainee (waiting, or handed back). */
function rolePicker(traineeId: string): HTMLElement[] {
  const pick = document.createElement('select');
  for (const r of ROLES) pick.append(new Option(r, r));
  const b = document.createElement('button');
  b.textContent = 'Give role';
  b.className = 'give-role';
  b.onclick = (): void =>
    void api(`/api/training/sessions/${sid()}/trainees/${traineeId}/role`, { role: pick.value })
      // The new seat comes with the next `training.trainees` push.
      .then(() => say('liveStatus', `${traineeId} given ${pick.value}`))
      .catch((e: unknown) => say('liveStatus', String(e)));
  return [pick, b];
}

/** Trainees waiting for a role (with a role picker each) and those seated, from a push. */
function showTrainees(s: TrainingTraineesMessage): void {
  el('pending').replaceChildren(
    ...s.pending.map((p) => {
      const li = document.createElement('li');
      li.dataset['trainee'] = p.id;
      li.append(`${p.id} ${p.name} `, ...rolePicker(p.id));
      return li;
    }),
  );
  el('seated').replaceChildren(
    ...s.trainees.map((t) => {
      const li = document.createElement('li');
      li.dataset['trainee'] = t.id;
      li.textContent = `${t.id} ${t.name}: ${t.role} (${t.workerCode})${t.reseatOf ? ` (was ${t.reseatOf})` : ''}${t.handedBackAt ? ' — handed back' : ''} `;
      // Handed back and not seated again: the trainer can give them a new role (a new seat).
      if (t.handedBackAt && !s.trainees.some((x) => x.reseatOf === t.id)) li.append(...rolePicker(t.id));
      if (!t.handedBackAt) {
        // The simulation takes the worker over and finishes the step the trainee was at.
        const b = document.createElement('button');
        b.textContent = 'Hand back';
        b.className = 'handback';
        b.onclick = (): void =>
          void api(`/api/training/sessions/${sid()}/trainees/${t.id}/handback`, {})
            .then(() => say('liveStatus', `${t.workerCode} handed back`))
            .catch((e: unknown) => say('liveStatus', String(e)));
        li.append(b);
      }
      return li;
    }),
  );
}

/** A floor change from the console: start a wave, lock or unlock an aisle (logged in the session). */
function floorChange(action: 'wave.release' | 'aisle.lock' | 'aisle.unlock'): void {
  const aisle = el<HTMLInputElement>('aisle').value.trim();
  const body = action === 'wave.release' ? { action } : { action, aisle };
  void api<{ message: string }>('/api/training/floor', { ...body, ...(sid() ? { session: sid() } : {}) })
    .then((r) => say('liveStatus', r.message))
    .catch((e: unknown) => say('liveStatus', String(e)));
}
el('waveBtn').onclick = (): void => floorChange('wave.release');
el('lockBtn').onclick = (): void => floorChange('aisle.lock');
el('unlockBtn').onclick = (): void => floorChange('aisle.unlock');

interface DebriefFloor {
  simTime: number;
  from: number | null;
  differences: { bin: string; system: number; physical: number }[];
  view: {
    workers: { code: string; role: string; task: string | null; trainee?: true }[];
    alerts: { message: string }[];
  };
}

/** The floor at the scrubbed moment, rebuilt on the server: workers, alerts, the ledgers' differences. */
async function showFloor(): Promise<void> {
  if (!sid()) return;
  const f = await api<DebriefFloor>(`/api/training/sessions/${sid()}/floor?t=${scrub.value}`);
  const box = el('debriefFloor');
  const h = document.createElement('h3');
  h.textContent = `Floor at ${minutes(f.simTime)} (rebuilt from ${f.from === null ? 'the start' : minutes(f.from)})`;
  const list = (title: string, rows: string[]): HTMLElement => {
    const d = document.createElement('div');
    const t = document.createElement('h4');
    t.textContent = `${title} (${rows.length})`;
    const ul = document.createElement('ul');
    for (const r of rows) {
      const li = document.createElement('li');
      li.textContent = r;
      ul.append(li);
    }
    d.append(t, ul);
    return d;
  };
  box.replaceChildren(
    h,
    list(
      'Ledger differences',
      f.differences.map((d) => `${d.bin}: system ${d.system}, physical ${d.physical}`),
    ),
    list(
      'Workers',
      f.view.workers.map((w) => `${w.code}${w.trainee ? ' (trainee)' : ''} ${w.role}: ${w.task ?? 'idle'}`),
    ),
    list(
      'Alerts',
      f.view.alerts.map((a) => a.message),
    ),
  );
}
el('floorBtn').onclick = (): void => void showFloor().catch((e: unknown) => say('liveStatus', String(e)));

token.addEventListener('change', () => {
  // A new token is a new connection (its role is fixed at connect).
  stream?.close();
  stream = null;
  watching = '';
  void loadExercises().catch((e: unknown) => say('sessionInfo', String(e)));
  watchSession();
});
if (token.value) {
  void loadExercises().catch((e: unknown) => say('sessionInfo', String(e)));
  watchSession();
}
