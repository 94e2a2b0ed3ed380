import { z } from 'zod';
import type { ViewDelta } from './diff.ts';
import type { AlertView, BinTable, RunStatus, ViewState } from './viewState.ts';
import type { InjectableCause } from '../exceptions/injectableCauses.ts';
import type { ForecastMessage } from './forecastMessage.ts';
import type { NetworkView } from '../network/networkView.ts';
import type {
  TrainingScoresMessage,
  WatchTrainingReply,
  WatchTrainingRequest,
} from './trainingScoresMessage.ts';
import type {
  TrainingPointsMessage,
  TrainingTimelineMessage,
  TrainingTraineesMessage,
} from './trainingConsoleMessages.ts';

export type { InjectableCause, InjectParam } from '../exceptions/injectableCauses.ts';
export type { ForecastMessage, ForecastResult, ForecastArm, ForecastMean } from './forecastMessage.ts';
export {
  watchTrainingSchema,
  type TrainingScoreRow,
  type TrainingScoresMessage,
  type WatchTrainingReply,
  type WatchTrainingRequest,
} from './trainingScoresMessage.ts';
export type {
  TrainingPendingRow,
  TrainingPointsMessage,
  TrainingSeatRow,
  TrainingTimelineItem,
  TrainingTimelineMessage,
  TrainingTraineesMessage,
} from './trainingConsoleMessages.ts';
// Viewers label alerts and journal lines from the transaction catalogue (the client's entry point).
export { transactionLabel, type TransactionLabel } from '../journal/transactionCatalogue.ts';

/**
 * The live wire protocol between server and client, typed once for both ends. Socket.IO event
 * names equal the message `type`. Every message carries `v`; a client seeing another version
 * reloads. Flow: on join (and whenever a session was not recovered, or a gap shows) the server
 * sends `state.snapshot`; then one reliable `state.delta` per changed tick (seq + 1 each), a
 * volatile `state.positions` per tick with workers' positions, and reliable `alert` messages
 * for business events. Controls go up as `control` with an acknowledgement callback.
 */
export const PROTOCOL_VERSION = 1;

/** Server → client message types (also the Socket.IO event names). */
export const ServerEvent = {
  welcome: 'session.welcome',
  snapshot: 'state.snapshot',
  delta: 'state.delta',
  positions: 'state.positions',
  alert: 'alert',
  forecast: 'forecast.result',
  network: 'network.overview',
  trainingScores: 'training.scores',
  trainingTrainees: 'training.trainees',
  trainingPoints: 'training.points',
  trainingTimeline: 'training.timeline',
} as const;

/** Client → server message types (also the Socket.IO event names). */
export const ClientEvent = {
  subscribe: 'view.subscribe',
  resync: 'view.resync',
  control: 'control',
  watchTraining: 'training.watch',
} as const;

/** Access roles, least to most. */
export const ROLES = ['viewer', 'trainer', 'admin'] as const;
/** One access role. */
export type Role = (typeof ROLES)[number];

/** First message after connecting: who you are and whether your session was recovered. */
export interface WelcomeMessage {
  type: 'session.welcome';
  v: number;
  role: Role;
  recovered: boolean;
  /** Exceptions `control.inject` accepts, with labels and parameters: the trainer's menu is built from this. */
  causes: InjectableCause[];
  /** The sites this server serves (one, or every site of a network run), first = the default. */
  sites: string[];
  /** The site this connection watches; null when the one asked for (`auth.site`) is not served. */
  site: string | null;
}

/** The network overview (sites' tiles, lanes, network KPIs), to the `network` room, once a second. */
export interface NetworkMessage {
  type: 'network.overview';
  v: number;
  view: NetworkView;
}

/** The full view of the subscribed room (site or zone), tagged with its seq. */
export interface SnapshotMessage {
  type: 'state.snapshot';
  v: number;
  /** The zone this view is limited to, or null for the whole site. */
  zone: string | null;
  view: ViewState;
}

/** A reliable delta; positions travel separately in `state.positions`. */
export interface DeltaMessage {
  type: 'state.delta';
  v: number;
  delta: Omit<ViewDelta, 'positions'>;
}

/** Volatile worker positions (x, y interleaved, in `view.workers` order) as of tick `seq`. */
export interface PositionsMessage {
  type: 'state.positions';
  v: number;
  seq: number;
  simTime: number;
  xy: Float64Array;
}

/** How an alert message relates to the open list: opened, closed, or a one-off business event. */
export type AlertChange = 'raised' | 'cleared' | 'event';

/** A reliable business event: an alert opened or closed, or a journal event worth telling (counts, shorts). */
export interface AlertMessage {
  type: 'alert';
  v: number;
  /** The view seq it belongs to (events: the tick whose journal held it). */
  seq: number;
  change: AlertChange;
  alert: AlertView;
}

/** Any server → client message. */
export type ServerMessage =
  | WelcomeMessage
  | SnapshotMessage
  | DeltaMessage
  | PositionsMessage
  | AlertMessage
  | ForecastMessage
  | NetworkMessage
  | TrainingScoresMessage
  | TrainingTraineesMessage
  | TrainingPointsMessage
  | TrainingTimelineMessage;

const zoneId = z.string().min(1).max(40);
const siteId = z.string().min(1).max(40);

/**
 * `view.subscribe`: watch the whole site (zone null or absent) or one zone; `site` picks one site
 * of a network run (absent: the connection's site), and `network: true` the overview instead.
 */
export const subscribeSchema = z
  .object({
    type: z.literal('view.subscribe'),
    zone: zoneId.nullable().optional(),
    site: siteId.optional(),
    network: z.boolean().optional(),
  })
  .strict();
/** A subscribe request. */
export type SubscribeRequest = z.infer<typeof subscribeSchema>;

/** `view.resync`: the client saw a gap after `lastSeq` and wants a fresh snapshot. */
export const resyncSchema = z
  .object({ type: z.literal('view.resync'), lastSeq: z.number().int().min(-1) })
  .strict();
/** A resync request. */
export type ResyncRequest = z.infer<typeof resyncSchema>;

/** Slowest and fastest paced speeds (sim ms per wall ms); 'max' runs unpaced. */
export const MIN_SPEED = 0.25;
/** See MIN_SPEED. */
export const MAX_SPEED = 1000;

/** Every control command, validated at the socket edge. */
export const controlSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('control.pause') }).strict(),
  z.object({ type: z.literal('control.resume') }).strict(),
  z
    .object({
      type: z.literal('control.speed'),
      speed: z.union([z.number().min(MIN_SPEED).max(MAX_SPEED), z.literal('max')]),
    })
    .strict(),
  z.object({ type: z.literal('control.step') }).strict(),
  z.object({ type: z.literal('control.jump'), simTime: z.number().int().nonnegative() }).strict(),
  z
    .object({
      type: z.literal('control.reset'),
      seed: z.union([z.number().int(), z.string().min(1)]).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('control.load'),
      scenario: z.string().min(1).max(200),
      seed: z.union([z.number().int(), z.string().min(1)]).optional(),
    })
    .strict(),
  z
    .object({ type: z.literal('control.inject'), exception: z.string().min(1), bin: z.string().optional() })
    .strict(),
]);
/** One control command. */
export type ControlCommand = z.infer<typeof controlSchema>;
/** Control command types. */
export type ControlType = ControlCommand['type'];

/** Why a control command failed. */
export type ControlErrorCode = 'forbidden' | 'invalid' | 'unsupported' | 'failed' | 'rate-limited';

/** Acknowledgement of a control command: done, and the run's state afterwards. */
export interface ControlAck {
  type: 'control.ack';
  command: ControlType;
  run: RunStatus;
  simTime: number;
  /** What happened, in words, where there is more to say than "done" (an injection: at once or armed). */
  message?: string;
}

/** A refused or failed control command, with what went wrong in words. */
export interface ControlError {
  type: 'control.error';
  command: string;
  code: ControlErrorCode;
  message: string;
}

/** The reply to a `control` message (through the Socket.IO acknowledgement). */
export type ControlReply = ControlAck | ControlError;

/** The reply to `view.subscribe` (through the Socket.IO acknowledgement). */
export type SubscribeReply =
  { ok: true; zone: string | null; site?: string | null } | { ok: false; message: string };

/**
 * Server → client Socket.IO events, derived from ServerMessage: each event is named by its
 * message's `type` and carries that message, so a new message type is a new typed event.
 */
export type ServerToClientEvents = { [M in ServerMessage as M['type']]: (msg: M) => void };

/** Client → server Socket.IO events as the client sends them (ack callbacks included). */
export interface ClientToServerEvents {
  'view.subscribe': (msg: SubscribeRequest, ack?: (reply: SubscribeReply) => void) => void;
  'view.resync': (msg: ResyncRequest) => void;
  control: (msg: ControlCommand, ack: (reply: ControlReply) => void) => void;
  'training.watch': (msg: WatchTrainingRequest, ack?: (reply: WatchTrainingReply) => void) => void;
}

/**
 * The same events as the server receives them: every argument untrusted (`unknown`) until
 * validated with the schemas above; a client need not send an acknowledgement callback.
 */
export type ReceivedClientEvents = {
  [K in keyof ClientToServerEvents]: (msg?: unknown, ack?: unknown) => void;
};

/** Typed array constructors used on the wire. */
type TypedCtor<T> = {
  new (buffer: ArrayBuffer): T;
  BYTES_PER_ELEMENT: number;
  from(a: ArrayLike<number>): T;
};

/**
 * Rebuilds a typed array from what a parser handed over: msgpack gives an ArrayBuffer, the
 * default parser a Buffer/Uint8Array view, JSON a plain array. Always copies, so the result owns
 * its buffer (msgpack encodes the whole underlying buffer of a view).
 */
export function typedFromWire<T>(raw: unknown, Ctor: TypedCtor<T>, field: string): T {
  // notepack's browser decoder hands a Node-encoded typed array over as msgpack ext `[type, ArrayBuffer]`.
  if (Array.isArray(raw) && raw.length === 2 && typeof raw[0] === 'number' && raw[1] instanceof ArrayBuffer) {
    raw = raw[1];
  }
  if (raw instanceof ArrayBuffer) return new Ctor(raw.slice(0));
  if (ArrayBuffer.isView(raw)) {
    const bytes = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer;
    if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) throw new Error(`${field}: truncated binary array`);
    return new Ctor(bytes);
  }
  if (Array.isArray(raw)) return Ctor.from(raw as number[]);
  throw new Error(`${field}: expected a binary array`);
}

/** Restores typed arrays in a received bin table. */
export function binTableFromWire(raw: BinTable): BinTable {
  return {
    index: typedFromWire(raw.index, Uint32Array, 'bins.index'),
    code: raw.code,
    x: typedFromWire(raw.x, Float64Array, 'bins.x'),
    y: typedFromWire(raw.y, Float64Array, 'bins.y'),
    zone: typedFromWire(raw.zone, Uint8Array, 'bins.zone'),
    type: typedFromWire(raw.type, Uint8Array, 'bins.type'),
    status: typedFromWire(raw.status, Uint8Array, 'bins.status'),
    fill: typedFromWire(raw.fill, Uint8Array, 'bins.fill'),
    systemQty: typedFromWire(raw.systemQty, Float64Array, 'bins.systemQty'),
    physicalQty: typedFromWire(raw.physicalQty, Float64Array, 'bins.physicalQty'),
  };
}

/** A received snapshot with its typed arrays restored. */
export function snapshotFromWire(msg: SnapshotMessage): SnapshotMessage {
  return { ...msg, view: { ...msg.view, bins: binTableFromWire(msg.view.bins) } };
}

/** A received delta with its typed arrays restored. */
export function deltaFromWire(msg: DeltaMessage): DeltaMessage {
  const b = msg.delta.bins;
  if (!b) return msg;
  return {
    ...msg,
    delta: {
      ...msg.delta,
      bins: {
        index: typedFromWire(b.index, Uint32Array, 'bins.index'),
        status: typedFromWire(b.status, Uint8Array, 'bins.status'),
        fill: typedFromWire(b.fill, Uint8Array, 'bins.fill'),
        systemQty: typedFromWire(b.systemQty, Float64Array, 'bins.systemQty'),
        physicalQty: typedFromWire(b.physicalQty, Float64Array, 'bins.physicalQty'),
      },
    },
  };
}

/** A received positions message with its typed array restored. */
export function positionsFromWire(msg: PositionsMessage): PositionsMessage {
  return { ...msg, xy: typedFromWire(msg.xy, Float64Array, 'xy') };
}
