import type { JournalEvent } from '../../sim/index.ts';
import type { Trainee } from './trainingTypes.ts';
import { TASK_DONE_EVENTS, type Cue, type CueAction, type CueWho } from './exerciseSchema.ts';

// The cue engine of an exercise (issue 14): pure and deterministic. It folds the journal stream
// and the sim clock into per-trainee counters and says which cues fire, in a fixed order that
// does not depend on how the stream was batched: a time cue due at T fires before the events at
// T or later, cues fire in file order, and each cue fires once per trainee it is about.

/** What the cue engine remembers between calls (saved in the session; plain JSON). */
export interface CueState {
  /** Sim ms the exercise started at; `at` cues count minutes from here. */
  startSimMs: number;
  /** Fired cues: `id` for a broadcast, `id@T1` for one trainee. */
  fired: string[];
  /** Tasks finished per worker code: `*` for all, and per task machine. */
  tasks: Record<string, Record<string, number>>;
  /** Journal events per worker code and type. */
  types: Record<string, Record<string, number>>;
}

/** One cue firing: what to do, to whom, when (the trainer log records it). */
export interface CueFiring {
  cue: string;
  simMs: number;
  /** The trainee it is for, or null for every trainee / the whole site. */
  traineeId: string | null;
  workerCode: string | null;
  action: CueAction;
}

/** A fresh cue state for an exercise starting at `startSimMs`. */
export function newCueState(startSimMs: number): CueState {
  return { startSimMs, fired: [], tasks: {}, types: {} };
}

const MACHINE_OF_TYPE = new Map<string, string>(
  Object.entries(TASK_DONE_EVENTS).flatMap(([m, types]) => types.map((t) => [t, m] as const)),
);

/** Trainees a `who` names, in join order. */
export function resolveWho(who: CueWho, trainees: readonly Trainee[]): Trainee[] {
  return /^T\d+$/.test(who) ? trainees.filter((t) => t.id === who) : trainees.filter((t) => t.role === who);
}

/**
 * Advances the cue state over `events` (journal events after those already seen, in order) up to
 * sim time `nowMs`. Returns the new state (the input is not changed) and the cues that fired.
 */
export function advanceCues(
  cues: readonly Cue[],
  prev: CueState,
  trainees: readonly Trainee[],
  events: readonly JournalEvent[],
  nowMs: number,
): { state: CueState; fired: CueFiring[] } {
  const state: CueState = structuredClone(prev);
  const fired = new Set(state.fired);
  const out: CueFiring[] = [];
  const byWorker = new Map(trainees.map((t) => [t.workerCode, t]));
  const fire = (c: Cue, simMs: number, key: string, target: Trainee | null): void => {
    if (fired.has(key)) return;
    fired.add(key);
    state.fired.push(key);
    out.push({
      cue: c.id,
      simMs,
      traineeId: target?.id ?? null,
      workerCode: target?.workerCode ?? null,
      action: c.do,
    });
  };
  const timeCues = (upTo: number): void => {
    for (const c of cues) {
      if (c.when.kind !== 'at') continue;
      const due = state.startSimMs + c.when.minutes * 60_000;
      if (due > upTo) continue;
      if (c.do.who === undefined) fire(c, due, c.id, null);
      else for (const t of resolveWho(c.do.who, trainees)) fire(c, due, `${c.id}@${t.id}`, t);
    }
  };
  for (const e of events) {
    if (e.t > nowMs) break;
    timeCues(e.t);
    const t = e.actor ? byWorker.get(e.actor.worker) : undefined;
    if (!t) continue;
    const types = (state.types[t.workerCode] ??= {});
    types[e.type] = (types[e.type] ?? 0) + 1;
    const machine = MACHINE_OF_TYPE.get(e.type);
    if (machine !== undefined) {
      const tasks = (state.tasks[t.workerCode] ??= {});
      tasks['*'] = (tasks['*'] ?? 0) + 1;
      tasks[machine] = (tasks[machine] ?? 0) + 1;
    }
    for (const c of cues) {
      const w = c.when;
      if (w.kind === 'at' || !resolveWho(w.who, trainees).includes(t)) continue;
      const n =
        w.kind === 'tasksDone' ? (state.tasks[t.workerCode]?.[w.machine ?? '*'] ?? 0) : (types[w.type] ?? 0);
      if (n < w.count) continue;
      // The trainee who met the trigger gets the action, unless it names someone else.
      const targets = c.do.who === undefined || c.do.who === w.who ? [t] : resolveWho(c.do.who, trainees);
      for (const target of targets) fire(c, e.t, `${c.id}@${target.id}`, target);
    }
  }
  timeCues(nowMs);
  return { state, fired: out };
}
