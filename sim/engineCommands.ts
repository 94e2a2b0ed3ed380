// The engine's command vocabulary: everything outside the core that changes a run goes through
// one of these (issue 12, "Engine boundary"), so the server never holds or mutates the world.
import type { World } from './engine/world.ts';
import { scheduleInjection } from './exceptions/scheduledInjection.ts';
import { injectException } from './exceptions/injectException.ts';
import { applyFeedEntry, feedEntriesApplied, type FeedEntry } from './mirror/feedEntry.ts';
import { recordException, type ExceptionInput } from './mirror/mirrorState.ts';
import { driveWorker, takeEntry } from './flows/handheld/handheldEntry.ts';
import type { EntryOutcome, HandheldEntry } from './flows/handheld/entryTypes.ts';
import { releaseWaveNow } from './flows/picking/orderFlow.ts';
import { lockAisle, unlockAisle } from './engine/aisleLockCommands.ts';

/** A change to a running simulation, as data. */
export type EngineCommand =
  /** A trainer's exception, now or at the next chance (see injectException); `at`: armed at that sim time. */
  | { type: 'inject'; cause: string; bin?: string; worker?: string; at?: number }
  /** One accepted feed message (scan, EPCIS event, open orders, count decision) under its key. */
  | { type: 'feed'; key: string; entry: FeedEntry }
  /** A feed message that could not be applied, kept as a mirror exception for people to review. */
  | { type: 'feed.exception'; exception: ExceptionInput }
  /** Runs to the next pending event's time (everything due then), for single-stepping. */
  | { type: 'step' }
  /** A worker is driven by a person on a handheld from now on (`person: false`: by the simulation again). */
  | { type: 'rf.drive'; worker: string; person: boolean }
  /** One handheld entry of a person-driven worker (a scan, a keyed value or an exit). */
  | { type: 'rf.entry'; entry: HandheldEntry }
  /** Releases the orders waiting for the next wave now (wave release policy only). */
  | { type: 'wave.release' }
  /** Closes an aisle (`A-03`) to every job but counting until it is unlocked. */
  | { type: 'aisle.lock'; aisle: string }
  /** Opens a locked aisle; the workers who waited for it go on. */
  | { type: 'aisle.unlock'; aisle: string };

/** Why a command was refused: bad input, nothing to do, or the core threw while applying it. */
export type CommandErrorCode = 'invalid' | 'nothing-scheduled' | 'failed';

/** A refused command: errors are values, never exceptions thrown across the boundary. */
export interface CommandError<T extends EngineCommand['type'] = EngineCommand['type']> {
  ok: false;
  type: T;
  code: CommandErrorCode;
  message: string;
}

/** What each command returns when it was applied, by command type. */
export interface CommandSuccess {
  inject: { message: string };
  /** The sender's answer, the journal event ids made, and the feed entries applied so far. */
  feed: { reply: unknown; events?: string[]; applied: number };
  'feed.exception': { id: string };
  step: { simTime: number };
  'rf.drive': { worker: string };
  /** Accepted or refused (a refusal is an answer to the person, not a command error). */
  'rf.entry': { outcome: EntryOutcome };
  /** The wave released now (null when no order was waiting) and how many orders it holds. */
  'wave.release': { wave: string | null; orders: number };
  /** The aisle, every aisle locked afterwards, and how many waiting workers went on. */
  'aisle.lock': { aisle: string; locked: string[]; resumed: number };
  'aisle.unlock': { aisle: string; locked: string[]; resumed: number };
}

/** The result of one command type: its success shape, or a CommandError of that type. */
export type CommandResult<T extends EngineCommand['type'] = EngineCommand['type']> = T extends unknown
  ? ({ ok: true; type: T } & CommandSuccess[T]) | CommandError<T>
  : never;

/** The result of a given command. */
export type ResultOf<C extends EngineCommand> = CommandResult<C['type']>;

/**
 * Applies one command to the world. `runUntil` is the engine's own clock loop (a step advances
 * it). A throw from the core (a feed entry the mirror cannot take) comes back as `failed`.
 */
export function applyCommand<C extends EngineCommand>(
  w: World,
  cmd: C,
  runUntil: (t: number) => void,
): ResultOf<C> {
  return run(w, cmd, runUntil) as ResultOf<C>;
}

function run(w: World, cmd: EngineCommand, runUntil: (t: number) => void): CommandResult {
  switch (cmd.type) {
    case 'inject': {
      // `at`: armed at that sim time by the engine's own event queue (an exercise's time cue).
      const r =
        cmd.at === undefined
          ? injectException(w, cmd.cause, cmd.bin, cmd.worker)
          : cmd.worker === undefined || cmd.bin !== undefined
            ? { ok: false, message: 'an injection at a time is for a worker (and takes no bin)' }
            : scheduleInjection(w, cmd.cause, cmd.worker, cmd.at);
      return r.ok
        ? { ok: true, type: 'inject', message: r.message }
        : { ok: false, type: 'inject', code: 'invalid', message: r.message };
    }
    case 'feed':
      try {
        const a = applyFeedEntry(w, cmd.key, cmd.entry);
        return { ok: true, type: 'feed', ...a, applied: feedEntriesApplied(w) };
      } catch (err) {
        return { ok: false, type: 'feed', code: 'failed', message: errorText(err) };
      }
    case 'feed.exception':
      try {
        return { ok: true, type: 'feed.exception', id: recordException(w, cmd.exception).id };
      } catch (err) {
        return { ok: false, type: 'feed.exception', code: 'failed', message: errorText(err) };
      }
    case 'rf.drive': {
      const r = driveWorker(w, cmd.worker, cmd.person);
      return r.ok
        ? { ok: true, type: 'rf.drive', worker: cmd.worker }
        : { ok: false, type: 'rf.drive', code: 'invalid', message: r.reason };
    }
    case 'rf.entry':
      try {
        return { ok: true, type: 'rf.entry', outcome: takeEntry(w, cmd.entry) };
      } catch (err) {
        return { ok: false, type: 'rf.entry', code: 'failed', message: errorText(err) };
      }
    case 'wave.release': {
      const r = releaseWaveNow(w);
      return r
        ? { ok: true, type: 'wave.release', ...r }
        : {
            ok: false,
            type: 'wave.release',
            code: 'invalid',
            message: 'this scenario releases orders as they are allocated (release.policy is not "wave")',
          };
    }
    case 'aisle.lock':
    case 'aisle.unlock': {
      const r = cmd.type === 'aisle.lock' ? lockAisle(w, cmd.aisle) : unlockAisle(w, cmd.aisle);
      if (!r.ok) return { ok: false, type: cmd.type, code: 'invalid', message: r.message };
      const { aisle, locked, resumed } = r;
      return { ok: true, type: cmd.type, aisle, locked, resumed };
    }
    case 'step': {
      if (w.queue.size === 0)
        return {
          ok: false,
          type: 'step',
          code: 'nothing-scheduled',
          message: 'nothing is scheduled: the run has no next event',
        };
      runUntil(w.queue.peekTime());
      return { ok: true, type: 'step', simTime: w.now };
    }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
