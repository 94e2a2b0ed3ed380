import { sliceDelta, type AlertView, type ViewDelta } from '../../sim/viewApi.ts';
import {
  PROTOCOL_VERSION,
  ServerEvent,
  type AlertMessage,
  type DeltaMessage,
  type PositionsMessage,
  type SnapshotMessage,
} from '../../sim/view/protocol.ts';
import { transactionSpec, type JournalEvent } from '../../sim/index.ts';
import type { TickOutput } from './runner.ts';
import type { LiveIo } from './streamRooms.ts';

/**
 * Sends one tick of one site to its viewers: a snapshot to every room after a reset, else the
 * volatile positions, the reliable delta (sliced per zone room) and the alert messages.
 */
export function broadcast(
  io: LiveIo,
  site: string,
  out: TickOutput,
  multiSite: boolean,
  snapshotFor: (site: string, zone: string | null) => SnapshotMessage,
  roomOf: (site: string, zone: string | null) => string,
): void {
  const rooms = io.of('/').adapter.rooms;
  const zones = out.view.zones.map((z) => z.id).filter((z) => (rooms.get(roomOf(site, z))?.size ?? 0) > 0);
  const siteRoom = roomOf(site, null);
  // Everyone watching this site (one process, one site: everyone, as before networks).
  const allOfSite = multiSite ? io.to([siteRoom, ...zones.map((z) => roomOf(site, z))]) : io;
  if (out.reset || !out.delta) {
    // A new run: every viewer starts over from a snapshot.
    io.to(siteRoom).emit(ServerEvent.snapshot, snapshotFor(site, null));
    for (const z of zones) io.to(roomOf(site, z)).emit(ServerEvent.snapshot, snapshotFor(site, z));
    return;
  }
  const { positions, ...reliable } = out.delta;
  const deltaMsg = (d: Omit<ViewDelta, 'positions'>): DeltaMessage => ({
    type: ServerEvent.delta,
    v: PROTOCOL_VERSION,
    delta: d,
  });
  if (positions) {
    const msg: PositionsMessage = {
      type: ServerEvent.positions,
      v: PROTOCOL_VERSION,
      seq: out.view.seq,
      simTime: out.view.simTime,
      xy: positions,
    };
    // Volatile, and first: a volatile packet is dropped while the transport is still writing,
    // so sent after the delta it would nearly always be lost. A slow viewer skips frames; the
    // next one is absolute.
    allOfSite.volatile.emit(ServerEvent.positions, msg);
  }
  io.to(siteRoom).emit(ServerEvent.delta, deltaMsg(reliable));
  for (const z of zones)
    io.to(roomOf(site, z)).emit(ServerEvent.delta, deltaMsg(sliceDelta(reliable, out.view, z)));
  const seq = out.view.seq;
  const send = (change: AlertMessage['change'], alert: AlertView): void => {
    const msg: AlertMessage = { type: ServerEvent.alert, v: PROTOCOL_VERSION, seq, change, alert };
    if (alert.zone === undefined) allOfSite.emit(ServerEvent.alert, msg);
    else io.to(siteRoom).to(roomOf(site, alert.zone)).emit(ServerEvent.alert, msg);
  };
  // New alerts carry this tick's time (open ones keep their first-seen time), so this picks the new ones.
  for (const a of out.delta.alerts?.upsert ?? []) if (a.since === out.view.simTime) send('raised', a);
  for (const id of out.delta.alerts?.clear ?? []) {
    send('cleared', {
      id,
      kind: id.split(':')[0] ?? id,
      severity: 'info',
      message: `${id} cleared`,
      since: out.view.simTime,
    });
  }
  for (const e of out.events) send('event', journalAlert(e));
}

/** A journal business event as a one-off alert, at the level its catalogue entry gives. */
function journalAlert(e: JournalEvent): AlertView {
  const spec = transactionSpec(e.type);
  const what = [
    e.bin,
    e.sku,
    e.lot,
    e.qty === undefined ? undefined : `${e.qty} ${e.uom ?? ''}`.trim(),
    e.reason,
  ]
    .filter((x) => x !== undefined && x !== '')
    .join(' ');
  return {
    id: `journal:${e.seq}`,
    kind: e.type,
    severity: spec.alert === 'none' ? 'info' : spec.alert,
    message: what ? `${e.type}: ${what}` : e.type,
    since: e.t,
    ...(e.bin === undefined ? {} : { bin: e.bin }),
  };
}
