import type { JournalEvent } from '../../sim/index.ts';
import type { HandheldAction, Trainee } from './trainingTypes.ts';

// Small hand-made records for the training unit tests (cue engine, scoring).

/** A trainee of `role` driving `workerCode`. */
export function trainee(id: string, role: Trainee['role'], workerCode: string): Trainee {
  return {
    id,
    name: id,
    role,
    workerCode,
    tokenSha256: '0'.repeat(64),
    joinedAt: '2026-12-02T00:00:00.000Z',
  };
}

let seq = 0;
/** A journal event of `type` at `t` by `worker` (seq numbered in call order). */
export function ev(t: number, type: string, worker?: string, more: Partial<JournalEvent> = {}): JournalEvent {
  seq++;
  const e = { id: `E${seq}`, seq, t, type, site: 'DC1', ...more } as JournalEvent;
  if (worker !== undefined) e.actor = { worker, role: 'picker', ...more.actor };
  return e;
}

/** A handheld action (defaults: accepted scan of a bin label in a pick task). */
export function act(simMs: number, more: Partial<HandheldAction>): HandheldAction {
  return {
    seq: 0,
    simMs,
    wallIso: '2026-12-02T00:00:00.000Z',
    traineeId: 'T1',
    workerCode: 'P01',
    machine: 'pickTask',
    taskId: 'PT-1',
    state: 'pickTask.atBin',
    input: 'binLabel',
    via: 'scan',
    raw: 'A-01-01-A',
    outcome: 'accepted',
    ...more,
  };
}
