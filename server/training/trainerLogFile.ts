import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainerLogRecord } from './trainerLog.ts';
import { SESSION_FILES, type HandheldAction, type TrainingSession } from './trainingTypes.ts';

/** A session's folder: `<dataDir>/training/<id>/`. */
export function sessionDir(dataRoot: string, id: string): string {
  return join(dataRoot, 'training', id);
}

/** Reads NDJSON lines, skipping a torn last line (a crash mid-append). */
function readNdjson<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  const out: T[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      break;
    }
  }
  return out;
}

/** The session as saved by the session store, or null when there is none. */
export function readSession(dir: string): TrainingSession | null {
  const f = join(dir, SESSION_FILES.session);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as TrainingSession) : null;
}

/** The trainer log of a session, in order. */
export function readTrainerLog(dir: string): TrainerLogRecord[] {
  return readNdjson<TrainerLogRecord>(join(dir, SESSION_FILES.trainerLog));
}

/** The handheld actions of a session, in order. */
export function readActions(dir: string): HandheldAction[] {
  return readNdjson<HandheldAction>(join(dir, SESSION_FILES.actions));
}

/** Distributes Omit over the union's members, so each kind keeps its own fields. */
type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** Appends one record (numbered after the last) and fsyncs before returning it. */
export function appendTrainerLog(dir: string, rec: WithoutSeq<TrainerLogRecord>): TrainerLogRecord {
  mkdirSync(dir, { recursive: true });
  const seq = (readTrainerLog(dir).at(-1)?.seq ?? 0) + 1;
  const full = { seq, ...rec } as TrainerLogRecord;
  const fd = openSync(join(dir, SESSION_FILES.trainerLog), 'a');
  try {
    writeSync(fd, JSON.stringify(full) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return full;
}
