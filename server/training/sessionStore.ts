import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../live/atomicWrite.ts';
import { tokenHash } from '../live/tokens.ts';
import {
  SESSION_FILES,
  type HandheldAction,
  type PendingTrainee,
  type Trainee,
  type TraineeRole,
  type TrainingSession,
} from './trainingTypes.ts';

/** The alphabet of session codes: no 0/O, 1/I look-alikes (read aloud in a classroom). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A trainee token's prefix, so a leaked one is recognisable (and never mistaken for a staff token). */
export const TRAINEE_TOKEN_PREFIX = 'rf_';

/** Who a trainee token belongs to. */
export interface TraineeAuth {
  session: TrainingSession;
  /** The trainee with a role and worker, or the one still waiting for a role. */
  trainee: Trainee | PendingTrainee;
}

/**
 * Training sessions on disk: `<dataDir>/training/<id>/session.json` (written atomically) and the
 * handheld action log `actions.ndjson` (appended and fsynced per action). Sessions are kept in
 * memory once loaded; one process owns the folder.
 */
export class SessionStore {
  private readonly sessions = new Map<string, TrainingSession>();
  private readonly seqs = new Map<string, number>();
  /** Appends in progress per session, chained so lines never interleave and seq stays in order. */
  private readonly appends = new Map<string, Promise<unknown>>();

  /** Opens (creating) the training folder and loads every saved session. */
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
    for (const id of readdirSync(root)) {
      const file = join(root, id, SESSION_FILES.session);
      if (!/^S[0-9a-f]{8}$/.test(id) || !existsSync(file)) continue;
      const s = JSON.parse(readFileSync(file, 'utf8')) as TrainingSession;
      this.sessions.set(id, s);
      const log = join(root, id, SESSION_FILES.actions);
      this.seqs.set(id, existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);
    }
  }

  /** A new open session with a fresh id and a code no open session uses. */
  create(
    o: { scenario: string; exercise: string | null; speed: number; runId?: string; startSimMs?: number },
    now: Date,
  ): TrainingSession {
    let id: string;
    do id = `S${randomBytes(4).toString('hex')}`;
    while (this.sessions.has(id));
    let code: string;
    do code = Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    while ([...this.sessions.values()].some((s) => s.code === code && s.state !== 'ended'));
    const s: TrainingSession = {
      id,
      code,
      scenario: o.scenario,
      exercise: o.exercise,
      speed: o.speed,
      state: 'running',
      createdAt: now.toISOString(),
      trainees: [],
      pending: [],
      ...(o.runId ? { runId: o.runId } : {}),
      ...(o.startSimMs !== undefined ? { startSimMs: o.startSimMs } : {}),
    };
    mkdirSync(join(this.root, id), { recursive: true });
    this.sessions.set(id, s);
    this.seqs.set(id, 0);
    this.save(s);
    return s;
  }

  /** Every session, newest first. */
  list(): TrainingSession[] {
    return [...this.sessions.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }

  /** A session by id. */
  get(id: string): TrainingSession | undefined {
    return this.sessions.get(id);
  }

  /** The session an unended code opens (codes compare case-insensitively). */
  byCode(code: string): TrainingSession | undefined {
    const c = code.toUpperCase();
    return [...this.sessions.values()].find((s) => s.code === c && s.state !== 'ended');
  }

  /** A trainee joins: a pending entry (no role yet) and the token, returned once and stored hashed. */
  join(s: TrainingSession, name: string, now: Date): { trainee: PendingTrainee; token: string } {
    const token = `${TRAINEE_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
    const n = s.trainees.length + (s.pending?.length ?? 0) + 1;
    const trainee: PendingTrainee = {
      id: `T${n}`,
      name,
      tokenSha256: tokenHash(token),
      joinedAt: now.toISOString(),
    };
    (s.pending ??= []).push(trainee);
    this.save(s);
    return { trainee, token };
  }

  /** Gives a pending trainee a role and the worker they drive. */
  assign(s: TrainingSession, traineeId: string, role: TraineeRole, workerCode: string): Trainee {
    const i = (s.pending ?? []).findIndex((p) => p.id === traineeId);
    if (i < 0) throw new Error(`no trainee ${traineeId} waiting for a role in session ${s.id}`);
    const p = s.pending![i]!;
    const t: Trainee = { ...p, role, workerCode };
    s.pending!.splice(i, 1);
    s.trainees.push(t);
    this.save(s);
    return t;
  }

  /**
   * Gives a handed-back trainee a new role: a new seat (the next `T` id) on `workerCode` with the
   * same name and token hash, so their handheld carries on; the old seat stays for its score.
   */
  reseat(s: TrainingSession, traineeId: string, role: TraineeRole, workerCode: string): Trainee {
    const old = s.trainees.find((x) => x.id === traineeId);
    if (!old) throw new Error(`no seated trainee ${traineeId} in session ${s.id}`);
    if (old.handedBackAt === undefined) throw new Error(`${traineeId} still drives ${old.workerCode}`);
    const t: Trainee = {
      id: `T${s.trainees.length + (s.pending?.length ?? 0) + 1}`,
      name: old.name,
      role,
      workerCode,
      tokenSha256: old.tokenSha256,
      joinedAt: old.joinedAt,
      reseatOf: old.id,
    };
    s.trainees.push(t);
    this.save(s);
    return t;
  }

  /** Marks a seated trainee's worker as handed back to the simulation at sim `simMs` (saved at once). */
  handBack(s: TrainingSession, traineeId: string, at: Date, simMs: number): Trainee {
    const t = s.trainees.find((x) => x.id === traineeId);
    if (!t) throw new Error(`no seated trainee ${traineeId} in session ${s.id}`);
    t.handedBackAt = at.toISOString();
    t.handedBackSimMs = simMs;
    this.save(s);
    return t;
  }

  /** The session and trainee a trainee token belongs to (constant-time hash compare), or null. */
  authenticate(token: unknown): TraineeAuth | null {
    if (typeof token !== 'string' || !token.startsWith(TRAINEE_TOKEN_PREFIX) || token.length > 100)
      return null;
    const h = Buffer.from(tokenHash(token), 'hex');
    for (const s of this.sessions.values()) {
      if (s.state === 'ended') continue;
      // A re-roled trainee has several seats with one token: the newest (last) is theirs now.
      let hit: Trainee | PendingTrainee | null = null;
      for (const t of [...s.trainees, ...(s.pending ?? [])])
        if (timingSafeEqual(Buffer.from(t.tokenSha256, 'hex'), h)) hit = t;
      if (hit) return { session: s, trainee: hit };
    }
    return null;
  }

  /** Writes a session's file (atomically: a crash leaves the old or the new one). */
  save(s: TrainingSession): void {
    writeFileAtomic(join(this.root, s.id, SESSION_FILES.session), JSON.stringify(s, null, 2) + '\n');
  }

  /**
   * Appends one handheld action (its `seq` is given here) and fsyncs the log before resolving,
   * so the handheld is answered only about what is on disk.
   */
  appendAction(sessionId: string, a: Omit<HandheldAction, 'seq'>): Promise<HandheldAction> {
    const prev = this.appends.get(sessionId) ?? Promise.resolve();
    const next = prev.then(async () => {
      const seq = (this.seqs.get(sessionId) ?? 0) + 1;
      const line: HandheldAction = { seq, ...a };
      const fh = await open(join(this.root, sessionId, SESSION_FILES.actions), 'a');
      try {
        await fh.appendFile(JSON.stringify(line) + '\n');
        await fh.sync();
      } finally {
        await fh.close();
      }
      this.seqs.set(sessionId, seq);
      return line;
    });
    this.appends.set(
      sessionId,
      next.catch(() => undefined),
    );
    return next;
  }

  /** A session's handheld actions, in order. */
  actions(sessionId: string): HandheldAction[] {
    const file = join(this.root, sessionId, SESSION_FILES.actions);
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as HandheldAction);
  }
}
