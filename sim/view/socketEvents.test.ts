// Type-level checks (enforced by `tsc --noEmit` in `npm test`): the Socket.IO event maps are
// derived from the protocol's messages, so a message type and its event cannot drift apart.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ClientEvent } from './protocol.ts';
import {
  ServerEvent,
  type ClientToServerEvents,
  type ControlCommand,
  type ReceivedClientEvents,
  type ServerMessage,
  type ServerToClientEvents,
  type SnapshotMessage,
} from './protocol.ts';

describe('Socket.IO event maps', () => {
  it('has one server event per message type, carrying exactly that message', () => {
    expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<ServerMessage['type']>();
    expectTypeOf<Parameters<ServerToClientEvents['state.snapshot']>[0]>().toEqualTypeOf<SnapshotMessage>();
    expect(Object.values(ServerEvent).sort()).toEqual(
      [
        'alert',
        'forecast.result',
        'network.overview',
        'session.welcome',
        'state.delta',
        'state.positions',
        'state.snapshot',
        'training.points',
        'training.scores',
        'training.timeline',
        'training.trainees',
      ].sort(),
    );
  });

  it('names every client event the protocol lists; the server receives them untrusted', () => {
    expectTypeOf<keyof ClientToServerEvents>().toEqualTypeOf<
      (typeof ClientEvent)[keyof typeof ClientEvent]
    >();
    expectTypeOf<Parameters<ClientToServerEvents['control']>[0]>().toEqualTypeOf<ControlCommand>();
    expectTypeOf<Parameters<ReceivedClientEvents['control']>[0]>().toEqualTypeOf<unknown>();
  });
});
