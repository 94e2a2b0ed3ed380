import type { JournalEventBody } from '../journal/journalEvent.ts';
import type { World } from '../engine/world.ts';
import { defineFlow, type FlowHost } from '../engine/defineFlow.ts';

/** One feed message the twin could not apply: kept (with what was sent) so nothing is lost. */
export interface MirrorException {
  /** `X` + sequence number. */
  id: string;
  /** Sim time it was recorded. */
  t: number;
  /** Where it came from: `epcis` or `scan`. */
  source: 'epcis' | 'scan';
  /** Idempotency key of the message (eventID, event hash or client event id). */
  key: string;
  /** Machine-readable kind: unknown-item, unknown-location, over-quantity, out-of-sequence … */
  kind: string;
  /** What was wrong, for people. */
  reason: string;
  bin?: string;
  device?: string;
  /**
   * The message as received (an EPCIS event or a scan) as JSON, cut to MAX_EXCEPTION_MESSAGE
   * characters: plain bounded data, so a hostile message can never make a snapshot deep or
   * large (the whole message stays in the durable feed log for reprocessing).
   */
  message: string;
  /** True when `message` was cut. */
  truncated?: boolean;
}

/** What a caller records: the message as received, in any shape (it is summarised). */
export type ExceptionInput = Omit<MirrorException, 'id' | 't' | 'message' | 'truncated'> & {
  message: unknown;
};

/** What mirror mode keeps in the world (in `world.flow.mirror`, so snapshots carry it). */
export interface MirrorState {
  exceptions: MirrorException[];
  /** Exceptions recorded so far (ids keep counting when old ones are dropped). */
  exceptionCount: number;
  /** Journal bodies applied per EPCIS event id, so an error declaration can reverse them. */
  byEvent: Record<string, JournalEventBody[]>;
  /** Insertion order of `byEvent`, oldest first, to bound it. */
  eventOrder: string[];
  /** Feed entries applied so far (absent before the first); a resume re-applies those after it. */
  applied?: number;
}

/** Exceptions kept in the world; older ones stay in the durable feed log only. */
export const MAX_EXCEPTIONS = 500;
/** EPCIS events remembered for corrections. */
export const MAX_REMEMBERED_EVENTS = 50_000;
/** Characters of a message kept with its exception. */
export const MAX_EXCEPTION_MESSAGE = 2048;
/** Characters of a reason or key kept with an exception. */
const MAX_EXCEPTION_TEXT = 512;

/**
 * Mirror mode as a flow module: a state slice and no handlers (live feeds, not the engine's
 * clock, drive it).
 */
export const mirror = defineFlow({
  name: 'mirror',
  state: (): MirrorState => ({ exceptions: [], exceptionCount: 0, byEvent: {}, eventOrder: [] }),
});

/** The mirror flow as registered (state only). */
export const mirrorFlow = mirror.flow({});

/** The mirror state of a world, created on first use. */
export function mirrorState(w: FlowHost): MirrorState {
  return mirror.state(w);
}

/** Records an exception (bounded list, newest last) and returns it. */
export function recordException(w: World, x: ExceptionInput): MirrorException {
  const s = mirrorState(w);
  const json = summarise(x.message);
  const e: MirrorException = {
    id: `X${++s.exceptionCount}`,
    t: w.now,
    ...x,
    key: x.key.slice(0, MAX_EXCEPTION_TEXT),
    reason: x.reason.slice(0, MAX_EXCEPTION_TEXT),
    ...(x.bin !== undefined ? { bin: x.bin.slice(0, MAX_EXCEPTION_TEXT) } : {}),
    message: json.slice(0, MAX_EXCEPTION_MESSAGE),
    ...(json.length > MAX_EXCEPTION_MESSAGE ? { truncated: true } : {}),
  };
  s.exceptions.push(e);
  if (s.exceptions.length > MAX_EXCEPTIONS) s.exceptions.splice(0, s.exceptions.length - MAX_EXCEPTIONS);
  return e;
}

/** Remembers what an EPCIS event did, for a later error declaration. */
export function rememberEvent(w: World, eventId: string, bodies: JournalEventBody[]): void {
  const s = mirrorState(w);
  if (!(eventId in s.byEvent)) s.eventOrder.push(eventId);
  s.byEvent[eventId] = bodies;
  while (s.eventOrder.length > MAX_REMEMBERED_EVENTS) delete s.byEvent[s.eventOrder.shift()!];
}

/** JSON of a message, or a note when it cannot be serialised (never throws). */
function summarise(m: unknown): string {
  try {
    return JSON.stringify(m) ?? String(m);
  } catch {
    return '(message could not be serialised)';
  }
}
